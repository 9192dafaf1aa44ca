/**
 * The sampling forms' inputs (as typed) checked and turned into request
 * bodies, with the same limits the server applies, so a mistake shows at its
 * field before anything is sent.
 */
import { SAMPLE_STRATA, type SampleStratum } from '@callboard/qa';
import type { CreatePlanRequest, CreateRunRequest } from '../../api/qa';
import { daysCovered, isDay } from './days';

/** A message under `qa.sampling.errors`, with its placeholders. */
export interface FieldError {
  key: string;
  params?: Record<string, string | number>;
}

export type Checked<T> = { ok: true; body: T } | { ok: false; errors: Record<string, FieldError> };

export type QuotaInputs = Record<SampleStratum, string>;

export interface PlanInput {
  name: string;
  perAgent: string;
  quotas: QuotaInputs;
  /** Chosen reviewers' user ids; none: every active reviewer. */
  reviewers: readonly string[];
  formId: string;
}

export interface RunInput {
  from: string;
  to: string;
  perAgent: string;
  /** Empty: the server picks a random seed and keeps it with the run. */
  seed: string;
  quotas: QuotaInputs;
  reviewers: readonly string[];
  formId: string;
}

export const PER_AGENT_MAX = 50;
export const QUOTA_MAX = 20;
export const NAME_MAX = 100;
export const SEED_MAX = 200;
/** The longest stretch one run covers. */
export const RUN_MAX_DAYS = 93;

/** The server's default quotas: one call of each stratum. */
export const defaultQuotaInputs = (): QuotaInputs => Object.fromEntries(SAMPLE_STRATA.map((s) => [s, '1'])) as QuotaInputs;

function wholeNumber(text: string, min: number, max: number): number | FieldError {
  // A number input may hand over a number rather than its text.
  const trimmed = String(text).trim();
  if (trimmed === '') return { key: 'required' };
  if (!/^-?\d+$/.test(trimmed)) return { key: 'wholeNumber' };
  const n = Number(trimmed);
  if (n < min || n > max) return { key: 'range', params: { min, max } };
  return n;
}

function checkQuotas(quotas: QuotaInputs, errors: Record<string, FieldError>): Record<SampleStratum, number> {
  const out = {} as Record<SampleStratum, number>;
  for (const stratum of SAMPLE_STRATA) {
    const n = wholeNumber(quotas[stratum] ?? '', 0, QUOTA_MAX);
    if (typeof n === 'number') out[stratum] = n;
    else errors[`quotas.${stratum}`] = n;
  }
  return out;
}

export function planRequest(input: PlanInput): Checked<CreatePlanRequest> {
  const errors: Record<string, FieldError> = {};
  const name = input.name.trim();
  if (name === '') errors.name = { key: 'required' };
  else if (name.length > NAME_MAX) errors.name = { key: 'tooLong', params: { max: NAME_MAX } };
  const perAgent = wholeNumber(input.perAgent, 1, PER_AGENT_MAX);
  if (typeof perAgent !== 'number') errors.perAgent = perAgent;
  const quotas = checkQuotas(input.quotas, errors);
  if (input.formId === '') errors.formId = { key: 'required' };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      name,
      perAgent: perAgent as number,
      quotas,
      reviewers: input.reviewers.length > 0 ? [...input.reviewers] : null,
      formId: input.formId,
    },
  };
}

export function runRequest(input: RunInput): Checked<CreateRunRequest> {
  const errors: Record<string, FieldError> = {};
  if (!isDay(input.from)) errors.from = { key: 'day' };
  if (!isDay(input.to)) errors.to = { key: 'day' };
  if (!errors.from && !errors.to) {
    const days = daysCovered(input.from, input.to);
    if (days < 1) errors.from = { key: 'fromAfterTo' };
    else if (days > RUN_MAX_DAYS) errors.to = { key: 'tooManyDays', params: { max: RUN_MAX_DAYS } };
  }
  const perAgent = wholeNumber(input.perAgent, 1, PER_AGENT_MAX);
  if (typeof perAgent !== 'number') errors.perAgent = perAgent;
  const seed = input.seed.trim();
  if (seed.length > SEED_MAX) errors.seed = { key: 'tooLong', params: { max: SEED_MAX } };
  const quotas = checkQuotas(input.quotas, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      from: input.from,
      to: input.to,
      perAgent: perAgent as number,
      quotas,
      ...(seed ? { seed } : {}),
      ...(input.reviewers.length > 0 ? { reviewers: [...input.reviewers] } : {}),
      ...(input.formId ? { formId: input.formId } : {}),
    },
  };
}
