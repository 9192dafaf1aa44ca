import { describe, expect, it } from 'vitest';
import { followScroll, HANDS_OFF_MS, mayFollow } from './follow';

describe('followScroll', () => {
  const view = { top: 300, height: 240 };

  it('leaves a fully visible line where it is', () => {
    expect(followScroll({ top: 300, height: 40 }, view)).toBeNull();
    expect(followScroll({ top: 500, height: 40 }, view)).toBeNull(); // ends at 540 = 300 + 240
  });

  it('brings a line that left the box back a third of the way down', () => {
    // Below: 600 − 240 / 3 = 520
    expect(followScroll({ top: 600, height: 40 }, view)).toBe(520);
    // Half cut off at the bottom: 520 − 80 = 440
    expect(followScroll({ top: 520, height: 40 }, view)).toBe(440);
    // Above, near the top of the list: never a negative scroll
    expect(followScroll({ top: 20, height: 40 }, view)).toBe(0);
  });
});

describe('mayFollow', () => {
  it('waits after the reader scrolled', () => {
    expect(mayFollow(10_000, null)).toBe(true);
    expect(mayFollow(10_000, 10_000 - HANDS_OFF_MS + 1)).toBe(false);
    expect(mayFollow(10_000, 10_000 - HANDS_OFF_MS)).toBe(true);
  });
});
