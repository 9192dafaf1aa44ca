import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../i18n';
import { tableText } from '../exports/table';
import { formulaCellText, trendsFileName, trendsTable } from './table';
import { row } from './trends.fixture';

const en = createAppI18n('en').global.t;
const zh = createAppI18n('zh-CN').global.t;

/** Two New York days around spring forward: the 7th busy, the 8th (23 hours) without a call. */
const busy = row('2026-03-07T00:00:00-05:00', 412 / 502, {
  offered: 520,
  answered: 480,
  answeredInThreshold: 412,
  abandoned: 30,
  shortAbandoned: 10,
  timedOut: 2,
});
const quiet = row('2026-03-08T00:00:00-05:00', null);

describe('trendsTable', () => {
  it('writes each rate with its raw counts and its formula, computed by hand: 412 ÷ (480 + 30 − 10 + 2) = 412 ÷ 502 = 82.1%', () => {
    const table = trendsTable({ metric: 'threeRingRate', granularity: 'day', rows: [busy, quiet] }, { t: en, locale: 'en' });
    expect(tableText(table)).toEqual([
      ['Period', 'Three-ring rate', 'answered within three rings', 'answered', 'abandoned', 'short abandoned', 'timed out', 'Formula'],
      ['2026-03-07', '82.1%', '412', '480', '30', '10', '2', '82.1% = 412 ÷ (480 + 30 − 10 + 2)'],
      ['2026-03-08', '—', '0', '0', '0', '0', '0', '— = 0 ÷ (0 + 0 − 0 + 0)'],
    ]);
    // The spreadsheet keeps the unrounded fraction, shown through a percent format.
    expect(table.rows[0]![1]!.value).toBeCloseTo(0.820717, 6);
    expect(table.columns[1]!.numFmt).toBe('0.0%');
    expect(table.keys).toEqual(['2026-03-07T00:00:00-05:00', '2026-03-08T00:00:00-05:00']);
  });

  it('counts the QA evaluations behind each mean from qaScoreN, as the API sends it', () => {
    const scored = { ...row('2026-03-07T00:00:00-05:00', 86.5), qaScore: 86.5, qaScoreN: 7 };
    const table = trendsTable({ metric: 'qaScore', granularity: 'day', rows: [scored] }, { t: en, locale: 'en' });
    const text = tableText(table)[1]!;
    expect(text).toContain('7');
    expect(table.rows[0]!.map((c) => c.value)).toContain(7);
  });

  it('writes a count as it is, without formula columns', () => {
    const counted = trendsTable(
      {
        metric: 'offered',
        granularity: 'day',
        rows: [
          { ...busy, value: 520 },
          { ...quiet, value: 0 },
        ],
      },
      { t: en, locale: 'en' },
    );
    expect(tableText(counted)).toEqual([
      ['Period', 'Offered'],
      ['2026-03-07', '520'],
      ['2026-03-08', '0'],
    ]);
  });

  it('puts the comparison period beside each bucket by position, a dash past its end', () => {
    const compare = { from: '2025-03-07', to: '2025-03-07', rows: [row('2025-03-07T00:00:00-05:00', 380, { offered: 380 })] };
    const table = trendsTable(
      {
        metric: 'offered',
        granularity: 'day',
        rows: [
          { ...busy, value: 520 },
          { ...quiet, value: 0 },
        ],
        compare,
      },
      { t: en, locale: 'en' },
    );
    expect(tableText(table)).toEqual([
      ['Period', 'Offered', 'Compared period', 'Offered (compared)'],
      ['2026-03-07', '520', '2025-03-07', '380'],
      ['2026-03-08', '0', '—', '—'],
    ]);
  });

  it('splits breaches by rule, a rule missing from a bucket counting 0', () => {
    const rows = [
      row('2026-03-01T00:00:00-05:00', 3, { breachesByRule: { callback: 1, firstResponse: 2 } }),
      row('2026-03-02T00:00:00-05:00', 1, { breachesByRule: { firstResponse: 1 } }),
    ];
    expect(tableText(trendsTable({ metric: 'breaches', granularity: 'day', rows }, { t: en, locale: 'en' }))).toEqual([
      ['Period', 'SLA breaches', 'Rule callback', 'Rule firstResponse'],
      ['2026-03-01', '3', '1', '2'],
      ['2026-03-02', '1', '0', '1'],
    ]);
  });

  it('writes ASA in seconds from the summed wait: 1,234 s ÷ 100 answered = 12.3 s', () => {
    const asa = row('2026-03-01T00:00:00-05:00', 12.34, { answered: 100, answeredWaitS: 1234 });
    expect(formulaCellText('asaS', asa, en, 'en')).toBe('12.3s = 1,234s ÷ 100');
    expect(tableText(trendsTable({ metric: 'asa', granularity: 'day', rows: [asa] }, { t: en, locale: 'en' }))[1]).toEqual([
      '2026-03-01',
      '12.3s',
      '1,234s',
      '100',
      '12.3s = 1,234s ÷ 100',
    ]);
  });

  it('speaks Chinese in zh-CN', () => {
    const table = trendsTable({ metric: 'abandonRate', granularity: 'day', rows: [busy] }, { t: zh, locale: 'zh-CN' });
    expect(table.columns[1]!.header).toBe('放弃率');
    // (30 − 10) ÷ (520 − 10) = 20 ÷ 510 = 3.9 %
    expect(table.rows[0]![table.rows[0]!.length - 1]!.text).toMatch(/^3\.9%/);
  });

  it('names the file after the view', () => {
    expect(trendsFileName('threeRingRate', 'hour', '2026-03-01', '2026-03-31', 'csv')).toBe(
      'trends-threeRingRate-hour-2026-03-01-2026-03-31.csv',
    );
  });
});
