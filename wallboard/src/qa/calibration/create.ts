/** Starting a calibration: the calls a lead may pick, and the request with its field errors. */
import type { CreateCalibrationRequest, EvaluationSummary } from '../../api/qa';

export interface CallChoice {
  callId: string;
  agentId: string;
  agentName: string | null;
  queue: string;
  offeredAt: string;
}

/**
 * Calls of recent scored evaluations, one per call (a call sampled twice is
 * one choice), latest offer first, then by call id.
 */
export function callChoices(evaluations: readonly EvaluationSummary[]): CallChoice[] {
  const byCall = new Map<string, CallChoice>();
  for (const e of evaluations) {
    if (byCall.has(e.callId)) continue;
    byCall.set(e.callId, { callId: e.callId, agentId: e.agentId, agentName: e.agentName ?? null, queue: e.queue, offeredAt: e.offeredAt });
  }
  return [...byCall.values()].sort(
    (a, b) => Date.parse(b.offeredAt) - Date.parse(a.offeredAt) || (a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0),
  );
}

export interface CreateDraft {
  callId: string;
  reviewers: readonly string[];
  formId: string;
}

export type CreateField = keyof CreateCalibrationRequest;
export type CreateProblem = 'required' | 'reviewersRequired';

export type CreateCheck =
  { ok: true; request: CreateCalibrationRequest } | { ok: false; errors: Partial<Record<CreateField, CreateProblem>> };

/** The request to send, or what is missing field by field. Reviewers keep the order they were picked in, once each. */
export function createRequest(draft: CreateDraft): CreateCheck {
  const callId = draft.callId.trim();
  const reviewers = [...new Set(draft.reviewers)];
  const errors: Partial<Record<CreateField, CreateProblem>> = {};
  if (!callId) errors.callId = 'required';
  if (reviewers.length === 0) errors.reviewers = 'reviewersRequired';
  if (!draft.formId) errors.formId = 'required';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: { callId, reviewers, formId: draft.formId } };
}
