import { describe, expect, it } from 'vitest';
import { excerpt, openDisputes, recentlyResolved, resolutionChange, splitAge } from './inbox';
import { detail, summary } from './results.fixture';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');

describe('openDisputes', () => {
  it('lists open disputes oldest first with their age in whole hours', () => {
    const list = [
      summary({ id: 'recent', status: 'disputed', disputedAt: '2026-03-10T09:30:00.000Z' }),
      summary({ id: 'scored', status: 'submitted' }),
      summary({ id: 'b-old', status: 'disputed', disputedAt: '2026-03-08T10:00:00.000Z' }),
      summary({ id: 'a-old', status: 'disputed', disputedAt: '2026-03-08T10:00:00.000Z' }),
      summary({ id: 'done', status: 'resolved', disputedAt: '2026-03-01T10:00:00.000Z' }),
    ];
    // 10 Mar 12:00 − 8 Mar 10:00 = 50 h; − 10 Mar 09:30 = 2.5 h → 2
    expect(openDisputes(list, NOW).map((d) => [d.evaluation.id, d.ageHours])).toEqual([
      ['a-old', 50],
      ['b-old', 50],
      ['recent', 2],
    ]);
    expect(splitAge(50)).toEqual({ days: 2, hours: 2 });
  });
});

describe('recentlyResolved', () => {
  it('keeps resolutions of the last 30 days, newest first', () => {
    const list = [
      summary({ id: 'edge', status: 'resolved', resolvedAt: '2026-02-08T12:00:00.000Z' }), // exactly 30 days
      summary({ id: 'too-old', status: 'resolved', resolvedAt: '2026-02-08T11:59:59.000Z' }),
      summary({ id: 'new', status: 'resolved', resolvedAt: '2026-03-09T08:00:00.000Z' }),
      summary({ id: 'open', status: 'disputed', resolvedAt: null }),
    ];
    expect(recentlyResolved(list, NOW).map((e) => e.id)).toEqual(['new', 'edge']);
  });
});

describe('resolutionChange', () => {
  it('compares the last two versions; an upheld score has no change', () => {
    const first = detail().versions[0]!;
    expect(resolutionChange({ versions: [first] })).toEqual({ before: first.score, after: first.score });
    const adjusted = { ...first, version: 2, kind: 'adjusted' as const, score: 100 };
    expect(resolutionChange({ versions: [adjusted, first] })).toEqual({ before: first.score, after: 100 });
  });
});

describe('excerpt', () => {
  it('keeps a short reason whole and cuts a long one at a word', () => {
    expect(excerpt('  The notice\nwas given ')).toBe('The notice was given');
    expect(excerpt('alpha beta gamma delta', 14)).toBe('alpha beta…');
    expect(excerpt(null)).toBe('');
  });
});
