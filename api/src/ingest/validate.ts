/**
 * Validation of an ingest batch, item by item: a bad item is reported with its
 * index and the offending field, and never stops the valid rest of the batch.
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

export function validateEvent(item: unknown): { ok: true; event: CanonicalEvent } | { ok: false; error: string } {
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
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, error: `${issuePath(issue) || 'event'}: ${issueMessage(issue)}` };
}

export function validateBatch(items: unknown[]): { events: CanonicalEvent[]; indexes: number[]; rejected: Rejection[] } {
  const events: CanonicalEvent[] = [];
  const indexes: number[] = [];
  const rejected: Rejection[] = [];
  items.forEach((item, index) => {
    const r = validateEvent(item);
    if (r.ok) {
      events.push(r.event);
      indexes.push(index);
    } else rejected.push({ index, error: r.error });
  });
  return { events, indexes, rejected };
}
