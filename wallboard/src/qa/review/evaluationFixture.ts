import type { EvaluationDetail, EvaluationSummary } from '../../api/qa';
import { formFixture } from '../form/formFixture';

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

/** An evaluation as `GET /evaluations/:id` sends it, on the small form of `formFixture`. */
export function evaluationDetailFixture(overrides: Partial<EvaluationDetail> = {}): EvaluationDetail {
  return {
    ...evaluationSummaryFixture(),
    call: {
      callId: 'call-1',
      queue: 'billing',
      callType: 'inbound',
      agentId: 'A-7',
      offeredAt: '2025-03-03T02:00:00.000Z',
      answeredAt: '2025-03-03T02:00:20.000Z',
      endedAt: '2025-03-03T02:05:20.000Z',
      talkS: 300,
      holdS: 0,
      wrapS: 30,
      category: 'billing',
      summary: null,
      transferred: false,
    },
    recording: '/api/v1/qa/calls/call-1/recording',
    transcript: [{ speaker: 'agent', startS: 0.5, endS: 4, text: '您好，这里是示例公司' }],
    findings: [
      {
        ruleId: 'greeting',
        passed: true,
        evidence: [{ startS: 0.5, endS: 4, speaker: 'agent', text: '您好，这里是示例公司' }],
        matches: [],
      },
    ],
    form: formFixture(),
    answers: [],
    versions: [],
    ...overrides,
  };
}
