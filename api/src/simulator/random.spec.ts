import { describe, expect, it } from 'vitest';
import { mixSeed, Rng } from './random.js';

describe('Rng', () => {
  it('repeats for the same seed and differs for seeds the bare LCG would confuse (5 and -5, 1 and 1.2)', () => {
    const draws = (seed: number) => {
      const r = new Rng(mixSeed(seed));
      return Array.from({ length: 5 }, () => r.uniform());
    };
    expect(draws(5)).toEqual(draws(5));
    expect(draws(5)).not.toEqual(draws(-5));
    expect(draws(1)).not.toEqual(draws(1.2));
  });

  it('draws lognormals with the requested mean', () => {
    const r = new Rng(mixSeed('lognormal'));
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) sum += r.logNormal(240, 0.6);
    // Standard error of the mean: 240·sqrt(e^0.36 − 1)/sqrt(n) ≈ 1.1 s.
    expect(Math.abs(sum / n - 240)).toBeLessThan(6);
  });

  it('picks by weight', () => {
    const r = new Rng(mixSeed('weights'));
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) counts[r.weighted({ a: 1, b: 3, c: 0 })]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.6);
    expect(counts.b / counts.a).toBeLessThan(3.4);
  });
});
