/** The call state machine against SPEC §2–§3 call stories, each expected leg worked out by hand. */
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent, EventOf, EventType } from '../events/event.schema.js';
import { buildAgentIntervals } from './agent-intervals.js';
import type { AgentInterval } from './agent-intervals.js';
import { buildCalls } from './call-state.js';
import type { CallRow, QueueRules } from './call-state.js';

/** Wall-clock time of the test day in the center's zone, e.g. t('09:00:12.500'). */
const t = (hms: string) => `2026-03-02T${hms}+08:00`;
const at = (hms: string) => new Date(t(hms));

let seq = 0;
function ev<T extends EventType>(type: T, hms: string, payload: EventOf<T>['payload'], id?: string): EventOf<T> {
  return { id: id ?? `ev-${String(++seq).padStart(5, '0')}`, type, ts: t(hms), source: 'test', payload } as EventOf<T>;
}
const offered = (
  callId: string,
  hms: string,
  queue = 'general',
  extra: { callType?: string; caller?: string; channel?: string } = {},
  id?: string,
) => ev('call.offered', hms, { callId, queue, ...extra }, id);
const ringing = (callId: string, hms: string, agentId = 'A1') => ev('call.ringing', hms, { callId, agentId });
const answered = (callId: string, hms: string, agentId = 'A1', id?: string) => ev('call.answered', hms, { callId, agentId }, id);
const held = (callId: string, hms: string) => ev('call.held', hms, { callId });
const resumed = (callId: string, hms: string) => ev('call.resumed', hms, { callId });
const abandoned = (callId: string, hms: string, id?: string) => ev('call.abandoned', hms, { callId }, id);
const timedOut = (callId: string, hms: string, id?: string) => ev('call.timed_out', hms, { callId }, id);
const ended = (callId: string, hms: string, endedBy: 'caller' | 'agent' | 'system' = 'agent') => ev('call.ended', hms, { callId, endedBy });
const transferred = (callId: string, hms: string, to: { toQueue?: string; toAgent?: string }, id?: string) =>
  ev('call.transferred', hms, { callId, ...to }, id);
const agentState = (agentId: string, hms: string, state: EventOf<'agent.state'>['payload']['state']) =>
  ev('agent.state', hms, { agentId, state });

