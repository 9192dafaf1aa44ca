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
