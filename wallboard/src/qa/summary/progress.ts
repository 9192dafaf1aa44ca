/**
 * The wallboard's QA tile (SPEC §5): this week's mean score with its 95 %
 * margin of error, how many scores it rests on, and the reviews done against
 * those sampled. Figures to one decimal, as on the summary screen.
 */
import type { QaProgress } from '@callboard/api/wire';
import { fixed1 } from './rows';

/** How often the tile reads the figure again: scores arrive a few an hour, not a few a second. */
export const QA_TILE_REFRESH_MS = 60_000;

export interface QaTileModel {
  /** "86.4"; null before the first score. */
  mean: string | null;
  /** "3.1"; null below two scores. */
  margin: string | null;
  n: number;
  done: number;
  planned: number;
  /** Share of the sampled reviews done, 0..1 (done can pass planned when reviews are added by hand); null with none sampled. */
  share: number | null;
}

export function qaTileModel(progress: QaProgress): QaTileModel {
  const hasMean = progress.n > 0 && progress.mean !== null;
  return {
    mean: hasMean ? fixed1(progress.mean) : null,
    margin: hasMean && progress.n >= 2 && progress.marginOfError !== null ? fixed1(progress.marginOfError) : null,
    n: progress.n,
    done: progress.done,
    planned: progress.planned,
    share: progress.planned > 0 ? Math.min(1, progress.done / progress.planned) : null,
  };
}
