/** QA workspace: the wallboard's QA tile. */
export const tile = {
  title: 'QA this week',
  mean: '{mean} ± {margin}',
  scores: 'no scores | {n} score | {n} scores',
  noScores: 'No scores yet',
  oneScore: 'one score: no margin of error',
  reviewed: '{done} of {planned} reviewed',
  reviewedUnplanned: '{done} reviewed',
  progress: 'Reviews done this week',
};
