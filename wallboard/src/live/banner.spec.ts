import { describe, expect, it } from 'vitest';
import { liveBanner } from './banner';

describe('liveBanner', () => {
  it('shows nothing while live and fresh, nor while loading the first time', () => {
    expect(liveBanner('live', false)).toBeNull();
    expect(liveBanner('connecting', false)).toBeNull();
  });

  it('warns of data older than 5 s even when the connection claims to be live', () => {
    expect(liveBanner('live', true)).toBe('stale');
    expect(liveBanner('connecting', true)).toBe('stale');
  });

  it('names a lost, resyncing, ended or refused connection, stale or not', () => {
    for (const stale of [false, true]) {
      expect(liveBanner('disconnected', stale)).toBe('disconnected');
      expect(liveBanner('resyncing', stale)).toBe('resyncing');
      expect(liveBanner('signedOut', stale)).toBe('signedOut');
      expect(liveBanner('forbidden', stale)).toBe('forbidden');
    }
  });
});
