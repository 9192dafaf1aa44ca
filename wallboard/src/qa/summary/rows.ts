/**
 * The QA summary's rows as the screen shows them (SPEC §5): who or what each
 * row is, its count, its mean and 95 % margin of error with the interval's
 * ends, and for checklist items the share of answers earning full points.
 * Figures are shown to one decimal; the unrounded values stay for exports.
 */
import type { QaSummary } from '@callboard/api/wire';
import { NO_VALUE } from '../../format';

export type SummaryGroup = QaSummary['groupBy'];
export type SummaryWireRow = QaSummary['rows'][number];

export interface SummaryRow {
  /** Agent id, team ("" for none), item id, or the Monday starting a week. */
  key: string;
  label: string;
  n: number;
  mean: number | null;
  /** Null below two scores: one score has no spread to estimate. */
  margin: number | null;
  /** The interval's ends, mean ∓ margin; null without a margin. */
  low: number | null;
  high: number | null;
  /** Items only: share (0..1) of answers earning full points. */
  passRate: number | null;
}

/** Names for row keys; each screen passes what it knows. */
export interface RowNames {
  /** An agent's display name (the id until known). */
  agentName: (agentId: string) => string;
  /** The label of agents with no team. */
  noTeam: string;
  /** A checklist item's text in the reader's language; undefined for an item no form has any more. */
  itemName: (itemId: string) => string | undefined;
  /** Where an item sits in its form, to list items in checklist order. */
  itemOrder: (itemId: string) => number | undefined;
  /** A week's label from its Monday. */
  weekLabel: (monday: string) => string;
}

/** A figure to one decimal, as shown: 86.45 → 86.5 (half away from zero for these positive scores). */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A figure as the table and the exports write it: one decimal, no grouping; a dash when missing. */
export function fixed1(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? round1(value).toFixed(1) : NO_VALUE;
}

function labelOf(group: SummaryGroup, row: SummaryWireRow, names: RowNames): string {
  switch (group) {
    case 'agent':
      return row.label || names.agentName(row.key);
    case 'team':
      return row.key === '' ? names.noTeam : row.key;
    case 'item':
      return names.itemName(row.key) ?? row.key;
    case 'week':
      return names.weekLabel(row.key);
  }
}

function viewOf(group: SummaryGroup, row: SummaryWireRow, names: RowNames): SummaryRow {
  const hasMargin = row.mean !== null && row.marginOfError !== null && row.n >= 2;
  return {
    key: row.key,
    label: labelOf(group, row, names),
    n: row.n,
    mean: row.mean,
    margin: hasMargin ? row.marginOfError : null,
    low: hasMargin ? row.mean! - row.marginOfError! : null,
    high: hasMargin ? row.mean! + row.marginOfError! : null,
    passRate: group === 'item' ? (row.passRate ?? null) : null,
  };
}

const byKey = (a: SummaryRow, b: SummaryRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Highest mean first; rows without a mean last; ties by more scores, then by key, so the order never wobbles. */
function byMean(a: SummaryRow, b: SummaryRow): number {
  if (a.mean !== b.mean) {
    if (a.mean === null) return 1;
    if (b.mean === null) return -1;
    return b.mean - a.mean;
  }
  return b.n - a.n || byKey(a, b);
}

/**
 * The rows in the order the chart and the table show them: agents and teams
 * by mean, best first; items in checklist order (items no form lists any more
 * last); weeks in time order.
 */
export function summaryRows(summary: Pick<QaSummary, 'groupBy' | 'rows'>, names: RowNames): SummaryRow[] {
  const rows = summary.rows.map((row) => viewOf(summary.groupBy, row, names));
  switch (summary.groupBy) {
    case 'agent':
    case 'team':
      return rows.sort(byMean);
    case 'week':
      return rows.sort(byKey);
    case 'item': {
      const order = (row: SummaryRow) => names.itemOrder(row.key) ?? Number.POSITIVE_INFINITY;
      return rows.sort((a, b) => order(a) - order(b) || byKey(a, b));
    }
  }
}

/** Checklist items of the forms, by id: the text in `locale` (Chinese when the form has no English) and the order. */
export function itemIndex(
  forms: readonly { sections: readonly { items: readonly { id: string; text: { 'zh-CN': string; en: string } }[] }[] }[],
  locale: string,
): Map<string, { name: string; order: number }> {
  const index = new Map<string, { name: string; order: number }>();
  for (const form of forms) {
    for (const section of form.sections) {
      for (const item of section.items) {
        if (index.has(item.id)) continue;
        const name = (locale.startsWith('zh') ? item.text['zh-CN'] : item.text.en) || item.text['zh-CN'] || item.text.en;
        index.set(item.id, { name, order: index.size });
      }
    }
  }
  return index;
}

const weekFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A week's label from its Monday (a calendar day, so formatted as a UTC date):
 * "Nov 30" (en), "11月30日" (zh-CN); with the year when the period spans two.
 */
export function weekLabel(monday: string, locale: string, withYear = false): string {
  const key = `${locale}|${withYear}`;
  let format = weekFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric', ...(withYear ? { year: 'numeric' } : {}) });
    weekFormats.set(key, format);
  }
  const date = new Date(`${monday}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? monday : format.format(date);
}