const DEFAULT_RULES: QueueRules = { slThresholdS: 15, shortAbandonS: 5 };
const run = (events: CanonicalEvent[], intervals: AgentInterval[] = []) => buildCalls(events, intervals, () => DEFAULT_RULES);
function only(events: CanonicalEvent[], intervals: AgentInterval[] = []): CallRow {
  const { calls } = run(events, intervals);
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

describe('buildCalls: one queue leg', () => {
  it('computes wait, talk, wrap-up and service level of an answered call', () => {
    const intervals = buildAgentIntervals([
      agentState('A1', '09:00:12.500', 'on_call'),
      agentState('A1', '09:03:13.000', 'wrap_up'),
      agentState('A1', '09:03:43.000', 'available'),
    ]);
    const { calls, anomalies } = run(
      [
        offered('C1', '09:00:00.000', 'general', { callType: 'billing', caller: '+86 138 1234 5678', channel: 'voice' }),
        ringing('C1', '09:00:04.000'),
        answered('C1', '09:00:12.500'),
        ended('C1', '09:03:12.500', 'agent'),
      ],
      intervals,
    );
    expect(anomalies).toEqual([]);
    expect(calls).toEqual([
      {
        callId: 'C1',
        queue: 'general',
        offeredAt: at('09:00:00.000'),
        callType: 'billing',
        callerMasked: '*********5678', // 13 digits 8613812345678: all but the last four hidden
        channel: 'voice',
        agentId: 'A1',
        answeredAt: at('09:00:12.500'),
        endedAt: at('09:03:12.500'),
        endedBy: 'agent',
        outcome: 'answered',
        waitS: 12.5, // 09:00:12.500 − 09:00:00
        talkS: 180, // 09:03:12.500 − 09:00:12.500, no hold
        holdS: 0,
        holdCount: 0,
        wrapS: 30, // wrap_up 09:03:13 → available 09:03:43, starts 0.5 s after the end
        ringCount: 1,
        answeredInThreshold: true, // 12.5 ≤ 15
        abandonedInThreshold: false,
        shortAbandon: false,
        slThresholdS: 15,
        shortAbandonS: 5,
        category: null,
        summary: null,
        transferred: false,
        transferTarget: null,
        recordingUrl: null,
        recordingDurationS: null,
      },
    ]);
  });

  it('counts an answer at exactly 15.000 s as within three rings', () => {
    const row = only([offered('C1', '09:00:00.000'), answered('C1', '09:00:15.000')]);
    expect(row.waitS).toBe(15); // 09:00:15.000 − 09:00:00
    expect(row.answeredInThreshold).toBe(true);
  });

  it('does not count an answer at 15.001 s as within three rings', () => {
    const row = only([offered('C1', '09:00:00.000'), answered('C1', '09:00:15.001')]);
    expect(row.waitS).toBe(15.001);
    expect(row.answeredInThreshold).toBe(false);
  });

  it('counts an abandon at 4.999 s as short', () => {
    const row = only([offered('C1', '09:00:00.000'), abandoned('C1', '09:00:04.999')]);
    expect(row.outcome).toBe('abandoned');
    expect(row.waitS).toBe(4.999);
    expect(row.shortAbandon).toBe(true); // 4.999 < 5
    expect(row.abandonedInThreshold).toBe(true); // 4.999 ≤ 15
    expect(row.answeredInThreshold).toBe(false);
    // An abandon is the caller hanging up, even before the call.ended arrives.
    expect(row.endedAt).toEqual(at('09:00:04.999'));
    expect(row.endedBy).toBe('caller');
    expect(row.talkS).toBeNull();
  });

  it('does not count an abandon at 5.000 s as short', () => {
    const row = only([offered('C1', '09:00:00.000'), abandoned('C1', '09:00:05.000'), ended('C1', '09:00:05.200', 'caller')]);
    expect(row.waitS).toBe(5);
    expect(row.shortAbandon).toBe(false); // 5.000 is not < 5
    expect(row.endedAt).toEqual(at('09:00:05.200')); // the hang-up itself, the wait still ends at the abandon
  });

  it('records a time-out with its wait and rings', () => {
    const row = only([
      offered('C1', '09:00:00.000'),
      ringing('C1', '09:00:02.000', 'A1'),
      ringing('C1', '09:00:20.000', 'A2'),
      timedOut('C1', '09:01:00.000'),
    ]);
    expect(row.outcome).toBe('timed_out');
    expect(row.waitS).toBe(60); // 09:01:00 − 09:00:00
    expect(row.ringCount).toBe(2);
    expect(row.agentId).toBeNull();
    expect(row.endedBy).toBe('system');
    expect([row.answeredInThreshold, row.abandonedInThreshold, row.shortAbandon]).toEqual([false, false, false]);
  });

  it('treats a caller hanging up while waiting as an abandon, the system ending it as a time-out', () => {
    const byCaller = only([offered('C1', '09:00:00.000'), ended('C1', '09:00:08.000', 'caller')]);
    expect([byCaller.outcome, byCaller.waitS, byCaller.endedBy]).toEqual(['abandoned', 8, 'caller']);
    const bySystem = only([offered('C2', '09:00:00.000'), ringing('C2', '09:00:01.000'), ended('C2', '09:02:00.000', 'system')]);
    expect([bySystem.outcome, bySystem.waitS, bySystem.endedBy]).toEqual(['timed_out', 120, 'system']);
  });

  it('sums two holds into hold time and takes them out of talk time', () => {
    const row = only([
      offered('C1', '09:00:00.000'),
      answered('C1', '09:00:10.000'),
      held('C1', '09:00:30.000'),
      resumed('C1', '09:00:45.000'),
      held('C1', '09:01:00.000'),
      resumed('C1', '09:01:10.500'),
      ended('C1', '09:01:40.000', 'caller'),
    ]);
    expect(row.holdCount).toBe(2);
    expect(row.holdS).toBe(25.5); // (09:00:45 − 09:00:30) + (09:01:10.500 − 09:01:00) = 15 + 10.5
    expect(row.talkS).toBe(64.5); // (09:01:40 − 09:00:10) − 25.5 = 90 − 25.5
  });

  it('runs a hold that was never resumed to the end of the call', () => {
    const row = only([
      offered('C1', '09:00:00.000'),
      answered('C1', '09:00:10.000'),
      held('C1', '09:00:50.000'),
      ended('C1', '09:01:10.000', 'caller'),
    ]);
    expect(row.holdS).toBe(20); // 09:01:10 − 09:00:50
    expect(row.talkS).toBe(40); // (09:01:10 − 09:00:10) − 20
  });

  it('accepts an answer without ringing', () => {
    const { calls, anomalies } = run([offered('C1', '09:00:00.000'), answered('C1', '09:00:03.000'), ended('C1', '09:00:33.000')]);
    expect(anomalies).toEqual([]);
    expect(calls[0]).toMatchObject({ outcome: 'answered', ringCount: 0, waitS: 3, talkS: 30, answeredInThreshold: true });
  });

  it('shows a call still in progress as waiting, ringing or answered', () => {
    const { calls } = run([
      offered('W', '09:00:00.000'),
      offered('R', '09:00:00.000'),
      ringing('R', '09:00:01.000'),
      offered('T', '09:00:00.000'),
      answered('T', '09:00:02.000'),
      held('T', '09:00:10.000'),
    ]);
    expect(calls.map((c) => [c.callId, c.outcome, c.waitS, c.endedAt, c.talkS])).toEqual([
      ['R', 'ringing', null, null, null],
      ['T', 'answered', 2, null, null],
      ['W', 'waiting', null, null, null],
    ]);
    expect(calls[1]).toMatchObject({ holdCount: 1, holdS: 0 }); // the open hold has no end yet
  });

  it('masks the caller number, keeping its last four digits', () => {
    expect(only([offered('C1', '09:00:00.000', 'general', { caller: '13812345678' })]).callerMasked).toBe('*******5678');
    expect(only([offered('C2', '09:00:00.000')]).callerMasked).toBeNull();
  });
});

describe('buildCalls: placing events', () => {
  it('records an answer whose offer is missing, then places it once the offer arrives', () => {
    const answer = answered('C1', '09:00:12.500', 'A1', 'e-answer');
    const end = ended('C1', '09:01:12.500', 'agent');
    const before = run([answer, end]);
    expect(before.calls).toEqual([]);
    expect(before.anomalies).toEqual([
      // 09:00:12.500 +08:00 is 01:00:12.500 UTC
      {
        subject: 'call:C1',
        eventId: 'e-answer',
        reason: 'call.answered for call C1 has no call.offered at or before 2026-03-02T01:00:12.500Z',
      },
      { subject: 'call:C1', eventId: end.id, reason: 'call.ended for call C1 has no call.offered at or before 2026-03-02T01:01:12.500Z' },
    ]);

    const after = run([answer, end, offered('C1', '09:00:00.000')]);
    expect(after.anomalies).toEqual([]);
    expect(after.calls).toHaveLength(1);
    expect(after.calls[0]).toMatchObject({ outcome: 'answered', waitS: 12.5, talkS: 60, agentId: 'A1' });
  });

  it('counts events re-sent under other ids once', () => {
    const events = [
      offered('C1', '09:00:00.000', 'general', { caller: '13812345678' }),
      ringing('C1', '09:00:02.000'),
      ringing('C1', '09:00:06.000', 'A2'),
      answered('C1', '09:00:07.000', 'A2'),
      held('C1', '09:00:20.000'),
      resumed('C1', '09:00:25.000'),
      ended('C1', '09:00:47.000'),
    ];
    const resent = events.map((e) => ({ ...e, id: `${e.id}-resent` }));
    const once = run(events);
    const twice = run([...events, ...resent]);
    expect(twice.calls).toEqual(once.calls);
    expect(twice.calls[0]).toMatchObject({ ringCount: 2, holdCount: 1, holdS: 5, talkS: 35 }); // 40 s answered, 5 s of it on hold
    expect(twice.anomalies).toHaveLength(events.length);
    expect(twice.anomalies.every((a) => a.eventId.endsWith('-resent') && a.reason.includes('resend of event'))).toBe(true);
  });

  it('keeps the earliest offer when an offer to the same queue is re-sent with a later stamp', () => {
    const first = offered('C1', '09:00:00.000', 'general', {}, 'o-1');
    const again = offered('C1', '09:00:03.000', 'general', { caller: '13812345678' }, 'o-2');
    const { calls, anomalies } = run([again, answered('C1', '09:00:10.000'), first]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ offeredAt: at('09:00:00.000'), waitS: 10, callerMasked: '*******5678' });
    expect(anomalies).toEqual([
      expect.objectContaining({ eventId: 'o-2', reason: expect.stringContaining('duplicate call.offered') as string }),
    ]);
  });

  it('gives the same rows and anomalies whatever the input order', () => {
    const events: CanonicalEvent[] = [
      offered('C1', '09:00:00.000', 'general', { caller: '13812345678', callType: 'billing' }),
      ringing('C1', '09:00:03.000'),
      answered('C1', '09:00:05.000'),
      held('C1', '09:00:30.000'),
      resumed('C1', '09:00:40.000'),
      transferred('C1', '09:01:05.000', { toQueue: 'complaints' }),
      offered('C1', '09:01:05.000', 'complaints'),
      answered('C1', '09:01:10.000', 'A2'),
      answered('C1', '09:01:11.000', 'A3'),
      ended('C1', '09:02:10.000', 'caller'),
      offered('C2', '09:00:01.000'),
      abandoned('C2', '09:00:04.000'),
      answered('C2', '09:00:06.000'),
      offered('C3', '09:00:01.000'),
      answered('C3', '09:00:01.000'),
      ended('C3', '09:00:01.000'),
      ev('call.dispositioned', '09:01:30.000', { callId: 'C1', agentId: 'A1', category: 'complaint' }),
      agentState('A1', '09:01:05.500', 'wrap_up'),
      agentState('A1', '09:01:35.000', 'available'),
    ];
    const intervals = buildAgentIntervals(events.filter((e) => e.type === 'agent.state'));
    const expected = run(events, intervals);
    expect(run([...events].reverse(), [...intervals].reverse())).toEqual(expected);
    let s = 7;
    const shuffled = [...events].sort(() => ((s = (s * 48271) % 2147483647) % 3) - 1);
    expect(run(shuffled, intervals)).toEqual(expected);
    // and it is the right answer, not just a stable one
    expect(expected.calls.map((c) => [c.callId, c.queue, c.outcome, c.waitS])).toEqual([
      ['C1', 'general', 'answered', 5],
      ['C1', 'complaints', 'answered', 5],
      ['C2', 'general', 'abandoned', 3],
      ['C3', 'general', 'answered', 0],
    ]);
  });

  it('ignores agent and case events handed over with the call events', () => {
    const { calls, anomalies } = run([
      offered('C1', '09:00:00.000'),
      agentState('A1', '09:00:01.000', 'on_call'),
      ev('case.opened', '09:00:02.000', { caseId: 'K1', callId: 'C1', category: 'complaint' }),
      answered('C1', '09:00:01.000'),
    ]);
    expect(anomalies).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('sorts rows by call id, then offer time', () => {
    const { calls } = run([
      offered('C2', '09:00:00.000'),
      offered('C1', '09:05:00.000', 'general'),
      transferred('C1', '09:05:10.000', { toQueue: 'sales' }),
      offered('C1', '09:05:10.000', 'sales'),
      offered('C10', '08:00:00.000'),
    ]);
    expect(calls.map((c) => `${c.callId}@${c.queue}`)).toEqual(['C1@general', 'C1@sales', 'C10@general', 'C2@general']);
  });
});

describe('buildCalls: conflicting events', () => {
  it('keeps an abandon when a later answer contradicts it, and records the answer', () => {
    const { calls, anomalies } = run([
      offered('C1', '09:00:00.000'),
      answered('C1', '09:00:09.000', 'A1', 'late-answer'),
      abandoned('C1', '09:00:08.000', 'abandon'),
    ]);
    expect(calls[0]).toMatchObject({ outcome: 'abandoned', waitS: 8, agentId: null, answeredAt: null });
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({ subject: 'call:C1', eventId: 'late-answer' });
    expect(anomalies[0]!.reason).toContain('conflicts with call.abandoned');
  });

  it('keeps the answer when an abandon stamped after it contradicts it', () => {
    const { calls, anomalies } = run([
      offered('C1', '09:00:00.000'),
      answered('C1', '09:00:07.000'),
      abandoned('C1', '09:00:09.000', 'late-abandon'),
    ]);
    expect(calls[0]).toMatchObject({ outcome: 'answered', waitS: 7 });
    expect(anomalies.map((a) => a.eventId)).toEqual(['late-abandon']);
  });

  it('keeps the first answer and records a second agent answering the same leg', () => {
    const { calls, anomalies } = run([
      offered('C1', '09:00:00.000'),
      answered('C1', '09:00:04.000', 'A1'),
      answered('C1', '09:00:05.000', 'A2', 'second'),
    ]);
    expect(calls[0]).toMatchObject({ agentId: 'A1', answeredAt: at('09:00:04.000') });
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]!.eventId).toBe('second');
    expect(anomalies[0]!.reason).toContain('already answered by agent A1');
  });
});

