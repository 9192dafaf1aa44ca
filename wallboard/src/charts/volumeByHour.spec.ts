import type { HourVolume } from '@callboard/api/wire';
import { describe, expect, it } from 'vitest';
import { chartColors, seriesColor } from './palette';
import { day, hour, shanghai, t } from '../testing/charts.fixture';
import { LAST_WEEK_SERIES_ID, callTypesOf, volumeByHour } from './volumeByHour';

const ctx = { theme: 'dark', locale: 'en', timeZone: 'Asia/Shanghai', t } as const;

// Today until 09:00 in two queues, and the same weekday a week earlier (whole day).
const queueA = {
  byHour: day(9, {
    8: hour(shanghai(8), { billing: 5, sales: 2 }),
    9: hour(shanghai(9), { billing: 3 }),
  }),
  lastWeek: day(
    23,
    { 8: hour(shanghai(8, '2025-02-25'), { billing: 7, sales: 1 }), 9: hour(shanghai(9, '2025-02-25'), { billing: 10 }) },
    '2025-02-25',
  ),
};
const queueB = {
  byHour: day(9, {
    8: hour(shanghai(8), { billing: 1, unspecified: 4 }),
    9: hour(shanghai(9), { sales: 6 }),
  }),
  lastWeek: day(23, { 8: hour(shanghai(8, '2025-02-25'), { sales: 2 }) }, '2025-02-25'),
};

type Series = { id: string; name: string; type: string; data: (number | null)[]; stack?: string; itemStyle: { color: string } };
const seriesOf = (option: ReturnType<typeof volumeByHour>) => option.series as Series[];
const byId = (option: ReturnType<typeof volumeByHour>, id: string) => seriesOf(option).find((s) => s.id === id)!;
const later = Array.from({ length: 14 }, () => null); // 10:00–23:00 have not come yet

describe('volumeByHour', () => {
  const option = volumeByHour([queueA, queueB], ctx);

  it('lists the call types in the legend before last week’s line, whatever order the series came in', () => {
    expect((option.legend as { data: string[] }).data).toEqual(['billing', 'sales', 'Unspecified', 'Same day last week']);
  });

  it('sets the base text size when one is given (a TV), and leaves ECharts’ own otherwise', () => {
    expect((option.textStyle as { fontSize?: number }).fontSize).toBeUndefined();
    const large = volumeByHour([queueA], { ...ctx, fontSize: 18 });
    expect((large.textStyle as { fontSize?: number }).fontSize).toBe(18);
    // Axis labels carry their own size in ECharts: both axes get it too.
    expect((large.xAxis as { axisLabel: { fontSize?: number } }).axisLabel.fontSize).toBe(18);
    expect((large.yAxis as { axisLabel: { fontSize?: number } }).axisLabel.fontSize).toBe(18);
  });

  it('labels the 24 hours of the day in the center’s zone', () => {
    const labels = (option.xAxis as { data: string[] }).data;
    expect(labels).toHaveLength(24);
    expect(labels[0]).toBe('00:00');
    expect(labels[9]).toBe('09:00');
  });

  it('stacks calls offered per call type, summed over the queues', () => {
    expect(seriesOf(option).map((s) => s.id)).toEqual(['offered:billing', 'offered:sales', 'offered:unspecified', LAST_WEEK_SERIES_ID]);
    const zeros = [0, 0, 0, 0, 0, 0, 0, 0];
    expect(byId(option, 'offered:billing').data).toEqual([...zeros, 5 + 1, 3 + 0, ...later]);
    expect(byId(option, 'offered:sales').data).toEqual([...zeros, 2 + 0, 0 + 6, ...later]);
    expect(byId(option, 'offered:unspecified').data).toEqual([...zeros, 0 + 4, 0, ...later]);
    expect(
      seriesOf(option)
        .filter((s) => s.type === 'bar')
        .every((s) => s.stack === 'offered'),
    ).toBe(true);
  });

  it('draws last week as one line over all types and queues, for the whole day', () => {
    const line = byId(option, LAST_WEEK_SERIES_ID);
    expect(line.type).toBe('line');
    expect(line.data).toHaveLength(24);
    expect(line.data[8]).toBe(7 + 1 + 2);
    expect(line.data[9]).toBe(10);
    expect(line.data[20]).toBe(0);
  });

  it('names the calls without a type and puts them last', () => {
    expect(callTypesOf([queueB])).toEqual(['billing', 'sales', 'unspecified']);
    expect(byId(option, 'offered:unspecified').name).toBe('Unspecified');
  });

  it('gives each call type the colour of its place in a stable list', () => {
    const stable = volumeByHour([queueA, queueB], { ...ctx, callTypes: ['sales', 'complaint'] });
    expect(seriesOf(stable).map((s) => s.id)).toEqual([
      'offered:sales',
      'offered:complaint',
      'offered:billing',
      'offered:unspecified',
      LAST_WEEK_SERIES_ID,
    ]);
    expect(byId(stable, 'offered:sales').itemStyle.color).toBe(seriesColor('dark', 0));
    expect(byId(stable, 'offered:billing').itemStyle.color).toBe(seriesColor('dark', 2));
    expect(byId(stable, 'offered:complaint').data[8]).toBe(0);
  });

  it('gives the same option for the same data, so merges change nothing', () => {
    expect(JSON.stringify(volumeByHour([queueA, queueB], ctx))).toBe(JSON.stringify(option));
  });

  it('follows the theme: light ink on the TV, dark ink on paper', () => {
    const light = volumeByHour([queueA, queueB], { ...ctx, theme: 'light' });
    expect(byId(option, LAST_WEEK_SERIES_ID).itemStyle.color).toBe(chartColors('dark').reference);
    expect(byId(light, LAST_WEEK_SERIES_ID).itemStyle.color).toBe(chartColors('light').reference);
    expect(light.backgroundColor).toBe('transparent');
    expect(byId(light, 'offered:billing').itemStyle.color).toBe(seriesColor('light', 0));
  });

  it('sums the hour in the tooltip, next to last week', () => {
    const tooltip = option.tooltip as { formatter: (p: { dataIndex: number }[]) => string };
    const text = tooltip.formatter([{ dataIndex: 8 }]);
    expect(text).toContain('<strong>08:00</strong>');
    expect(text).toContain('billing: 6');
    expect(text).toContain('Unspecified: 4');
    expect(text).toContain('Total today: 12'); // 6 + 2 + 4
    expect(text).toContain('Same day last week: 10');
    expect(tooltip.formatter([{ dataIndex: 15 }])).toContain('Total today: —');
  });

  it('escapes call type names from the phone system in the tooltip', () => {
    const odd = { byHour: [hour(shanghai(0), { '<img src=x>': 1 })], lastWeek: [] };
    const tooltip = volumeByHour([odd], ctx).tooltip as { formatter: (p: { dataIndex: number }[]) => string };
    expect(tooltip.formatter([{ dataIndex: 0 }])).toContain('&#60;img src=x&#62;: 1');
  });

  it('has an empty day before the first queue', () => {
    const empty = volumeByHour([], ctx);
    expect((empty.xAxis as { data: string[] }).data).toHaveLength(24);
    expect(seriesOf(empty).map((s) => s.id)).toEqual([LAST_WEEK_SERIES_ID]);
  });
});

