import { describe, expect, it } from 'vitest';
import { formatKappa, KAPPA_BAND_RANGES, kappaBand } from './agreement';

describe('kappaBand', () => {
  it('reads a kappa against Landis & Koch, upper limits included', () => {
    const cases: [number, string][] = [
      [-1, 'poor'],
      [-0.01, 'poor'],
      [0, 'slight'],
      [0.2, 'slight'],
      [0.21, 'fair'],
      [0.4, 'fair'],
      [0.41, 'moderate'],
      [0.6, 'moderate'],
      [0.61, 'substantial'],
      [0.8, 'substantial'],
      [0.81, 'almostPerfect'],
      [1, 'almostPerfect'],
    ];
    expect(cases.map(([k]) => [k, kappaBand(k)])).toEqual(cases);
  });

  it('bands a kappa as it is printed, to two decimals', () => {
    // 0.2049 prints as 0.20 (slight), 0.2051 as 0.21 (fair); −0.004 prints as 0.00, not poor.
    expect([kappaBand(0.2049), kappaBand(0.2051), kappaBand(-0.004), kappaBand(-0.006)]).toEqual(['slight', 'fair', 'slight', 'poor']);
  });

  it('covers −1…1 with adjacent bands', () => {
    expect(KAPPA_BAND_RANGES[0]!.from).toBe(-1);
    expect(KAPPA_BAND_RANGES.at(-1)!.to).toBe(1);
    for (let i = 1; i < KAPPA_BAND_RANGES.length; i++) expect(KAPPA_BAND_RANGES[i]!.from).toBe(KAPPA_BAND_RANGES[i - 1]!.to);
  });
});

describe('formatKappa', () => {
  it('prints two decimals with a true minus', () => {
    expect(formatKappa(-0.5, 'en')).toBe('−0.50');
    expect(formatKappa(7 / 52, 'en')).toBe('0.13');
    expect(formatKappa(1, 'zh-CN')).toBe('1.00');
  });

  it('prints a kappa that rounds to zero without a sign, and a dash for none', () => {
    expect(formatKappa(-0.001, 'en')).toBe('0.00');
    expect(formatKappa(null, 'en')).toBe('—');
  });
});
