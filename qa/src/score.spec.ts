import { describe, expect, it } from 'vitest';
import { defaultForm } from './default-form.js';
import type { QaForm } from './form.js';
import { QaInputError } from './problems.js';
import { scoreEvaluation, type Answers } from './score.js';

const text = (s: string) => ({ 'zh-CN': s, en: s });

/**
 * Section A (weight 3): a1 yes/no (w 2), a2 scale 0–4 (w 1), a3 yes/no N/A allowed (w 1).
 * Section B (weight 1): b1 yes/no critical (w 1), b2 scale 0–2 N/A allowed (w 3).
 */
function form(): QaForm {
  return {
    id: 'hand',
    version: 3,
    title: text('Hand'),
    sections: [
      {
        id: 'A',
        title: text('A'),
        weight: 3,
        items: [
          { id: 'a1', type: 'yes_no', weight: 2, text: text('a1') },
          { id: 'a2', type: 'scale', max: 4, weight: 1, text: text('a2') },
          { id: 'a3', type: 'yes_no', weight: 1, naAllowed: true, text: text('a3') },
        ],
      },
      {
        id: 'B',
        title: text('B'),
        weight: 1,
        items: [
          { id: 'b1', type: 'yes_no', weight: 1, critical: true, text: text('b1') },
          { id: 'b2', type: 'scale', max: 2, weight: 3, naAllowed: true, text: text('b2') },
        ],
      },
    ],
  };
}

const base: Answers = { a1: true, a2: 3, a3: 'na', b1: true, b2: 1 };

function thrown(f: () => unknown): QaInputError {
  try {
    f();
  } catch (e) {
    if (e instanceof QaInputError) return e;
    throw e;
  }
  throw new Error('expected a QaInputError');
}

