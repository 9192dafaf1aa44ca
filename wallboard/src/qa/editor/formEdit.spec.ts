import { describe, expect, it } from 'vitest';
import {
  addItem,
  addSection,
  duplicateAsNew,
  formToPublish,
  freshId,
  isChanged,
  moveInList,
  moveItem,
  moveSection,
  removeItem,
  removeSection,
  setItemType,
  updateAt,
  type EditedForm,
} from './formEdit';

const t = (en: string) => ({ 'zh-CN': `${en}（中）`, en });

function form(): EditedForm {
  return {
    id: 'etiquette',
    version: 3,
    title: t('Etiquette'),
    sections: [
      {
        id: 'opening',
        title: t('Opening'),
        weight: 2,
        items: [
          { id: 'greet', type: 'yes_no', text: t('Greets'), weight: 1, autoCheck: 'greeting' },
          { id: 'name', type: 'yes_no', text: t('Asks the name'), weight: 1 },
        ],
      },
      { id: 'closing', title: t('Closing'), weight: 1, items: [{ id: 'bye', type: 'scale', max: 4, text: t('Says goodbye'), weight: 3 }] },
    ],
  };
}

describe('updateAt', () => {
  it('sets a nested field on copies and leaves the input and untouched branches as they were', () => {
    const before = form();
    const after = updateAt(before, ['sections', 1, 'items', 0, 'weight'], 5);
    expect(after.sections[1]!.items[0]!.weight).toBe(5);
    expect(before.sections[1]!.items[0]!.weight).toBe(3);
    expect(after.sections[0]).toBe(before.sections[0]); // the other section is shared, not copied
    expect(after.sections[1]).not.toBe(before.sections[1]);
  });

  it('refuses a path the form does not hold', () => {
    expect(() => updateAt(form(), ['sections', 2, 'weight'], 1)).toThrow('no sections.2 in the form');
  });
});

describe('sections and items', () => {
  it('adds a section with fresh ids and one empty item', () => {
    const after = addSection(form());
    expect(after.sections.map((s) => s.id)).toEqual(['opening', 'closing', 'section-1']);
    expect(after.sections[2]!.items).toEqual([{ id: 'item-1', type: 'yes_no', text: { 'zh-CN': '', en: '' }, weight: 1 }]);
  });

  it('numbers a new item past the ids the whole form already uses', () => {
    const once = addItem(form(), 1);
    const twice = addItem(once, 0);
    expect(once.sections[1]!.items.map((i) => i.id)).toEqual(['bye', 'item-1']);
    expect(twice.sections[0]!.items.map((i) => i.id)).toEqual(['greet', 'name', 'item-2']);
  });

  it('moves and removes sections and items', () => {
    expect(moveSection(form(), 1, -1).sections.map((s) => s.id)).toEqual(['closing', 'opening']);
    expect(moveSection(form(), 1, 1).sections.map((s) => s.id)).toEqual(['opening', 'closing']); // already last
    expect(moveItem(form(), 0, 0, 1).sections[0]!.items.map((i) => i.id)).toEqual(['name', 'greet']);
    expect(removeItem(form(), 0, 0).sections[0]!.items.map((i) => i.id)).toEqual(['name']);
    expect(removeSection(form(), 0).sections.map((s) => s.id)).toEqual(['closing']);
  });

  it('moveInList swaps neighbours only inside the list', () => {
    expect(moveInList(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveInList(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });

  it('gives a scale item a max of 5 and takes it from a yes/no item', () => {
    const scale = setItemType(form(), 0, 0, 'scale');
    expect(scale.sections[0]!.items[0]).toMatchObject({ type: 'scale', max: 5 });
    const back = setItemType(form(), 1, 0, 'yes_no');
    expect(back.sections[1]!.items[0]!.type).toBe('yes_no');
    expect('max' in back.sections[1]!.items[0]!).toBe(false);
  });
});

describe('formToPublish', () => {
  it('drops an empty guide, no auto-check and unticked flags, and trims texts', () => {
    let f = updateAt(form(), ['sections', 0, 'items', 1, 'guide'], { 'zh-CN': ' ', en: '' });
    f = updateAt(f, ['sections', 0, 'items', 1, 'critical'], undefined);
    f = updateAt(f, ['sections', 0, 'items', 1, 'naAllowed'], true);
    f = updateAt(f, ['title'], { 'zh-CN': ' 礼仪 ', en: 'Etiquette ' });
    const out = formToPublish(f);
    expect(out.title).toEqual({ 'zh-CN': '礼仪', en: 'Etiquette' });
    expect(out.sections[0]!.items[1]).toEqual({ id: 'name', type: 'yes_no', text: t('Asks the name'), weight: 1, naAllowed: true });
    expect(out.sections[0]!.items[0]!.autoCheck).toBe('greeting');
  });

  it('keeps a guide written in one language, so its validation names the other', () => {
    const f = updateAt(form(), ['sections', 0, 'items', 0, 'guide'], { 'zh-CN': '', en: 'Listen for the name' });
    expect(formToPublish(f).sections[0]!.items[0]!.guide).toEqual({ 'zh-CN': '', en: 'Listen for the name' });
  });
});

describe('duplicates and changes', () => {
  it('duplicates as version 1 under an id nobody has', () => {
    const copy = duplicateAsNew(form(), ['etiquette', 'etiquette-copy-1']);
    expect(copy.id).toBe('etiquette-copy-2');
    expect(copy.version).toBe(1);
    expect(copy.sections).toEqual(form().sections);
  });

  it('freshId takes the lowest free number', () => {
    expect(freshId('item-', ['item-1', 'item-3'])).toBe('item-2');
  });

  it('sees an edit, and not a guide left empty', () => {
    expect(isChanged(updateAt(form(), ['sections', 0, 'weight'], 3), form())).toBe(true);
    expect(isChanged(updateAt(form(), ['sections', 0, 'items', 0, 'guide'], { 'zh-CN': '', en: '' }), form())).toBe(false);
  });
});
