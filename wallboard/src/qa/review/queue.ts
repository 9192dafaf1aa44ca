/**
 * A reviewer's queue (their evaluations): what is due first, what is overdue,
 * the filters, and how far the open sampling periods have got.
 */
import type { EvaluationStatus, EvaluationSummary } from '../../api/qa';

/** Statuses still waiting for the reviewer's score. */
export const OPEN_STATUSES: readonly EvaluationStatus[] = ['assigned', 'draft'];

export const isOpen = (evaluation: Pick<EvaluationSummary, 'status'>): boolean => OPEN_STATUSES.includes(evaluation.status);

/** Past its due time and still not scored. */
export function isOverdue(evaluation: Pick<EvaluationSummary, 'status' | 'dueAt'>, now: Date): boolean {
  if (!isOpen(evaluation) || !evaluation.dueAt) return false;
  return Date.parse(evaluation.dueAt) < now.getTime();
}

/**
 * Work first: evaluations still to score before those scored; within each,
 * by due time (none last), then by when the call was offered, then by id, so
 * the same list always reads in the same order.
 */
export function sortQueue<T extends Pick<EvaluationSummary, 'id' | 'status' | 'dueAt' | 'offeredAt'>>(evaluations: readonly T[]): T[] {
  const due = (e: T) => (e.dueAt ? Date.parse(e.dueAt) : Number.POSITIVE_INFINITY);
  const done = (e: T) => (isOpen(e) ? 0 : 1);
  return [...evaluations].sort(
    (a, b) =>
      done(a) - done(b) || due(a) - due(b) || Date.parse(a.offeredAt) - Date.parse(b.offeredAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export interface QueueFilter {
  /** Empty: any status. */
  status: EvaluationStatus | '';
  agent: string;
  reason: string;
  overdueOnly: boolean;
}

export const NO_FILTER: QueueFilter = { status: '', agent: '', reason: '', overdueOnly: false };

export function filterQueue<T extends EvaluationSummary>(evaluations: readonly T[], filter: QueueFilter, now: Date): T[] {
  return evaluations.filter(
    (e) =>
      (filter.status === '' || e.status === filter.status) &&
      (filter.agent === '' || e.agentId === filter.agent) &&
      (filter.reason === '' || e.reason === filter.reason) &&
      (!filter.overdueOnly || isOverdue(e, now)),
  );
}

type QueryValue = string | null | (string | null)[] | undefined;

/** Every status, in workflow order (the status filter's choices). */
export const EVALUATION_STATUSES: readonly EvaluationStatus[] = ['assigned', 'draft', 'submitted', 'acknowledged', 'disputed', 'resolved'];

/**
 * Filters from the address (`?status=draft&agent=A-1&reason=complaint&overdue=1`),
 * so going back from an evaluation finds the queue as it was left; a value
 * that is not one of the choices is ignored.
 */
export function filterFromQuery(query: Record<string, QueryValue>): QueueFilter {
  const one = (key: string): string => {
    const value = query[key];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : '';
  };
  const status = one('status');
  return {
    status: (EVALUATION_STATUSES as readonly string[]).includes(status) ? (status as EvaluationStatus) : '',
    agent: one('agent'),
    reason: one('reason'),
    overdueOnly: one('overdue') === '1',
  };
}

/** The address query of a filter: only what is set. */
export function filterToQuery(filter: QueueFilter): Record<string, string> {
  const query: Record<string, string> = {};
  if (filter.status !== '') query.status = filter.status;
  if (filter.agent !== '') query.agent = filter.agent;
  if (filter.reason !== '') query.reason = filter.reason;
  if (filter.overdueOnly) query.overdue = '1';
  return query;
}

export interface QueueProgress {
  /** Scored (submitted or later) among the evaluations of the open periods. */
  done: number;
  total: number;
}

/**
 * The period's progress: the sampling runs that still have an evaluation to
 * score are the open periods (evaluations sampled outside a run count as one
 * such group); of their evaluations, how many are scored. A run whose every
 * evaluation is scored is over and leaves the count.
 */
export function queueProgress(evaluations: readonly Pick<EvaluationSummary, 'runId' | 'status'>[]): QueueProgress {
  const openRuns = new Set(evaluations.filter(isOpen).map((e) => e.runId));
  const current = evaluations.filter((e) => openRuns.has(e.runId));
  return { done: current.filter((e) => !isOpen(e)).length, total: current.length };
}

/** Distinct values for a filter's choices, sorted by what is shown. */
export function choices(values: readonly string[], label: (value: string) => string, locale: string): { value: string; label: string }[] {
  const collator = new Intl.Collator(locale, { numeric: true });
  return [...new Set(values)]
    .map((value) => ({ value, label: label(value) }))
    .sort((a, b) => collator.compare(a.label, b.label) || collator.compare(a.value, b.value));
}