describe('scoreEvaluation', () => {
  it('weights item points ÷ max within sections and sections in the total, N/A leaving the denominator', () => {
    // A: (2·1 + 1·3/4) ÷ (2 + 1) = 2.75 ÷ 3 = 91.666…%   (a3 is N/A: its weight 1 is left out)
    // B: (1·1 + 3·1/2) ÷ (1 + 3) = 2.5 ÷ 4 = 62.5%
    // total: (3·91.666… + 1·62.5) ÷ 4 = (275 + 62.5) ÷ 4 = 84.375
    const r = scoreEvaluation(form(), base);
    expect(r.sections[0]).toEqual({ sectionId: 'A', score: expect.closeTo(91.6667, 4) as number });
    expect(r.sections[1]).toEqual({ sectionId: 'B', score: 62.5 });
    expect(r.rawScore).toBeCloseTo(84.375, 10);
    expect(r.score).toBeCloseTo(84.375, 10);
    expect(r.autoFailed).toBe(false);
    expect(r.criticalFailures).toEqual([]);
  });

  it('counts a "no" on an N/A-able item as 0 points in the denominator', () => {
    // A: (2 + 0.75 + 0) ÷ 4 = 68.75%; total (3·68.75 + 62.5) ÷ 4 = 268.75 ÷ 4 = 67.1875
    const r = scoreEvaluation(form(), { ...base, a3: false });
    expect(r.sections[0]!.score).toBe(68.75);
    expect(r.rawScore).toBe(67.1875);
  });

  it('fails the evaluation on a failed critical item and keeps the raw score', () => {
    // B: (0 + 1.5) ÷ 4 = 37.5%; total (275 + 37.5) ÷ 4 = 78.125
    const r = scoreEvaluation(form(), { ...base, b1: false });
    expect(r.autoFailed).toBe(true);
    expect(r.score).toBe(0);
    expect(r.rawScore).toBeCloseTo(78.125, 10);
    expect(r.criticalFailures).toEqual(['b1']);
  });

  it('fails a critical scale item at 0 points only', () => {
    const f = form();
    f.sections[1]!.items[1] = { id: 'b2', type: 'scale', max: 2, weight: 3, critical: true, text: text('b2') };
    expect(scoreEvaluation(f, { ...base, b2: 1 }).autoFailed).toBe(false);
    const r = scoreEvaluation(f, { ...base, b2: 0 });
    // B: (1 + 0) ÷ 4 = 25%; total (275 + 25) ÷ 4 = 75
    expect([r.autoFailed, r.score, r.rawScore]).toEqual([true, 0, 75]);
  });

  it('takes a missing answer to an N/A-able item as N/A', () => {
    // B: 1 ÷ 1 = 100%; total (275 + 100) ÷ 4 = 93.75
    const { b2: _, ...answers } = base;
    expect(scoreEvaluation(form(), answers).rawScore).toBeCloseTo(93.75, 10);
  });

  it('leaves a section whose items are all N/A out of the total', () => {
    const f = form();
    f.sections.push({
      id: 'C',
      title: text('C'),
      weight: 2,
      items: [{ id: 'c1', type: 'yes_no', weight: 1, naAllowed: true, text: text('c1') }],
    });
    const r = scoreEvaluation(f, { ...base, c1: 'na' });
    expect(r.sections[2]).toEqual({ sectionId: 'C', score: null });
    expect(r.rawScore).toBeCloseTo(84.375, 10);
  });

  it('refuses a missing answer instead of scoring it 0, and names every bad answer', () => {
    const { a1: _, ...rest } = base;
    const e = thrown(() => scoreEvaluation(form(), { ...rest, a2: 5, b1: 'na', b2: 1.5, zz: true }));
    expect(e.problems).toEqual([
      { path: 'answers.zz', message: 'form hand v3 has no such item' },
      { path: 'answers.a1', message: 'missing: the item does not allow N/A' },
      { path: 'answers.a2', message: 'must be a whole number from 0 to 4' },
      { path: 'answers.b1', message: 'the item does not allow N/A' },
      { path: 'answers.b2', message: "must be a whole number from 0 to 2 or 'na'" },
    ]);
    expect(e.message).toContain('answers.a1: missing');
  });

  it('refuses a yes/no item answered with a number', () => {
    expect(thrown(() => scoreEvaluation(form(), { ...base, a1: 1 })).problems).toEqual([
      { path: 'answers.a1', message: 'must be true or false' },
    ]);
  });

  it('refuses an evaluation with nothing to score', () => {
    const f = form();
    f.sections = [f.sections[0]!];
    f.sections[0]!.items = [f.sections[0]!.items[2]!];
    expect(thrown(() => scoreEvaluation(f, { a3: 'na' })).problems).toEqual([
      { path: 'answers', message: 'every item is N/A: there is nothing to score' },
    ]);
  });

  it('refuses an invalid form, naming its fields', () => {
    const f = form();
    f.sections[0]!.weight = 0;
    expect(thrown(() => scoreEvaluation(f, base)).problems).toEqual([
      { path: 'form.sections[0].weight', message: 'must be a number above 0' },
    ]);
  });

  it('scores the default checklist: one forbidden phrase fails a call that is otherwise perfect', () => {
    const items = defaultForm().sections.flatMap((s) => s.items);
    const perfect = Object.fromEntries(items.map((i) => [i.id, i.type === 'scale' ? i.max : true]));
    expect(scoreEvaluation(defaultForm(), perfect)).toMatchObject({ score: 100, rawScore: 100, autoFailed: false });
    // courtesy: please_you 1·1, no_forbidden_phrase 2·0, no_arguing 2·1, patience 1·1 → 4 ÷ 6 = 66.67 %
    // total: (20·100 + 30·66.67 + 30·100 + 10·100 + 10·100) ÷ 100 = (2000 + 2000 + 3000 + 1000 + 1000) ÷ 100 = 90
    const r = scoreEvaluation(defaultForm(), { ...perfect, no_forbidden_phrase: false });
    expect(r.rawScore).toBeCloseTo(90, 10);
    expect([r.score, r.autoFailed, r.criticalFailures]).toEqual([0, true, ['no_forbidden_phrase']]);
  });
});
