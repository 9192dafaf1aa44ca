import { describe, expect, it } from 'vitest';
import { listFrom, queryFromState, stateFromQuery, type TrendsState } from './query';

const today = '2026-03-08';

describe('the view in the address', () => {
  it('opens offered calls of the last 7 days by hour when the address says nothing', () => {
    expect(stateFromQuery({}, today)).toEqual({
      metric: 'offered',
      preset: 'last7Days',
      range: { from: '2026-03-02', to: '2026-03-08' },
      granularity: 'hour',
      filters: { queues: [], callTypes: [], agents: [], teams: [] },
      compare: null,
    });
  });

  it('round-trips a custom view with filters and a comparison', () => {
    const state: TrendsState = {
      metric: 'threeRingRate',
      preset: 'custom',
      range: { from: '2026-02-20', to: '2026-03-10' },
      granularity: '15m',
      filters: { queues: ['billing', 'sales'], callTypes: ['refund'], agents: [], teams: ['east'] },
      compare: 'last_year',
    };
    const query = queryFromState(state);
    expect(query).toEqual({
      metric: 'threeRingRate',
      preset: 'custom',
      from: '2026-02-20',
      to: '2026-03-10',
      granularity: '15m',
      queue: 'billing,sales',
      callType: 'refund',
      team: 'east',
      compare: 'last_year',
    });
    expect(stateFromQuery(query, today)).toEqual(state);
  });

  it('keeps a preset’s days out of the address: a shared link opens the preset as of the day it is opened', () => {
    const query = queryFromState(stateFromQuery({ preset: 'lastMonth', granularity: 'week', metric: 'aht' }, today));
    expect(query).toEqual({ metric: 'aht', preset: 'lastMonth', granularity: 'week' });
    expect(stateFromQuery(query, '2026-04-02').range).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('falls back field by field on what it does not know', () => {
    const state = stateFromQuery(
      { metric: 'speed', preset: 'custom', from: '2026-02-30', to: '2026-03-01', granularity: 'year', compare: 'x' },
      today,
    );
    expect(state.metric).toBe('offered');
    expect(state.preset).toBe('last7Days');
    expect(state.range).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(state.granularity).toBe('hour');
    expect(state.compare).toBeNull();
  });

  it('refuses 15 minutes over a range longer than 31 days, keeping the range', () => {
    const state = stateFromQuery({ preset: 'last13Months', granularity: '15m' }, today);
    expect(state.range).toEqual({ from: '2025-03-01', to: '2026-03-08' });
    expect(state.granularity).toBe('month');
  });

  it('reads a list repeated or comma-separated, trimmed, without blanks or repeats', () => {
    expect(listFrom(['billing, sales', 'sales', ' ', 'vip'])).toEqual(['billing', 'sales', 'vip']);
    expect(listFrom(undefined)).toEqual([]);
  });
});