describe('volumeByHour on daylight-saving days', () => {
  const nyCtx = { ...ctx, timeZone: 'America/New_York' };
  const hours = (startIso: string, count: number, byCallType: Record<string, number>): HourVolume[] =>
    Array.from({ length: count }, (_, i) => hour(new Date(Date.parse(startIso) + i * 3_600_000).toISOString(), byCallType));

  it('aligns a 25-hour day with last week’s 24 by label', () => {
    const today = hours('2025-11-02T04:00:00Z', 25, { billing: 1 }); // clocks go back at 02:00 EDT
    const lastWeek = hours('2025-10-26T04:00:00Z', 24, { billing: 2 });
    const option = volumeByHour([{ byHour: today, lastWeek }], nyCtx);
    expect((option.xAxis as { data: string[] }).data.slice(1, 3)).toEqual(['01:00 EDT', '01:00 EST']);
    expect(byId(option, 'offered:billing').data).toEqual(Array.from({ length: 25 }, () => 1));
    const line = byId(option, LAST_WEEK_SERIES_ID).data;
    expect(line).toHaveLength(25);
    expect(line[1]).toBe(2);
    expect(line[2]).toBeNull(); // last week had one 01:00
    expect(line[3]).toBe(2);
  });

  it('leaves the skipped hour empty on a 23-hour day', () => {
    const today = hours('2025-03-09T05:00:00Z', 5, { billing: 1 }); // 00:00, 01:00, 03:00, 04:00, 05:00
    const lastWeek = hours('2025-03-02T05:00:00Z', 24, { billing: 2 });
    const option = volumeByHour([{ byHour: today, lastWeek }], nyCtx);
    expect((option.xAxis as { data: string[] }).data).toHaveLength(24);
    expect(byId(option, 'offered:billing').data.slice(0, 7)).toEqual([1, 1, null, 1, 1, 1, null]);
    expect(byId(option, LAST_WEEK_SERIES_ID).data[2]).toBe(2);
  });
});
