import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../events/event.schema.js';
import { validateBatch, validateEvent } from './validate.js';

const offered = {
  id: 'e1',
  type: 'call.offered',
  ts: '2026-03-02T09:00:00.123+08:00',
  source: 'pbx',
  payload: { callId: 'c1', queue: 'billing' },
};

describe('validateEvent', () => {
  it('accepts a canonical event', () => {
    expect(validateEvent(offered)).toEqual({ ok: true, event: offered });
  });

  it('moves payload fields given beside the envelope into payload', () => {
    const r = validateEvent({ id: 'e1', type: 'call.offered', ts: '2026-03-02T01:00:00Z', source: 'pbx', callId: 'c1', queue: 'q' });
    expect(r).toEqual({
      ok: true,
      event: { id: 'e1', type: 'call.offered', ts: '2026-03-02T01:00:00Z', source: 'pbx', payload: { callId: 'c1', queue: 'q' } },
    });
  });

  it.each([
    [{ ...offered, type: undefined }, 'type: required'],
    [{ ...offered, ts: '2026-03-02T09:00:00.1234+08:00' }, 'ts: ts must have millisecond precision at most'],
    [{ ...offered, ts: '2026-03-02T09:00:00' }, /^ts: ts must be ISO 8601 with an offset/],
    [{ ...offered, id: '' }, 'id: id must not be empty'],
    [{ ...offered, payload: { queue: 'q' } }, /^payload\.callId: /],
    [{ ...offered, type: 'agent.state', payload: { agentId: 'a', state: 'asleep' } }, /^payload\.state: /],
    ['text', 'event must be a JSON object'],
  ])('rejects %j naming the field', (input, error) => {
    const r = validateEvent(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe('text and dates PostgreSQL or the wallboard cannot take', () => {
  const unsafe = 'must not contain control or bidi-override characters';
  const segment = (text: string) => ({ speaker: 'agent', startS: 0, endS: 1, text });
  const transcript = (text: string) => ({
    ...offered,
    type: 'call.transcript',
    payload: { callId: 'c1', segments: [segment('hello'), segment(text)] },
  });

  it.each([
    [{ ...offered, payload: { callId: 'c1', queue: 'bill\u0000ing' } }, `payload.queue: ${unsafe}`],
    [{ ...offered, payload: { callId: 'c1', queue: 'billing\ud800' } }, `payload.queue: ${unsafe}`],
    [{ ...offered, payload: { callId: 'c1', queue: '\u202ebilling' } }, `payload.queue: ${unsafe}`],
    [{ ...offered, payload: { callId: 'c1', queue: 'bill\u2066ing' } }, `payload.queue: ${unsafe}`],
    [{ ...offered, payload: { callId: 'c1', queue: 'billing\n' } }, `payload.queue: ${unsafe}`],
    [{ ...offered, payload: { callId: 'c1', queue: 'billing\u0085' } }, `payload.queue: ${unsafe}`],
    [{ ...offered, source: 'pbx\u0007' }, `source: ${unsafe}`],
    [{ ...offered, type: 'agent.state', payload: { agentId: 'a1', state: 'available', name: 'Ann\u202e' } }, `payload.name: ${unsafe}`],
    [transcript('fine\u0000'), `payload.segments.1.text: ${unsafe}`],
    [{ ...offered, ts: '0000-01-01T00:00:00Z' }, 'ts: ts must be in year 0001 or later, with an offset of at most ±15:59'],
    [{ ...offered, ts: '2026-03-02T09:00:00+16:00' }, 'ts: ts must be in year 0001 or later, with an offset of at most ±15:59'],
    [{ ...offered, payload: { callId: 'c1', queue: 'q'.repeat(101) } }, 'payload.queue: queue is longer than 100 characters'],
  ])('rejects %j naming the field', (input, error) => {
    expect(validateEvent(input)).toEqual({ ok: false, error });
  });

  it('keeps line breaks and tabs in free text, and letters of any script in names', () => {
    expect(validateEvent(transcript('line one\n\tline two\r\n')).ok).toBe(true);
    expect(validateEvent({ ...offered, payload: { callId: 'c1', queue: '售后 · Ünïcode 😀' } }).ok).toBe(true);
    expect(validateEvent({ ...offered, ts: '0001-01-01T00:00:00-12:00' }).ok).toBe(true);
  });

  it('quotes at most 100 characters of a bad value or unknown field', () => {
    const long = 'x'.repeat(1_000_000);
    expect(validateEvent({ ...offered, type: long })).toEqual({
      ok: false,
      error: `type: unknown event type "${'x'.repeat(99)}… (expected one of ${EVENT_TYPES.join(', ')})`,
    });
    expect(validateEvent({ ...offered, payload: { callId: 'c1', queue: 'q', [long]: 1 } })).toEqual({
      ok: false,
      error: `payload: unknown field(s) ${'x'.repeat(100)}…`,
    });
  });
});

describe('validateBatch', () => {
  it('keeps the valid items and reports each invalid one with its index', () => {
    const r = validateBatch([offered, { nope: 1 }, { ...offered, id: 'e2' }]);
    expect(r.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(r.indexes).toEqual([0, 2]);
    expect(r.rejected).toEqual([{ index: 1, error: 'type: required' }]);
  });
});
