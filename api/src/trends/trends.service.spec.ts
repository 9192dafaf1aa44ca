/** Trends from a typed fake of the repository: buckets, sources and rates worked out by hand from SPEC §3. */
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { type Mocked, automock } from '../testing/automock.js';
import { type TrendCountsRow, type TrendFilter, TrendsRepository } from './trends.repository.js';
import { TrendsService } from './trends.service.js';
import { trendsHeatmapResponseSchema, trendsResponseSchema } from './trends.wire.js';

const NO_FILTER: TrendFilter = { queues: null, callTypes: null, agents: null, teams: null };

const counts = (at: string, c: Partial<TrendCountsRow>): TrendCountsRow => ({
  at: new Date(at),
  offered: 0,
  answered: 0,
  answered_in_threshold: 0,
  abandoned: 0,
  abandoned_in_threshold: 0,
  short_abandoned: 0,
  timed_out: 0,
  handled: 0,
  answered_wait_s: 0,
  handle_s: 0,
  ...c,
});

let repo: Mocked<TrendsRepository>;
let service: TrendsService;

beforeEach(() => {
  repo = automock(TrendsRepository);
  service = new TrendsService(repo, loadConfig({ CALLBOARD_TZ: 'America/New_York', CALLBOARD_DEMO: '0' }));
});

