/**
 * Events the database refuses. Validation turns away every known cause (NUL,
 * lone surrogates, the year 0000, deep JSON), but a value PostgreSQL still
 * refuses must fail only its own event, never the senders batched with it.
 * A refusal is a data error (SQLSTATE classes 22 data exception, 23 integrity
 * constraint, 54 program limit); anything else — a lost connection, a full
 * disk, a shutdown — is an availability error that says nothing about the
 * events and must fail (or retry) the whole batch.
 */
import type { CanonicalEvent } from '../events/event.schema.js';

const DATA_ERROR_CLASSES = new Set(['22', '23', '54']);

/** Short reasons by SQLSTATE; PostgreSQL's own messages may quote the value, which must not be echoed or logged. */
const REASONS: Record<string, string> = {
  '22001': 'a text is too long',
  '22003': 'a number is out of range',
  '22007': 'a time is not valid',
  '22008': 'a time is out of range',
  '22021': 'a character is not valid',
  '22023': 'a value is not valid',
  '22P02': 'a value has an invalid form',
  '22P05': 'a character cannot be stored',
  '23502': 'a required value is missing',
  '23505': 'a unique key is already taken',
  '23514': 'a check failed',
  '54000': 'a value is too large',
  '54001': 'the event is too complex',
};

/** The SQLSTATE of a database error, if it has one. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Whether the database refused the data itself (as opposed to being unavailable). */
export function isDataError(err: unknown): boolean {
  const code = sqlState(err);
  return code !== undefined && DATA_ERROR_CLASSES.has(code.slice(0, 2));
}

/** What a sender is told: the kind of refusal and its SQLSTATE, never the value. */
export function refusalReason(err: unknown): string {
  const code = sqlState(err) ?? 'unknown';
  return `refused by the database: ${REASONS[code] ?? 'a value is not accepted'} (SQLSTATE ${code})`;
}

export interface Refusal {
  /** Position of the event in the array that was written. */
  index: number;
  event: CanonicalEvent;
  /** SQLSTATE of the refusal. */
  code: string;
  /** `refusalReason`: safe to show and log. */
  reason: string;
}

/** Writes a batch; resolves with the ids newly stored. */
export type Write = (events: CanonicalEvent[]) => Promise<{ inserted: Set<string> }>;

/**
 * Writes `events`, bisecting around data errors: the halves of a refused batch
 * are written on their own until each refused event stands alone. Every other
 * event is stored (in as many transactions as the bisection takes: about two
 * per halving for one refused event, 26 for one among 5,000). An availability
 * error ends it by rejecting — the halves written before it stay written, and a
 * retry finds their ids stored.
 */
export async function writeIsolating(write: Write, events: CanonicalEvent[]): Promise<{ inserted: Set<string>; refused: Refusal[] }> {
  const inserted = new Set<string>();
  const refused: Refusal[] = [];
  const attempt = async (from: number, to: number): Promise<void> => {
    const part = events.slice(from, to);
    try {
      for (const id of (await write(part)).inserted) inserted.add(id);
    } catch (err) {
      if (!isDataError(err)) throw err;
      if (part.length === 1) {
        refused.push({ index: from, event: part[0]!, code: sqlState(err)!, reason: refusalReason(err) });
        return;
      }
      const mid = from + Math.ceil(part.length / 2);
      await attempt(from, mid);
      await attempt(mid, to);
    }
  };
  if (events.length > 0) await attempt(0, events.length);
  return { inserted, refused };
}
