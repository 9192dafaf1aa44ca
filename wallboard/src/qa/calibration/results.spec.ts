import { describe, expect, it } from 'vitest';
import { calibrationForm, completeCalibration, LEAD, REVIEWER_A, REVIEWER_B } from './calibration.fixture';
import { calibrationResults, localizedText } from './results';

/*
 * The fixture's ratings (lead, B, A):
 *   greet  true  true  true
 *   tone   4     2     na
 *   close  true  false true
 *
 * Fleiss' kappa per item (one subject, n = 3 raters; P = (Σ n_j² − n) / (n(n − 1)), Pe = Σ p_j²):
 *   greet: all alike, Pe = 1 → undefined (null).
 *   tone: 1 + 1 + 1 → P = (3 − 3)/6 = 0, Pe = 3 · (1/3)² = 1/3 → κ = (0 − 1/3)/(2/3) = −0.5.
 *   close: 2 + 1 → P = (4 + 1 − 3)/6 = 1/3, Pe = (2/3)² + (1/3)² = 5/9 → κ = (1/3 − 5/9)/(4/9) = −0.5.
 * Over all three items (9 ratings): P̄ = (1 + 0 + 1/3)/3 = 4/9; shares true 5/9, and 2, 4, false, na 1/9 each
 *   → Pe = 25/81 + 4/81 = 29/81 → κ = (36/81 − 29/81)/(52/81) = 7/52 ≈ 0.135: slight.
 *
 * Deviation from the lead (|Δ| of points ÷ max, × 100, over items both scored):
 *   B: greet 0, tone |2/4 − 4/4| = 50, close |0 − 1| = 100 → 150/3 = 50 over 3 items.
 *   A: greet 0, close 0 → 0 over 2 items; tone is N/A for A only: a mismatch.
 */
describe('calibrationResults', () => {
  const results = calibrationResults(
    completeCalibration(),
    calibrationForm,
    'en',
    (id) => ({ [REVIEWER_A]: 'Ann', [REVIEWER_B]: 'Bo' })[id] ?? id,
  );

  it('lists the items in the form’s order, named in the reader’s language', () => {
    expect(results.items.map((i) => [i.itemId, i.sectionId, i.text, i.critical])).toEqual([
      ['greet', 'open', 'Greeting', false],
      ['tone', 'open', 'Tone', false],
      ['close', 'end', 'Closing words', true],
    ]);
    expect(calibrationResults(completeCalibration(), calibrationForm, 'zh-CN').items.map((i) => i.text)).toEqual([
      '问候',
      '语气',
      '结束语',
    ]);
  });

  it('puts the lead’s column first, then the reviewers in the order they were invited', () => {
    expect(results.raters.map((r) => [r.userId, r.lead])).toEqual([
      [LEAD, true],
      [REVIEWER_B, false],
      [REVIEWER_A, false],
    ]);
    // Scores (sections 60/40): lead 100; B fails the critical close → 0; A: tone N/A → opening 100, closing 100 → 100.
    expect(results.raters.map((r) => r.score)).toEqual([100, 0, 100]);
  });

  it('shows every rater’s answer and flags the items they differ on', () => {
    expect(results.items.map((i) => i.ratings)).toEqual([
      [{ kind: 'yes' }, { kind: 'yes' }, { kind: 'yes' }],
      [{ kind: 'points', points: 4, max: 4 }, { kind: 'points', points: 2, max: 4 }, { kind: 'na' }],
      [{ kind: 'yes' }, { kind: 'no' }, { kind: 'yes' }],
    ]);
    expect(results.items.map((i) => i.disagree)).toEqual([false, true, true]);
    expect(results.disagreements).toBe(2);
  });

  it('gives each item its kappa and band, or why it has none', () => {
    const [greet, tone, close] = results.items;
    expect([greet!.kappa, greet!.band, greet!.noKappa]).toEqual([null, null, 'noVariation']);
    expect(tone!.kappa).toBeCloseTo(-0.5, 12);
    expect(close!.kappa).toBeCloseTo(-0.5, 12);
    expect([tone!.band, close!.band, tone!.noKappa]).toEqual(['poor', 'poor', null]);
    expect(results.kappa).toBeCloseTo(7 / 52, 12);
    expect(results.band).toBe('slight');
  });

  it('says an item rated by fewer than two has too few raters', () => {
    const detail = completeCalibration();
    detail.items![0] = { itemId: 'greet', kappa: null, ratings: { [LEAD]: 'true' } };
    expect(calibrationResults(detail, calibrationForm, 'en').items[0]!.noKappa).toBe('tooFewRaters');
  });

  it('orders reviewers by their distance from the lead, furthest first, with N/A mismatches by name', () => {
    expect(results.deviations).toHaveLength(2);
    const [b, a] = results.deviations;
    expect(b!.reviewerId).toBe(REVIEWER_B);
    expect(b!.meanAbsoluteDifference).toBeCloseTo(50, 12);
    expect([b!.comparedItems, b!.naMismatches]).toEqual([3, []]);
    expect(a!.reviewerId).toBe(REVIEWER_A);
    expect(a!.meanAbsoluteDifference).toBeCloseTo(0, 12);
    expect([a!.comparedItems, a!.naMismatches]).toEqual([2, [{ itemId: 'tone', text: 'Tone' }]]);
  });

  it('puts a reviewer with nothing to compare last and breaks ties by name', () => {
    const detail = completeCalibration();
    detail.deviations = [
      { reviewerId: 'u-z', meanAbsoluteDifference: null, comparedItems: 0, naMismatches: ['close', 'greet'] },
      { reviewerId: 'u-y', meanAbsoluteDifference: 25, comparedItems: 3, naMismatches: [] },
      { reviewerId: 'u-x', meanAbsoluteDifference: 25, comparedItems: 3, naMismatches: [] },
    ];
    const names: Record<string, string> = { 'u-x': 'Zoe', 'u-y': 'Yan', 'u-z': 'Al' };
    const ordered = calibrationResults(detail, calibrationForm, 'en', (id) => names[id] ?? id).deviations;
    expect(ordered.map((d) => d.reviewerId)).toEqual(['u-y', 'u-x', 'u-z']);
    expect(ordered[2]!.naMismatches.map((m) => m.itemId)).toEqual(['greet', 'close']);
  });

  it('reads the answers when the per-item table is missing', () => {
    const detail = { ...completeCalibration(), items: null };
    const items = calibrationResults(detail, calibrationForm, 'en').items;
    expect(items[1]!.ratings[1]).toEqual({ kind: 'points', points: 2, max: 4 });
    expect(items.map((i) => i.disagree)).toEqual([false, true, true]);
  });
});

describe('localizedText', () => {
  it('takes Chinese for any Chinese locale and English otherwise', () => {
    const text = { 'zh-CN': '问候', en: 'Greeting' };
    expect([localizedText(text, 'zh-CN'), localizedText(text, 'zh-TW'), localizedText(text, 'en'), localizedText(text, 'fr')]).toEqual([
      '问候',
      '问候',
      'Greeting',
      'Greeting',
    ]);
  });
});
