/**
 * The drill-down behind a figure (`GET /api/v1/live/calls`): which legs a
 * figure counts, in one total order — newest offer first, then call id
 * descending, then queue ascending — and pages cut by a cursor on that same
 * key, so two legs of one call never trade places between requests and a
 * page never skips or repeats a leg.
 */
import { type CallRow, callTypeOf, isOpen, isWaitingAt, STALE_OPEN_MS } from '../calls/call-state.js';
import type { DrillFigure } from './live.wire.js';

export interface DrillFilter {
  queues: string[] | null;
  figure: DrillFigure;
  callType?: string;
}

/** The sort key of the last row of a page: the next page starts after it. */
export interface DrillCursor {
  offeredMs: number;
  callId: string;
  queue: string;
}

/** Whether a leg offered today counts in a figure (or, for `waiting` and `breached`, is behind it now). */
export function countsIn(figure: DrillFigure, l: CallRow, nowMs: number): boolean {
  switch (figure) {
    case 'offered':
      return true;
    case 'answered':
      return l.answeredAt !== null;
    case 'answered_in_threshold':
      return l.answeredInThreshold;
    case 'answered_late':
      return l.answeredAt !== null && !l.answeredInThreshold;
    case 'abandoned':
      return l.outcome === 'abandoned';
    case 'short_abandoned':
      return l.shortAbandon;
    case 'timed_out':
      return l.outcome === 'timed_out';
    case 'transferred_out':
      return l.outcome === 'transferred_out';
    case 'waiting':
      return isWaitingAt(l, nowMs);
    case 'breached': {
      const limitMs = l.slThresholdS * 1000;
      const waitedMs = isOpen(l) ? nowMs - l.offeredAt.getTime() : l.waitS === null ? 0 : l.waitS * 1000;
      return waitedMs > limitMs && (!isOpen(l) || waitedMs <= STALE_OPEN_MS);
    }
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The drill-down order on (offeredAt, callId, queue); a leg is unique on that key. */
export function compareDrill(a: DrillCursor, b: DrillCursor): number {
  return b.offeredMs - a.offeredMs || cmp(b.callId, a.callId) || cmp(a.queue, b.queue);
}

const keyOf = (l: CallRow): DrillCursor => ({ offeredMs: l.offeredAt.getTime(), callId: l.callId, queue: l.queue });

/** The legs among `candidates` behind the filter's figure, one page of them after `before`, and how many there are in all. */
export function drillPage(
  candidates: Iterable<CallRow>,
  filter: DrillFilter,
  nowMs: number,
  page: { limit: number; before?: DrillCursor },
): { rows: CallRow[]; total: number } {
  const rows: CallRow[] = [];
  for (const l of candidates) {
    if (filter.callType !== undefined && callTypeOf(l) !== filter.callType) continue;
    if (countsIn(filter.figure, l, nowMs)) rows.push(l);
  }
  rows.sort((a, b) => compareDrill(keyOf(a), keyOf(b)));
  const before = page.before;
  let from = before ? rows.findIndex((r) => compareDrill(before, keyOf(r)) < 0) : 0;
  if (from < 0) from = rows.length;
  return { rows: rows.slice(from, from + page.limit), total: rows.length };
}

export const encodeCursor = (l: CallRow): string =>
  Buffer.from(JSON.stringify([l.offeredAt.getTime(), l.callId, l.queue]), 'utf8').toString('base64url');

/** The cursor `encodeCursor` issued, or null for anything else. */
export function decodeCursor(cursor: string): DrillCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [offeredMs, callId, queue] = parsed as unknown[];
  if (typeof offeredMs !== 'number' || !Number.isFinite(offeredMs) || typeof callId !== 'string' || typeof queue !== 'string') return null;
  return { offeredMs, callId, queue };
}