describe('buildCalls: transfers and legs', () => {
  it('keeps an answered-then-transferred leg answered and opens a leg in the target queue', () => {
    const { calls, anomalies } = run([
      offered('C1', '09:00:00.000', 'general', { callType: 'billing' }),
      answered('C1', '09:00:05.000', 'A1'),
      transferred('C1', '09:01:05.000', { toQueue: 'complaints' }),
      offered('C1', '09:01:05.200', 'complaints'),
      answered('C1', '09:01:10.000', 'A2'),
      ended('C1', '09:02:10.000', 'caller'),
    ]);
    expect(anomalies).toEqual([]);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      queue: 'general',
      outcome: 'answered', // counted once, where it was answered
      agentId: 'A1',
      waitS: 5,
      transferred: true,
      transferTarget: 'complaints',
      endedAt: at('09:01:05.000'), // no call.ended before the next offer: the agent's part ends at the transfer
      endedBy: null,
      talkS: 60, // 09:01:05 − 09:00:05
    });
    expect(calls[1]).toMatchObject({
      queue: 'complaints',
      offeredAt: at('09:01:05.200'),
      outcome: 'answered',
      agentId: 'A2',
      waitS: 4.8, // 09:01:10 − 09:01:05.200
      talkS: 60, // 09:02:10 − 09:01:10
      endedBy: 'caller',
      transferred: false,
      callType: null,
    });
  });

  it('ends the transferred leg at a call.ended that comes before the next offer', () => {
    const { calls } = run([
      offered('C1', '09:00:00.000'),
      answered('C1', '09:00:05.000'),
      transferred('C1', '09:01:05.000', { toAgent: 'A7' }),
      ended('C1', '09:01:20.000', 'agent'), // a consult transfer: the agent stays on until the hand-over
      offered('C1', '09:01:21.000', 'experts'),
    ]);
    expect(calls[0]).toMatchObject({ transferTarget: 'A7', endedAt: at('09:01:20.000'), endedBy: 'agent', talkS: 75 }); // 09:01:20 − 09:00:05
    expect(calls[1]).toMatchObject({ queue: 'experts', outcome: 'waiting', endedAt: null });
  });

  it('gives a transfer stamped at the same instant as the next offer to the leg it leaves', () => {
    // Asterisk's queue_log has whole seconds: the transfer and the new queue's
    // ENTERQUEUE share a stamp, and the ids could sort either way.
    const { calls, anomalies } = run([
      offered('C1', '09:00:00.000', 'general', {}, 'z-offer-1'),
      answered('C1', '09:00:05.000', 'A1', 'z-answer-1'),
      transferred('C1', '09:01:05.000', { toQueue: 'complaints' }, 'z-transfer'),
      offered('C1', '09:01:05.000', 'complaints', {}, 'a-offer-2'),
    ]);
    expect(anomalies).toEqual([]);
    expect(calls.map((c) => [c.queue, c.outcome, c.transferred, c.endedAt])).toEqual([
      ['general', 'answered', true, at('09:01:05.000')],
      ['complaints', 'waiting', false, null],
    ]);
  });

  it('counts a transfer before the answer as transferred out, waiting until the transfer', () => {
    const row = only([offered('C1', '09:00:00.000'), ringing('C1', '09:00:02.000'), transferred('C1', '09:00:20.000', { toAgent: 'A9' })]);
    expect(row).toMatchObject({
      outcome: 'transferred_out',
      waitS: 20, // 09:00:20 − 09:00:00
      transferred: true,
      transferTarget: 'A9',
      answeredInThreshold: false,
      abandonedInThreshold: false,
      shortAbandon: false,
      talkS: null,
      endedAt: at('09:00:20.000'),
    });
  });

  it('treats an overflow time-out stamped at the next offer’s instant as the previous leg’s', () => {
    const { calls, anomalies } = run([
      offered('C1', '09:00:00.000', 'general', {}, 'z-offer-1'),
      timedOut('C1', '09:00:30.000', 'z-timeout'),
      offered('C1', '09:00:30.000', 'overflow', {}, 'a-offer-2'),
      answered('C1', '09:00:33.000', 'A4'),
    ]);
    expect(anomalies).toEqual([]);
    expect(calls.map((c) => [c.queue, c.outcome, c.waitS])).toEqual([
      ['general', 'timed_out', 30],
      ['overflow', 'answered', 3],
    ]);
  });

  it('closes a leg left without an exit event when the call shows up in another queue', () => {
    const { calls, anomalies } = run([offered('C1', '09:00:00.000'), offered('C1', '09:00:40.000', 'overflow', {}, 'o-2')]);
    expect(calls.map((c) => [c.queue, c.outcome, c.waitS])).toEqual([
      ['general', 'timed_out', 40], // "left the queue without answer" (SPEC §2 call.timed_out)
      ['overflow', 'waiting', null],
    ]);
    expect(anomalies).toEqual([
      expect.objectContaining({ eventId: 'o-2', reason: expect.stringContaining('counts as timed out') as string }),
    ]);
  });

  it('gives the disposition to the leg its agent answered and the recording to the latest answered leg', () => {
    const { calls } = run([
      offered('C1', '09:00:00.000', 'general', { callType: 'billing' }),
      answered('C1', '09:00:05.000', 'A1'),
      transferred('C1', '09:01:05.000', { toQueue: 'complaints' }),
      offered('C1', '09:01:06.000', 'complaints'),
      // A1 files the record while the caller already waits in the next queue.
      ev('call.dispositioned', '09:01:30.000', {
        callId: 'C1',
        agentId: 'A1',
        category: 'complex',
        callType: 'refund',
        summary: 'wants a refund',
      }),
      answered('C1', '09:01:40.000', 'A2'),
      ended('C1', '09:03:00.000', 'caller'),
      ev('call.dispositioned', '09:03:20.000', { callId: 'C1', agentId: 'A2', category: 'complaint' }),
      ev('call.recording', '09:03:05.000', { callId: 'C1', url: 'https://rec.example/C1.wav', durationS: 180 }),
    ]);
    expect(calls[0]).toMatchObject({ category: 'complex', callType: 'refund', summary: 'wants a refund', recordingUrl: null });
    expect(calls[1]).toMatchObject({
      category: 'complaint',
      callType: null,
      summary: null,
      recordingUrl: 'https://rec.example/C1.wav',
      recordingDurationS: 180,
    });
  });
});

