/** The calibrations page: one row per session, where it stands and whose score it waits for. */
import type { CalibrationList } from '../../api/qa';
import { kappaBand, type KappaBand } from './agreement';

type CalibrationSummary = CalibrationList['calibrations'][number];

/** Where the caller stands in a session: still to score, scored, or only reading it (an administrator). */
export type OwnState = 'toScore' | 'scored' | 'notIn';

export interface CalibrationRow {
  id: string;
  callId: string;
  formId: string;
  formVersion: number;
  createdAt: string | null;
  leadId: string;
  /** The lead first, then the reviewers: everyone who scores. */
  participants: string[];
  scored: number;
  /** Participants who have not scored yet, in the order above. */
  waitingFor: string[];
  complete: boolean;
  kappa: number | null;
  band: KappaBand | null;
  own: OwnState;
}

/** The lead scores too, first; a reviewer listed twice counts once. */
export function participantsOf(c: Pick<CalibrationSummary, 'leadId' | 'reviewers'>): string[] {
  return [...new Set([c.leadId, ...c.reviewers])];
}

export function ownState(c: Pick<CalibrationSummary, 'leadId' | 'reviewers' | 'submitted'>, userId: string | null): OwnState {
  if (!userId || !participantsOf(c).includes(userId)) return 'notIn';
  return c.submitted.includes(userId) ? 'scored' : 'toScore';
}

export function calibrationRow(c: CalibrationSummary, userId: string | null): CalibrationRow {
  const participants = participantsOf(c);
  const submitted = new Set(c.submitted);
  const kappa = c.complete ? c.kappa : null;
  return {
    id: c.id,
    callId: c.callId,
    formId: c.formId,
    formVersion: c.formVersion,
    createdAt: c.createdAt ?? null,
    leadId: c.leadId,
    participants,
    scored: participants.filter((u) => submitted.has(u)).length,
    waitingFor: participants.filter((u) => !submitted.has(u)),
    complete: c.complete,
    kappa,
    band: kappa === null ? null : kappaBand(kappa),
    own: ownState(c, userId),
  };
}

/** Newest first; sessions without a creation time after those with one; then by id, so the order never wavers. */
export function calibrationRows(list: readonly CalibrationSummary[], userId: string | null): CalibrationRow[] {
  return list
    .map((c) => calibrationRow(c, userId))
    .sort((a, b) => newestFirst(a.createdAt, b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function newestFirst(a: string | null, b: string | null): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  return Date.parse(b) - Date.parse(a);
}
