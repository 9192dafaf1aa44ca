import { describe, expect, it } from 'vitest';
import { earnsFullPoints, formatScore, formatScoreChange, liveScore } from './answers';
import { FIRST_ANSWERS, FORM } from './results.fixture';

const [greet, identity, polite] = FORM.sections.flatMap((s) => s.items);

describe('liveScore', () => {
  it('scores answers as SPEC §5 weighs them', () => {
    // opening (1 + 0) / 2 = 50; courtesy (2 · 2/4 + 1) / 3 = 66.67; total (50 + 66.67) / 2 = 58.33
    expect(liveScore(FORM, FIRST_ANSWERS)?.score).toBeCloseTo(58.333, 3);
  });

  it('leaves an N/A item out of its section', () => {
    const answers = [
      { itemId: 'greet', value: true },
      { itemId: 'identity', value: 'na' as const },
      { itemId: 'polite', value: 3 },
      { itemId: 'patience', value: false },
    ];
    // opening 1/1 = 100; courtesy (2 · 3/4 + 0) / 3 = 50; total 75
    expect(liveScore(FORM, answers)).toEqual({ score: 75, rawScore: 75, autoFailed: false });
  });

  it('fails the whole evaluation on a failed critical item and keeps the raw score', () => {
    const answers = FIRST_ANSWERS.map((a) => (a.itemId === 'greet' ? { ...a, value: false } : a));
    // opening 0; courtesy 66.67; raw 33.33; greet is critical → 0
    const score = liveScore(FORM, answers)!;
    expect(score.score).toBe(0);
    expect(score.rawScore).toBeCloseTo(33.333, 3);
    expect(score.autoFailed).toBe(true);
  });

  it('has no score while an item that does not allow N/A is unanswered', () => {
    expect(liveScore(FORM, FIRST_ANSWERS.slice(0, 3))).toBeNull();
  });
});

describe('earnsFullPoints', () => {
  it('is yes for yes/no items, the top of the scale for scales, and nothing for N/A', () => {
    expect(earnsFullPoints(greet!, true)).toBe(true);
    expect(earnsFullPoints(greet!, false)).toBe(false);
    expect(earnsFullPoints(polite!, 4)).toBe(true);
    expect(earnsFullPoints(polite!, 3)).toBe(false);
    expect(earnsFullPoints(identity!, 'na')).toBeNull();
  });
});

describe('score formats', () => {
  it('shows one decimal and signs a change with a true minus', () => {
    expect(formatScore(58.3333, 'en')).toBe('58.3');
    expect(formatScore(null, 'en')).toBe('—');
    expect(formatScoreChange(100 - 58.3333, 'en')).toBe('+41.7');
    expect(formatScoreChange(50 - 58.3333, 'en')).toBe('−8.3');
    expect(formatScoreChange(0.04, 'en')).toBe('0.0');
  });
});
