/**
 * Messages of the live wallboard: the `/live` namespace and `GET /api/v1/live`
 * (SPEC §3, §4, §6). Times are ISO 8601 with the center's offset; durations in
 * seconds; rates are fractions 0..1 and null when their denominator is 0.
 */
import type { AgentStateName } from '../events/event.schema.js';

/**
 * SPEC §4: an SLA item is *at risk* in the last 20 % of the time before its
 * deadline. The engine, the tiles and the agent grid read this one value.
 */
export const AT_RISK_SHARE = 0.2;

/** SPEC §6 `Figures`, with the raw counts and sums every rate is computed from. */
export interface Figures {
  offered: number;
  answered: number;
  /** Answered with wait ≤ slThresholdS (three rings). */
  answeredInThreshold: number;
  abandoned: number;
  /** Abandoned with wait < shortAbandonS; included in `abandoned`. */
  shortAbandoned: number;
  /** Abandoned with wait ≤ slThresholdS (the abandon-neutral variant counts them as in time). */
  abandonedInThreshold: number;
  timedOut: number;
  /** Left the queue by a transfer before an answer. */
  transferredOut: number;
  /** Answered calls that have ended: AHT's denominator. */
  handled: number;
  /** answeredInThreshold ÷ (answered + abandoned − shortAbandoned + timedOut). */
  threeRingRate: number | null;
  /** answeredInThreshold ÷ answered. */
  slAnsweredOnly: number | null;
  /** (answeredInThreshold + abandonedInThreshold) ÷ (answered + abandoned). */
  slAbandonNeutral: number | null;
  /** Mean wait of answered calls. */
  asaS: number | null;
  /** (abandoned − shortAbandoned) ÷ (offered − shortAbandoned). */
  abandonRate: number | null;
  /** (talk + hold + wrap-up) ÷ handled. */
  ahtS: number | null;
  /** Time on call or wrap-up ÷ (that + available time), today, of the agents counted. */
  occupancy: number | null;
  /** Sums behind ASA, AHT and occupancy. */
  answeredWaitS: number;
  handleS: number;
  busyS: number;
  availableS: number;
}

/** The rules a queue's new calls are measured by (SPEC §3) and its targets. */
export interface LiveQueueRules {
  rings: number;
  ringCycleS: number;
  /** rings × ringCycleS. */
  slThresholdS: number;
  shortAbandonS: number;
  /** Three-ring rate target, 0..1. */
  slTarget: number;
  /** ASA target in seconds, if set. */
  asaTargetS: number | null;
  /** Abandon-rate target (a ceiling), 0..1, if set. */
  abandonTarget: number | null;
}

export interface WaitingCall {
  callId: string;
  callType: string | null;
  offeredAt: string;
  waitS: number;
  /** Ringing at an agent right now. */
  ringing: boolean;
}

export interface HourVolume {
  /** Local start of the hour, ISO 8601 with offset. */
  hour: string;
  /** Calls offered in that hour, per call type. */
  byCallType: Record<string, number>;
  /** The hour's calls (all types): the counts behind its three-ring rate. */
  offered: number;
  answered: number;
  answeredInThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  timedOut: number;
  /** answeredInThreshold ÷ (answered + abandoned − shortAbandoned + timedOut); null when 0. */
  threeRingRate: number | null;
}

/** Agents needed now (SPEC issue: staffing), with every input shown. */
export interface Staffing {
  /** Calls offered in the last 30 minutes, and the hourly rate they make. */
  windowMin: number;
  offeredInWindow: number;
  arrivalsPerHour: number;
  /** AHT of calls handled in the window (today's AHT when none ended in it). */
  ahtS: number | null;
  ahtFrom: 'window' | 'today' | null;
  /** Offered load: arrival rate × AHT, in Erlangs. */
  trafficErlangs: number | null;
  /** The target: slTarget of calls answered within slThresholdS. */
  slTarget: number;
  slThresholdS: number;
  /** Agents needed by Erlang C (no abandonment), and the service level they give. */
  requiredErlangC: number | null;
  slErlangC: number | null;
  /** Mean patience observed today (waiting time of all calls ÷ abandons), in seconds. */
  patienceS: number | null;
  /** Agents needed by Erlang A (M/M/n+M) with that patience. */
  requiredErlangA: number | null;
  slErlangA: number | null;
  /** Agents working the queue now: logged in and not in not-ready. */
  staffed: number;
  available: number;
  /** staffed − requiredErlangC (negative: short of agents). */
  gapErlangC: number | null;
  gapErlangA: number | null;
}

export interface AgentCounts {
  loggedIn: number;
  available: number;
  ringing: number;
  onCall: number;
  wrapUp: number;
  notReady: number;
}

export interface LiveQueue {
  queue: string;
  rules: LiveQueueRules;
  waiting: number;
  /** As of the snapshot's asOf; clients tick it forward from oldestOfferedAt. */
  longestWaitS: number | null;
  oldestOfferedAt: string | null;
  /** The longest-waiting calls first, at most 50 (caller numbers are never sent live). */
  waitingCalls: WaitingCall[];
  today: Figures;
  byCallType: Record<string, Figures>;
  /** Today's hours from local midnight to the current hour (23 or 25 on a DST day). */
  byHour: HourVolume[];
  /** The same weekday last week, every hour of that day (from TimescaleDB). */
  lastWeek: HourVolume[];
  /** Agents seen serving this queue today (offered or answered one of its calls), by state now. */
  agents: AgentCounts;
  staffing: Staffing;
}

