import { describe, expect, it } from 'vitest';
import { comparePicks, groupByAgent, newestFirst, reasonText, rejectedText, rerunRequest, shortfallText, type RunPick } from './runView';

/** A translator that shows the key and its placeholders, so a test sees which message was chosen with what. */
const t = (key: string, params?: Record<string, unknown>) =>
  params
    ? `${key}(${Object.entries(params)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',')})`
    : key;
const names: Record<string, string> = { 'A-1': 'Zhou Min', 'A-2': 'Chen Li' };
const agentName = (id: string) => names[id] ?? id;

const pick = (id: string, agentId: string, callId: string, reason: string, fillsFor: string | null = null): RunPick => ({
  id,
  callId,
  agentId,
  reviewerId: 'u-rui',
  reason,
  fillsFor,
});

const picks = [
  pick('e1', 'A-1', 'c-09', 'random'),
  pick('e2', 'A-1', 'c-03', 'complaint'),
  pick('e3', 'A-2', 'c-07', 'random', 'transferred'),
  pick('e4', 'A-1', 'c-01', 'random'),
  pick('e5', 'A-3', 'c-02', 'long_handle'),
  pick('e6', 'A-2', 'c-05', 'dissatisfied'),
];

describe('groupByAgent', () => {
  it('groups by agent name, then the strata in order before random picks, then call id', () => {
    const groups = groupByAgent(picks, agentName);
    // "A-3" has no name and sorts by its id, before the letters C and Z.
    expect(groups.map((g) => [g.name, g.picks.map((p) => p.callId)])).toEqual([
      ['A-3', ['c-02']],
      ['Chen Li', ['c-05', 'c-07']],
      ['Zhou Min', ['c-03', 'c-01', 'c-09']],
    ]);
  });
});

describe('texts', () => {
  it('names the reason, and the stratum a random pick fills for', () => {
    expect(reasonText({ reason: 'complaint', fillsFor: null }, t)).toBe('qa.reasons.complaint');
    expect(reasonText({ reason: 'random', fillsFor: 'transferred' }, t)).toBe(
      'qa.sampling.run.fillsFor(reason=qa.reasons.random,stratum=qa.reasons.transferred)',
    );
  });

  it('explains a shortfall, a call nobody could review and a left-out call', () => {
    expect(shortfallText({ agentId: 'A-2', periodStart: '2026-11-30', wanted: 9, picked: 6 }, t, agentName)).toBe(
      'qa.sampling.run.shortfall(agent=Chen Li,period=2026-11-30,wanted=9,picked=6)',
    );
    expect(
      shortfallText({ callId: 'c-4', agentId: 'A-1', reason: 'random', problem: 'no reviewer other than the agent' }, t, agentName),
    ).toBe('qa.sampling.run.unassigned(agent=Zhou Min,call=c-4)');
    expect(rejectedText({ index: 4, problems: [{ path: 'talkS', message: 'must be a number of seconds from 0' }] }, t)).toBe(
      'qa.sampling.run.rejected(index=5,problems=talkS: must be a number of seconds from 0)',
    );
  });
});

describe('rerunRequest', () => {
  const run = {
    from: '2026-11-30',
    to: '2026-12-06',
    seed: 'plan-1:2026-11-30',
    reviewers: ['u-rui', 'u-lei'],
    plan: {
      timeZone: 'Asia/Shanghai',
      period: 'week',
      perAgent: 3,
      minTalkS: 30,
      longHandleS: 600,
      quotas: { complaint: 2, dissatisfied: 0, long_handle: 1, transferred: 1 },
    },
  };

  it('asks for the same days, seed, plan and reviewers, and the form when known', () => {
    expect(rerunRequest(run, 'etiquette')).toEqual({
      from: '2026-11-30',
      to: '2026-12-06',
      seed: 'plan-1:2026-11-30',
      perAgent: 3,
      quotas: { complaint: 2, dissatisfied: 0, long_handle: 1, transferred: 1 },
      reviewers: ['u-rui', 'u-lei'],
      formId: 'etiquette',
    });
    expect('formId' in rerunRequest(run)).toBe(false);
  });
});

describe('comparePicks', () => {
  it('is identical for the same calls in another order', () => {
    const c = comparePicks(picks, [...picks].reverse());
    expect(c.identical).toBe(true);
    expect(c.same).toHaveLength(6);
  });

  it('lists what only one run picked', () => {
    const second = [pick('f1', 'A-1', 'c-03', 'complaint'), pick('f2', 'A-1', 'c-11', 'random'), pick('f3', 'A-2', 'c-05', 'dissatisfied')];
    expect(comparePicks(picks, second)).toEqual({
      same: ['c-03 · A-1', 'c-05 · A-2'],
      onlyFirst: ['c-01 · A-1', 'c-02 · A-3', 'c-07 · A-2', 'c-09 · A-1'],
      onlySecond: ['c-11 · A-1'],
      identical: false,
    });
  });
});

describe('newestFirst', () => {
  it('orders by creation time, then id', () => {
    const runs = [
      { id: 'r1', createdAt: '2026-12-01T02:00:00.000Z' },
      { id: 'r3', createdAt: '2026-12-07T01:00:00.000Z' },
      { id: 'r2', createdAt: '2026-12-07T01:00:00.000Z' },
    ];
    expect(newestFirst(runs).map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
  });
});
