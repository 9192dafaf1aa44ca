import { describe, expect, it } from 'vitest';
import { QaInputError } from './problems.js';
import { drawSample, resolvePlan, startOfPeriod, type SampleCall, type SamplingPlan } from './sampling.js';

const TZ = 'Asia/Shanghai';
const none = { complaint: 0, dissatisfied: 0, long_handle: 0, transferred: 0 };

/** A call offered at a Shanghai local time (UTC+8), answered 10 s later, eligible unless overridden. */
function call(callId: string, agentId: string, local: string, extra: Partial<SampleCall> = {}): SampleCall {
  const offered = new Date(`${local}+08:00`);
  return {
    callId,
    agentId,
    queue: 'billing',
    offeredAt: offered.toISOString(),
    answeredAt: new Date(offered.getTime() + 10_000).toISOString(),
    talkS: 120,
    handleS: 180,
    recorded: true,
    evaluated: false,
    transferred: false,
    ...extra,
  };
}

/** `perDay` calls a day for each agent, Monday 2 March 2026 onwards, at 09:00, 09:10 … local. */
function week(agents: string[], days: number, perDay: number): SampleCall[] {
  const calls: SampleCall[] = [];
  for (const agent of agents) {
    for (let d = 0; d < days; d++) {
      for (let i = 0; i < perDay; i++) {
        calls.push(call(`${agent}-d${d}-${i}`, agent, `2026-03-0${2 + d}T09:${String(i * 10).padStart(2, '0')}:00`));
      }
    }
  }
  return calls;
}

function problemsOf(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (e instanceof QaInputError) return e.problems;
    throw e;
  }
  throw new Error('expected a QaInputError');
}

