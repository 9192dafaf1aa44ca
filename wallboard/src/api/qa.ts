/** QA (SPEC §5): forms, sampling, evaluations, disputes, calibration, summaries. One function per route of `/api/v1/qa`. */
import type {
  CalibrationDetail,
  CalibrationList,
  CreateCalibrationRequest,
  CreatePlanRequest,
  CreateRunRequest,
  EvaluationDetail,
  EvaluationList,
  EvaluationSummary,
  QaFormList,
  QaFormView,
  QaPeople,
  QaProgress,
  QaSummary,
  ResolveRequest,
  SamplingPlanView,
  SamplingRedraw,
  SamplingRunList,
  SamplingRunView,
  ScoreResult,
} from '@callboard/api/wire';
import { http, type Query } from './http';

export type {
  CalibrationDetail,
  CalibrationList,
  CreateCalibrationRequest,
  CreatePlanRequest,
  CreateRunRequest,
  EvaluationDetail,
  EvaluationList,
  EvaluationSummary,
  QaFormList,
  QaFormView,
  QaPeople,
  QaProgress,
  QaSummary,
  ResolveRequest,
  SamplingPlanView,
  SamplingRedraw,
  SamplingRunList,
  SamplingRunView,
  ScoreResult,
} from '@callboard/api/wire';

/** A form as the API sends it (the `@callboard/qa` shape). */
export type QaFormWire = QaFormView['form'];
/** One answer as the API sends and takes it. */
export type AnswerInput = EvaluationDetail['answers'][number];
export type EvaluationStatus = EvaluationSummary['status'];
export type SummaryGroup = QaSummary['groupBy'];
/** The call, audio and transcript an evaluation or a calibration shows. */
export type CallMedia = Pick<EvaluationDetail, 'call' | 'recording' | 'transcript' | 'findings'>;

const BASE = '/api/v1/qa';
const enc = encodeURIComponent;

export interface EvaluationFilter {
  /** Statuses, any of. */
  status?: readonly EvaluationStatus[];
  agent?: string;
  /** A user id, or `me`. */
  reviewer?: string;
  /** Local days (YYYY-MM-DD) of the call's offer. */
  from?: string;
  to?: string;
  limit?: number;
}

export function fetchEvaluations(filter: EvaluationFilter = {}): Promise<EvaluationList> {
  const query: Query = {
    status: filter.status?.length ? filter.status.join(',') : undefined,
    agent: filter.agent,
    reviewer: filter.reviewer,
    from: filter.from,
    to: filter.to,
    limit: filter.limit,
  };
  return http.get<EvaluationList>(`${BASE}/evaluations`, query);
}

export const fetchEvaluation = (id: string) => http.get<EvaluationDetail>(`${BASE}/evaluations/${enc(id)}`);

export const saveDraft = (id: string, answers: readonly AnswerInput[]) =>
  http.put<EvaluationDetail>(`${BASE}/evaluations/${enc(id)}`, { answers });

export const submitEvaluation = (id: string) => http.post<ScoreResult>(`${BASE}/evaluations/${enc(id)}/submit`);

export const acknowledgeEvaluation = (id: string) => http.post<EvaluationDetail>(`${BASE}/evaluations/${enc(id)}/acknowledge`);

export const disputeEvaluation = (id: string, reason: string) =>
  http.post<EvaluationDetail>(`${BASE}/evaluations/${enc(id)}/dispute`, { reason });

export const resolveEvaluation = (id: string, body: ResolveRequest) =>
  http.post<EvaluationDetail>(`${BASE}/evaluations/${enc(id)}/resolve`, body);

/** The address the browser plays a call's recording from (`EvaluationDetail.recording` is this path already). */
export const recordingPath = (callId: string) => `${BASE}/calls/${enc(callId)}/recording`;

export const fetchForms = async () => (await http.get<QaFormList>(`${BASE}/forms`)).forms;

export const fetchForm = (id: string, version?: number) => http.get<QaFormView>(`${BASE}/forms/${enc(id)}`, { version });

/** A new form (version 1). */
export const createForm = (form: unknown) => http.post<QaFormView>(`${BASE}/forms`, form);

/** A new version of a form. */
export const publishForm = (id: string, form: unknown) => http.put<QaFormView>(`${BASE}/forms/${enc(id)}`, form);

export const fetchPlans = async () => (await http.get<{ plans: SamplingPlanView[] }>(`${BASE}/sampling/plans`)).plans;

export const createPlan = (body: CreatePlanRequest) => http.post<SamplingPlanView>(`${BASE}/sampling/plans`, body);

export const fetchRuns = async () => (await http.get<SamplingRunList>(`${BASE}/sampling/runs`)).runs;

export const fetchRun = (id: string) => http.get<SamplingRunView>(`${BASE}/sampling/runs/${enc(id)}`);

/** The run's sample drawn again from what it stored, compared with its picks (creates nothing). */
export const redrawRun = (id: string) => http.get<SamplingRedraw>(`${BASE}/sampling/runs/${enc(id)}/redraw`);

export const createRun = (body: CreateRunRequest) => http.post<SamplingRunView>(`${BASE}/sampling/runs`, body);

export const fetchSummary = (from: string, to: string, groupBy: SummaryGroup) =>
  http.get<QaSummary>(`${BASE}/summary`, { from, to, groupBy });

/** The wallboard's QA tile for the session's scope: this week so far. */
export const fetchProgress = () => http.get<QaProgress>(`${BASE}/progress`);

export const fetchPeople = () => http.get<QaPeople>(`${BASE}/people`);

export const fetchCalibrations = async () => (await http.get<CalibrationList>(`${BASE}/calibrations`)).calibrations;

export const fetchCalibration = (id: string) => http.get<CalibrationDetail>(`${BASE}/calibrations/${enc(id)}`);

export const createCalibration = (body: CreateCalibrationRequest) => http.post<CalibrationDetail>(`${BASE}/calibrations`, body);

export const scoreCalibration = (id: string, answers: readonly AnswerInput[]) =>
  http.put<CalibrationDetail>(`${BASE}/calibrations/${enc(id)}/scores`, { answers });
