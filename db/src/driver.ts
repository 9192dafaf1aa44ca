/**
 * One small interface over the two ways Callboard reaches TimescaleDB: the
 * embedded PGlite build (a data folder, no server) and a TimescaleDB server
 * through `pg`. Everything above this file runs the same SQL on either.
 */
export type DriverKind = 'embedded' | 'pg';

export interface QueryResult<T> {
  rows: T[];
  affectedRows: number;
}

export interface Queryable {
  /** One parameterised statement (extended protocol). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** A script of statements without parameters (simple protocol; several statements form one implicit transaction). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk load: `COPY table (columns) FROM` rows in PostgreSQL's text format
   * (`copyRow`); resolves with the rows stored. Only the embedded database
   * has it (PGlite reads the rows from a blob); callers fall back to an
   * INSERT where it is absent.
   */
  copyFrom?(table: string, columns: readonly string[], text: string): Promise<number>;
}

export interface Db extends Queryable {
  readonly kind: DriverKind;
  /** Runs `fn` in a transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Raised when the database cannot serve Callboard; the message says how to fix it. */
export class DatabaseUnusableError extends Error {
  override readonly name = 'DatabaseUnusableError';
}

/**
 * int8 (count(*), sums of integers) and numeric arrive as strings from `pg` and
 * as numbers from PGlite. Callboard's counts and seconds stay far below 2^53, so
 * both drivers turn them into numbers here, in one place.
 */
export const INT8_OID = 20;
export const NUMERIC_OID = 1700;
export const toNumber = (v: string): number => Number(v);

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The COPY statement for `copyFrom`; table and columns are names from the code, checked all the same. */
export function copyStatement(table: string, columns: readonly string[]): string {
  for (const name of [table, ...columns])
    if (!IDENTIFIER.test(name)) throw new Error(`copyFrom: ${JSON.stringify(name)} is not a plain column or table name`);
  return `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`;
}

const COPY_SPECIAL = /[\\\t\n\r]/;

/** One field in COPY's text format: `\N` for NULL; backslash, tab, line feed and carriage return escaped. */
export function copyField(v: string | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (!COPY_SPECIAL.test(v)) return v;
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** One line of COPY's text format. */
export const copyRow = (fields: readonly (string | null | undefined)[]): string => fields.map(copyField).join('\t') + '\n';
