/**
 * Where a form's problems go on screen. `validateForm` names fields as
 * `sections[1].items[0].weight` and the server's refusals as the same path;
 * both become one key, `sections.1.items.0.weight`, that the editor's fields
 * are registered under.
 */
import { validateForm, type Problem } from '@callboard/qa';
import type { EditedForm } from './formEdit';

/** `sections[1].items[0].weight` and `sections.1.items.0.weight` → `sections.1.items.0.weight`. */
export function fieldKey(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '')
    .replace(/\.{2,}/g, '.');
}

/** The DOM id of the input showing `key`, for the summary's links and for focusing. */
export function fieldDomId(key: string): string {
  return `qa-editor-${key.replace(/[^a-zA-Z0-9-]+/g, '-')}`;
}

export interface FieldProblem {
  key: string;
  message: string;
}

/** Problems keyed by field, first message first; a whole-form problem is under `form`. */
export function problemsByField(problems: readonly Problem[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of problems) {
    const key = fieldKey(p.path) || 'form';
    out.set(key, [...(out.get(key) ?? []), p.message]);
  }
  return out;
}

/** Every problem of the form, keyed for the editor, in the form's order. */
export function formProblems(form: EditedForm): FieldProblem[] {
  return validateForm(form).map((p) => ({ key: fieldKey(p.path) || 'form', message: p.message }));
}

/** A field's place in words: which section and item, and what. */
export interface FieldPlace {
  section?: number;
  item?: number;
  /** The last part: `weight`, `title`, `text`, `guide`, `id`, `max` … */
  field: string;
  /** `zh-CN` or `en` for a text. */
  locale?: string;
}

export function fieldPlace(key: string): FieldPlace {
  const parts = key.split('.');
  const place: FieldPlace = { field: 'form' };
  let k = 0;
  if (parts[k] === 'sections' && /^\d+$/.test(parts[k + 1] ?? '')) {
    place.section = Number(parts[k + 1]);
    k += 2;
    if (parts[k] === 'items' && /^\d+$/.test(parts[k + 1] ?? '')) {
      place.item = Number(parts[k + 1]);
      k += 2;
    }
  }
  const rest = parts.slice(k);
  if (rest.length > 0 && rest[0] !== '') place.field = rest[0]!;
  else if (place.item !== undefined) place.field = 'item';
  else if (place.section !== undefined) place.field = 'section';
  if (rest[1] === 'zh-CN' || rest[1] === 'en') place.locale = rest[1];
  return place;
}

/** A validation message the editor words itself (in the reader's language): its key under `qa.editor.messages`. */
export interface MessageKey {
  key: 'weight' | 'text' | 'id' | 'duplicate' | 'max' | 'nonEmpty';
  params?: Record<string, string | number>;
}

/**
 * Which of the validator's messages this is, so it can be shown translated;
 * null for one the editor has no words for (shown as the validator wrote it).
 */
export function messageKey(message: string): MessageKey | null {
  if (message === 'must be a number above 0') return { key: 'weight' };
  let m = /^must be a non-empty text of at most (\d+) characters$/.exec(message);
  if (m) return { key: 'text', params: { max: Number(m[1]) } };
  m = /^must be 1–(\d+) letters, digits/.exec(message);
  if (m) return { key: 'id', params: { max: Number(m[1]) } };
  m = /^duplicate (?:item|section) id "(.*)"$/.exec(message);
  if (m) return { key: 'duplicate', params: { id: m[1]! } };
  m = /^must be a whole number from 1 to (\d+)$/.exec(message);
  if (m) return { key: 'max', params: { max: Number(m[1]) } };
  if (message === 'must be a non-empty list') return { key: 'nonEmpty' };
  return null;
}