describe('drawSample', () => {
  it('draws only answered, recorded calls with at least 30 s of talk that are not evaluated yet', () => {
    const calls = [
      call('ok1', 'a1', '2026-03-02T09:00:00'),
      call('ok2', 'a1', '2026-03-03T09:00:00'),
      call('talk30', 'a1', '2026-03-04T09:00:00', { talkS: 30 }),
      call('talk29', 'a1', '2026-03-04T09:10:00', { talkS: 29.9 }),
      call('unanswered', 'a1', '2026-03-04T09:20:00', { answeredAt: null, talkS: 0 }),
      call('unrecorded', 'a1', '2026-03-04T09:30:00', { recorded: false }),
      call('evaluated', 'a1', '2026-03-04T09:40:00', { evaluated: true }),
      call('nobody', 'a1', '2026-03-04T09:50:00', { agentId: null, answeredAt: null }),
    ];
    const { picks, shortfalls } = drawSample(calls, { timeZone: TZ, perAgent: 10, quotas: none }, 1);
    expect(picks.map((p) => p.callId).sort()).toEqual(['ok1', 'ok2', 'talk30']);
    expect(picks.every((p) => p.reason === 'random' && p.fillsFor === undefined)).toBe(true);
    expect(shortfalls).toEqual([{ agentId: 'a1', periodStart: '2026-03-02', wanted: 10, picked: 3 }]);
  });

  it('gives the same sample for the same calls, plan and seed, in whatever order the calls come', () => {
    const calls = week(['a1', 'a2'], 5, 6);
    const plan: SamplingPlan = { timeZone: TZ };
    const first = drawSample(calls, plan, 'plan-7');
    expect(first.picks).toHaveLength(2 * 9); // 5 random + 1 per stratum (each falling through to random)
    expect(drawSample([...calls].reverse(), plan, 'plan-7')).toEqual(first);
    expect(drawSample(calls.filter((_, i) => i % 2 === 0).concat(calls.filter((_, i) => i % 2 === 1)), plan, 'plan-7')).toEqual(first);
    expect(drawSample(calls, plan, 'plan-8').picks.map((p) => p.callId)).not.toEqual(first.picks.map((p) => p.callId));
  });

  it("keeps an agent's sample when other agents' calls are added", () => {
    const plan: SamplingPlan = { timeZone: TZ, quotas: none };
    const alone = drawSample(week(['a1'], 5, 6), plan, 42).picks;
    const withOthers = drawSample(week(['a0', 'a1', 'a2'], 5, 6), plan, 42).picks.filter((p) => p.agentId === 'a1');
    expect(withOthers).toEqual(alone);
  });

  it('spreads the picks across the days the agent worked', () => {
    // 5 days × 6 calls, 5 picks: one a day.
    const five = drawSample(week(['a1'], 5, 6), { timeZone: TZ, quotas: none }, 3).picks;
    expect(five.map((p) => p.day).sort()).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    // 3 days, 5 picks: two days give 2, one day 1.
    for (const seed of [1, 2, 3, 4, 5]) {
      const picks = drawSample(week(['a1'], 3, 6), { timeZone: TZ, quotas: none }, seed).picks;
      const perDay = ['2026-03-02', '2026-03-03', '2026-03-04'].map((d) => picks.filter((p) => p.day === d).length).sort();
      expect(perDay).toEqual([1, 2, 2]);
    }
  });

  it('fills the targeted quotas first and lets a short stratum fall through to random picks', () => {
    const calls = [
      ...week(['a1'], 5, 2),
      call('complaint', 'a1', '2026-03-02T10:00:00', { category: 'complaint' }),
      call('long-600', 'a1', '2026-03-03T10:00:00', { handleS: 600 }),
      call('long-599', 'a1', '2026-03-03T10:10:00', { handleS: 599 }),
      call('transfer', 'a1', '2026-03-04T10:00:00', { transferred: true }),
      call('basic', 'a1', '2026-03-05T10:00:00', { satisfaction: 'basic' }),
    ];
    const plan: SamplingPlan = { timeZone: TZ, perAgent: 3, quotas: { complaint: 2, dissatisfied: 1, long_handle: 1, transferred: 1 } };
    const { picks, shortfalls } = drawSample(calls, plan, 9);
    // complaint: 1 of 2 found; dissatisfied: none of 1; long handle: only the call at 600 s; transfer: 1.
    // random: 3 + 2 unfilled places = 5, the last two standing in for complaint and dissatisfied.
    expect(picks.map((p) => [p.reason, p.fillsFor ?? null])).toEqual([
      ['complaint', null],
      ['long_handle', null],
      ['transferred', null],
      ['random', null],
      ['random', null],
      ['random', null],
      ['random', 'complaint'],
      ['random', 'dissatisfied'],
    ]);
    expect(picks.slice(0, 3).map((p) => p.callId)).toEqual(['complaint', 'long-600', 'transfer']);
    expect(new Set(picks.map((p) => p.callId)).size).toBe(8);
    expect(shortfalls).toEqual([]);
  });

  it('picks a call in two strata once, for the first, and the second looks further', () => {
    const calls = [
      call('both', 'a1', '2026-03-02T10:00:00', { category: 'complaint', transferred: true }),
      call('transfer', 'a1', '2026-03-03T10:00:00', { transferred: true }),
    ];
    const picks = drawSample(calls, { timeZone: TZ, perAgent: 0, quotas: { ...none, complaint: 1, transferred: 1 } }, 1).picks;
    expect(picks.map((p) => [p.callId, p.reason])).toEqual([
      ['both', 'complaint'],
      ['transfer', 'transferred'],
    ]);
  });

  it('groups by agent and local week, a call belonging to the day it was offered in the center', () => {
    const calls = [
      call('sun-late', 'a1', '2026-03-08T23:59:59'), // Sunday: week of 2 March
      call('mon-midnight', 'a1', '2026-03-09T00:00:00'), // 2026-03-08T16:00:00Z, Monday in Shanghai: week of 9 March
      call('b', 'b1', '2026-03-04T12:00:00'),
    ];
    const { picks } = drawSample(calls, { timeZone: TZ, quotas: none }, 1);
    expect(picks.map((p) => [p.periodStart, p.agentId, p.callId, p.day])).toEqual([
      ['2026-03-02', 'a1', 'sun-late', '2026-03-08'],
      ['2026-03-02', 'b1', 'b', '2026-03-04'],
      ['2026-03-09', 'a1', 'mon-midnight', '2026-03-09'],
    ]);
    const utc = drawSample(calls, { timeZone: 'UTC', quotas: none, period: 'month' }, 1).picks;
    expect(utc.find((p) => p.callId === 'mon-midnight')).toMatchObject({ day: '2026-03-08', periodStart: '2026-03-01' });
  });

  it('finds the local day in a zone a quarter hour off the hour (Kathmandu, UTC+05:45)', () => {
    const at = (callId: string, utc: string): SampleCall => ({
      ...call(callId, 'a1', '2026-03-02T10:00:00'),
      offeredAt: utc,
      answeredAt: utc,
    });
    // 18:14:59Z is 23:59:59 on the 2nd there; 18:15:00Z is midnight, the 3rd.
    const picks = drawSample(
      [at('before', '2026-03-02T18:14:59Z'), at('after', '2026-03-02T18:15:00Z')],
      { timeZone: 'Asia/Kathmandu', quotas: none },
      1,
    ).picks;
    expect(Object.fromEntries(picks.map((p) => [p.callId, p.day]))).toEqual({ before: '2026-03-02', after: '2026-03-03' });
  });

  it('samples one leg per agent when a call passed through two of their queues', () => {
    const calls = [
      call('c1', 'a1', '2026-03-02T10:00:00', { queue: 'sales' }),
      call('c1', 'a1', '2026-03-02T10:00:00', { queue: 'billing' }),
    ];
    expect(drawSample(calls, { timeZone: TZ, quotas: none }, 1).picks.map((p) => [p.callId, p.queue])).toEqual([['c1', 'billing']]);
  });

  it('samples only the listed agents and reports a listed agent without eligible calls', () => {
    const calls = week(['a1', 'a2'], 1, 6);
    const { picks, shortfalls } = drawSample(calls, { timeZone: TZ, quotas: none, agentIds: ['a2', 'a9'] }, 1);
    expect([...new Set(picks.map((p) => p.agentId))]).toEqual(['a2']);
    expect(shortfalls).toEqual([{ agentId: 'a9', periodStart: '2026-03-02', wanted: 5, picked: 0 }]);
  });

  it('leaves out a call with an unusable field, naming it, and samples the rest', () => {
    const calls = [
      call('ok', 'a1', '2026-03-02T10:00:00'),
      { ...call('bad', 'a1', '2026-03-02T11:00:00'), talkS: -1, offeredAt: 'yesterday' },
      { ...call('typo', 'a1', '2026-03-02T12:00:00'), category: 'Complaint' } as unknown as SampleCall,
    ];
    const { picks, rejected } = drawSample(calls, { timeZone: TZ, quotas: none }, 1);
    expect(picks.map((p) => p.callId)).toEqual(['ok']);
    expect(rejected).toEqual([
      {
        index: 1,
        problems: [
          { path: 'offeredAt', message: 'must be an ISO 8601 time with offset' },
          { path: 'talkS', message: 'must be a number of seconds from 0' },
        ],
      },
      { index: 2, problems: [{ path: 'category', message: 'must be one of inquiry, complex, complaint, other or null' }] },
    ]);
  });

  it('refuses a bad plan or seed, naming each field', () => {
    const plan = {
      timeZone: 'Mars/Olympus',
      period: 'fortnight',
      perAgent: 2.5,
      quotas: { complaint: -1, vip: 1 },
      perAgnet: 3,
    } as unknown as SamplingPlan;
    expect(problemsOf(() => drawSample([], plan, 1))).toEqual([
      { path: 'plan.perAgnet', message: 'is not a plan setting (timeZone, period, perAgent, minTalkS, longHandleS, quotas, agentIds)' },
      { path: 'plan.timeZone', message: 'must be an IANA time zone, e.g. Asia/Shanghai' },
      { path: 'plan.period', message: 'must be "day", "week" or "month"' },
      { path: 'plan.perAgent', message: 'must be a whole number from 0 to 1000' },
      { path: 'plan.quotas.complaint', message: 'must be a whole number from 0 to 1000' },
      { path: 'plan.quotas.vip', message: 'is not a stratum (complaint, dissatisfied, long_handle, transferred)' },
    ]);
    expect(problemsOf(() => drawSample([], { timeZone: TZ }, 1.5))).toEqual([
      { path: 'seed', message: 'must be a whole number or a text' },
    ]);
  });

  it('fills in the default plan: 5 a week, 30 s of talk, 600 s long handle, one call of each stratum', () => {
    expect(resolvePlan({ timeZone: TZ })).toEqual({
      timeZone: TZ,
      period: 'week',
      perAgent: 5,
      minTalkS: 30,
      longHandleS: 600,
      quotas: { complaint: 1, dissatisfied: 1, long_handle: 1, transferred: 1 },
    });
  });
});

describe('startOfPeriod', () => {
  it('starts weeks on Monday, also across a year end, and months on the 1st', () => {
    expect(startOfPeriod('2026-03-08', 'week')).toBe('2026-03-02');
    expect(startOfPeriod('2026-03-02', 'week')).toBe('2026-03-02');
    expect(startOfPeriod('2027-01-01', 'week')).toBe('2026-12-28');
    expect(startOfPeriod('2026-03-31', 'month')).toBe('2026-03-01');
    expect(startOfPeriod('2026-03-31', 'day')).toBe('2026-03-31');
  });
});
