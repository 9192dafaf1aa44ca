import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

describe('formatDuration', () => {
  it('reads like a clock: minutes and seconds, hours when there are any', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(3725)).toBe('1:02:05'); // 1 h 2 min 5 s
  });

  it('rounds down, so a wait shows 0:14 until it has reached 15 s', () => {
    expect(formatDuration(14.9)).toBe('0:14');
  });

  it('shows a dash without a value', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});