describe('buildCalls: wrap-up', () => {
  const call = (endHms: string) => [offered('C1', '09:00:00.000'), answered('C1', '09:00:05.000', 'A1'), ended('C1', endHms, 'caller')];

  it('takes the answering agent’s wrap-up that starts up to 1 s before the end', () => {
    const intervals = buildAgentIntervals([
      agentState('A1', '09:00:05.000', 'on_call'),
      agentState('A1', '09:01:04.200', 'wrap_up'),
      agentState('A1', '09:01:24.200', 'available'),
      agentState('A2', '09:01:05.000', 'wrap_up'), // someone else's wrap-up is not this call's
      agentState('A2', '09:05:00.000', 'available'),
    ]);
    expect(only(call('09:01:05.000'), intervals).wrapS).toBe(20); // 09:01:24.200 − 09:01:04.200, starting 0.8 s before the end
  });

  it('takes a wrap-up starting 10 s after the end but not 10.001 s after', () => {
    const wrapAt = (hms: string) => buildAgentIntervals([agentState('A1', hms, 'wrap_up'), agentState('A1', '09:02:00.000', 'available')]);
    expect(only(call('09:01:00.000'), wrapAt('09:01:10.000')).wrapS).toBe(50); // 09:02:00 − 09:01:10
    expect(only(call('09:01:00.000'), wrapAt('09:01:10.001')).wrapS).toBeNull();
  });

  it('leaves wrap-up null while the agent is still in it', () => {
    const intervals = buildAgentIntervals([agentState('A1', '09:01:00.000', 'wrap_up')]);
    expect(only(call('09:01:00.000'), intervals).wrapS).toBeNull();
  });
});

