import { describe, expect, it } from 'vitest';
import { defaultForm } from './default-form.js';
import { validateForm, type QaForm } from './form.js';
import { checkTranscript, defaultTranscriptRules } from './transcript.js';

const text = (s: string) => ({ 'zh-CN': `中文${s}`, en: s });

function smallForm(): QaForm {
  return {
    id: 'small',
    version: 1,
    title: text('Small'),
    sections: [
      {
        id: 's1',
        title: text('S1'),
        weight: 1,
        items: [
          { id: 'a', type: 'yes_no', weight: 1, text: text('A') },
          { id: 'b', type: 'scale', max: 4, weight: 2, text: text('B'), naAllowed: true },
        ],
      },
    ],
  };
}

describe('validateForm', () => {
  it('finds nothing wrong with a valid form', () => {
    expect(validateForm(smallForm())).toEqual([]);
  });

  it('names each bad field of the form, its sections and items, all at once', () => {
    const form = smallForm() as unknown as { version: unknown; title: unknown; sections: Record<string, unknown>[] };
    form.version = 0;
    form.title = { 'zh-CN': '表' };
    const section = form.sections[0]!;
    section.weight = 0;
    section.items = [
      { id: 'a', type: 'yes_no', weight: 1, text: text('A'), critical: 'yes' },
      { id: 'a', type: 'scale', max: 0, weight: -1, text: text('A2') },
      { id: 'c', type: 'stars', weight: 1, text: text('C') },
    ];
    expect(validateForm(form)).toEqual([
      { path: 'version', message: 'must be a whole number from 1' },
      { path: 'title.en', message: 'must be a non-empty text of at most 500 characters' },
      { path: 'sections[0].weight', message: 'must be a number above 0' },
      { path: 'sections[0].items[0].critical', message: 'must be true or false' },
      { path: 'sections[0].items[1].id', message: 'duplicate item id "a"' },
      { path: 'sections[0].items[1].weight', message: 'must be a number above 0' },
      { path: 'sections[0].items[1].max', message: 'must be a whole number from 1 to 100' },
      { path: 'sections[0].items[2].type', message: 'must be "yes_no" or "scale"' },
    ]);
  });

  it('refuses an item id used again in another section: answers are keyed by item id', () => {
    const form = smallForm();
    form.sections.push({ id: 's2', title: text('S2'), weight: 1, items: [{ id: 'b', type: 'yes_no', weight: 1, text: text('B again') }] });
    expect(validateForm(form)).toEqual([{ path: 'sections[1].items[0].id', message: 'duplicate item id "b"' }]);
  });

  it('refuses a form that is not an object or has no sections', () => {
    expect(validateForm(null)).toEqual([{ path: 'form', message: 'must be an object' }]);
    expect(validateForm({ ...smallForm(), sections: [] })).toEqual([{ path: 'sections', message: 'must be a non-empty list' }]);
    expect(validateForm({ ...smallForm(), id: 'has space' }).map((p) => p.path)).toEqual(['id']);
  });
});

describe('defaultForm', () => {
  it('is a valid form whose section weights add up to 100', () => {
    const form = defaultForm();
    expect(validateForm(form)).toEqual([]);
    expect(form.sections.map((s) => [s.id, s.weight])).toEqual([
      ['opening', 20],
      ['courtesy', 30],
      ['handling', 30],
      ['closing', 10],
      ['record', 10],
    ]);
  });

  it('holds the checklist of the service documents, with the forbidden phrases as the one critical item', () => {
    const form = defaultForm();
    const items = form.sections.flatMap((s) => s.items);
    expect(items.map((i) => i.id)).toEqual([
      'greeting',
      'identity',
      'recording_notice',
      'please_you',
      'no_forbidden_phrase',
      'no_arguing',
      'patience',
      'answer_or_reply_time',
      'apology',
      'category_transfer',
      'summary',
      'anything_else',
      'farewell',
      'record_complete',
    ]);
    expect(items.filter((i) => i.critical).map((i) => i.id)).toEqual(['no_forbidden_phrase']);
    expect(items.find((i) => i.id === 'no_forbidden_phrase')?.text['zh-CN']).toContain('不行、不知道、不可以、不归我管');
    expect(items.filter((i) => i.naAllowed).map((i) => i.id)).toEqual(['recording_notice', 'apology', 'category_transfer']);
  });

  it('links items only to transcript checks that exist', () => {
    const findings = checkTranscript([{ speaker: 'agent', startS: 0, endS: 1, text: '您好' }], defaultTranscriptRules(), {
      complaint: true,
    });
    const ruleIds = new Set<string>(findings.map((f) => f.ruleId));
    const linked = defaultForm()
      .sections.flatMap((s) => s.items)
      .flatMap((i) => (i.autoCheck ? [i.autoCheck] : []));
    expect(linked).toEqual(['greeting', 'identity_question', 'please_count', 'forbidden_phrase', 'apology', 'farewell']);
    for (const id of linked) expect(ruleIds.has(id)).toBe(true);
  });

  it('returns a fresh copy each time', () => {
    const a = defaultForm();
    a.sections[0]!.weight = 99;
    expect(defaultForm().sections[0]!.weight).toBe(20);
  });
});
