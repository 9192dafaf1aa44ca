import { describe, expect, it } from 'vitest';
import type { LiveQueue, LiveQueuePatch } from '@callboard/api/wire';
import { NO_BREACHES, agent, breach, figures, hour, patch, queue, snapshot } from '../testing/live.fixture';
import { applyPatch, applySnapshot } from './merge';

/** What the server sends for a held queue whose rules and last week did not change. */
function partial(name: string, overrides: Partial<LiveQueue>): LiveQueuePatch {
  const { rules: _rules, lastWeek: _lastWeek, ...rest } = queue(name, overrides);
  return rest;
}

describe('applySnapshot', () => {
  it('takes the snapshot as the whole state', () => {
    const s = snapshot();

    expect(applySnapshot(s)).toBe(s);
  });

  it('leaves nothing of the patched state behind', () => {
    const patched = applyPatch(applySnapshot(snapshot()), patch(11, { agents: [agent('a3')], queues: [queue('vip')] })).state;
    expect(patched.queues.map((q) => q.queue)).toEqual(['sales', 'support', 'vip']);

    const state = applySnapshot(snapshot({ seq: 40, queues: [queue('sales')], agents: [agent('a1')] }));

    expect(state.seq).toBe(40);
    expect(state.queues.map((q) => q.queue)).toEqual(['sales']);
    expect(state.agents.map((a) => a.agentId)).toEqual(['a1']);
    // Patches now follow on from the new seq: the old stream's next one is stale.
    expect(applyPatch(state, patch(12)).state).toBe(state);
    expect(applyPatch(state, patch(41)).state.seq).toBe(41);
  });
});

