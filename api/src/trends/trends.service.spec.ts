/** Trends from a typed fake of the repository: buckets, sources and rates worked out by hand from SPEC §3. */
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { type Mocked, automock } from '../testing/automock.js';
import { type TrendCountsRow, type TrendFilter, TrendsRepository } from './trends.repository.js';
import { TrendsService } from './trends.service.js';
import { trendsResponseSchema } from './trends.wire.js';

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
      'calls_daily',
      new Date('2025-12-24T05:00:00Z'),
      new Date('2026-01-07T05:00:00Z'),
      NO_FILTER,
    );
    expect(trendsResponseSchema.parse(body)).toEqual(body);
    expect(body.source).toBe('calls_daily');
    expect(body.rows.map((r) => [r.bucket, r.offered, r.value, r.asaS])).toEqual([
      ['2025-12-22T00:00:00-05:00', 0, null, null],
      // 2 ÷ (4 + 0 − 0 + 0), not (1 + 1/3) ÷ 2; ASA 60 s ÷ 4
      ['2025-12-29T00:00:00-05:00', 4, 2 / 4, 15],
      // 0 ÷ (0 + 2 − 1 + 0)
      ['2026-01-05T00:00:00-05:00', 2, 0, null],
    ]);
    expect(body.rows[2]!.abandonRate).toBe(1); // (2 − 1) ÷ (2 − 1)
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
      'calls_hourly',
      new Date('2026-10-31T04:00:00Z'),
      new Date('2026-11-02T05:00:00Z'),
      NO_FILTER,
    );
    expect(repo.callCounts).toHaveBeenCalledWith(new Date('2026-11-01T04:00:00Z'), new Date('2026-11-02T05:00:00Z'), NO_FILTER);
    expect(body.source).toBe('calls_hourly');
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
