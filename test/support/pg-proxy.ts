/**
 * A TCP proxy between the API and its database server that can take the
 * database away (every connection dropped, new ones refused) and can stop a
 * writer at one exact point: after the server has committed a transaction
 * that inserted into `events`, before the writer hears of it.
 */
import net from 'node:net';

export interface PgProxy {
  /** postgres://… through the proxy. */
  url: string;
  /** Drops every connection and refuses new ones until `up()`. */
  down: () => void;
  up: () => void;
  /**
   * Arms the proxy: at the next CommandComplete of `COMMIT` closing a
   * transaction that inserted into `events`, runs `action` (e.g. SIGKILL of
   * the writer's process), drops those bytes and the connection. Resolves
   * once that happened.
   */
  onEventsCommit: (action: () => void) => Promise<void>;
  close: () => Promise<void>;
}

const INSERT_EVENTS = Buffer.from('INSERT INTO events');
const COMMIT_TAG = Buffer.from('COMMIT\0');
const ROLLBACK_TAG = Buffer.from('ROLLBACK\0');

export async function startPgProxy(target: { host?: string; port: number }): Promise<PgProxy> {
  const pairs = new Set<{ client: net.Socket; server: net.Socket }>();
  let isDown = false;
  let armed: { action: () => void; done: () => void } | undefined;

  const proxy = net.createServer((client) => {
    if (isDown) {
      client.destroy();
      return;
    }
    const server = net.connect(target.port, target.host ?? '127.0.0.1');
    const pair = { client, server };
    pairs.add(pair);
    let insertedEvents = false;
    // Server → client messages are framed (type byte, int32 length); only whole ones are inspected.
    let rest: Buffer = Buffer.alloc(0);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      server.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (chunk.includes(INSERT_EVENTS)) insertedEvents = true;
      server.write(chunk);
    });
    server.on('data', (chunk: Buffer) => {
      rest = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      let committed = false;
      let rolledBack = false;
      while (rest.length >= 5) {
        const len = rest.readInt32BE(1);
        if (rest.length < 1 + len) break;
        const type = rest[0];
        if (type === 0x43 /* CommandComplete */) {
          const tag = rest.subarray(5, 1 + len);
          if (tag.equals(COMMIT_TAG)) committed = true;
          else if (tag.equals(ROLLBACK_TAG)) rolledBack = true;
        }
        rest = rest.subarray(1 + len);
      }
      if (committed && insertedEvents && armed) {
        const { action, done } = armed;
        armed = undefined;
        action();
        drop();
        done();
        return;
      }
      if (committed || rolledBack) insertedEvents = false;
      client.write(chunk);
    });
    client.on('error', drop);
    server.on('error', drop);
    client.on('close', drop);
    server.on('close', drop);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as net.AddressInfo;

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    down: () => {
      isDown = true;
      for (const p of [...pairs]) {
        pairs.delete(p);
        p.client.destroy();
        p.server.destroy();
      }
    },
    up: () => {
      isDown = false;
    },
    onEventsCommit: (action) => new Promise<void>((done) => (armed = { action, done })),
    close: async () => {
      for (const p of pairs) {
        p.client.destroy();
        p.server.destroy();
      }
      pairs.clear();
      await new Promise<void>((r) => proxy.close(() => r()));
    },
  };
}