describe('applyPatch', () => {
  it('merges a queue sent without rules and last week into the held one, keeping both', () => {
    const state = snapshot();
    const heldSales = state.queues[0]!;

    const { state: next, gap } = applyPatch(state, patch(11, { queues: [partial('sales', { waiting: 3, longestWaitS: 42 })] }));

    expect(gap).toBe(false);
    const sales = next.queues.find((q) => q.queue === 'sales')!;
    expect(sales.waiting).toBe(3);
    expect(sales.longestWaitS).toBe(42);
    expect(sales.rules).toBe(heldSales.rules);
    expect(sales.lastWeek).toBe(heldSales.lastWeek);
    expect(sales.lastWeek[0]?.offered).toBe(12);
  });

  it('takes the latest hours from byHourTail: the same hour replaced, a new hour appended, earlier hours kept', () => {
    const h9 = hour('2026-03-02T09:00:00.000+08:00', 5);
    const h10 = hour('2026-03-02T10:00:00.000+08:00', 2);
    const state = snapshot({ queues: [queue('sales', { byHour: [h9, h10] })] });
    const { byHour: _byHour, ...sales } = partial('sales', {});

    const same = applyPatch(state, patch(11, { queues: [{ ...sales, byHourTail: [hour('2026-03-02T10:00:00.000+08:00', 3)] }] })).state;
    expect(same.queues[0]!.byHour.map((h) => h.offered)).toEqual([5, 3]);
    expect(same.queues[0]!.byHour[0]).toBe(h9);
    expect('byHourTail' in same.queues[0]!).toBe(false);

    const next = applyPatch(same, patch(12, { queues: [{ ...sales, byHourTail: [hour('2026-03-02T11:00:00.000+08:00', 1)] }] })).state;
    expect(next.queues[0]!.byHour.map((h) => [h.hour.slice(11, 16), h.offered])).toEqual([
      ['09:00', 5],
      ['10:00', 3],
      ['11:00', 1],
    ]);
  });

  it('refuses a new queue that comes without its hours', () => {
    const { byHour: _byHour, ...vip } = queue('vip');
    expect(applyPatch(snapshot(), patch(11, { queues: [{ ...vip, byHourTail: [] }] })).gap).toBe(true);
  });

  it('takes new rules and last week when the patch carries them', () => {
    const state = snapshot();
    const rules = { ...queue('sales').rules, rings: 4, slThresholdS: 20 };
    const lastWeek = [hour('2026-02-23T09:00:00.000+08:00', 30)];

    const { state: next } = applyPatch(state, patch(11, { queues: [{ ...partial('sales', {}), rules, lastWeek }] }));

    expect(next.queues[0]?.rules.slThresholdS).toBe(20);
    expect(next.queues[0]?.lastWeek).toBe(lastWeek);
  });

  it('adds a queue it does not hold yet', () => {
    const vip = queue('vip', { waiting: 1 });

    const { state: next, gap } = applyPatch(snapshot(), patch(11, { queues: [vip] }));

    expect(gap).toBe(false);
    expect(next.queues.map((q) => q.queue)).toEqual(['sales', 'support', 'vip']);
    expect(next.queues[2]).toBe(vip);
  });

  it('asks for a snapshot when a queue it does not hold comes without its rules', () => {
    const state = snapshot();

    const result = applyPatch(state, patch(11, { queues: [partial('vip', { waiting: 1 })] }));

    expect(result.gap).toBe(true);
    expect(result.state).toBe(state);
  });

  it('merges the changed fields of agents by id and adds new ones, which come whole', () => {
    const state = snapshot();
    const a3 = agent('a3', { team: 'west' });

    const { state: next } = applyPatch(
      state,
      patch(11, { agents: [{ agentId: 'a2', state: 'on_call', since: '2026-03-02T10:00:01.000+08:00' }, a3] }),
    );

    expect(next.agents.map((a) => a.agentId)).toEqual(['a1', 'a2', 'a3']);
    expect(next.agents[0]).toBe(state.agents[0]);
    expect(next.agents[1]).toEqual({ ...state.agents[1], state: 'on_call', since: '2026-03-02T10:00:01.000+08:00' });
    expect(next.agents[1]!.name).toBe(state.agents[1]!.name);
    expect(next.agents[2]).toBe(a3);
  });

  it('asks for a snapshot when an agent it does not hold comes with only its changed fields', () => {
    const state = snapshot();

    const result = applyPatch(state, patch(11, { agents: [{ agentId: 'a9', state: 'available' }] }));

    expect(result.gap).toBe(true);
    expect(result.state).toBe(state);
  });

  it("merges a queue's changed numbers into its figures, call types, current hour, agent counts and staffing", () => {
    const h10 = hour('2026-03-02T10:00:00.000+08:00', 2);
    const state = snapshot({ queues: [queue('sales', { byHour: [h10] }), queue('support')] });
    const held = state.queues[0]!;
    const type = Object.keys(held.byCallType)[0]!;

    const { state: next, gap } = applyPatch(
      state,
      patch(11, {
        queues: [
          {
            queue: 'sales',
            longestWaitS: null,
            today: { offered: held.today.offered + 1, asaS: null },
            byCallType: { [type]: { answered: 9 } },
            byHourTail: [{ hour: h10.hour, offered: 3 }],
            agents: { onCall: 5 },
            staffing: { staffed: 6 },
          },
        ],
      }),
    );

    expect(gap).toBe(false);
    const sales = next.queues[0]!;
    expect(sales.longestWaitS).toBeNull();
    expect(sales.today).toEqual({ ...held.today, offered: held.today.offered + 1, asaS: null });
    expect(sales.byCallType[type]).toEqual({ ...held.byCallType[type], answered: 9 });
    expect(sales.byHour).toEqual([{ ...h10, offered: 3 }]);
    expect(sales.agents).toEqual({ ...held.agents, onCall: 5 });
    expect(sales.staffing).toEqual({ ...held.staffing, staffed: 6 });
    expect(sales.rules).toBe(held.rules);
    expect(sales.waitingCalls).toBe(held.waitingCalls);
    expect(next.queues[1]).toBe(state.queues[1]);
  });

  it('asks for a snapshot when a new hour comes with only some of its counts', () => {
    const state = snapshot({ queues: [queue('sales', { byHour: [hour('2026-03-02T10:00:00.000+08:00', 2)] })] });

    const result = applyPatch(
      state,
      patch(11, { queues: [{ queue: 'sales', byHourTail: [{ hour: '2026-03-02T11:00:00.000+08:00', offered: 1 }] }] }),
    );

    expect(result.gap).toBe(true);
  });

  it('replaces breaches and their counts only when the patch carries them', () => {
    const open = breach('answer:call:c1:1', { status: 'breached', breachedAt: '2026-03-02T09:59:15.000+08:00' });
    const state = snapshot({ breaches: [open], breachCounts: { answer: 1, not_ready_overrun: 0, atRisk: 0 } });

    const quiet = applyPatch(state, patch(11, { queues: [partial('sales', { waiting: 1 })] })).state;
    expect(quiet.breaches).toBe(state.breaches);
    expect(quiet.breachCounts).toBe(state.breachCounts);

    // The call was answered: the list is sent whole, now with the item ended.
    const ended = { ...open, status: 'ended' as const, endedAt: '2026-03-02T10:00:03.000+08:00' };
    const next = applyPatch(quiet, patch(12, { breaches: [ended], breachCounts: { answer: 1, not_ready_overrun: 0, atRisk: 0 } })).state;
    expect(next.breaches).toEqual([ended]);

    // And an empty list empties it.
    const cleared = applyPatch(next, patch(13, { breaches: [], breachCounts: NO_BREACHES })).state;
    expect(cleared.breaches).toEqual([]);
    expect(cleared.breachCounts).toBe(NO_BREACHES);
  });

  it('merges the totals and agent counts that changed', () => {
    const state = snapshot();
    const totals = figures({ offered: 7, answered: 6, answeredInThreshold: 5, abandoned: 1 });
    const totalsAgents = { loggedIn: 2, available: 1, ringing: 0, onCall: 1, wrapUp: 0, notReady: 0 };

    const whole = applyPatch(state, patch(11, { totals, totalsAgents })).state;
    expect(whole.totals).toEqual(totals);
    expect(whole.totalsAgents).toEqual(totalsAgents);

    const next = applyPatch(whole, patch(12, { totals: { offered: 8, threeRingRate: null }, totalsAgents: { onCall: 2 } })).state;
    expect(next.totals).toEqual({ ...totals, offered: 8, threeRingRate: null });
    expect(next.totalsAgents).toEqual({ ...totalsAgents, onCall: 2 });
  });

  it('moves seq, asOf and lastEventAt on a heartbeat and shares everything else', () => {
    const state = snapshot();

    const { state: next, gap } = applyPatch(state, patch(11, { lastEventAt: '2026-03-02T10:00:01.500+08:00' }));

    expect(gap).toBe(false);
    expect(next).not.toBe(state);
    expect(next.seq).toBe(11);
    expect(next.asOf).toBe('2026-03-02T02:00:02.000Z');
    expect(next.lastEventAt).toBe('2026-03-02T10:00:01.500+08:00');
    expect(next.queues).toBe(state.queues);
    expect(next.agents).toBe(state.agents);
    expect(next.totals).toBe(state.totals);
    expect(next.breaches).toBe(state.breaches);
  });

  it('replaces only the queue that changed, so the others keep their identity', () => {
    const state = snapshot();

    const { state: next } = applyPatch(state, patch(11, { queues: [partial('support', { waiting: 2 })] }));

    expect(next.queues).not.toBe(state.queues);
    expect(next.queues[0]).toBe(state.queues[0]);
    expect(next.queues[1]).not.toBe(state.queues[1]);
    expect(next.agents).toBe(state.agents);
  });

  it('reports a gap when a patch is missed, and applies nothing of it', () => {
    const state = snapshot();

    const result = applyPatch(state, patch(12, { queues: [partial('sales', { waiting: 9 })] }));

    expect(result.gap).toBe(true);
    expect(result.state).toBe(state);
  });

  it('follows a snapshot numbered lower than the state (the server restarted)', () => {
    const state = applySnapshot(snapshot({ seq: 0 }));

    const result = applyPatch(state, patch(1, { queues: [partial('sales', { waiting: 2 })] }));

    expect(result.gap).toBe(false);
    expect(result.state.queues[0]?.waiting).toBe(2);
  });

  it('ignores a patch it has already applied, or an older one', () => {
    const state = applyPatch(snapshot(), patch(11, { queues: [partial('sales', { waiting: 1 })] })).state;

    const duplicate = applyPatch(state, patch(11, { queues: [partial('sales', { waiting: 5 })] }));
    const older = applyPatch(state, patch(9, { queues: [partial('sales', { waiting: 7 })] }));

    expect(duplicate).toEqual({ state, gap: false });
    expect(duplicate.state).toBe(state);
    expect(older.state).toBe(state);
    expect(older.gap).toBe(false);
    expect(state.queues[0]?.waiting).toBe(1);
  });

  it('applies a run of patches in order', () => {
    let state = snapshot();
    for (const [seq, waiting] of [
      [11, 1],
      [12, 2],
      [13, 0],
    ] as const) {
      const result = applyPatch(state, patch(seq, { queues: [partial('sales', { waiting })] }));
      expect(result.gap).toBe(false);
      state = result.state;
    }

    expect(state.seq).toBe(13);
    expect(state.queues[0]?.waiting).toBe(0);
  });

  it('does not change the state it was given', () => {
    const state = snapshot();
    const before = structuredClone(state);

    applyPatch(state, patch(11, { queues: [partial('sales', { waiting: 4 })], agents: [agent('a1', { state: 'wrap_up' })], breaches: [] }));

    expect(state).toEqual(before);
  });
});
