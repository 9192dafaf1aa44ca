import { describe, expect, it } from 'vitest';
import type { QaForm } from './form.js';
import { QaInputError } from './problems.js';
import { countRatings, fleissKappa, meanWithMargin, reviewerDeviation } from './statistics.js';

function problemsOf(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (e instanceof QaInputError) return e.problems;
    throw e;
  }
  throw new Error('expected a QaInputError');
}

describe('meanWithMargin', () => {
  it('gives the Student t margin of five scores', () => {
    // mean (80+90+70+100+60) ÷ 5 = 80; squared deviations 0+100+100+400+400 = 1000
    // s² = 1000 ÷ 4 = 250, s/√n = √(250/5) = √50 = 7.0711; t(0.975, 4) = 2.776 (t table)
    // margin = 2.776 · 7.0711 = 19.63
    const r = meanWithMargin([80, 90, 70, 100, 60]);
    expect(r.n).toBe(5);
    expect(r.mean).toBe(80);
    expect(r.marginOfError).toBeCloseTo(19.63, 2);
  });

  it('narrows with a lower confidence', () => {
    // t(0.95, 4) = 2.132 (t table): 2.132 · 7.0711 = 15.07
    expect(meanWithMargin([80, 90, 70, 100, 60], 0.9).marginOfError).toBeCloseTo(15.07, 2);
  });

  it('is wide for two scores: one degree of freedom', () => {
    // mean 80, s = √((100 + 100) ÷ 1) = 14.142, s/√2 = 10; t(0.975, 1) = 12.706 → 127.06
    expect(meanWithMargin([70, 90]).marginOfError).toBeCloseTo(127.06, 2);
  });

  it('has no margin below two scores and no mean without scores', () => {
    expect(meanWithMargin([73])).toEqual({ n: 1, mean: 73, marginOfError: null });
    expect(meanWithMargin([])).toEqual({ n: 0, mean: null, marginOfError: null });
  });

  it('gives a zero margin when every score is the same', () => {
    expect(meanWithMargin([85, 85, 85])).toEqual({ n: 3, mean: 85, marginOfError: 0 });
  });

  it('refuses a confidence outside (0, 1) and scores that are not numbers', () => {
    expect(problemsOf(() => meanWithMargin([1, Number.NaN], 95))).toEqual([
      { path: 'confidence', message: 'must be a number between 0 and 1, e.g. 0.95' },
      { path: 'scores[1]', message: 'must be a finite number' },
    ]);
  });
});

describe('fleissKappa', () => {
  it("reproduces the worked example of Wikipedia's Fleiss' kappa article: κ ≈ 0.210", () => {
    // 10 subjects, 14 raters, 5 categories.
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    // P_i = (Σ n_ij² − 14) ÷ (14·13): numerators 182, 46, 56, 80, 60, 84, 44, 32, 52, 52 = 688 → P̄ = 688 ÷ 1820 = 0.37802
    // p_j = column sums 20, 28, 39, 21, 32 ÷ 140 → P̄e = (400+784+1521+441+1024) ÷ 19600 = 0.21276
    // κ = (0.37802 − 0.21276) ÷ (1 − 0.21276) = 0.16527 ÷ 0.78724 = 0.20993
    expect(fleissKappa(counts)).toBeCloseTo(0.20993, 5);
  });

  it('works a small table by hand', () => {
    // two raters; P_i = 1, 1, 0 → P̄ = 2/3; p = 3/6, 3/6 → P̄e = 1/2; κ = (2/3 − 1/2) ÷ (1/2) = 1/3
    expect(
      fleissKappa([
        [2, 0],
        [0, 2],
        [1, 1],
      ]),
    ).toBeCloseTo(1 / 3, 12);
  });

  it('is 1 for full agreement and null when chance agreement is certain', () => {
    expect(
      fleissKappa([
        [3, 0],
        [0, 3],
      ]),
    ).toBe(1);
    expect(
      fleissKappa([
        [3, 0],
        [3, 0],
      ]),
    ).toBeNull();
  });

  it('is negative when raters agree less than chance', () => {
    // P̄ = 0 (every pair disagrees); p = 1/2, 1/2 → P̄e = 1/2; κ = −1/2 ÷ 1/2 = −1
    expect(
      fleissKappa([
        [1, 1],
        [1, 1],
      ]),
    ).toBe(-1);
  });

  it('refuses uneven raters, bad counts and a single rater, naming the subject', () => {
    expect(
      problemsOf(() =>
        fleissKappa([
          [2, 1],
          [1, 1],
          [1, -1],
        ]),
      ),
    ).toEqual([
      { path: 'counts[1]', message: 'has 2 ratings where counts[0] has 3: every subject needs the same raters' },
      { path: 'counts[2][1]', message: 'must be a whole number from 0' },
      { path: 'counts[2]', message: 'has 1 ratings where counts[0] has 3: every subject needs the same raters' },
    ]);
    expect(problemsOf(() => fleissKappa([[1, 0]]))).toEqual([{ path: 'counts[0]', message: 'needs at least 2 raters per subject' }]);
    expect(problemsOf(() => fleissKappa([[1, 1], [2]]))).toEqual([
      { path: 'counts[1]', message: 'must list a count for each of the 2 categories' },
    ]);
    expect(problemsOf(() => fleissKappa([]))).toEqual([{ path: 'counts', message: 'must be a non-empty list of subjects' }]);
  });
});

