/**
 * A morning hour in queue "billing" (center time zone Asia/Shanghai, UTC+8),
 * with its figures worked out by hand from SPEC §3 (threshold 3 rings × 5 s =
 * 15 s, short abandon < 5 s):
 *
 * call  offered (UTC)  what happened                        wait   within 15 s
 * c1    01:00:00       rung, answered 01:00:10, ended 01:03:10  10 s  yes   talk 180 s, wrap 30 s
 * c2    01:05:00       answered 01:05:15 (no ringing event)     15 s  yes (exactly at threshold)
 * c3    01:10:00       answered 01:10:20, held 20 s, ended 01:14:20  20 s  no   talk 240 − 20 = 220 s
 * c4    01:20:00       abandoned 01:20:03                        3 s   short abandon
 * c5    01:30:00       abandoned 01:30:40                       40 s   abandon
 * c6    01:40:00       timed out 01:45:00                      300 s   time-out
 *
 * offered 6, answered 3, within 2, abandoned 2 (1 short), timed out 1.
 * three-ring rate = 2 ÷ (3 + 2 − 1 + 1) = 0.4;  ASA = (10 + 15 + 20) ÷ 3 = 15 s;
 * abandon rate = (2 − 1) ÷ (6 − 1) = 0.2;  max wait 300 s.
 * All six fall in the local hour 09:00–10:00 of SCENARIO_DAY, two days before
 * today in Shanghai: inside the ingest window (35 days back), never today (so
 * a run across midnight changes nothing), and a whole day in the past.
 */
import type { CanonicalEvent, EventOf, EventType } from '@callboard/api/wire';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai has kept UTC+8 without DST since 1991.
const DAY_MS = 86_400_000;

/** The scenario's date (YYYY-MM-DD, the same in UTC and in Shanghai from 00:00 to 15:59 UTC): two days before today in Shanghai. */
export const SCENARIO_DAY = new Date(Date.now() + SHANGHAI_OFFSET_MS - 2 * DAY_MS).toISOString().slice(0, 10);

/** An instant of the scenario's day given in UTC, `hh:mm:ss[.mmm]` → `YYYY-MM-DDThh:mm:ss[.mmm]Z`. */
export const scenarioTs = (utcTime: string): string => `${SCENARIO_DAY}T${utcTime}Z`;

export const SCENARIO_HOUR_LOCAL_START = new Date(scenarioTs('01:00:00'));

let n = 0;
const ev = <T extends EventType>(type: T, ts: string, payload: EventOf<T>['payload']) => ({
  id: `scn-${type}-${String(++n).padStart(3, '0')}`,
  type,
  ts: scenarioTs(ts),
  source: 'test',
  payload,
});

export function scenarioEvents(): CanonicalEvent[] {
  n = 0;
  return [
    ev('agent.state', '00:59:00.000', { agentId: 'a1', state: 'available', name: '张伟', team: 'team-a' }),
    ev('call.offered', '01:00:00.000', { callId: 'c1', queue: 'billing', callType: 'billing', caller: '13812345678' }),
    ev('call.ringing', '01:00:02.000', { callId: 'c1', agentId: 'a1' }),
    ev('agent.state', '01:00:02.000', { agentId: 'a1', state: 'ringing' }),
    ev('call.answered', '01:00:10.000', { callId: 'c1', agentId: 'a1' }),
    ev('agent.state', '01:00:10.000', { agentId: 'a1', state: 'on_call' }),
    ev('call.ended', '01:03:10.000', { callId: 'c1', endedBy: 'agent' }),
    ev('agent.state', '01:03:10.000', { agentId: 'a1', state: 'wrap_up' }),
    ev('agent.state', '01:03:40.000', { agentId: 'a1', state: 'available' }),
    ev('call.offered', '01:05:00.000', { callId: 'c2', queue: 'billing', callType: 'billing', caller: '13900001111' }),
    ev('call.answered', '01:05:15.000', { callId: 'c2', agentId: 'a2' }),
    ev('call.ended', '01:07:15.000', { callId: 'c2', endedBy: 'caller' }),
    ev('call.offered', '01:10:00.000', { callId: 'c3', queue: 'billing', callType: 'billing' }),
    ev('call.answered', '01:10:20.000', { callId: 'c3', agentId: 'a2' }),
    ev('call.held', '01:11:00.000', { callId: 'c3' }),
    ev('call.resumed', '01:11:20.000', { callId: 'c3' }),
    ev('call.ended', '01:14:20.000', { callId: 'c3', endedBy: 'caller' }),
    ev('call.offered', '01:20:00.000', { callId: 'c4', queue: 'billing', callType: 'billing' }),
    ev('call.abandoned', '01:20:03.000', { callId: 'c4' }),
    ev('call.offered', '01:30:00.000', { callId: 'c5', queue: 'billing', callType: 'billing' }),
    ev('call.abandoned', '01:30:40.000', { callId: 'c5' }),
    ev('call.offered', '01:40:00.000', { callId: 'c6', queue: 'billing', callType: 'billing' }),
    ev('call.timed_out', '01:45:00.000', { callId: 'c6' }),
  ];
}

/** Deterministic shuffle (a fixed permutation), so arrival order differs from event order. */
export function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
