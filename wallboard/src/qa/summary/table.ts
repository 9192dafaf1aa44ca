/**
 * The table under each QA summary chart, which is also what its exports hold:
 * the same columns, the same rows in the same order, the figures rounded as on
 * screen (an export's spreadsheet keeps the unrounded values behind them).
 */
import type { ExportCell, ExportColumn, ExportTable } from '../../exports/table';
import type { Translate } from '../../tiles/formula';
import type { DayRange } from './period';
import { fixed1, type SummaryGroup, type SummaryRow } from './rows';

/** What a summary screen shows: means by agent or team, item pass rates, or the weekly trend. */
export type SummaryView = 'means' | 'items' | 'trend';

export interface SummaryTable extends ExportTable {
  /** Per row: its key (`data-key`) and its mean as shown (`data-mean`, "" without one). */
  keys: readonly string[];
  means: readonly string[];
}

const ONE_DECIMAL = '0.0';
const WHOLE = '0';

const text = (value: string): ExportCell => ({ text: value });
const count = (n: number): ExportCell => ({ text: String(n), value: n });
const figure = (value: number | null): ExportCell => ({ text: fixed1(value), value });

/** The summary a view asks the API for. */
export function groupOf(view: SummaryView, by: 'agent' | 'team'): SummaryGroup {
  return view === 'means' ? by : view === 'items' ? 'item' : 'week';
}

export function summaryTable(group: SummaryGroup, rows: readonly SummaryRow[], t: Translate): SummaryTable {
  const column = (key: string, numFmt?: string): ExportColumn => ({
    header: t(`qa.summary.columns.${key}`),
    ...(numFmt ? { numFmt } : {}),
  });
  let columns: ExportColumn[];
  let cells: ExportCell[][];
  if (group === 'item') {
    columns = [column('item'), column('answers', WHOLE), column('passRate', ONE_DECIMAL), column('itemMean', ONE_DECIMAL)];
    cells = rows.map((row) => [text(row.label), count(row.n), figure(row.passRate === null ? null : row.passRate * 100), figure(row.mean)]);
  } else {
    const first = group === 'week' ? 'week' : group;
    columns = [
      { ...column(first), width: 24 },
      column('n', WHOLE),
      column('mean', ONE_DECIMAL),
      column('margin', ONE_DECIMAL),
      column('low', ONE_DECIMAL),
      column('high', ONE_DECIMAL),
    ];
    cells = rows.map((row) => [text(row.label), count(row.n), figure(row.mean), figure(row.margin), figure(row.low), figure(row.high)]);
  }
  return {
    sheetName: t('qa.summary.sheet'),
    columns,
    rows: cells,
    keys: rows.map((row) => row.key),
    means: rows.map((row) => (row.mean === null ? '' : fixed1(row.mean))),
  };
}

/** "qa-summary-agent-2026-11-30_2026-12-06.csv": what, by what, and the days, so downloads sort and never collide. */
export function summaryFileName(group: SummaryGroup, range: DayRange, extension: 'csv' | 'xlsx'): string {
  return `qa-summary-${group}-${range.from}_${range.to}.${extension}`;
}
