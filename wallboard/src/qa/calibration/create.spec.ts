import { describe, expect, it } from 'vitest';
import type { EvaluationSummary } from '../../api/qa';
import { callChoices, createRequest } from './create';

const evaluation = (id: string, callId: string, offeredAt: string, extra: Partial<EvaluationSummary> = {}) =>
  ({ id, callId, offeredAt, agentId: 'A-7', queue: 'sales', agentName: null, ...extra }) as EvaluationSummary;

describe('callChoices', () => {
  it('offers each call once, the latest first, then by call id', () => {
    const choices = callChoices([
      evaluation('e1', 'C-1', '2025-03-03T10:00:00+08:00'),
      evaluation('e2', 'C-3', '2025-03-04T10:00:00+08:00', { agentName: 'Ai', agentId: 'A-1', queue: 'billing' }),
      evaluation('e3', 'C-1', '2025-03-03T10:00:00+08:00'),
      evaluation('e4', 'C-2', '2025-03-03T02:00:00Z'),
    ]);
    // C-1 at 10:00+08:00 and C-2 at 02:00Z are the same instant: by call id.
    expect(choices.map((c) => c.callId)).toEqual(['C-3', 'C-1', 'C-2']);
    expect(choices[0]).toEqual({
      callId: 'C-3',
      agentId: 'A-1',
      agentName: 'Ai',
      queue: 'billing',
      offeredAt: '2025-03-04T10:00:00+08:00',
    });
  });
});

describe('createRequest', () => {
  it('trims the call id and keeps each reviewer once, in the order picked', () => {
    expect(createRequest({ callId: ' C-9 ', reviewers: ['u-b', 'u-a', 'u-b'], formId: 'etiquette' })).toEqual({
      ok: true,
      request: { callId: 'C-9', reviewers: ['u-b', 'u-a'], formId: 'etiquette' },
    });
  });

  it('names each missing field', () => {
    expect(createRequest({ callId: '  ', reviewers: [], formId: '' })).toEqual({
      ok: false,
      errors: { callId: 'required', reviewers: 'reviewersRequired', formId: 'required' },
    });
  });
});
