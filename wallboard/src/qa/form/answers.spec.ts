import { describe, expect, it } from 'vitest';
import type { AnswerInput } from '../../api/qa';
import { liveScore, localized, submitProblems, unansweredItems, withAnswer } from './answers';
import { formFixture } from './formFixture';

const form = formFixture();
const a = (itemId: string, value: AnswerInput['value'], extra: Partial<AnswerInput> = {}): AnswerInput => ({ itemId, value, ...extra });

describe('liveScore', () => {
  it('scores a complete form as SPEC §5: points ÷ max, weighted section means, weighted total; N/A leaves the denominator', () => {
    const answers = [a('greeting', true), a('identity', 'na'), a('notice', true), a('polite', 3), a('forbidden', true)];
    const live = liveScore(form, answers);
    // opening: identity N/A → (1·1 + 2·1) / (1 + 2) = 100
    // courtesy: (3·3/4 + 1·1) / (3 + 1) = 3.25 / 4 = 81.25
    // total: (2·100 + 1·81.25) / 3 = 281.25 / 3 = 93.75
    expect(live.provisional).toBe(false);
    expect(live.answered).toBe(5);
    expect(live.total).toBe(5);
    expect(live.score?.sections).toEqual([
      { sectionId: 'opening', score: 100 },
      { sectionId: 'courtesy', score: 81.25 },
    ]);
    expect(live.score?.score).toBeCloseTo(93.75, 10);
    expect(live.score?.autoFailed).toBe(false);
  });

  it('fails the evaluation on a failed critical item and keeps the raw score', () => {
    const answers = [a('greeting', true), a('identity', 'na'), a('notice', false), a('polite', 3), a('forbidden', true)];
    const live = liveScore(form, answers);
    // opening: (1·1 + 2·0) / 3 = 100/3; total: (2·100/3 + 81.25) / 3 = 1775/36 = 49.305…
    expect(live.score?.score).toBe(0);
    expect(live.score?.rawScore).toBeCloseTo(1775 / 36, 10);
    expect(live.score?.autoFailed).toBe(true);
    expect(live.score?.criticalFailures).toEqual(['notice']);
  });

  it('gives a provisional score over the answered items only', () => {
    const live = liveScore(form, [a('greeting', true), a('polite', 2)]);
    // opening: greeting alone → 100; courtesy: polite alone 2/4 → 50; total (2·100 + 1·50) / 3 = 83.33…
    expect(live.provisional).toBe(true);
    expect(live.answered).toBe(2);
    expect(live.score?.score).toBeCloseTo(250 / 3, 10);
    expect(live.score?.sections).toEqual([
      { sectionId: 'opening', score: 100 },
      { sectionId: 'courtesy', score: 50 },
    ]);
  });

  it('leaves a section out of the provisional total while none of its items is answered', () => {
    const live = liveScore(form, [a('polite', 1)]);
    // courtesy alone: 1/4 → 25; opening has nothing scored yet
    expect(live.score?.sections).toEqual([
      { sectionId: 'opening', score: null },
      { sectionId: 'courtesy', score: 25 },
    ]);
    expect(live.score?.score).toBe(25);
  });

  it('has no figure before anything scorable is answered', () => {
    expect(liveScore(form, []).score).toBeNull();
    expect(liveScore(form, [a('identity', 'na')]).score).toBeNull();
    expect(liveScore(form, [a('identity', 'na')]).answered).toBe(1);
  });

  it('has no figure rather than a wrong one when an answer does not fit its item', () => {
    expect(liveScore(form, [a('polite', 7)]).score).toBeNull();
  });
});

describe('withAnswer', () => {
  it('keeps answers in form order whatever order they were given in', () => {
    const next = withAnswer(form, [a('polite', 2)], 'greeting', { value: false });
    expect(next.map((x) => x.itemId)).toEqual(['greeting', 'polite']);
  });

  it('changes the value and keeps the comment and its moment', () => {
    const next = withAnswer(form, [a('notice', true, { comment: 'late', atS: 12.5 })], 'notice', { value: false });
    expect(next).toEqual([{ itemId: 'notice', value: false, comment: 'late', atS: 12.5 }]);
  });

  it('drops an emptied comment and a cleared moment', () => {
    const next = withAnswer(form, [a('notice', true, { comment: 'late', atS: 12.5 })], 'notice', { comment: '', atS: undefined });
    expect(next).toEqual([{ itemId: 'notice', value: true }]);
  });

  it('does not invent an answer for a comment on an unanswered item', () => {
    expect(withAnswer(form, [], 'notice', { comment: 'x' })).toEqual([]);
  });

  it('drops answers to items the form does not have', () => {
    expect(withAnswer(form, [a('gone', true)], 'greeting', { value: true })).toEqual([{ itemId: 'greeting', value: true }]);
  });
});

describe('what is missing', () => {
  it('lists unanswered items in form order, and only those without N/A as required', () => {
    const answers = [a('notice', true)];
    expect(unansweredItems(form, answers).map((i) => i.id)).toEqual(['greeting', 'identity', 'polite', 'forbidden']);
    expect(unansweredItems(form, answers, { required: true }).map((i) => i.id)).toEqual(['greeting', 'polite', 'forbidden']);
  });

  it('names each missing required item in the reader’s language', () => {
    const answers = [a('greeting', true), a('notice', true), a('polite', 4)];
    expect(submitProblems(form, answers, 'en')).toEqual([{ itemId: 'forbidden', item: 'No forbidden phrase', reason: 'missing' }]);
    expect(submitProblems(form, answers, 'zh-CN')).toEqual([{ itemId: 'forbidden', item: '无禁用语', reason: 'missing' }]);
  });

  it('picks Chinese for any zh locale and English otherwise', () => {
    const text = { 'zh-CN': '开场', en: 'Opening' };
    expect(localized(text, 'zh-CN')).toBe('开场');
    expect(localized(text, 'zh')).toBe('开场');
    expect(localized(text, 'en')).toBe('Opening');
    expect(localized(text, 'fr')).toBe('Opening');
  });
});
