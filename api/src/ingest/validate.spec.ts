import { describe, expect, it } from 'vitest';
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

describe('validateBatch', () => {
  it('keeps the valid items and reports each invalid one with its index', () => {
    const r = validateBatch([offered, { nope: 1 }, { ...offered, id: 'e2' }]);
    expect(r.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(r.indexes).toEqual([0, 2]);
    expect(r.rejected).toEqual([{ index: 1, error: 'type: required' }]);
  });
});
