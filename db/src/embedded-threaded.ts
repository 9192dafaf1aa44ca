import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db, Queryable, QueryResult } from './driver.js';
import type { Reply, Request } from './embedded-worker.js';

/** The compiled worker next to this file, or in dist/ when this file runs from source (tests). */
function workerPath(): string {
  const sibling = fileURLToPath(new URL('./embedded-worker.js', import.meta.url));
  return existsSync(sibling) ? sibling : fileURLToPath(new URL('../dist/embedded-worker.js', import.meta.url));
}

export class EmbeddedQueryError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly detail?: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/**
 * The embedded database served by a worker thread (`embedded-worker.ts`). Like
 * PGlite itself it is one connection: statements run one at a time, and a
 * transaction holds the connection until it ends.
 */
export async function openEmbeddedThreaded(dataDir: string): Promise<Db> {
  const worker = new Worker(workerPath(), { workerData: { dataDir } });
  const pending = new Map<number, { resolve: (v: Reply) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  let failed: Error | undefined;
  worker.on('message', (msg: Reply) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error) p.reject(new EmbeddedQueryError(msg.error.message, msg.error.code, msg.error.detail, msg.error.hint));
    else p.resolve(msg);
  });
  const failAll = (err: Error) => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the embedded database thread exited (${code})`)));

  const call = (op: Request['op'], sql?: string, params?: unknown[], copy?: Request['copy']): Promise<Reply> => {
    if (failed) return Promise.reject(failed);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, sql, params, copy } satisfies Request);
    });
  };
  await new Promise<void>((resolve, reject) => pending.set(0, { resolve: () => resolve(), reject }));

  // One connection: a transaction excludes every other statement until it ends.
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn);
    chain = run.catch(() => undefined);
    return run;
  };
  const direct: Queryable = {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await call('query', sql, params);
      return { rows: (r.rows ?? []) as T[], affectedRows: r.affectedRows ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await call('exec', sql);
    },
    async copyFrom(table: string, columns: readonly string[], text: string): Promise<number> {
      const r = await call('copy', undefined, undefined, { table, columns: [...columns], text });
      return r.affectedRows ?? 0;
    },
  };
  return {
    kind: 'embedded',
    query: (sql, params) => exclusive(() => direct.query(sql, params)),
    exec: (sql) => exclusive(() => direct.exec(sql)),
    copyFrom: (table, columns, text) => exclusive(() => direct.copyFrom!(table, columns, text)),
    transaction: (fn) =>
      exclusive(async () => {
        await direct.exec('BEGIN');
        try {
          const result = await fn(direct);
          await direct.exec('COMMIT');
          return result;
        } catch (err) {
          await direct.exec('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
    async close() {
      await exclusive(() => call('close')).catch(() => undefined);
      await worker.terminate();
    },
  };
}
