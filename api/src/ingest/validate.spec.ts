import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../events/event.schema.js';
import { type TsWindow, validateBatch, validateEvent } from './validate.js';

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

describe('the window of accepted dates around the server clock', () => {
  // The server clock of one request: 2026-03-02 09:00 in Shanghai. 35 days back is 2026-01-26 01:00 UTC
  // (February 2026 has 28 days: 2 March − 29 days = 1 February, − 6 more = 26 January).
  const NOW = Date.parse('2026-03-02T01:00:00.000Z');
  const live: TsWindow = { nowMs: NOW, maxAgeD: 35, maxAheadMin: 5, backfill: false };
  const backfill: TsWindow = { ...live, backfill: true };
  const range = 'accepted: 2026-01-26T01:00:00.000Z … 2026-03-02T01:05:00.000Z';
  const backfillRange = 'accepted: 2000-01-01T00:00:00.000Z … 2026-03-02T01:05:00.000Z';
  const at = (ts: string, w: TsWindow) => validateEvent({ ...offered, ts }, w);

  it('takes both bounds: exactly 35 days old and exactly 5 minutes ahead (inclusive), in any offset', () => {
    expect(at('2026-01-26T01:00:00.000Z', live).ok).toBe(true);
    expect(at('2026-01-26T09:00:00.000+08:00', live).ok).toBe(true);
    expect(at('2026-03-02T01:05:00.000Z', live).ok).toBe(true);
    expect(at('2026-03-01T20:05:00.000-05:00', live).ok).toBe(true);
    expect(at('2026-03-02T01:00:00.000Z', live).ok).toBe(true);
  });

  it('refuses a millisecond beyond either bound, naming the bound and the accepted range', () => {
    expect(at('2026-01-26T00:59:59.999Z', live)).toEqual({
      ok: false,
      error: `ts: 2026-01-26T00:59:59.999Z is more than 35 days old (${range}); older history goes through a back-fill (?backfill=true)`,
    });
    expect(at('2026-03-02T09:05:00.001+08:00', live)).toEqual({
      ok: false,
      error: `ts: 2026-03-02T09:05:00.001+08:00 is more than 5 minutes ahead of the server clock (${range})`,
    });
  });

  it('refuses the far future: 2099 and 9999, also in a back-fill', () => {
    for (const w of [live, backfill]) {
      expect(at('2099-01-01T00:00:00Z', w)).toEqual({
        ok: false,
        error: `ts: 2099-01-01T00:00:00Z is more than 5 minutes ahead of the server clock (${w.backfill ? backfillRange : range})`,
      });
      expect(at('9999-12-31T23:59:59.999-15:59', w)).toMatchObject({
        ok: false,
        error: /^ts: 9999-12-31T23:59:59\.999-15:59 is more than 5 minutes ahead/,
      });
    }
  });

  it('refuses the far past, which a back-fill takes back to 2000-01-01T00:00:00Z inclusive', () => {
    expect(at('2025-03-02T01:00:00Z', live)).toMatchObject({ ok: false, error: /^ts: 2025-03-02T01:00:00Z is more than 35 days old/ });
    expect(at('0001-01-01T00:00:00Z', live)).toMatchObject({ ok: false, error: /^ts: 0001-01-01T00:00:00Z is more than 35 days old/ });
    expect(at('2025-03-02T01:00:00Z', backfill).ok).toBe(true);
    expect(at('2026-01-26T00:59:59.999Z', backfill).ok).toBe(true);
    expect(at('2000-01-01T00:00:00.000Z', backfill).ok).toBe(true);
    expect(at('2000-01-01T08:00:00+08:00', backfill).ok).toBe(true);
    // 07:59:59 in UTC+8 is still 1999 in UTC.
    expect(at('2000-01-01T07:59:59+08:00', backfill)).toEqual({
      ok: false,
      error: `ts: 2000-01-01T07:59:59+08:00 is before 2000-01-01, the earliest a back-fill takes (${backfillRange})`,
    });
    expect(at('0001-01-01T00:00:00Z', backfill)).toMatchObject({ ok: false, error: /^ts: 0001-01-01T00:00:00Z is before 2000-01-01/ });
  });

  it('follows the configured window, in whole days and minutes', () => {
    const tight: TsWindow = { nowMs: NOW, maxAgeD: 1, maxAheadMin: 0, backfill: false };
    expect(at('2026-03-01T01:00:00.000Z', tight).ok).toBe(true);
    expect(at('2026-03-01T00:59:59.999Z', tight)).toMatchObject({
      ok: false,
      error: /^ts: \S+ is more than 1 day old \(accepted: 2026-03-01T01:00:00\.000Z … 2026-03-02T01:00:00\.000Z\)/,
    });
    expect(at('2026-03-02T01:00:00.001Z', tight)).toMatchObject({
      ok: false,
      error: /^ts: \S+ is more than 0 minutes ahead of the server clock/,
    });
  });

  it('checks the date only of an otherwise valid event, and every item of a batch against the same clock', () => {
    expect(validateEvent({ ...offered, ts: '2099-01-01T00:00:00Z', id: '' }, live)).toEqual({
      ok: false,
      error: 'id: id must not be empty',
    });
    const r = validateBatch(
      [
        { ...offered, id: 'old', ts: '2025-12-31T16:00:00Z' },
        { ...offered, id: 'in', ts: '2026-03-01T01:00:00Z' },
        { ...offered, id: 'ahead', ts: '2099-01-01T00:00:00Z' },
      ],
      live,
    );
    expect(r.events.map((e) => e.id)).toEqual(['in']);
    expect(r.indexes).toEqual([1]);
    expect(r.rejected.map((x) => [x.index, x.error.slice(0, 40)])).toEqual([
      [0, 'ts: 2025-12-31T16:00:00Z is more than 35'],
      [2, 'ts: 2099-01-01T00:00:00Z is more than 5 '],
    ]);
  });
});
