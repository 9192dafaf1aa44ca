/**
 * SLA items (SPEC §4) as a list of rules. Each rule names the deadlines it
 * watches — what started the clock, how long it may run, when it stopped —
 * and one evaluation turns every deadline into an at-risk, breached or ended
 * item the same way, whatever the rule. A new rule (case replies, complaints,
 * call-backs) joins by adding an object to `BREACH_RULES`.
 */
import type { AgentInterval } from '../calls/agent-intervals.js';
import type { CallRow } from '../calls/call-state.js';
import type { CenterClock } from '../calls/center-clock.js';
import { firstIndex } from '../calls/sorted.js';
import type { BreachCounts, LiveBreach, Subscription } from './live.wire.js';
import { AT_RISK_SHARE } from './live.wire.js';

/** Ended breaches stay on the live list this long (they stay in the counts all day). */
export const ENDED_BREACH_VISIBLE_MS = 15 * 60_000;

/** A not-ready spell of the day that ran past its limit and has ended. */
export interface StoppedOverrun {
  startMs: number;
  limitMs: number;
  endMs: number;
}

/** What the rules read of the live state, within a subscription's scope. */
export interface BreachSource {
  /** Local midnight of the day held: breaches due before it are yesterday's. */
  readonly dayStartMs: number;
  /**
   * Per queue in scope: its legs waiting now (lost ones excluded), and today's legs that left it after their
   * threshold at or after `sinceMs` (the ones still listed).
   */
  queues(
    scope: Subscription,
    nowMs: number,
    sinceMs: number,
  ): Iterable<{ queue: string; waiting: readonly CallRow[]; late: Iterable<CallRow> }>;
  /** How many of today's legs of the queues in scope left after their threshold before `sinceMs`. */
  lateBefore(scope: Subscription, sinceMs: number): number;
  /**
   * Per agent of the teams in scope: the state the agent is in, and the day's not-ready spells that ended past their
   * limit, in the order they ended (an agent's spells never overlap: also the order they began).
   */
  agents(scope: Subscription): Iterable<{ agentId: string; current: AgentInterval | undefined; overruns: readonly StoppedOverrun[] }>;
  /** Whether the agent is of a team in scope: an item about a call names its agent only then. */
  agentInScope(agentId: string, scope: Subscription): boolean;
  notReadyLimitS(reason: string | null, atMs: number): number | null;
}

/** A running or stopped clock: the rule's subject, when the clock started, how long it may run, when it stopped (null: still running). */
export interface Deadline {
  subject: string;
  queue: string | null;
  agentId: string | null;
  startMs: number;
  limitMs: number;
  endMs: number | null;
}

export interface BreachRule {
  readonly rule: LiveBreach['rule'];
  /** The running deadlines, and the stopped ones that stopped at or after `sinceMs` (still listed when breached). */
  deadlines(source: BreachSource, scope: Subscription, nowMs: number, sinceMs: number): Iterable<Deadline>;
  /** How many deadlines stopped before `sinceMs` past their limit and were due today: counted, no longer listed. */
  settled(source: BreachSource, scope: Subscription, sinceMs: number): number;
}

/**
 * `answer`: a call waits longer than its queue's three-ring threshold; kept once it is answered or abandoned.
 * The call is the queue's and stays listed; its agent is named only within the teams in scope.
 */
export const answerRule: BreachRule = {
  rule: 'answer',
  *deadlines(source, scope, nowMs, sinceMs) {
    for (const q of source.queues(scope, nowMs, sinceMs)) {
      for (const l of q.waiting) {
        yield {
          subject: `call:${l.callId}`,
          queue: q.queue,
          agentId: null,
          startMs: l.offeredAt.getTime(),
          limitMs: l.slThresholdS * 1000,
          endMs: null,
        };
      }
      for (const l of q.late) {
        const startMs = l.offeredAt.getTime();
        yield {
          subject: `call:${l.callId}`,
          queue: q.queue,
          agentId: l.agentId !== null && source.agentInScope(l.agentId, scope) ? l.agentId : null,
          startMs,
          limitMs: l.slThresholdS * 1000,
          endMs: lateEndMs(l),
        };
      }
    }
  },
  settled: (source, scope, sinceMs) => source.lateBefore(scope, sinceMs),
};

/** When a late leg's wait ended: its `answer` breach stopped then. */
export const lateEndMs = (l: CallRow): number => l.offeredAt.getTime() + Math.round(l.waitS! * 1000);

