import type { CanonicalEvent } from '../events/event.schema.js';

/**
 * An hour of a center's life for the live engine's tests (the unit scenarios
 * and the ones through the real app), stamped relative to `base` (offsets in
 * seconds), with its figures worked out by hand from SPEC §3–§4
 * (threshold 3 rings × 5 s = 15 s, short abandon < 5 s, break limit 15 min):
 *
 * call  queue    offered   what happened                                      wait     counts as
 * c1    general  +0        rang a1, answered +10, ended +190, a1 wraps 30 s    10 s     in threshold
 * c2    general  +300      answered by a2 at +315 (no ringing), ended +435     15 s     in threshold (exactly)
 * c3    sales    +600      answered a2 +620, held 20 s, ended +860             20 s     late
 * c4    general  +1200     abandoned +1204.999                                 4.999 s  short abandon
 * c5    general  +1260     abandoned +1265                                     5 s      abandon (not short), within 15 s
 * c6    general  +1800     abandoned +1840                                     40 s     abandon; breach
 * c7    sales    +2400     timed out +2700                                     300 s    time-out; breach
 * c8    general  +3000     answered a1 +3005, transferred to sales +3125       5 s      in threshold; talk 120
 *       sales    +3125     answered a2 +3155, ended +3335                      30 s     late; breach
 * c9    general  +3480     waiting at +3600                                    120 s    breach
 * c10   general  +3587     waiting at +3600                                    13 s     at risk
 * a3 (team-b) in not_ready "break" since +2400: breached at +3300.
 *
 * At base + 3600 s, general: offered 8, answered 3, within 3, abandoned 3 (short 1, within 15 s 2),
 * three-ring rate 3 ÷ (3 + 3 − 1) = 0.6, answered-only 1, abandon-neutral 5 ÷ 6, ASA 10 s,
 * abandon rate 2 ÷ 7, AHT (210 + 120 + 120) ÷ 3 = 150 s, occupancy 330 ÷ 3652 (a1 only),
 * waiting 2, longest 120 s. Sales: offered 3, answered 2, within 0, timed out 1, rate 0,
 * ASA 25 s, AHT 210 s. Breaches today: answer 5, not_ready_overrun 1, at risk 1.
 */
export const SCENARIO_NOW_S = 3600;

/** `queue`: the name of the main queue (general in the table); `prefix`: prepended to call ids, none when empty. */
export function liveScenario(
  base: number,
  { queue = 'general', prefix = 'lv' }: { queue?: string; prefix?: string } = {},
): CanonicalEvent[] {
  let n = 0;
  const ev = (type: string, at: number, payload: Record<string, unknown>) =>
    ({
      id: `${prefix || 'scn'}-${String(++n).padStart(3, '0')}`,
      type,
      ts: new Date(base + Math.round(at * 1000)).toISOString(),
      source: 'test',
      payload,
    }) as CanonicalEvent;
  const c = (id: string) => (prefix ? `${prefix}-${id}` : id);
  const general = queue;
  return [
    ev('agent.state', -60, { agentId: 'a1', state: 'available', name: '张伟', team: 'team-a' }),
    ev('agent.state', 2400, { agentId: 'a3', state: 'not_ready', reason: 'break', name: '李娜', team: 'team-b' }),
    ev('call.offered', 0, { callId: c('c1'), queue: general, callType: 'billing', caller: '13812345678' }),
    ev('call.ringing', 2, { callId: c('c1'), agentId: 'a1' }),
    ev('agent.state', 2, { agentId: 'a1', state: 'ringing' }),
    ev('call.answered', 10, { callId: c('c1'), agentId: 'a1' }),
    ev('agent.state', 10, { agentId: 'a1', state: 'on_call' }),
    ev('call.ended', 190, { callId: c('c1'), endedBy: 'agent' }),
    ev('agent.state', 190, { agentId: 'a1', state: 'wrap_up' }),
    ev('agent.state', 220, { agentId: 'a1', state: 'available' }),
    ev('call.offered', 300, { callId: c('c2'), queue: general, callType: 'billing', caller: '13900001111' }),
    ev('call.answered', 315, { callId: c('c2'), agentId: 'a2' }),
    ev('call.ended', 435, { callId: c('c2'), endedBy: 'caller' }),
    ev('call.offered', 600, { callId: c('c3'), queue: 'sales', callType: 'sales' }),
    ev('call.answered', 620, { callId: c('c3'), agentId: 'a2' }),
    ev('call.held', 660, { callId: c('c3') }),
    ev('call.resumed', 680, { callId: c('c3') }),
    ev('call.ended', 860, { callId: c('c3'), endedBy: 'caller' }),
    ev('call.offered', 1200, { callId: c('c4'), queue: general, callType: 'billing' }),
    ev('call.abandoned', 1204.999, { callId: c('c4') }),
    ev('call.offered', 1260, { callId: c('c5'), queue: general, callType: 'billing' }),
    ev('call.abandoned', 1265, { callId: c('c5') }),
    ev('call.offered', 1800, { callId: c('c6'), queue: general, callType: 'billing' }),
    ev('call.abandoned', 1840, { callId: c('c6') }),
    ev('call.offered', 2400, { callId: c('c7'), queue: 'sales', callType: 'sales' }),
    ev('call.timed_out', 2700, { callId: c('c7') }),
    ev('call.offered', 3000, { callId: c('c8'), queue: general, callType: 'billing' }),
    ev('call.answered', 3005, { callId: c('c8'), agentId: 'a1' }),
    ev('agent.state', 3005, { agentId: 'a1', state: 'on_call' }),
    ev('call.transferred', 3125, { callId: c('c8'), toQueue: 'sales' }),
    ev('agent.state', 3125, { agentId: 'a1', state: 'available' }),
    ev('call.offered', 3125, { callId: c('c8'), queue: 'sales', callType: 'sales' }),
    ev('call.answered', 3155, { callId: c('c8'), agentId: 'a2' }),
    ev('call.ended', 3335, { callId: c('c8'), endedBy: 'caller' }),
    ev('call.offered', 3480, { callId: c('c9'), queue: general, callType: 'billing' }),
    ev('call.offered', 3587, { callId: c('c10'), queue: general, callType: 'billing' }),
  ];
}