describe('countRatings', () => {
  it('turns each subject’s ratings into counts per category', () => {
    expect(
      countRatings([
        [true, true, false],
        [false, false, false],
      ]),
    ).toEqual({
      categories: ['false', 'true'],
      counts: [
        [1, 2],
        [3, 0],
      ],
    });
    expect(
      countRatings([
        [2, 10, 'na'],
        [10, 10, 2],
      ]),
    ).toEqual({
      categories: ['2', '10', 'na'],
      counts: [
        [1, 1, 1],
        [1, 2, 0],
      ],
    });
  });
});

describe('reviewerDeviation', () => {
  const text = (s: string) => ({ 'zh-CN': s, en: s });
  const form: QaForm = {
    id: 'cal',
    version: 1,
    title: text('cal'),
    sections: [
      {
        id: 's',
        title: text('s'),
        weight: 1,
        items: [
          { id: 'a1', type: 'yes_no', weight: 1, text: text('a1') },
          { id: 'a2', type: 'scale', max: 4, weight: 1, text: text('a2') },
          { id: 'a3', type: 'yes_no', weight: 1, naAllowed: true, text: text('a3') },
        ],
      },
    ],
  };
  const lead = { a1: true, a2: 4, a3: 'na' } as const;

  it("gives each reviewer's mean absolute difference from the lead, sorted by reviewer", () => {
    // amy: |1 − 0|·100 = 100 on a1, |4/4 − 3/4|·100 = 25 on a2, a3 N/A for both → (100 + 25) ÷ 2 = 62.5
    // zoe: 0 on a1, |1 − 2/4|·100 = 50 on a2; a3 N/A for the lead only → left out → (0 + 50) ÷ 2 = 25
    expect(reviewerDeviation(form, lead, { zoe: { a1: true, a2: 2, a3: true }, amy: { a1: false, a2: 3, a3: 'na' } })).toEqual([
      { reviewerId: 'amy', meanAbsoluteDifference: 62.5, comparedItems: 2, naMismatches: [] },
      { reviewerId: 'zoe', meanAbsoluteDifference: 25, comparedItems: 2, naMismatches: ['a3'] },
    ]);
  });

  it('names a bad answer of a reviewer or the lead', () => {
    expect(problemsOf(() => reviewerDeviation(form, { a1: true, a2: 4 }, { amy: { a1: 'yes' as unknown as boolean, a2: 7 } }))).toEqual([
      { path: 'reviewers.amy.a1', message: 'must be true or false' },
      { path: 'reviewers.amy.a2', message: 'must be a whole number from 0 to 4' },
    ]);
  });
});
