/**
 * What a person may do on an evaluation's page (the server decides; this only
 * spares people controls they would be refused).
 */
import type { EvaluationSummary } from '../../api/qa';
import { isOpen } from './queue';

export type EvaluationMode =
  /** The assigned reviewer scores an open evaluation. */
  | 'score'
  /** The evaluated agent acknowledges or disputes a submitted score. */
  | 'respond'
  /** A QA lead resolves a dispute. */
  | 'resolve'
  | 'read';

export interface Viewer {
  userId: string | null;
  role: string | null;
  canManage: boolean;
}

export function evaluationMode(evaluation: Pick<EvaluationSummary, 'status' | 'reviewerId'>, viewer: Viewer): EvaluationMode {
  if (isOpen(evaluation) && viewer.userId !== null && evaluation.reviewerId === viewer.userId) return 'score';
  if (viewer.role === 'agent' && evaluation.status === 'submitted') return 'respond';
  if (viewer.canManage && evaluation.status === 'disputed') return 'resolve';
  return 'read';
}
