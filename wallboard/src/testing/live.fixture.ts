/**
 * Hand-written `/live` messages for tests: a small center (queues `sales` and
 * `support`, agents `a1` and `a2`) on 2026-03-02 in Asia/Shanghai.
 */
import type {
  AgentCounts,
  BreachCounts,
  Figures,
  HourVolume,
  LiveAgent,
  LiveBreach,
  LivePatch,
  LiveQueue,
  LiveSnapshot,
} from '@callboard/api/wire';

export const ZERO: Figures = {
  offered: 0,
  answered: 0,
  answeredInThreshold: 0,
  abandoned: 0,
  shortAbandoned: 0,
  abandonedInThreshold: 0,
  timedOut: 0,
  transferredOut: 0,
  handled: 0,
  threeRingRate: null,
  slAnsweredOnly: null,
  slAbandonNeutral: null,
  asaS: null,
  abandonRate: null,
  ahtS: null,
  occupancy: null,
  answeredWaitS: 0,
  handleS: 0,
  busyS: 0,
  availableS: 0,
};

export const NO_AGENTS: AgentCounts = { loggedIn: 0, available: 0, ringing: 0, onCall: 0, wrapUp: 0, notReady: 0 };

export const NO_BREACHES: BreachCounts = { answer: 0, not_ready_overrun: 0, atRisk: 0 };

export function figures(overrides: Partial<Figures> = {}): Figures {
  return { ...ZERO, ...overrides };
}

/**
 * Sales this morning: 40 offered, 30 answered (24 within three rings), 8
 * abandoned of which 3 short and 4 within three rings, 2 timed out, 28
 * handled. Against `queue()`'s rules (target 80 %, three rings = 15 s, ASA at
 * most 20 s, abandons at most 5 %), worked out by hand (SPEC §3):
 *
 * - three-ring rate 24 ÷ (30 + 8 − 3 + 2) = 24 ÷ 37 = 64.9 %, red against 80 %
 * - answered only 24 ÷ 30 = 80 %; abandon-neutral (24 + 4) ÷ (30 + 8) = 73.7 %
 * - ASA 330 s ÷ 30 = 11 s
 * - abandon rate (8 − 3) ÷ (40 − 3) = 13.5 %
 * - AHT 5 040 s ÷ 28 = 180 s
 *
 * Only the counts and sums: the rates the server would send are left null.
 */
export const SALES_MORNING: Figures = figures({
  offered: 40,
  answered: 30,
  answeredInThreshold: 24,
  abandoned: 8,
  shortAbandoned: 3,
  abandonedInThreshold: 4,
  timedOut: 2,
  handled: 28,
  answeredWaitS: 330,
  handleS: 5_040,
});

export function hour(hourIso: string, offered: number): HourVolume {
  return {
    hour: hourIso,
    byCallType: { general: offered },
    offered,
    answered: offered,
    answeredInThreshold: offered,
    abandoned: 0,
    shortAbandoned: 0,
    timedOut: 0,
    threeRingRate: offered === 0 ? null : 1,
  };
}

export function queue(name: string, overrides: Partial<LiveQueue> = {}): LiveQueue {
  return {
    queue: name,
    rules: { rings: 3, ringCycleS: 5, slThresholdS: 15, shortAbandonS: 5, slTarget: 0.8, asaTargetS: 20, abandonTarget: 0.05 },
    waiting: 0,
    longestWaitS: null,
    oldestOfferedAt: null,
    waitingCalls: [],
    today: ZERO,
    byCallType: {},
    byHour: [],
    lastWeek: [hour('2026-02-23T09:00:00.000+08:00', 12)],
    agents: NO_AGENTS,
    staffing: {
      windowMin: 30,
      offeredInWindow: 0,
      arrivalsPerHour: 0,
      ahtS: null,
      ahtFrom: null,
      trafficErlangs: null,
      slTarget: 0.8,
      slThresholdS: 15,
      requiredErlangC: null,
      slErlangC: null,
      patienceS: null,
      requiredErlangA: null,
      slErlangA: null,
      staffed: 0,
      available: 0,
      gapErlangC: null,
      gapErlangA: null,
    },
    ...overrides,
  };
}

export function agent(agentId: string, overrides: Partial<LiveAgent> = {}): LiveAgent {
  return {
    agentId,
    name: `Agent ${agentId}`,
    team: 'east',
    state: 'available',
    reason: null,
    since: '2026-03-02T09:00:00.000+08:00',
    handledToday: 0,
    limitS: null,
    overrun: false,
    ...overrides,
  };
}

export function breach(id: string, overrides: Partial<LiveBreach> = {}): LiveBreach {
  return {
    id,
    rule: 'answer',
    subject: 'call:c1',
    queue: 'sales',
    agentId: null,
    startedAt: '2026-03-02T09:59:00.000+08:00',
    dueAt: '2026-03-02T09:59:15.000+08:00',
    breachedAt: null,
    endedAt: null,
    status: 'at_risk',
    ...overrides,
  };
}

export function snapshot(overrides: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return {
    seq: 10,
    asOf: '2026-03-02T10:00:00.000+08:00',
    tz: 'Asia/Shanghai',
    day: '2026-03-02',
    demo: false,
    lastEventAt: '2026-03-02T09:59:59.000+08:00',
    subscription: { queues: null, teams: null },
    queues: [queue('sales'), queue('support')],
    totals: ZERO,
    totalsAgents: NO_AGENTS,
    agents: [agent('a1'), agent('a2')],
    breaches: [],
    breachCounts: NO_BREACHES,
    ...overrides,
  };
}

/** A patch numbered `seq`, asOf two seconds per seq after the snapshot's 10:00:00 (seq 10). */
export function patch(seq: number, overrides: Partial<LivePatch> = {}): LivePatch {
  const asOfMs = Date.parse('2026-03-02T10:00:00.000+08:00') + (seq - 10) * 2_000;
  return { seq, asOf: new Date(asOfMs).toISOString(), lastEventAt: '2026-03-02T09:59:59.000+08:00', ...overrides };
}
