import { defaultForm } from '@callboard/qa';
import { describe, expect, it } from 'vitest';
import { updateAt, type EditedForm } from './formEdit';
import { fieldDomId, fieldKey, fieldPlace, formProblems, messageKey, problemsByField } from './problems';
import { AUTO_CHECK_RULES, ruleOptions } from './rules';

describe('fieldKey', () => {
  it('reads the validator’s and the server’s paths the same way', () => {
    expect(fieldKey('sections[1].items[0].weight')).toBe('sections.1.items.0.weight');
    expect(fieldKey('sections.1.items.0.weight')).toBe('sections.1.items.0.weight');
    expect(fieldKey('title.zh-CN')).toBe('title.zh-CN');
    expect(fieldKey('sections[0]')).toBe('sections.0');
  });

  it('makes a DOM id of a key', () => {
    expect(fieldDomId('sections.1.items.0.text.zh-CN')).toBe('qa-editor-sections-1-items-0-text-zh-CN');
  });
});

describe('formProblems', () => {
  const base = defaultForm() as EditedForm;

  it('has none for the default form', () => {
    expect(formProblems(base)).toEqual([]);
  });

  it('puts a zero weight and an empty English text at their fields', () => {
    let f = updateAt(base, ['sections', 1, 'items', 0, 'weight'], 0);
    f = updateAt(f, ['sections', 0, 'title', 'en'], '');
    const problems = formProblems(f);
    expect(problems).toEqual([
      { key: 'sections.0.title.en', message: 'must be a non-empty text of at most 500 characters' },
      { key: 'sections.1.items.0.weight', message: 'must be a number above 0' },
    ]);
    expect(
      problemsByField([
        { path: 'sections[1].items[0].weight', message: 'a' },
        { path: 'sections[1].items[0].weight', message: 'b' },
      ]),
    ).toEqual(new Map([['sections.1.items.0.weight', ['a', 'b']]]));
  });

  it('names a duplicate item id at the second one', () => {
    const firstId = base.sections[0]!.items[0]!.id;
    const f = updateAt(base, ['sections', 0, 'items', 1, 'id'], firstId);
    expect(formProblems(f)).toEqual([{ key: 'sections.0.items.1.id', message: `duplicate item id "${firstId}"` }]);
  });
});

describe('fieldPlace', () => {
  it('reads section, item, field and language from a key', () => {
    expect(fieldPlace('sections.1.items.0.text.en')).toEqual({ section: 1, item: 0, field: 'text', locale: 'en' });
    expect(fieldPlace('sections.2.weight')).toEqual({ section: 2, field: 'weight' });
    expect(fieldPlace('sections.0.items')).toEqual({ section: 0, field: 'items' });
    expect(fieldPlace('title.zh-CN')).toEqual({ field: 'title', locale: 'zh-CN' });
    expect(fieldPlace('form')).toEqual({ field: 'form' });
  });
});

describe('ruleOptions', () => {
  it('offers every rule the checker knows, plus an unknown one a form already holds', () => {
    expect(ruleOptions(undefined)).toEqual([...AUTO_CHECK_RULES]);
    expect(ruleOptions('greeting')).toHaveLength(7);
    expect(ruleOptions('legacy_rule').at(-1)).toBe('legacy_rule');
  });
});

describe('messageKey', () => {
  it('recognises the validator’s messages, with their figures', () => {
    expect(messageKey('must be a number above 0')).toEqual({ key: 'weight' });
    expect(messageKey('must be a non-empty text of at most 500 characters')).toEqual({ key: 'text', params: { max: 500 } });
    expect(messageKey('duplicate item id "greeting"')).toEqual({ key: 'duplicate', params: { id: 'greeting' } });
    expect(messageKey('must be a whole number from 1 to 100')).toEqual({ key: 'max', params: { max: 100 } });
    expect(messageKey('must be 1–64 letters, digits, "_", "-" or ".", starting with a letter or digit')).toEqual({
      key: 'id',
      params: { max: 64 },
    });
    expect(messageKey('must be "yes_no" or "scale"')).toBeNull();
  });
});
