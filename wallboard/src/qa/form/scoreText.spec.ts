import { describe, expect, it } from 'vitest';
import { formatScore, scoreAttribute, stampSeconds } from './scoreText';

describe('scoreText', () => {
  it('writes a score with at most one decimal in the reader’s locale', () => {
    expect(formatScore(93.75, 'en')).toBe('93.8');
    expect(formatScore(100, 'zh-CN')).toBe('100');
    expect(formatScore(1775 / 36, 'en')).toBe('49.3');
    expect(formatScore(null, 'en')).toBe('—');
  });

  it('gives attributes one decimal always, and nothing without a score', () => {
    expect(scoreAttribute(0)).toBe('0.0');
    expect(scoreAttribute(250 / 3)).toBe('83.3');
    expect(scoreAttribute(undefined)).toBe('');
  });

  it('stamps a moment to the tenth of a second, never before the start', () => {
    expect(stampSeconds(12.34)).toBe(12.3);
    expect(stampSeconds(12.35)).toBe(12.4);
    expect(stampSeconds(-0.2)).toBe(0);
  });
});
