/**
 * Editing a QA form's working copy: every operation returns a new form and
 * leaves its input untouched, so the editor can compare against the published
 * version and Vue sees each change as a new value.
 */
import type { QaFormWire } from '../../api/qa';

export type EditedForm = QaFormWire;
export type EditedSection = EditedForm['sections'][number];
export type EditedItem = EditedSection['items'][number];
export type ItemType = EditedItem['type'];

/** The points a new scale item runs to: a five-step scale is what reviewers know from other forms. */
export const DEFAULT_SCALE_MAX = 5;

/** A path into the form: `['sections', 1, 'items', 0, 'weight']`. */
export type FormPath = readonly (string | number)[];

/** Sets the value at `path`, copying every object and list along the way. Throws on a path the form does not hold. */
export function updateAt(form: EditedForm, path: FormPath, value: unknown): EditedForm {
  return setIn(form, path, value, 0) as EditedForm;
}

function setIn(node: unknown, path: FormPath, value: unknown, depth: number): unknown {
  if (depth === path.length) return value;
  const key = path[depth]!;
  if (Array.isArray(node)) {
    if (typeof key !== 'number' || key < 0 || key >= node.length)
      throw new RangeError(`no ${path.slice(0, depth + 1).join('.')} in the form`);
    const copy = node.slice();
    copy[key] = setIn(node[key], path, value, depth + 1);
    return copy;
  }
  if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (depth < path.length - 1 && !(String(key) in record)) throw new RangeError(`no ${path.slice(0, depth + 1).join('.')} in the form`);
    return { ...record, [key]: setIn(record[String(key)], path, value, depth + 1) };
  }
  throw new RangeError(`no ${path.slice(0, depth + 1).join('.')} in the form`);
}

/** A list with the entry at `index` moved by `delta` places; unchanged when that would leave the list. */
export function moveInList<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list.slice();
  const copy = list.slice();
  [copy[index], copy[to]] = [copy[to]!, copy[index]!];
  return copy;
}

/** `prefix` + the lowest number from 1 not taken by `taken`. */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

const itemIds = (form: EditedForm) => form.sections.flatMap((s) => s.items.map((i) => i.id));

export function newItem(id: string): EditedItem {
  return { id, type: 'yes_no', text: { 'zh-CN': '', en: '' }, weight: 1 };
}

/** A section at the end, with one empty item so it is never an empty list. */
export function addSection(form: EditedForm): EditedForm {
  const section: EditedSection = {
    id: freshId(
      'section-',
      form.sections.map((s) => s.id),
    ),
    title: { 'zh-CN': '', en: '' },
    weight: 1,
    items: [newItem(freshId('item-', itemIds(form)))],
  };
  return { ...form, sections: [...form.sections, section] };
}

export function removeSection(form: EditedForm, s: number): EditedForm {
  return { ...form, sections: form.sections.filter((_, i) => i !== s) };
}

export function moveSection(form: EditedForm, s: number, delta: -1 | 1): EditedForm {
  return { ...form, sections: moveInList(form.sections, s, delta) };
}

function withItems(form: EditedForm, s: number, items: (list: EditedItem[]) => EditedItem[]): EditedForm {
  const section = form.sections[s];
  if (!section) throw new RangeError(`no sections.${s} in the form`);
  return updateAt(form, ['sections', s, 'items'], items(section.items.slice()));
}

export function addItem(form: EditedForm, s: number): EditedForm {
  return withItems(form, s, (items) => [...items, newItem(freshId('item-', itemIds(form)))]);
}

export function removeItem(form: EditedForm, s: number, i: number): EditedForm {
  return withItems(form, s, (items) => items.filter((_, k) => k !== i));
}

export function moveItem(form: EditedForm, s: number, i: number, delta: -1 | 1): EditedForm {
  return withItems(form, s, (items) => moveInList(items, i, delta));
}

/** A yes/no item has no `max`; a scale item gets one (kept when it had one). */
export function setItemType(form: EditedForm, s: number, i: number, type: ItemType): EditedForm {
  const item = form.sections[s]?.items[i];
  if (!item) throw new RangeError(`no sections.${s}.items.${i} in the form`);
  const { max, ...rest } = item;
  const next: EditedItem = type === 'scale' ? { ...rest, type, max: max ?? DEFAULT_SCALE_MAX } : { ...rest, type };
  return updateAt(form, ['sections', s, 'items', i], next);
}

const blank = (text: { 'zh-CN': string; en: string } | undefined) => !text || (text['zh-CN'].trim() === '' && text.en.trim() === '');

/**
 * The form as it is published: an untouched guide (both languages empty), no
 * auto-check and unticked flags are left out rather than sent empty, and texts
 * are trimmed. A guide written in one language only is kept, so the
 * validation names the missing one.
 */
export function formToPublish(form: EditedForm): EditedForm {
  const trim = (text: { 'zh-CN': string; en: string }) => ({ 'zh-CN': text['zh-CN'].trim(), en: text.en.trim() });
  return {
    id: form.id.trim(),
    version: form.version,
    title: trim(form.title),
    sections: form.sections.map((section) => ({
      id: section.id.trim(),
      title: trim(section.title),
      weight: section.weight,
      items: section.items.map((item) => {
        const out: EditedItem = { id: item.id.trim(), type: item.type, text: trim(item.text), weight: item.weight };
        if (item.type === 'scale') out.max = item.max;
        if (item.critical) out.critical = true;
        if (item.naAllowed) out.naAllowed = true;
        if (!blank(item.guide)) out.guide = trim(item.guide!);
        if (item.autoCheck) out.autoCheck = item.autoCheck;
        return out;
      }),
    })),
  };
}

/** A copy to publish as a new form: its own id (not taken by `existing`) and version 1. */
export function duplicateAsNew(form: EditedForm, existing: readonly string[]): EditedForm {
  return { ...(JSON.parse(JSON.stringify(form)) as EditedForm), id: freshId(`${form.id}-copy-`, existing), version: 1 };
}

/** True when the working copy differs from what was loaded. */
export function isChanged(working: EditedForm, loaded: EditedForm): boolean {
  return JSON.stringify(formToPublish(working)) !== JSON.stringify(formToPublish(loaded));
}
