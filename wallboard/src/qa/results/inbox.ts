/**
 * A QA lead's dispute inbox (SPEC §5: the agent disputes, `qa_lead` resolves):
 * open disputes oldest first, as a queue is worked; resolved ones of the last
 * 30 days newest first.
 */
import type { EvaluationDetail, EvaluationSummary } from '../../api/qa';

/** How far back the resolved list reaches. */
export const RESOLVED_DAYS = 30;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Adjusted resolutions whose previous score is fetched (it is in each evaluation's detail): the newest this many. */
export const CHANGES_LIMIT = 20;

/** Characters of the reason shown in a row; the whole reason is on the evaluation page. */
export const EXCERPT_CHARS = 120;

export interface OpenDispute {
  evaluation: EvaluationSummary;
  /** Whole hours since the dispute was raised (0 for one just raised or one dated ahead of this clock). */
  ageHours: number;
}

/** Open disputes, oldest dispute first; the id breaks ties. */
export function openDisputes(evaluations: readonly EvaluationSummary[], nowMs: number): OpenDispute[] {
  return evaluations
    .filter((e) => e.status === 'disputed')
    .map((e) => ({ e, at: Date.parse(e.disputedAt ?? e.submittedAt ?? e.offeredAt) }))
    .sort((a, b) => a.at - b.at || a.e.id.localeCompare(b.e.id))
    .map(({ e, at }) => ({ evaluation: e, ageHours: Math.max(0, Math.floor((nowMs - at) / HOUR_MS)) }));
}

/** An age as days and hours: 50 h → { days: 2, hours: 2 }. */
export function splitAge(ageHours: number): { days: number; hours: number } {
  return { days: Math.floor(ageHours / 24), hours: ageHours % 24 };
}

/** Disputes resolved in the last 30 days, newest resolution first. */
export function recentlyResolved(evaluations: readonly EvaluationSummary[], nowMs: number): EvaluationSummary[] {
  const since = nowMs - RESOLVED_DAYS * DAY_MS;
  return evaluations
    .filter((e) => e.status === 'resolved' && e.resolvedAt !== null && Date.parse(e.resolvedAt) >= since)
    .sort((a, b) => Date.parse(b.resolvedAt!) - Date.parse(a.resolvedAt!) || a.id.localeCompare(b.id));
}

/** The score before and after a resolution: the last two versions (an upheld score has one version, no change). */
export function resolutionChange(detail: Pick<EvaluationDetail, 'versions'>): { before: number; after: number } | null {
  const versions = [...detail.versions].sort((a, b) => a.version - b.version);
  const last = versions.at(-1);
  if (!last) return null;
  const before = versions.at(-2) ?? last;
  return { before: before.score, after: last.score };
}

/** The start of a reason, cut at a word where one is near, with an ellipsis when cut. */
export function excerpt(text: string | null, max = EXCERPT_CHARS): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
