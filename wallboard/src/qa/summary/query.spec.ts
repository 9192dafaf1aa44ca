import { describe, expect, it } from 'vitest';
import { queryFromState, stateFromQuery } from './query';

// Monday 7 December 2026.
const TODAY = '2026-12-07';

describe('stateFromQuery', () => {
  it('opens this week’s mean scores by agent with nothing asked', () => {
    expect(stateFromQuery({}, TODAY)).toEqual({
      preset: 'thisWeek',
      range: { from: '2026-12-07', to: '2026-12-13' },
      view: 'means',
      by: 'agent',
    });
  });

  it('reads a preset, a view and a grouping', () => {
    expect(stateFromQuery({ period: 'lastMonth', view: 'items', by: 'team' }, TODAY)).toEqual({
      preset: 'lastMonth',
      range: { from: '2026-11-01', to: '2026-11-30' },
      view: 'items',
      by: 'team',
    });
  });

  it('reads a custom period, and falls back to this week when its days are not valid', () => {
    expect(stateFromQuery({ period: 'custom', from: '2026-11-01', to: '2026-11-15' }, TODAY).range).toEqual({
      from: '2026-11-01',
      to: '2026-11-15',
    });
    expect(stateFromQuery({ period: 'custom', from: '2026-11-15', to: '2026-11-01' }, TODAY)).toMatchObject({
      preset: 'thisWeek',
      range: { from: '2026-12-07', to: '2026-12-13' },
    });
  });

  it('ignores what it does not know', () => {
    expect(stateFromQuery({ period: 'lastYear', view: ['pie'], by: 'queue' }, TODAY)).toMatchObject({
      preset: 'thisWeek',
      view: 'means',
      by: 'agent',
    });
  });
});

describe('queryFromState', () => {
  it('writes only what differs from the defaults, and reads back the same', () => {
    expect(queryFromState(stateFromQuery({}, TODAY))).toEqual({});
    const custom = { period: 'custom', from: '2026-11-01', to: '2026-11-15', view: 'trend', by: 'team' };
    expect(queryFromState(stateFromQuery(custom, TODAY))).toEqual(custom);
  });
});
