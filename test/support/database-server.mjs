// The embedded TimescaleDB in a process of its own, served over the
// PostgreSQL wire protocol (one connection at a time), standing in for a
// database server. The parent process may also read it through the IPC
// channel ({ id, sql } → { id, rows } or { id, error }), which needs no
// connection of its own.
import { openEmbedded } from '@callboard/db';
import { serveOverWire } from '@callboard/db/testing';

const db = await openEmbedded('memory://');
const wire = await serveOverWire(db, Number(process.argv[2] ?? 0));
process.on('message', (m) => {
  db.query(m.sql).then(
    (r) => process.send({ id: m.id, rows: r.rows }),
    (err) => process.send({ id: m.id, error: String(err?.message ?? err) }),
  );
});
process.on('SIGTERM', () => {
  void wire
    .stop()
    .then(() => db.close())
    .finally(() => process.exit(0));
});
process.send({ url: wire.url });
