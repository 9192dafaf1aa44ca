/**
 * Seeded randomness for the simulator. One stream per purpose (the roster, the
 * traffic of one run) so that adding a draw in one place never reshuffles the
 * other: the same seed gives the same agents whatever window is simulated.
 */
import { randomExponential, randomLcg, randomNormal } from 'd3-random';

/** FNV-1a over the parts, then a murmur3 finaliser: a well-spread 32-bit LCG seed. */
export function mixSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // randomLcg treats values in [0, 1) as fractions; a 32-bit integer ≥ 1 is used as the state itself.
  return h >>> 0 || 1;
}

export class Rng {
  readonly uniform: () => number;
  private readonly stdNormal: () => number;
  private readonly unitExponential: () => number;

  constructor(seed: number) {
    this.uniform = randomLcg(seed);
    this.stdNormal = randomNormal.source(this.uniform)(0, 1);
    this.unitExponential = randomExponential.source(this.uniform)(1);
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.uniform();
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.uniform() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.uniform() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** A key of `weights`, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.uniform() * total;
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    const last = entries.at(-1);
    if (!last) throw new RangeError('weighted pick from no weights');
    return last[0];
  }

  normal(mean: number, sd: number): number {
    return mean + sd * this.stdNormal();
  }

  /** Exponential with the given mean (not rate). */
  exponential(mean: number): number {
    return mean * this.unitExponential();
  }

  /**
   * Lognormal given its *mean* and the sigma of the underlying normal: handling
   * times are quoted as means in call-center planning, so that is the knob.
   */
  logNormal(mean: number, sigma: number): number {
    return Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * this.stdNormal());
  }
}
