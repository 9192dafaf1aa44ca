import { describe, expect, it } from 'vitest';
import { t } from '../testing/charts.fixture';
import { KAPPA_BAND_COLORS, KAPPA_SERIES_ID, kappaByItem } from './kappaByItem';
import { chartColors } from './palette';

const bars = [
  { label: 'Greeting', kappa: null, noKappa: 'Everyone answered alike' },
  { label: 'Tone', kappa: -0.5 },
  { label: 'Closing words', kappa: 0.7 },
];

type Datum = { value: number; itemStyle: { color: string } };
type Area = [{ name: string; xAxis: number; itemStyle: { color: string } }, { xAxis: number }];
type Series = {
  id: string;
  data: Datum[];
  label: { formatter: (p: { dataIndex: number }) => string };
  markArea: { data: Area[] };
};

describe('kappaByItem', () => {
  const option = kappaByItem(bars, { theme: 'dark', locale: 'en', t });
  const series = (option.series as Series[])[0]!;

  it('draws one bar per item, top to bottom in the form’s order, on the −1…1 kappa scale', () => {
    expect((option.yAxis as { data: string[]; inverse: boolean }).data).toEqual(['Greeting', 'Tone', 'Closing words']);
    expect((option.yAxis as { inverse: boolean }).inverse).toBe(true);
    expect(option.xAxis).toMatchObject({ type: 'value', min: -1, max: 1 });
    expect(series.id).toBe(KAPPA_SERIES_ID);
    expect(series.data.map((d) => d.value)).toEqual([0, -0.5, 0.7]);
  });

  it('writes the kappa on each bar, and the reason where an item has none', () => {
    expect([0, 1, 2].map((dataIndex) => series.label.formatter({ dataIndex }))).toEqual(['Everyone answered alike', '−0.50', '0.70']);
    expect(series.data[0]!.itemStyle.color).toBe('transparent');
    expect(series.data[1]!.itemStyle.color).toBe(chartColors('dark').text);
  });

  it('shades the six Landis & Koch bands behind the bars, named', () => {
    const areas = series.markArea.data;
    expect(areas.map(([from, to]) => [from.name, from.xAxis, to.xAxis])).toEqual([
      ['Poor', -1, 0],
      ['Slight', 0, 0.2],
      ['Fair', 0.2, 0.4],
      ['Moderate', 0.4, 0.6],
      ['Substantial', 0.6, 0.8],
      ['Almost perfect', 0.8, 1],
    ]);
    expect(areas[0]![0].itemStyle.color).toBe(KAPPA_BAND_COLORS.poor);
  });

  it('names the item, its kappa and band in the tooltip', () => {
    const formatter = (option.tooltip as { formatter: (p: { dataIndex: number }) => string }).formatter;
    expect(formatter({ dataIndex: 2 })).toBe('Closing words<br>κ 0.70 · Substantial');
    expect(formatter({ dataIndex: 0 })).toBe('Greeting<br>κ Everyone answered alike');
  });

  it('labels the bands in Chinese for a Chinese reader', async () => {
    const { createAppI18n } = await import('../i18n');
    const zh = kappaByItem(bars, { theme: 'light', locale: 'zh-CN', t: createAppI18n('zh-CN').global.t });
    expect((zh.series as Series[])[0]!.markArea.data.map(([from]) => from.name)).toEqual([
      '差',
      '轻微',
      '一般',
      '中等',
      '较强',
      '几乎完全一致',
    ]);
  });
});
