import { describe, expect, it } from 'vitest';
import { activeLine, nextLine, orderLines, previousLine } from './timeline';

/** A call of four turns with a pause after each, sent out of order. */
const sent = [
  { startS: 9, endS: 12, text: 'c' },
  { startS: 0.5, endS: 4, text: 'a' },
  { startS: 4.5, endS: 8, text: 'b' },
  { startS: 9, endS: 10, text: 'c2' },
];
const lines = orderLines(sent);

describe('orderLines', () => {
  it('orders by start, equal starts in the order sent, each keeping its place as sent', () => {
    expect(lines.map((l) => [l.text, l.index])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 0],
      ['c2', 3],
    ]);
  });
});

describe('activeLine', () => {
  it('is nothing before the first line starts', () => {
    expect(activeLine(lines, 0)).toBe(-1);
    expect(activeLine(lines, 0.49)).toBe(-1);
  });

  it('is the last line started at or before the moment, lit through the pause after it', () => {
    expect(activeLine(lines, 0.5)).toBe(0);
    expect(activeLine(lines, 4.2)).toBe(0); // the pause between 4 and 4.5
    expect(activeLine(lines, 4.5)).toBe(1);
    expect(activeLine(lines, 8.99)).toBe(1);
    // Two lines start at 9: the later one sent is the one heard on.
    expect(activeLine(lines, 9)).toBe(3);
    expect(activeLine(lines, 600)).toBe(3);
  });

  it('is nothing for no lines or a moment that is not a number', () => {
    expect(activeLine([], 5)).toBe(-1);
    expect(activeLine(lines, Number.NaN)).toBe(-1);
  });

  it('finds the line in a long call by halving (the same answer as reading every line)', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ startS: i * 3, endS: i * 3 + 2 }));
    for (const t of [0, 1, 2.5, 3, 7499, 14_997, 14_998, 20_000]) {
      const scanned = many.reduce((found, l, i) => (l.startS <= t ? i : found), -1);
      expect(activeLine(many, t)).toBe(scanned);
    }
    // 7499 s lies in the turn starting at 7497 = 2499 × 3.
    expect(activeLine(many, 7499)).toBe(2499);
  });
});

describe('nextLine and previousLine', () => {
  it('goes to the first line starting after the moment', () => {
    expect(nextLine(lines, 0)).toBe(0);
    expect(nextLine(lines, 0.5)).toBe(1);
    expect(nextLine(lines, 5)).toBe(2);
    expect(nextLine(lines, 9)).toBe(-1);
  });

  it('goes back to the start of the line being heard, or to the one before in its first second', () => {
    expect(previousLine(lines, 6)).toBe(1); // 1.5 s into b: b again
    expect(previousLine(lines, 5)).toBe(0); // 0.5 s into b: a
    expect(previousLine(lines, 0.7)).toBe(-1);
    expect(previousLine(lines, 0.2)).toBe(-1);
  });
});
