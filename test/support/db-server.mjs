// The embedded TimescaleDB served over the PostgreSQL wire protocol to several
// clients at once, standing in for a TimescaleDB server that several API
// processes share. The embedded database has one session, so clients take
// turns: a client holds it from its first message until the database is idle
// again (ReadyForQuery 'I': its statement, extended-protocol sequence or
// transaction is over); the others wait. A client that disconnects while
// holding it has its open transaction rolled back.
//
//   node test/support/db-server.mjs   → prints postgres://postgres@127.0.0.1:<port>/postgres
import net from 'node:net';
import { openEmbedded } from '@callboard/db';

const db = await openEmbedded('memory://');
const pglite = db.pglite;

let owner = null;
const waiting = [];
const acquire = (client) =>
  owner === client
    ? Promise.resolve()
    : owner === null
      ? ((owner = client), Promise.resolve())
      : new Promise((resolve) => waiting.push({ client, resolve }));
function release(client) {
  if (owner !== client) return;
  const next = waiting.shift();
  owner = next ? next.client : null;
  next?.resolve();
}

/** The status of the last ReadyForQuery in a reply, or undefined when it has none. */
function readyStatus(reply) {
  let status;
  for (let i = 0; i + 5 <= reply.length;) {
    const type = reply[i];
    const length = reply.readInt32BE(i + 1);
    if (type === 0x5a) status = String.fromCharCode(reply[i + 5]);
    i += 1 + length;
  }
  return status;
}

const server = net.createServer((socket) => {
  const client = {};
  let buffer = Buffer.alloc(0);
  let started = false;
  let chain = Promise.resolve();
  socket.setNoDelay(true);

  const handle = async (message) => {
    await acquire(client);
    const reply = Buffer.from(await pglite.execProtocolRaw(new Uint8Array(message)));
    if (reply.length > 0 && socket.writable) socket.write(reply);
    if (readyStatus(reply) === 'I') release(client);
  };

  socket.on('data', (data) => {
    buffer = Buffer.concat([buffer, data]);
    for (;;) {
      let length;
      if (!started) {
        if (buffer.length < 4) break;
        length = buffer.readInt32BE(0);
      } else {
        if (buffer.length < 5) break;
        if (buffer[0] === 0x58) {
          // Terminate: the session is the database's, not the client's; just let go.
          socket.end();
          return;
        }
        length = 1 + buffer.readInt32BE(1);
      }
      if (buffer.length < length) break;
      const message = buffer.subarray(0, length);
      buffer = buffer.subarray(length);
      started = true;
      chain = chain.then(() => handle(message)).catch(() => socket.destroy());
    }
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    chain = chain.then(async () => {
      if (owner !== client) {
        const i = waiting.findIndex((w) => w.client === client);
        if (i >= 0) waiting.splice(i, 1);
        return;
      }
      await pglite.exec('ROLLBACK').catch(() => undefined);
      release(client);
    });
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`postgres://postgres@127.0.0.1:${server.address().port}/postgres\n`);
});
