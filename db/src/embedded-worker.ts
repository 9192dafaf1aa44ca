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
  op: 'query' | 'exec' | 'copy' | 'close';
  sql?: string;
  params?: unknown[];
  /** copy: the table, its columns and the rows in COPY's text format. */
  copy?: { table: string; columns: string[]; text: string };
}

/** The answer to a request with the same id; id 0 answers the opening of the database. */
export interface Reply {
  id: number;
  rows?: unknown[];
  affectedRows?: number;
  error?: { message: string; code?: string; detail?: string; hint?: string };
}

const port = parentPort!;
const opening = openEmbedded((workerData as { dataDir: string }).dataDir);
opening.then(
  () => port.postMessage({ id: 0, ready: true }),
  (err: Error) => port.postMessage({ id: 0, error: { message: err.message } }),
);

/** Answers every request, a failure included: the main thread waits for each id. */
async function answer(req: Request): Promise<void> {
  const reply = (r: Reply) => port.postMessage(r);
  try {
    const db = await opening;
    if (req.op === 'query') {
      const r = await db.query(req.sql!, req.params ?? []);
      reply({ id: req.id, rows: r.rows, affectedRows: r.affectedRows });
    } else if (req.op === 'copy') {
      const { table, columns, text } = req.copy!;
      reply({ id: req.id, affectedRows: await db.copyFrom!(table, columns, text) });
    } else if (req.op === 'exec') {
      await db.exec(req.sql!);
      reply({ id: req.id });
    } else {
      await db.close();
      reply({ id: req.id });
    }
  } catch (err) {
    const e = err as Error & { code?: string; detail?: string; hint?: string };
    reply({ id: req.id, error: { message: e.message, code: e.code, detail: e.detail, hint: e.hint } });
  }
}

port.on('message', (req: Request) => void answer(req));
