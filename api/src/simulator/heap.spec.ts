import { describe, expect, it } from 'vitest';
import { Agenda } from './heap.js';

describe('Agenda', () => {
  it('pops by time, and in insertion order for equal times', () => {
    const agenda = new Agenda<string>();
    const times = [5, 3, 9, 3, 1, 5, 5, 0, 7, 3];
    times.forEach((t, i) => agenda.push(t, `${t}#${i}`));
    const popped: string[] = [];
    for (let x = agenda.pop(); x; x = agenda.pop()) popped.push(x.item);
    const expected = times
      .map((t, i) => ({ t, i }))
      .sort((a, b) => a.t - b.t || a.i - b.i)
      .map(({ t, i }) => `${t}#${i}`);
    expect(popped).toEqual(expected);
    expect(agenda.size).toBe(0);
  });

  it('stays ordered when pushes and pops interleave', () => {
    const agenda = new Agenda<number>();
    let seed = 1;
    const next = () => (seed = (seed * 48271) % 2147483647) % 1000;
    let last = -1;
    for (let round = 0; round < 2000; round++) {
      agenda.push(last + 1 + next(), round);
      if (round % 3 === 0) {
        const top = agenda.pop()!;
        expect(top.t).toBeGreaterThanOrEqual(last);
        last = top.t;
      }
    }
    while (agenda.size > 0) {
      const top = agenda.pop()!;
      expect(top.t).toBeGreaterThanOrEqual(last);
      last = top.t;
    }
  });
});