export interface LiveAgent {
  agentId: string;
  /** Display name (the agent id when the phone system never sent one). */
  name: string;
  team: string | null;
  state: AgentStateName;
  reason: string | null;
  /** Start of the current state. */
  since: string;
  /** Calls answered today that have ended. */
  handledToday: number;
  /** The not-ready reason's limit in seconds, when one applies. */
  limitS: number | null;
  /** In not-ready longer than the reason's limit. */
  overrun: boolean;
}

/** What `GET /api/v1/live/calls?figure=…` can list: the calls behind each live figure. */
export const DRILL_FIGURES = [
  'offered',
  'answered',
  'answered_in_threshold',
  'answered_late',
  'abandoned',
  'short_abandoned',
  'timed_out',
  'transferred_out',
  'waiting',
  'breached',
] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

/** `GET /api/v1/live/calls` pages: the size when none is asked for, and the most served. */
export const DRILL_DEFAULT_LIMIT = 50;
export const DRILL_MAX_LIMIT = 500;

export type BreachRule = 'answer' | 'not_ready_overrun';

/**
 * An SLA item (SPEC §4): `at_risk` within 20 % of its deadline, `breached` past it
 * and still open, `ended` breached and since closed (answered, abandoned, back
 * from not-ready) — ended items stay listed for 15 minutes, and in the counts all day.
 */
export interface LiveBreach {
  /** `<rule>:<subject>:<start ms>`, stable while the item lives. */
  id: string;
  rule: BreachRule;
  /** `call:<callId>` or `agent:<agentId>`. */
  subject: string;
  queue: string | null;
  agentId: string | null;
  /** When the clock started: offer, or entering not-ready. */
  startedAt: string;
  dueAt: string;
  breachedAt: string | null;
  endedAt: string | null;
  status: 'at_risk' | 'breached' | 'ended';
}

export interface BreachCounts {
  /** Items breached today, per rule (open and ended). */
  answer: number;
  not_ready_overrun: number;
  /** Items at risk right now. */
  atRisk: number;
}

export interface Subscription {
  queues: string[] | null;
  teams: string[] | null;
}

/** `subscribe {queues?, teams?}`: omitted lists mean the whole scope. */
export interface SubscribeRequest {
  queues?: string[];
  teams?: string[];
}

export type SubscribeAck =
  | { ok: true; seq: number; subscription: Subscription }
  | { ok: false; error: { code: 'BAD_REQUEST' | 'FORBIDDEN' | 'SESSION_EXPIRED'; message: string; field?: string } };

/** The whole state of a scope: sent on subscribe, after a gap, and by `GET /api/v1/live`. */
export interface LiveSnapshot {
  /** Patches that follow carry seq + 1, seq + 2, … */
  seq: number;
  asOf: string;
  tz: string;
  /** The local day the figures cover, YYYY-MM-DD. */
  day: string;
  demo: boolean;
  /** `ts` of the newest event applied (null before the first), for staleness checks. */
  lastEventAt: string | null;
  subscription: Subscription;
  queues: LiveQueue[];
  /** The subscribed queues together. */
  totals: Figures;
  totalsAgents: AgentCounts;
  agents: LiveAgent[];
  breaches: LiveBreach[];
  breachCounts: BreachCounts;
}

/**
 * A queue in a patch: every field, except `rules` and `lastWeek` while they
 * stay what the client has, and only the current hour of `byHour` while the
 * earlier ones do; merge into the client's copy.
 */
export type LiveQueuePatch = Partial<LiveQueue> & {
  queue: string;
  /**
   * Instead of `byHour` when only the latest hours changed (the earlier ones
   * stay what the client has): each entry replaces the client's entry of the
   * same `hour`, or is appended.
   */
  byHourTail?: HourVolume[];
};

/**
 * What changed since the previous message of the scope. `queues` holds each
 * changed queue, without `rules` and `lastWeek` while those stay the same
 * (merge into the client's copy; a queue the client does not have yet comes whole); `agents` holds whole objects
 * that replace the client's copy by agentId; `breaches`, when present, is the
 * whole list. A client that sees seq ≠ last + 1 asks for a fresh snapshot
 * (emits `subscribe` again).
 */
export interface LivePatch {
  seq: number;
  asOf: string;
  lastEventAt: string | null;
  queues?: LiveQueuePatch[];
  totals?: Figures;
  totalsAgents?: AgentCounts;
  agents?: LiveAgent[];
  breaches?: LiveBreach[];
  breachCounts?: BreachCounts;
}

/** A call leg behind a figure (`GET /api/v1/live/calls`). */
export interface LiveCallRow {
  callId: string;
  queue: string;
  callType: string | null;
  /** In full for admins, masked to the last four digits for everyone else. */
  caller: string | null;
  offeredAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  outcome: 'waiting' | 'ringing' | 'answered' | 'abandoned' | 'timed_out' | 'transferred_out';
  /** Until answer or exit; for a call still waiting, so far. */
  waitS: number | null;
  talkS: number | null;
  holdS: number;
  wrapS: number | null;
  agentId: string | null;
  agentName: string | null;
  /** The threshold in force when the call was offered. */
  slThresholdS: number;
  answeredInThreshold: boolean;
  shortAbandon: boolean;
  transferred: boolean;
  transferTarget: string | null;
  category: string | null;
}

export interface LiveCallsPage {
  figure: string;
  /** Rows matching in all (every page). */
  total: number;
  rows: LiveCallRow[];
  /** Pass as `before` for the next (older) page; null on the last. */
  next: string | null;
}

/** Sent before the server disconnects a socket whose session ended. */
export interface SessionEnded {
  reason: string;
}
