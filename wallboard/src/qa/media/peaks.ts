/**
 * The waveform's outline from decoded samples: the loudest sample of each of
 * `count` equal stretches, sign kept. Drawing from these instead of the raw
 * samples keeps a twenty-minute call as light as a short one.
 */
export function peaksOf(samples: ArrayLike<number>, count: number): number[] {
  const n = samples.length;
  const buckets = Math.max(0, Math.min(Math.floor(count), n));
  const peaks: number[] = new Array<number>(buckets);
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let peak = 0;
    for (let i = from; i < to; i++) {
      const v = samples[i]!;
      if (Math.abs(v) > Math.abs(peak)) peak = v;
    }
    peaks[b] = peak;
  }
  return peaks;
}
