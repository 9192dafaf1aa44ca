/**
 * The table under the trends chart: exactly the numbers the chart draws, one
 * row per bucket, each rate with the raw counts behind it and its formula
 * ("82.1% = 412 ÷ 502"), the comparison period's value beside it. The same
 * model is what the CSV and Excel exports write.
 */
import type { TrendMetric, TrendRow, TrendsResponse } from '../api/trends';
import type { ExportCell, ExportColumn, ExportTable } from '../exports/table';
import { NO_VALUE, formatNumber, formatPercent, formatSeconds } from '../format';
import { formulaArithmetic, formulaFor, formulaResult, TERM_KEYS, type FormulaMetric, type Translate } from '../tiles/formula';
import { bucketLabels } from './buckets';
import { METRICS, formulaTerms, type MetricUnit } from './metrics';

export interface TrendsTable extends ExportTable {
  /** Each row's bucket, as the server stated it. */
  keys: string[];
}

const scoreFormats = new Map<string, Intl.NumberFormat>();

/** A QA score out of 100, one decimal as the QA screens show it. */
function formatScore(value: number | null | undefined, locale: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return NO_VALUE;
  let format = scoreFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    scoreFormats.set(locale, format);
  }
  return format.format(value);
}

/** A metric's value as the page writes it. */
export function formatValue(unit: MetricUnit, value: number | null | undefined, locale: string): string {
  switch (unit) {
    case 'count':
      return formatNumber(value, locale);
    case 'rate':
      return formatPercent(value, locale);
    case 'seconds':
      return formatSeconds(value, locale);
    case 'score':
      return formatScore(value, locale);
  }
}

const NUM_FMT: Record<MetricUnit, string> = { count: '0', rate: '0.0%', seconds: '0.0', score: '0.0' };

const cell = (text: string, value?: number | null): ExportCell => (value === undefined ? { text } : { text, value });

/** "82.1% = 412 ÷ 502": the value from the row's own counts, then the arithmetic. */
export function formulaCellText(metric: FormulaMetric, row: TrendRow, t: Translate, locale: string): string {
  // Agent time comes only with metric=occupancy, the one formula that reads it.
  const formula = formulaFor(metric, { ...row, busyS: row.busyS ?? 0, availableS: row.availableS ?? 0 });
  return `${formulaResult(formula, locale)} = ${formulaArithmetic(formula, t, locale)}`;
}

/** Rules named in any row, alphabetically, for one column each. */
export function breachRules(rows: readonly TrendRow[]): string[] {
  const rules = new Set<string>();
  for (const row of rows) for (const rule of Object.keys(row.breachesByRule ?? {})) rules.add(rule);
  return [...rules].sort();
}

export interface TrendsTableContext {
  t: Translate;
  locale: string;
}

export function trendsTable(
  answer: Pick<TrendsResponse, 'metric' | 'granularity' | 'rows' | 'compare'>,
  { t, locale }: TrendsTableContext,
): TrendsTable {
  const metric: TrendMetric = answer.metric;
  const spec = METRICS[metric];
  const rows = answer.rows;
  const labels = bucketLabels(
    rows.map((row) => row.bucket),
    answer.granularity,
  );
  const compareRows = answer.compare?.rows ?? null;
  const compareLabels = compareRows
    ? bucketLabels(
        compareRows.map((row) => row.bucket),
        answer.granularity,
      )
    : [];
  const metricName = t(`trends.metrics.${metric}.name`);

  const columns: ExportColumn[] = [
    { header: t('trends.table.period'), width: 20 },
    { header: metricName, numFmt: NUM_FMT[spec.unit] },
  ];
  const terms = spec.formula ? formulaTerms(spec.formula) : [];
  for (const term of terms) columns.push({ header: t(TERM_KEYS[term]), numFmt: term.endsWith('S') ? '0.0' : '0' });
  if (spec.formula) columns.push({ header: t('trends.table.formula'), width: 36 });
  const rules = metric === 'breaches' ? breachRules(rows) : [];
  for (const rule of rules) columns.push({ header: t('trends.table.rule', { rule }), numFmt: '0' });
  if (metric === 'qaScore') columns.push({ header: t('trends.table.evaluations'), numFmt: '0' });
  if (compareRows) {
    columns.push({ header: t('trends.table.comparePeriod'), width: 20 });
    columns.push({ header: t('trends.table.compareValue', { metric: metricName }), numFmt: NUM_FMT[spec.unit] });
  }

  const body = rows.map((row, i) => {
    const cells: ExportCell[] = [cell(labels[i]!), cell(formatValue(spec.unit, row.value, locale), row.value)];
    for (const term of terms) {
      const value = row[term];
      cells.push(cell(term.endsWith('S') ? formatSeconds(value, locale) : formatNumber(value, locale), value));
    }
    if (spec.formula) cells.push(cell(formulaCellText(spec.formula, row, t, locale)));
    for (const rule of rules) {
      const n = row.breachesByRule?.[rule] ?? 0;
      cells.push(cell(formatNumber(n, locale), n));
    }
    if (metric === 'qaScore') cells.push(cell(formatNumber(row.qaScoreN ?? 0, locale), row.qaScoreN ?? 0));
    if (compareRows) {
      const other = compareRows[i];
      cells.push(cell(other ? compareLabels[i]! : NO_VALUE));
      cells.push(cell(formatValue(spec.unit, other?.value, locale), other?.value ?? null));
    }
    return cells;
  });

  return { sheetName: metricName, columns, rows: body, keys: rows.map((row) => row.bucket) };
}

/** `trends-threeRingRate-hour-2026-03-01-2026-03-31.csv` */
export function trendsFileName(metric: TrendMetric, granularity: string, from: string, to: string, extension: 'csv' | 'xlsx'): string {
  return `trends-${metric}-${granularity}-${from}-${to}.${extension}`;
}
