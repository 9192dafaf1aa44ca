import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { tableToCsv } from '../../exports/csv';
import { tableToWorkbook } from '../../exports/xlsx';
import { t } from '../../testing/charts.fixture';
import type { SummaryRow } from './rows';
import { groupOf, summaryFileName, summaryTable } from './table';

const row = (
  key: string,
  label: string,
  n: number,
  mean: number | null,
  margin: number | null,
  passRate: number | null = null,
): SummaryRow => ({
  key,
  label,
  n,
  mean,
  margin,
  low: margin === null || mean === null ? null : mean - margin,
  high: margin === null || mean === null ? null : mean + margin,
  passRate,
});

const agents = [row('A-2', '李雷', 1, 92, null), row('A-1', 'Wang, Fang', 3, 88.33333, 18.97333)];

/** The workbook library is large: its first import takes seconds on a busy machine. */
const SLOW_IMPORT_MS = 30_000;

describe('summaryTable', () => {
  it('shows per agent the scores, the mean, the margin and the interval, to one decimal', () => {
    const table = summaryTable('agent', agents, t);
    expect(table.columns.map((c) => c.header)).toEqual(['Agent', 'Scores', 'Mean', '± 95 % margin', 'Low', 'High']);
    expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['李雷', '1', '92.0', '—', '—', '—'],
      // 88.33333 ∓ 18.97333 = 69.36 and 107.30666.
      ['Wang, Fang', '3', '88.3', '19.0', '69.4', '107.3'],
    ]);
    expect(table.keys).toEqual(['A-2', 'A-1']);
    expect(table.means).toEqual(['92.0', '88.3']);
  });

  it('shows items’ full-point shares as percentages', () => {
    const table = summaryTable('item', [row('greet', 'Greets', 8, 93.75, 6.1, 0.875)], t);
    expect(table.columns.map((c) => c.header)).toEqual(['Checklist item', 'Answers', 'Full points (%)', 'Mean points (%)']);
    expect(table.rows[0]!.map((c) => c.text)).toEqual(['Greets', '8', '87.5', '93.8']);
  });

  it(
    'exports exactly the table: the CSV has its text, the workbook its cells with the unrounded numbers',
    async () => {
      const table = summaryTable('agent', agents, t);
      const csv = Papa.parse<string[]>(tableToCsv(table).slice(1), { newline: '\r\n' }).data;
      expect(csv).toEqual([table.columns.map((c) => c.header), ...table.rows.map((r) => r.map((c) => c.text))]);

      const sheet = (await tableToWorkbook(table)).worksheets[0]!;
      expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
        'Wang, Fang',
        3,
        88.33333,
        18.97333,
        88.33333 - 18.97333,
        88.33333 + 18.97333,
      ]);
      expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['李雷', 1, 92, '—', '—', '—']);
      expect(sheet.getCell('C3').numFmt).toBe('0.0');
    },
    SLOW_IMPORT_MS,
  );
});

describe('summaryFileName and groupOf', () => {
  it('names the file by grouping and days', () => {
    expect(summaryFileName('agent', { from: '2026-11-30', to: '2026-12-06' }, 'csv')).toBe('qa-summary-agent-2026-11-30_2026-12-06.csv');
    expect(summaryFileName('week', { from: '2026-11-01', to: '2026-11-30' }, 'xlsx')).toBe('qa-summary-week-2026-11-01_2026-11-30.xlsx');
  });

  it('asks for the grouping each view draws', () => {
    expect([groupOf('means', 'team'), groupOf('items', 'agent'), groupOf('trend', 'agent')]).toEqual(['team', 'item', 'week']);
  });
});