describe('buildCalls: queue rules', () => {
  it('uses the rules in force when each leg was offered', () => {
    const asked: [string, string][] = [];
    const change = at('09:30:00.000').getTime();
    const rulesFor = (queue: string, offeredAt: Date): QueueRules => {
      asked.push([queue, offeredAt.toISOString()]);
      return offeredAt.getTime() < change ? { slThresholdS: 15, shortAbandonS: 5 } : { slThresholdS: 20, shortAbandonS: 3 };
    };
    const { calls } = buildCalls(
      [
        offered('EARLY', '09:00:00.000', 'vip'),
        answered('EARLY', '09:00:17.000'),
        offered('LATE', '09:40:00.000', 'vip'),
        answered('LATE', '09:40:17.000'),
      ],
      [],
      rulesFor,
    );
    expect(asked).toEqual([
      ['vip', '2026-03-02T01:00:00.000Z'],
      ['vip', '2026-03-02T01:40:00.000Z'],
    ]);
    expect(calls.map((c) => [c.callId, c.waitS, c.slThresholdS, c.shortAbandonS, c.answeredInThreshold])).toEqual([
      ['EARLY', 17, 15, 5, false], // 17 > 15
      ['LATE', 17, 20, 3, true], // 17 ≤ 20 after the change at 09:30
    ]);
  });
});