/** `not_ready_overrun`: an agent stays in a not-ready reason longer than that reason's limit in force when it began. */
export const notReadyOverrunRule: BreachRule = {
  rule: 'not_ready_overrun',
  *deadlines(source, scope, _nowMs, sinceMs) {
    for (const a of source.agents(scope)) {
      const deadline = (o: { startMs: number; limitMs: number; endMs: number | null }): Deadline => ({
        subject: `agent:${a.agentId}`,
        queue: null,
        agentId: a.agentId,
        ...o,
      });
      for (let k = endedBefore(a.overruns, sinceMs); k < a.overruns.length; k++) yield deadline(a.overruns[k]!);
      const i = a.current;
      if (i?.state !== 'not_ready' || i.endedAt !== null) continue;
      const startMs = i.startedAt.getTime();
      const limitS = source.notReadyLimitS(i.reason, startMs);
      if (limitS !== null) yield deadline({ startMs, limitMs: limitS * 1000, endMs: null });
    }
  },
  settled(source, scope, sinceMs) {
    let n = 0;
    for (const a of source.agents(scope)) {
      const before = endedBefore(a.overruns, sinceMs);
      n += before;
      // Only a spell that began before midnight can have been due before it: those come first.
      for (let k = 0; k < before && a.overruns[k]!.startMs < source.dayStartMs; k++) {
        const o = a.overruns[k]!;
        if (o.startMs + o.limitMs < source.dayStartMs) n--;
      }
    }
    return n;
  },
};

/** How many of `overruns` (in the order they ended) ended before `ms`: a binary search, not a walk through the day. */
function endedBefore(overruns: readonly StoppedOverrun[], ms: number): number {
  return firstIndex(overruns, (o) => o.endMs < ms);
}

/**
 * The not-ready spells among `intervals` that ended on the day starting at `dayStartMs` past the limit in force
 * when they began: what `notReadyOverrunRule` lists for 15 minutes and counts all day.
 */
export function stoppedOverrun(
  i: AgentInterval,
  dayStartMs: number,
  notReadyLimitS: (reason: string | null, atMs: number) => number | null,
): StoppedOverrun | null {
  if (i.state !== 'not_ready' || i.endedAt === null) return null;
  const endMs = i.endedAt.getTime();
  if (endMs < dayStartMs) return null;
  const startMs = i.startedAt.getTime();
  const limitS = notReadyLimitS(i.reason, startMs);
  if (limitS === null || endMs - startMs <= limitS * 1000) return null;
  return { startMs, limitMs: limitS * 1000, endMs };
}

export const BREACH_RULES: readonly BreachRule[] = [answerRule, notReadyOverrunRule];

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const RANK = { breached: 0, at_risk: 1, ended: 2 } as const;

/**
 * The live list and today's counts: running deadlines within 20 % of their
 * limit are at risk, past it breached; stopped ones past their limit stay
 * listed as ended for 15 minutes. Counts cover every deadline breached today.
 * Breached first, then at risk, then ended; each by due time.
 */
export function evaluateBreaches(
  rules: readonly BreachRule[],
  source: BreachSource,
  clock: CenterClock,
  scope: Subscription,
  nowMs: number,
): { list: LiveBreach[]; counts: BreachCounts } {
  const list: LiveBreach[] = [];
  const counts: BreachCounts = { answer: 0, not_ready_overrun: 0, atRisk: 0 };
  const visibleFrom = nowMs - ENDED_BREACH_VISIBLE_MS;
  for (const r of rules) {
    const rule = r.rule;
    counts[rule] += r.settled(source, scope, visibleFrom);
    for (const d of r.deadlines(source, scope, nowMs, visibleFrom)) {
      const dueMs = d.startMs + d.limitMs;
      const elapsed = (d.endMs ?? nowMs) - d.startMs;
      const breached = elapsed > d.limitMs;
      if (breached && dueMs >= source.dayStartMs) counts[rule]++;
      let status: LiveBreach['status'];
      if (d.endMs === null) {
        if (breached) status = 'breached';
        else if (elapsed >= d.limitMs * (1 - AT_RISK_SHARE)) status = 'at_risk';
        else continue;
      } else {
        if (!breached || d.endMs < visibleFrom) continue;
        status = 'ended';
      }
      if (status === 'at_risk') counts.atRisk++;
      list.push({
        id: `${rule}:${d.subject}:${d.startMs}`,
        rule,
        subject: d.subject,
        queue: d.queue,
        agentId: d.agentId,
        startedAt: clock.iso(d.startMs),
        dueAt: clock.iso(dueMs),
        breachedAt: breached ? clock.iso(dueMs) : null,
        endedAt: d.endMs === null ? null : clock.iso(d.endMs),
        status,
      });
    }
  }
  list.sort((x, y) => RANK[x.status] - RANK[y.status] || cmp(x.dueAt, y.dueAt) || cmp(x.id, y.id));
  return { list, counts };
}
