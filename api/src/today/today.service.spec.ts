/** Today's figures from a typed fake of the repository, each rate worked out by hand from SPEC §3. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/config.js';
import { type Mocked, automock } from '../testing/automock.js';
import { TodayRepository } from './today.repository.js';
import { TodayService } from './today.service.js';
import { todayResponseSchema } from './today.wire.js';

/** 10:00 on 2026-03-02 in Shanghai; the local day began at 2026-03-01T16:00Z. */
const NOW = Date.parse('2026-03-02T02:00:00Z');
const MIDNIGHT = new Date('2026-03-01T16:00:00Z');
const NEXT_MIDNIGHT = new Date('2026-03-02T16:00:00Z');

let repo: Mocked<TodayRepository>;
let service: TodayService;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  repo = automock(TodayRepository);
  // The fake has every public method; the repository's private database handle is not part of its type.
  service = new TodayService(repo, loadConfig({ CALLBOARD_TZ: 'Asia/Shanghai', CALLBOARD_DEMO: '0' }));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('TodayService.today', () => {
  it('reads the local day and computes each queue and the totals by the SPEC §3 formulas', async () => {
    repo.countsBetween.mockResolvedValue([
      {
        queue: 'general',
        offered: 10,
        answered: 7,
        answered_in_threshold: 5,
        abandoned: 2,
        short_abandoned: 1,
        timed_out: 1,
        answered_wait_s: 70,
      },
      {
        queue: 'sales',
        offered: 4,
        answered: 4,
        answered_in_threshold: 4,
        abandoned: 0,
        short_abandoned: 0,
        timed_out: 0,
        answered_wait_s: 20,
      },
    ]);
    // support has a call waiting but none offered in the aggregate yet: it counts in the totals only.
    repo.waitingNow.mockResolvedValue(
      new Map([
        ['general', 1],
        ['support', 2],
      ]),
    );

    const today = await service.today(['general', 'sales', 'support']);

    expect(repo.countsBetween).toHaveBeenCalledWith(MIDNIGHT, NEXT_MIDNIGHT, ['general', 'sales', 'support']);
    expect(repo.waitingNow).toHaveBeenCalledWith(MIDNIGHT, ['general', 'sales', 'support']);
    expect(todayResponseSchema.parse(today)).toEqual(today);
    expect(today).toEqual({
      asOf: '2026-03-02T10:00:00.000+08:00',
      tz: 'Asia/Shanghai',
      day: '2026-03-02',
      demo: false,
      queues: [
        {
          queue: 'general',
          offered: 10,
          answered: 7,
          answeredInThreshold: 5,
          abandoned: 2,
          shortAbandoned: 1,
          timedOut: 1,
          waiting: 1,
          // 5 ÷ (7 + 2 − 1 + 1); 70 s ÷ 7; (2 − 1) ÷ (10 − 1)
          threeRingRate: 5 / 9,
          asaS: 10,
          abandonRate: 1 / 9,
        },
        {
          queue: 'sales',
          offered: 4,
          answered: 4,
          answeredInThreshold: 4,
          abandoned: 0,
          shortAbandoned: 0,
          timedOut: 0,
          waiting: 0,
          // 4 ÷ 4; 20 s ÷ 4; 0 ÷ 4
          threeRingRate: 1,
          asaS: 5,
          abandonRate: 0,
        },
      ],
      totals: {
        offered: 14,
        answered: 11,
        answeredInThreshold: 9,
        abandoned: 2,
        shortAbandoned: 1,
        timedOut: 1,
        waiting: 3,
        // 9 ÷ (11 + 2 − 1 + 1); 90 s ÷ 11; (2 − 1) ÷ (14 − 1)
        threeRingRate: 9 / 13,
        asaS: 90 / 11,
        abandonRate: 1 / 13,
      },
    });
  });

  it('gives null rates, not zeros, on a day without calls', async () => {
    repo.countsBetween.mockResolvedValue([]);
    repo.waitingNow.mockResolvedValue(new Map());
    const today = await service.today(null);
    expect(repo.countsBetween).toHaveBeenCalledWith(MIDNIGHT, NEXT_MIDNIGHT, null);
    expect(today.queues).toEqual([]);
    expect(today.totals).toEqual({
      offered: 0,
      answered: 0,
      answeredInThreshold: 0,
      abandoned: 0,
      shortAbandoned: 0,
      timedOut: 0,
      waiting: 0,
      threeRingRate: null,
      asaS: null,
      abandonRate: null,
    });
  });
});
