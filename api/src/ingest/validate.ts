/**
 * Validation of an ingest batch, item by item: a bad item is reported with its
 * index and the offending field, and never stops the valid rest of the batch.
 * Each `ts` must also lie in the accepted window around the server clock: an
 * event dated years ahead would count as "today" for ever, and each day it
 * names costs the database a new chunk.
 */
import { type CanonicalEvent, EVENT_TYPES, canonicalEvent } from '../events/event.schema.js';
import { quote } from '../common/text.js';
import { issueMessage, issuePath } from '../common/validation.js';
import type { Rejection } from './ingest.wire.js';

const ENVELOPE = new Set(['id', 'type', 'ts', 'source', 'payload']);

/**
 * Events are `{id, type, ts, source, payload: {...}}`. Senders that put the
 * payload fields beside the envelope (`{id, type, ts, source, callId, …}`) are
 * accepted too: the fields are moved into `payload`.
 */
function normalise(item: unknown): unknown {
  if (typeof item !== 'object' || item === null || Array.isArray(item) || 'payload' in item) return item;
  const envelope: Record<string, unknown> = {};
  const payload: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) (ENVELOPE.has(k) ? envelope : payload)[k] = v;
  return { ...envelope, payload };
}

/** Which dates a request may post, read once per request. */
export interface TsWindow {
  /** The server clock when the request came in (ms since the epoch). */
  nowMs: number;
  /** CALLBOARD_EVENT_MAX_AGE_D: the oldest accepted ts is `nowMs` minus this many days (inclusive). */
  maxAgeD: number;
  /** CALLBOARD_EVENT_MAX_AHEAD_MIN: the newest accepted ts is `nowMs` plus this many minutes (inclusive). */
  maxAheadMin: number;
  /** A back-fill (`?backfill=true`): any age back to BACKFILL_FLOOR, never further ahead. */
  backfill: boolean;
}

/** No back-fill reaches before this (inclusive): older dates are typing errors, not history. */
export const BACKFILL_FLOOR = '2000-01-01T00:00:00.000Z';
const BACKFILL_FLOOR_MS = Date.parse(BACKFILL_FLOOR);
const DAY_MS = 86_400_000;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** The accepted range of a window in ms since the epoch: `[fromMs, toMs]`, both inclusive. */
export function windowRange(w: TsWindow): { fromMs: number; toMs: number } {
  return { fromMs: w.backfill ? BACKFILL_FLOOR_MS : w.nowMs - w.maxAgeD * DAY_MS, toMs: w.nowMs + w.maxAheadMin * 60_000 };
}

/** Why `ts` (already a valid ISO 8601 instant) is outside the window, or undefined when it is inside. */
export function tsOutsideWindow(ts: string, w: TsWindow): string | undefined {
  const ms = Date.parse(ts);
  const { fromMs, toMs } = windowRange(w);
  if (ms >= fromMs && ms <= toMs) return undefined;
  // Only a refusal spells the range out: an accepted event costs two comparisons.
  const range = `accepted: ${new Date(fromMs).toISOString()} … ${new Date(toMs).toISOString()}`;
  // The schema has already checked the calendar; a date the clock still cannot read is refused as ahead of it.
  if (Number.isNaN(ms) || ms > toMs) {
    return `ts: ${ts} is more than ${plural(w.maxAheadMin, 'minute')} ahead of the server clock (${range})`;
  }
  if (w.backfill) return `ts: ${ts} is before ${BACKFILL_FLOOR.slice(0, 10)}, the earliest a back-fill takes (${range})`;
  return `ts: ${ts} is more than ${plural(w.maxAgeD, 'day')} old (${range}); older history goes through a back-fill (?backfill=true)`;
}

export function validateEvent(item: unknown, window?: TsWindow): { ok: true; event: CanonicalEvent } | { ok: false; error: string } {
  const candidate = normalise(item);
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return { ok: false, error: 'event must be a JSON object' };
  }
  const type = (candidate as { type?: unknown }).type;
  if (type === undefined) return { ok: false, error: 'type: required' };
  if (typeof type !== 'string' || !(EVENT_TYPES as string[]).includes(type)) {
    return { ok: false, error: `type: unknown event type ${quote(type)} (expected one of ${EVENT_TYPES.join(', ')})` };
  }
  const parsed = canonicalEvent.safeParse(candidate);
  if (parsed.success) {
    const outside = window && tsOutsideWindow(parsed.data.ts, window);
    return outside ? { ok: false, error: outside } : { ok: true, event: parsed.data };
  }
  const issue = parsed.error.issues[0]!;
  return { ok: false, error: `${issuePath(issue) || 'event'}: ${issueMessage(issue)}` };
}

/** Validates each item; with a window, also each item's date against it. */
export function validateBatch(items: unknown[], window?: TsWindow): { events: CanonicalEvent[]; indexes: number[]; rejected: Rejection[] } {
  const events: CanonicalEvent[] = [];
  const indexes: number[] = [];
  const rejected: Rejection[] = [];
  items.forEach((item, index) => {
    const r = validateEvent(item, window);
    if (r.ok) {
      events.push(r.event);
      indexes.push(index);
    } else rejected.push({ index, error: r.error });
  });
  return { events, indexes, rejected };
}
