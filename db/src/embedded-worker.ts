/**
 * The embedded TimescaleDB on a worker thread. PGlite runs PostgreSQL as
 * WebAssembly, synchronously, on the thread that calls it; on the API's main
 * thread every query would stall HTTP handling. Here it has a core of its own
 * and the main thread only exchanges messages (see `embedded-threaded.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openEmbedded } from './embedded.js';

export interface Request {
  id: number;
  op: 'query' | 'exec' | 'close';
  sql?: string;
  params?: unknown[];
}

const port = parentPort!;
const opening = openEmbedded((workerData as { dataDir: string }).dataDir);
opening.then(
  () => port.postMessage({ id: 0, ready: true }),
  (err: Error) => port.postMessage({ id: 0, error: { message: err.message } }),
);

port.on('message', async (req: Request) => {
  try {
    const db = await opening;
    if (req.op === 'query') {
      const r = await db.query(req.sql!, req.params ?? []);
      port.postMessage({ id: req.id, rows: r.rows, affectedRows: r.affectedRows });
    } else if (req.op === 'exec') {
      await db.exec(req.sql!);
      port.postMessage({ id: req.id });
    } else {
      await db.close();
      port.postMessage({ id: req.id });
    }
  } catch (err) {
    const e = err as Error & Record<string, unknown>;
    port.postMessage({ id: req.id, error: { message: e.message, code: e.code, detail: e.detail, hint: e.hint } });
  }
});
