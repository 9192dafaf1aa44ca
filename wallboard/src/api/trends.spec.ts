import { describe, expect, it } from 'vitest';
import { errorResponse, fakeApi } from '../testing/session.fixture';
import { ApiError } from './http';
import { heatCells } from '../trends/trends.fixture';
import { fetchTrends, fetchTrendsHeatmap, trendsParams } from './trends';

describe('trendsParams', () => {
  it('joins lists with commas and leaves out empty filters and no comparison', () => {
    expect(
      trendsParams({
        metric: 'aht',
        from: '2026-03-01',
        to: '2026-03-31',
        granularity: 'week',
        queues: ['billing', 'sales'],
        callTypes: [],
        teams: ['east'],
        compare: null,
      }),
    ).toEqual({ metric: 'aht', from: '2026-03-01', to: '2026-03-31', granularity: 'week', queue: 'billing,sales', team: 'east' });
  });
});

describe('fetchTrends', () => {
  const query = { metric: 'offered', from: '2026-03-08', to: '2026-03-08', granularity: 'hour' } as const;

  it('asks GET /api/v1/trends with the query and hands back the answer', async () => {
    const answer = {
      metric: 'offered',
      granularity: 'hour',
      tz: 'America/New_York',
      from: '2026-03-08',
      to: '2026-03-08',
      source: 'calls_hourly',
      rows: [],
    };
    const api = fakeApi({ 'GET /api/v1/trends': answer });
    await expect(fetchTrends({ ...query, compare: 'previous' })).resolves.toEqual(answer);
    expect(api.calls('GET /api/v1/trends')[0]!.url).toBe(
      '/api/v1/trends?metric=offered&from=2026-03-08&to=2026-03-08&granularity=hour&compare=previous',
    );
  });

  it('refuses an answer of another shape', async () => {
    fakeApi({ 'GET /api/v1/trends': { rows: 'none' } });
    await expect(fetchTrends(query)).rejects.toBeInstanceOf(ApiError);
  });

  it('passes on the server’s refusal with the field it names', async () => {
    fakeApi({ 'GET /api/v1/trends': errorResponse(400, 'VALIDATION', 'from: not a day', { field: 'from' }) });
    await expect(fetchTrends(query)).rejects.toMatchObject({ status: 400, field: 'from' });
  });
});

describe('fetchTrendsHeatmap', () => {
  it('asks GET /api/v1/trends/heatmap for the range and filters, and hands back the 168 cells', async () => {
    const answer = {
      tz: 'Asia/Kolkata',
      from: '2026-03-01',
      to: '2026-03-31',
      source: 'calls_hourly_queue',
      cells: heatCells([{ weekday: 0, hour: 9, hours: 5, offered: 40 }]),
    };
    const api = fakeApi({ 'GET /api/v1/trends/heatmap': answer });
    await expect(fetchTrendsHeatmap({ from: '2026-03-01', to: '2026-03-31', queues: ['billing'], agents: [] })).resolves.toEqual(answer);
    expect(api.calls('GET /api/v1/trends/heatmap')[0]!.url).toBe('/api/v1/trends/heatmap?from=2026-03-01&to=2026-03-31&queue=billing');
  });

  it('refuses a grid that is not 7 × 24 cells', async () => {
    fakeApi({ 'GET /api/v1/trends/heatmap': { tz: 'UTC', from: '2026-03-01', to: '2026-03-01', cells: heatCells([]).slice(1) } });
    await expect(fetchTrendsHeatmap({ from: '2026-03-01', to: '2026-03-01' })).rejects.toBeInstanceOf(ApiError);
  });
});
