import pg from 'pg';
import { type Db, type Queryable, type QueryResult, DatabaseUnusableError, INT8_OID, NUMERIC_OID, toNumber } from './driver.js';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return toNumber;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function wrap(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await q.query(sql, params);
      return { rows: r.rows as T[], affectedRows: r.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await q.query(sql);
    },
  };
}

export interface PgOptions {
  /** Pool size. A pglite-socket server answers one connection at a time: use 1 there. */
  max?: number;
}

/** Connects to a TimescaleDB server; refuses a PostgreSQL without the extension. */
export async function openPg(url: string, opts: PgOptions = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 8, types });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  const db: Db = {
    kind: 'pg',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
  try {
    await ensureTimescale(db, url);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

async function ensureTimescale(db: Db, url: string): Promise<void> {
  const where = redact(url);
  const installed = await db.query<{ extversion: string }>(`SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'`);
  if (installed.rows.length > 0) return;
  const available = await db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`);
  if (available.rows.length === 0) {
    throw new DatabaseUnusableError(
      `The database at ${where} has no TimescaleDB extension. Install TimescaleDB on that server ` +
        `(https://docs.timescale.com/self-hosted/latest/install/), add timescaledb to shared_preload_libraries, ` +
        `restart it, or unset DATABASE_URL to use the embedded database.`,
    );
  }
  try {
    await db.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
  } catch (err) {
    throw new DatabaseUnusableError(
      `TimescaleDB is installed at ${where} but could not be enabled (${(err as Error).message}). ` +
        `Run "CREATE EXTENSION timescaledb;" as a superuser and check shared_preload_libraries.`,
    );
  }
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
