import { describe, expect, it } from 'vitest';
import { OKABE_ITO, chartColors, seriesColor } from './palette';

const okabeIto: string[] = Object.values(OKABE_ITO);

describe('chart palette', () => {
  it('draws every series and level in Okabe–Ito colours, seven distinct ones per theme', () => {
    for (const theme of ['dark', 'light'] as const) {
      const c = chartColors(theme);
      expect(new Set(c.series).size).toBe(7);
      for (const color of [...c.series, ...Object.values(c.level)]) expect(okabeIto).toContain(color);
    }
  });

  it('leaves out black, which vanishes on the dark TV theme', () => {
    expect(chartColors('dark').series).not.toContain(OKABE_ITO.black);
  });

  it('starts each theme with a colour that stands out on its surface', () => {
    expect(seriesColor('dark', 0)).toBe(OKABE_ITO.skyBlue);
    expect(seriesColor('light', 0)).toBe(OKABE_ITO.blue);
  });

  it('cycles past the last colour', () => {
    expect(seriesColor('light', 7)).toBe(seriesColor('light', 0));
    expect(seriesColor('dark', 9)).toBe(seriesColor('dark', 2));
  });
});
