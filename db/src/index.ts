import { openEmbeddedThreaded } from './embedded-threaded.js';
import { openPg } from './pg.js';
import type { Db } from './driver.js';

export * from './driver.js';
export { openEmbedded, type EmbeddedDb } from './embedded.js';
export { openEmbeddedThreaded, EmbeddedQueryError } from './embedded-threaded.js';
export { openPg, redact, type PgOptions } from './pg.js';
export { migrate, MIGRATIONS_DIR, type MigrateResult } from './migrate.js';
export { EmbeddedJobRunner } from './jobs.js';
export { CONTINUOUS_AGGREGATES, refreshAggregates } from './aggregates.js';

export interface OpenOptions {
  /** A TimescaleDB server; when absent the embedded database in `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
}

export function openDatabase(opts: OpenOptions): Promise<Db> {
  return opts.databaseUrl ? openPg(opts.databaseUrl, { max: opts.poolSize }) : openEmbeddedThreaded(opts.dataDir);
}