describe('TrendsService.trends', () => {
  it('sums local days into ISO weeks and computes rates from the summed counts, not from averaged rates', async () => {
    repo.aggregateCounts.mockResolvedValue([
      // Tuesday 30 December: 1 of 1 in time (rate 1); Sunday 4 January: 1 of 3 in time (rate 1/3).
      counts('2025-12-30T05:00:00Z', { offered: 1, answered: 1, answered_in_threshold: 1, answered_wait_s: 4 }),
      counts('2026-01-04T05:00:00Z', { offered: 3, answered: 3, answered_in_threshold: 1, answered_wait_s: 56 }),
      counts('2026-01-05T05:00:00Z', { offered: 2, abandoned: 2, short_abandoned: 1 }),
    ]);
    const body = await service.trends({
      metric: 'threeRingRate',
      granularity: 'week',
      from: '2025-12-24',
      to: '2026-01-06',
      filter: NO_FILTER,
    });

    expect(repo.aggregateCounts).toHaveBeenCalledWith(
      'calls_daily_total',
      new Date('2025-12-24T05:00:00Z'),
      new Date('2026-01-07T05:00:00Z'),
      NO_FILTER,
    );
    expect(trendsResponseSchema.parse(body)).toEqual(body);
    expect(body.source).toBe('calls_daily_total');
    expect(body.rows.map((r) => [r.bucket, r.offered, r.value, r.asaS])).toEqual([
      ['2025-12-22T00:00:00-05:00', 0, null, null],
      // 2 ÷ (4 + 0 − 0 + 0), not (1 + 1/3) ÷ 2; ASA 60 s ÷ 4
      ['2025-12-29T00:00:00-05:00', 4, 2 / 4, 15],
      // 0 ÷ (0 + 2 − 1 + 0)
      ['2026-01-05T00:00:00-05:00', 2, 0, null],
    ]);
    expect(body.rows[2]!.abandonRate).toBe(1); // (2 − 1) ÷ (2 − 1)
  });

  it('reads the aggregate with the fewest rows that still has the filtered columns', async () => {
    repo.aggregateCounts.mockResolvedValue([]);
    const sources = [];
    for (const granularity of ['15m', 'hour', 'day', 'month'] as const)
      for (const filter of [NO_FILTER, { ...NO_FILTER, queues: ['general'] }, { ...NO_FILTER, queues: ['general'], callTypes: ['sales'] }])
        sources.push((await service.trends({ metric: 'offered', granularity, from: '2026-06-01', to: '2026-06-02', filter })).source);
    expect(sources).toEqual([
      ...['calls_15m', 'calls_15m', 'calls_15m'],
      ...['calls_hourly_total', 'calls_hourly_queue', 'calls_hourly'],
      ...['calls_daily_total', 'calls_daily_queue', 'calls_daily'],
      ...['calls_daily_total', 'calls_daily_queue', 'calls_daily'],
    ]);
    expect(repo.aggregateCounts.mock.calls.map((c) => c[0])).toEqual(sources);
  });

  it('reads the calls for an agent filter and for the hours of a fall-back day', async () => {
    repo.callCounts.mockResolvedValue([]);
    const agent = { ...NO_FILTER, agents: ['a1'] };
    expect(
      (await service.trends({ metric: 'offered', granularity: 'day', from: '2026-03-08', to: '2026-03-08', filter: agent })).source,
    ).toBe('calls');
    const fallBack = await service.trends({
      metric: 'offered',
      granularity: 'hour',
      from: '2026-11-01',
      to: '2026-11-01',
      filter: NO_FILTER,
    });
    expect(fallBack.source).toBe('calls');
    expect(fallBack.rows).toHaveLength(25);
    expect(repo.callCounts).toHaveBeenLastCalledWith(new Date('2026-11-01T04:00:00Z'), new Date('2026-11-02T05:00:00Z'), NO_FILTER);
    expect(repo.aggregateCounts).not.toHaveBeenCalled();
  });

  it('reads a fall-back day from the calls and the other days from the aggregate', async () => {
    // The aggregate merges 01:10 EDT and 01:20 EST into one local 01:00 bucket (06:00 UTC); the calls keep them apart.
    repo.aggregateCounts.mockResolvedValue([
      counts('2026-10-31T16:00:00Z', { offered: 1 }),
      counts('2026-11-01T06:00:00Z', { offered: 2 }),
    ]);
    repo.callCounts.mockResolvedValue([counts('2026-11-01T05:00:00Z', { offered: 1 }), counts('2026-11-01T06:15:00Z', { offered: 1 })]);
    const body = await service.trends({ metric: 'offered', granularity: 'hour', from: '2026-10-31', to: '2026-11-01', filter: NO_FILTER });
    expect(repo.aggregateCounts).toHaveBeenCalledWith(
      'calls_hourly_total',
      new Date('2026-10-31T04:00:00Z'),
      new Date('2026-11-02T05:00:00Z'),
      NO_FILTER,
    );
    expect(repo.callCounts).toHaveBeenCalledWith(new Date('2026-11-01T04:00:00Z'), new Date('2026-11-02T05:00:00Z'), NO_FILTER);
    expect(body.source).toBe('calls_hourly_total');
    expect(body.rows).toHaveLength(24 + 25);
    expect(body.rows.flatMap((r, i) => (r.offered > 0 ? [[i, r.bucket, r.offered]] : []))).toEqual([
      [12, '2026-10-31T12:00:00-04:00', 1],
      [25, '2026-11-01T01:00:00-04:00', 1],
      [26, '2026-11-01T01:00:00-05:00', 1],
    ]);
  });

  it('adds the compared range and carries breaches per rule', async () => {
    repo.aggregateCounts.mockResolvedValue([]);
    repo.breaches.mockImplementation(async (from: Date) =>
      from.toISOString() === '2026-03-01T05:00:00.000Z'
        ? [
            { at: new Date('2026-03-01T15:00:00Z'), rule: 'answer', n: 2 },
            { at: new Date('2026-03-01T15:15:00Z'), rule: 'not_ready_overrun', n: 1 },
          ]
        : [],
    );
    const body = await service.trends({
      metric: 'breaches',
      granularity: 'day',
      from: '2026-03-01',
      to: '2026-03-02',
      compare: 'previous',
      filter: NO_FILTER,
    });
    expect(body.rows.map((r) => [r.value, r.breachesByRule])).toEqual([
      [3, { answer: 2, not_ready_overrun: 1 }],
      [0, {}],
    ]);
    expect(body.compare).toMatchObject({ from: '2026-02-27', to: '2026-02-28' });
    expect(body.compare!.rows.map((r) => [r.bucket, r.value])).toEqual([
      ['2026-02-27T00:00:00-05:00', 0],
      ['2026-02-28T00:00:00-05:00', 0],
    ]);
  });

  it("sums the hours of a range into weekday × hour cells, a fall-back night's two 01:00s into one cell", async () => {
    // Saturday 31 October 09:00 EDT: 2 offered, 1 in time; Sunday 1 November (fall-back, read from the calls):
    // 01:10 EDT answered in time, 01:20 EST abandoned after 30 s.
    repo.aggregateCounts.mockResolvedValue([counts('2026-10-31T13:00:00Z', { offered: 2, answered: 2, answered_in_threshold: 1 })]);
    repo.callCounts.mockResolvedValue([
      counts('2026-11-01T05:10:00Z', { offered: 1, answered: 1, answered_in_threshold: 1, answered_wait_s: 10 }),
      counts('2026-11-01T06:20:00Z', { offered: 1, abandoned: 1 }),
    ]);
    const body = await service.heatmap({ from: '2026-10-31', to: '2026-11-01', filter: NO_FILTER });
    expect(trendsHeatmapResponseSchema.parse(body)).toEqual(body);
    expect(repo.aggregateCounts).toHaveBeenCalledWith(
      'calls_hourly_total',
      new Date('2026-10-31T04:00:00Z'),
      new Date('2026-11-02T05:00:00Z'),
      NO_FILTER,
    );
    expect(body.source).toBe('calls_hourly_total');
    const cell = (weekday: number, hour: number) => body.cells[weekday * 24 + hour]!;
    expect(body.cells.map((c) => [c.weekday, c.hour]).slice(22, 26)).toEqual([
      [0, 22],
      [0, 23],
      [1, 0],
      [1, 1],
    ]);
    // 24 Saturday hours and 25 Sunday hours, each in its cell; no Monday.
    expect(body.cells.reduce((n, c) => n + c.hours, 0)).toBe(49);
    expect([cell(6, 1).hours, cell(6, 2).hours, cell(5, 1).hours, cell(0, 1).hours]).toEqual([2, 1, 1, 0]);
    expect(cell(5, 9)).toMatchObject({ hours: 1, offered: 2, answered: 2, answeredInThreshold: 1, threeRingRate: 1 / 2 });
    // 1 in time ÷ (1 answered + 1 abandoned − 0 short + 0 timed out), from the summed counts
    expect(cell(6, 1)).toMatchObject({ hours: 2, offered: 2, answered: 1, abandoned: 1, threeRingRate: 1 / 2, asaS: 10 });
    expect(cell(0, 9)).toMatchObject({ hours: 0, offered: 0, threeRingRate: null, asaS: null });
  });

  it('refuses a heatmap over more than 400 days, naming the field', async () => {
    await expect(service.heatmap({ from: '2025-01-01', to: '2026-02-05', filter: NO_FILTER })).rejects.toMatchObject({
      response: { field: 'to', message: 'to: hour buckets cover at most 400 days; 2025-01-01 … 2026-02-05 is 401 days' },
    });
  });

  it('refuses a range the granularity does not cover, naming the field', async () => {
    await expect(
      service.trends({ metric: 'offered', granularity: 'hour', from: '2025-01-01', to: '2026-02-05', filter: NO_FILTER }),
    ).rejects.toMatchObject({
      response: { field: 'granularity', message: 'granularity: hour buckets cover at most 400 days; 2025-01-01 … 2026-02-05 is 401 days' },
    });
    await expect(
      service.trends({ metric: 'offered', granularity: 'day', from: '1999-12-31', to: '2000-01-01', filter: NO_FILTER }),
    ).rejects.toMatchObject({ response: { field: 'from' } });
  });
});
