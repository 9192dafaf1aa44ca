import type { EvaluationSummary } from '../../api/qa';

/** An assigned evaluation as the API lists it; specs override what they test. */
export function evaluationSummaryFixture(overrides: Partial<EvaluationSummary> = {}): EvaluationSummary {
  return {
    id: 'ev-1',
    runId: 'run-1',
    callId: 'call-1',
    queue: 'billing',
    agentId: 'A-7',
    team: 'east',
    offeredAt: '2025-03-03T02:00:00.000Z',
    reviewerId: 'u-qa_reviewer',
    reason: 'random',
    fillsFor: null,
    formId: 'etiquette',
    formVersion: 3,
    status: 'assigned',
    version: 0,
    score: null,
    rawScore: null,
    autoFailed: null,
    submittedAt: null,
    acknowledgedAt: null,
    disputedAt: null,
    disputeReason: null,
    resolvedAt: null,
    outcome: null,
    dueAt: '2025-03-09T16:00:00.000Z',
    ...overrides,
  };
}
