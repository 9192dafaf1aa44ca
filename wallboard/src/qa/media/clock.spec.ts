import { describe, expect, it } from 'vitest';
import { clampTime, positionText, secondsAttr, speedText, stepSpeed } from './clock';

describe('positionText', () => {
  it('reads position and length as a clock, whole seconds rounded down', () => {
    // 65.9 s → 1:05; 252 s → 4:12
    expect(positionText(65.9, 252)).toBe('1:05 / 4:12');
    // 3725 s = 1 h 2 min 5 s
    expect(positionText(0, 3725)).toBe('0:00 / 1:02:05');
  });

  it('shows a dash for a length not known yet', () => {
    expect(positionText(12, null)).toBe('0:12 / —');
    expect(positionText(12, 0)).toBe('0:12 / —');
  });
});

describe('secondsAttr', () => {
  it('keeps one decimal', () => {
    expect(secondsAttr(12.345)).toBe('12.3');
    expect(secondsAttr(12.35)).toBe('12.3'); // 12.35 is stored as 12.3499…
    expect(secondsAttr(7)).toBe('7.0');
    expect(secondsAttr(-1)).toBe('0.0');
    expect(secondsAttr(Number.NaN)).toBe('0.0');
  });
});

describe('clampTime', () => {
  it('keeps a moment within the recording', () => {
    expect(clampTime(-5, 100)).toBe(0);
    expect(clampTime(105, 100)).toBe(100);
    expect(clampTime(42, 100)).toBe(42);
    // Length unknown (no recording): only the start bounds it.
    expect(clampTime(105, null)).toBe(105);
    expect(clampTime(Number.NaN, 100)).toBe(0);
  });
});

describe('stepSpeed', () => {
  it('steps through 1×, 1.25×, 1.5×, 2× and stays at the ends', () => {
    expect(stepSpeed(1, 1)).toBe(1.25);
    expect(stepSpeed(1.5, 1)).toBe(2);
    expect(stepSpeed(2, 1)).toBe(2);
    expect(stepSpeed(1.25, -1)).toBe(1);
    expect(stepSpeed(1, -1)).toBe(1);
    // A speed that is not offered starts from 1×.
    expect(stepSpeed(3, 1)).toBe(1.25);
    expect(speedText(1.25)).toBe('1.25×');
  });
});
