import { isFiniteNumber, isRecord, type Problem } from './problems.js';

/** The languages every text of a form is written in. */
export const FORM_LOCALES = ['zh-CN', 'en'] as const;
export type FormLocale = (typeof FORM_LOCALES)[number];
export type LocalizedText = Record<FormLocale, string>;

interface FormItemBase {
  /** Unique within the whole form: answers are keyed by it. */
  id: string;
  text: LocalizedText;
  /** Relative weight of the item within its section (> 0). */
  weight: number;
  /** A failed critical item (answered `false`, or 0 points on a scale) fails the whole evaluation. */
  critical?: boolean;
  /** The reviewer may answer `'na'`; the item then leaves the section's denominator. */
  naAllowed?: boolean;
  /** What the reviewer looks for, shown beside the item. */
  guide?: LocalizedText;
  /** The transcript check (`checkTranscript` rule id) that suggests an answer for this item. */
  autoCheck?: string;
}

export interface YesNoItem extends FormItemBase {
  type: 'yes_no';
}

export interface ScaleItem extends FormItemBase {
  type: 'scale';
  /** Points run from 0 to `max` in whole steps. */
  max: number;
}

export type FormItem = YesNoItem | ScaleItem;

export interface FormSection {
  id: string;
  title: LocalizedText;
  /** Relative weight of the section in the total (> 0). */
  weight: number;
  items: FormItem[];
}

/** A QA form. A changed form is a new `version`: evaluations keep the version they were scored on. */
export interface QaForm {
  id: string;
  version: number;
  title: LocalizedText;
  sections: FormSection[];
}

/** The largest `max` of a scale item: a finer scale than 0–100 measures nothing a reviewer can tell apart. */
export const MAX_SCALE = 100;
const MAX_ID_LENGTH = 64;
const MAX_TEXT_LENGTH = 500;
const ID_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/i;

/**
 * Every problem of a form (an empty list when it is valid), each naming its
 * field, so an editor can show them all at once rather than the first.
 */
export function validateForm(form: unknown): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  if (!isRecord(form)) {
    add('form', 'must be an object');
    return problems;
  }
  checkId(form.id, 'id', add);
  if (!Number.isInteger(form.version) || (form.version as number) < 1) add('version', 'must be a whole number from 1');
  checkText(form.title, 'title', add);
  if (!Array.isArray(form.sections) || form.sections.length === 0) {
    add('sections', 'must be a non-empty list');
    return problems;
  }

  const sectionIds = new Set<string>();
  const itemIds = new Set<string>();
  form.sections.forEach((section: unknown, s) => {
    const at = `sections[${s}]`;
    if (!isRecord(section)) {
      add(at, 'must be an object');
      return;
    }
    if (checkId(section.id, `${at}.id`, add)) {
      if (sectionIds.has(section.id as string)) add(`${at}.id`, `duplicate section id "${section.id as string}"`);
      sectionIds.add(section.id as string);
    }
    checkText(section.title, `${at}.title`, add);
    checkWeight(section.weight, `${at}.weight`, add);
    if (!Array.isArray(section.items) || section.items.length === 0) {
      add(`${at}.items`, 'must be a non-empty list');
      return;
    }
    section.items.forEach((item: unknown, i) => {
      const it = `${at}.items[${i}]`;
      if (!isRecord(item)) {
        add(it, 'must be an object');
        return;
      }
      if (checkId(item.id, `${it}.id`, add)) {
        if (itemIds.has(item.id as string)) add(`${it}.id`, `duplicate item id "${item.id as string}"`);
        itemIds.add(item.id as string);
      }
      checkText(item.text, `${it}.text`, add);
      checkWeight(item.weight, `${it}.weight`, add);
      if (item.type === 'scale') {
        if (!Number.isInteger(item.max) || (item.max as number) < 1 || (item.max as number) > MAX_SCALE) {
          add(`${it}.max`, `must be a whole number from 1 to ${MAX_SCALE}`);
        }
      } else if (item.type !== 'yes_no') {
        add(`${it}.type`, 'must be "yes_no" or "scale"');
      }
      for (const flag of ['critical', 'naAllowed'] as const) {
        if (item[flag] !== undefined && typeof item[flag] !== 'boolean') add(`${it}.${flag}`, 'must be true or false');
      }
      if (item.guide !== undefined) checkText(item.guide, `${it}.guide`, add);
      if (item.autoCheck !== undefined && (typeof item.autoCheck !== 'string' || item.autoCheck === '')) {
        add(`${it}.autoCheck`, 'must be a rule id');
      }
    });
  });
  return problems;
}

type Add = (path: string, message: string) => void;

function checkId(v: unknown, path: string, add: Add): boolean {
  if (typeof v !== 'string' || !ID_PATTERN.test(v) || v.length > MAX_ID_LENGTH) {
    add(path, `must be 1–${MAX_ID_LENGTH} letters, digits, "_", "-" or ".", starting with a letter or digit`);
    return false;
  }
  return true;
}

function checkWeight(v: unknown, path: string, add: Add): void {
  if (!isFiniteNumber(v) || v <= 0) add(path, 'must be a number above 0');
}

function checkText(v: unknown, path: string, add: Add): void {
  if (!isRecord(v)) {
    add(path, `must hold a text for each of ${FORM_LOCALES.join(', ')}`);
    return;
  }
  for (const locale of FORM_LOCALES) {
    const text = v[locale];
    if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_TEXT_LENGTH) {
      add(`${path}.${locale}`, `must be a non-empty text of at most ${MAX_TEXT_LENGTH} characters`);
    }
  }
}
