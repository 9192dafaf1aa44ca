import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { EmbeddedDb } from './embedded.js';

/**
 * Serves an embedded database over the PostgreSQL wire protocol, so the `pg`
 * driver can be tested against a real TimescaleDB on this machine.
 */
export async function serveOverWire(db: EmbeddedDb, port = 0): Promise<{ url: string; stop: () => Promise<void> }> {
  const chosen = port || 20000 + Math.floor(Math.random() * 20000);
  // pglite-socket is typed against @electric-sql/pglite; the TimescaleDB build is the same class.
  const server = new PGLiteSocketServer({ db: db.pglite as never, port: chosen, host: '127.0.0.1' });
  await server.start();
  return { url: `postgres://postgres@127.0.0.1:${chosen}/postgres`, stop: () => server.stop() };
}
