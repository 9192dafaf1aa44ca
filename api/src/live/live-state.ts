/**
 * Today's live state (SPEC §3, §4), derived from the event log alone: every API
 * process folds the same events into the same state (ARCHITECTURE.md).
 *
 * The state is a function of the SET of events held, the queue rules and the
 * clock — never of arrival order: each call is re-derived from all of its
 * events by the call state machine (`buildCalls`), each agent's history by
 * `buildAgentIntervals`, and a call's contribution to the counters is taken
 * out and put back whenever its derivation changes. That is what lets a process
 * that restarts (today's events from the database plus the log's tail) end
 * with exactly the figures of one that never stopped.
 *
 * What is held: events from four hours before local midnight (so calls and
 * breaches that straddle midnight are whole), plus, per agent, the state it was
 * in at that moment. "Today's" figures count the legs offered since local midnight.
 */
import type { AgentStateName, CanonicalEvent, EventOf } from '../events/event.schema.js';
import { type AgentInterval, type HeldAgentEvent, buildAgentIntervalsFromHeld } from '../calls/agent-intervals.js';
import {
  type CallRow,
  type HeldCallEvent,
  type QueueRules,
  buildCallsFromHeld,
  callTypeOf,
  isOpen,
  isWaitingAt,
} from '../calls/call-state.js';
import type { CenterClock, CenterDay } from '../calls/center-clock.js';
import { type Counts, addLeg, emptyCounts, handleS, isHandled, sumCounts } from '../calls/counts.js';
import { threeRingRate } from '../calls/formulas.js';
import { agentsForServiceLevelA, agentsForServiceLevelC } from '../calls/staffing.js';
import { BREACH_RULES, type BreachSource, type StoppedOverrun, evaluateBreaches, lateEndMs, stoppedOverrun } from './breach-rules.js';
import { type DrillCursor, type DrillFilter, drillPage } from './drill.js';
import { figuresOf } from './figures.js';
import { TimeIndex } from './time-index.js';
import { firstIndex } from '../calls/sorted.js';
import type {
  AgentCounts,
  BreachCounts,
  Figures,
  HourVolume,
  LiveAgent,
  LiveBreach,
  LiveQueue,
  LiveQueueRules,
  Staffing,
  Subscription,
  WaitingCall,
} from './live.wire.js';

/** The queue rules and not-ready limits in force at an instant (the settings' history). */
export interface LiveRules {
  queue(queue: string, atMs: number): LiveQueueRules;
  thresholds(queue: string, atMs: number): QueueRules;
  notReadyLimitS(reason: string | null, atMs: number): number | null;
}

/** Events this far before local midnight are kept: a call or not-ready spell running over midnight stays whole. */
export const CARRY_MS = 4 * 3_600_000;
/** Staffing is sized on the arrivals and handle times of this last stretch of the day. */
export const STAFFING_WINDOW_MS = 30 * 60_000;
const WAITING_LIST_MAX = 50;
/** One shared empty list: patches compare last week's volume by identity. */
const NO_HOURS: HourVolume[] = Object.freeze([]) as unknown as HourVolume[];
const BUSY: ReadonlySet<AgentStateName> = new Set(['on_call', 'wrap_up']);

type LegEventType = Exclude<Extract<CanonicalEvent['type'], `call.${string}`>, 'call.transcript'>;
/** Payload fields naming something of which a day has few (queues, agents, call types…): held once each. */
const SHARED_FIELDS: ReadonlySet<string> = new Set([
  'queue',
  'callType',
  'agentId',
  'channel',
  'endedBy',
  'toQueue',
  'toAgent',
  'category',
]);
const isCallEvent = (e: CanonicalEvent): e is Extract<CanonicalEvent, { type: LegEventType }> =>
  e.type.startsWith('call.') && e.type !== 'call.transcript';

interface CallEntry {
  /** Every held event of the call names it by this one string. */
  callId: string;
  /** The call's events as held (`heldCall`): epoch ms, no source, names shared with every other event. */
  events: HeldCallEvent[];
  legs: CallRow[];
  /** `agent \0 queue \0 callType` the call counts for (answered or rang, offered today). */
  serves: string[];
}

interface AgentEntry {
  agentId: string;
  /** The agent's events as held, sorted by (instant, id): a duplicate is found by a binary search. */
  events: HeldAgentEvent[];
  /** The latest event by (instant, id): a later one extends the history instead of rebuilding it. */
  lastMs: number;
  lastId: string;
  intervals: AgentInterval[];
  /**
   * Call ids of the legs offered today that the agent answered and that have ended, by the leg's end: a new
   * state cuts the wrap-up of the call that ended just before it, so those calls are derived again. A leg still
   * running has no wrap-up yet (its derivation reads no agent state): it is not here.
   */
  legsByEnd: TimeIndex<string>;
  /** Not-ready spells of the day that ended past their limit, in the order they ended. */
  overruns: StoppedOverrun[];
  /** Queues (and queue \0 callType) the agent served today, with reference counts. */
  serving: Map<string, number>;
  handledToday: number;
  /** Seconds on call or wrap-up / available today in closed intervals; the open one is added at view time. */
  closedBusyMs: number;
  closedAvailMs: number;
}

interface QueueEntry {
  queue: string;
  counts: Counts;
  byType: Map<string, Counts>;
  /** Local hour start → call type → offered. */
  hours: Map<number, { types: Map<string, number>; counts: Counts }>;
  /** The wire form of each hour, built again only after a leg of that hour changed. */
  hourViews: Map<number, HourVolume>;
  /** Legs offered today, by leg key. */
  legs: Map<string, CallRow>;
  /** The same by offer time, and the handled ones by end: staffing reads the last half hour of each. */
  byOffer: TimeIndex<CallRow>;
  handledByEnd: TimeIndex<CallRow>;
  /** Legs still waiting or ringing (also from before midnight). */
  open: Map<string, CallRow>;
  /** Legs offered today that left the queue after waiting past their threshold, by the end of the wait: the ended `answer` breaches. */
  late: TimeIndex<CallRow>;
  /** agentId → references; and per call type. */
  serving: Map<string, number>;
  servingByType: Map<string, Map<string, number>>;
}

export interface DirtySet {
  queues: Set<string>;
  agents: Set<string>;
  /** Everything (day rollover, settings change). */
  all: boolean;
}

const legKey = (l: CallRow) => `${l.callId}\u0000${l.queue}\u0000${l.offeredAt.getTime()}`;
/** A new state cuts the interval it falls in; the wrap-up of a call that ended this long before that interval began may be in it. */
const WRAP_REACH_MS = 15_000;
/** A call's wrap-up starts at most this far before its first or after its last event (call-state's window, with room). */
const WRAP_WINDOW_MS = 60_000;
/** A handled leg's handle time in whole milliseconds (its parts are whole milliseconds): sums of them are exact. */
const handleMs = (l: CallRow) => Math.round(handleS(l) * 1000);
const bump = (m: Map<string, number>, k: string, by: number) => {
  const n = (m.get(k) ?? 0) + by;
  if (n === 0) m.delete(k);
  else m.set(k, n);
};
const uniqueBy = <T>(items: T[], key: (t: T) => string): T[] => [...new Map(items.map((i) => [key(i), i])).values()];
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class LiveState {
  private day: CenterDay;
  private windowStartMs: number;
  private readonly calls = new Map<string, CallEntry>();
  private readonly agents = new Map<string, AgentEntry>();
  private readonly queues = new Map<string, QueueEntry>();
  /** Events held (duplicates are found in their call's or agent's own events: no set of every id of the day). */
  private heldEvents = 0;
  /** One copy of each name (queues, agents, call types, reasons…) for every event that carries it. */
  private readonly names = new Map<string, string>();
  /** Display names and teams from outside the event window (the database), by agent. */
  private readonly directory = new Map<string, { name: string | null; team: string | null }>();
  private lastWeek = new Map<string, HourVolume[]>();
  private dirty: DirtySet = { queues: new Set(), agents: new Set(), all: false };
  /** The newest event time held: a function of the events, like everything else here. */
  private lastEventMs: number | null = null;
  private readonly lastEventIso: { ms: number | null; iso: string | null } = { ms: null, iso: null };

  constructor(
    readonly clock: CenterClock,
    private rules: LiveRules,
    nowMs: number,
  ) {
    this.day = clock.dayOf(nowMs);
    this.windowStartMs = this.day.startMs - CARRY_MS;
  }

  get today(): CenterDay {
    return this.day;
  }

  /** The earliest event time held: what a rebuild must load. */
  get windowStart(): number {
    return this.windowStartMs;
  }

  /** Agent names and teams known before the window (the wallboard falls back to the id). */
  setDirectory(entries: { agentId: string; name: string | null; team: string | null }[]): void {
    for (const e of entries) this.directory.set(e.agentId, { name: e.name, team: e.team });
    this.dirty.all = true;
  }

  /** Same weekday last week, per queue (from the database). */
  setLastWeek(byQueue: Map<string, HourVolume[]>): void {
    this.lastWeek = byQueue;
    for (const q of byQueue.keys()) this.dirty.queues.add(q);
  }

  setRules(rules: LiveRules): void {
    this.rules = rules;
    this.recomputeAll();
  }

  /**
   * Folds events in. Duplicates (same id) and events from before the window are
   * ignored; the rest may come in any order. `carry`: agents' states at the
   * window's start (from before it). Returns how many were new.
   */
  apply(events: readonly CanonicalEvent[], opts: { carry?: boolean } = {}): number {
    const touchedCalls = new Set<string>();
    const touchedAgents = new Map<string, { fromMs: number; rebuild: boolean }>();
    let fresh = 0;
    for (const e of events) {
      const isAgent = e.type === 'agent.state';
      if (!isAgent && !isCallEvent(e)) continue;
      const ms = Date.parse(e.ts);
      if (ms < this.windowStartMs && !opts.carry) continue;
      if (isAgent) {
        const a = this.agent(this.name(e.payload.agentId));
        if (!this.holdAgentEvent(a, e, ms)) continue;
        const later = ms > a.lastMs || (ms === a.lastMs && e.id > a.lastId);
        if (later) {
          a.lastMs = ms;
          a.lastId = e.id;
        }
        let touched = touchedAgents.get(a.agentId);
        if (!touched) touchedAgents.set(a.agentId, (touched = { fromMs: ms, rebuild: false }));
        else touched.fromMs = Math.min(touched.fromMs, ms);
        // An event after all the others extends the history; one out of order has it rebuilt.
        if (!touched.rebuild && !(later && this.extendAgent(a, e, ms))) touched.rebuild = true;
      } else {
        const callId = e.payload.callId;
        let c = this.calls.get(callId);
        if (!c) this.calls.set(callId, (c = { callId, events: [], legs: [], serves: [] }));
        else if (c.events.some((h) => h.id === e.id)) continue;
        c.events.push(this.heldCall(e, ms, c.callId));
        touchedCalls.add(callId);
      }
      fresh++;
      this.heldEvents++;
      if (this.lastEventMs === null || ms > this.lastEventMs) this.lastEventMs = ms;
    }
    for (const [agentId, { fromMs, rebuild }] of touchedAgents) {
      const a = this.agents.get(agentId)!;
      if (rebuild) this.deriveAgent(a);
      else this.markAgent(a);
      // A new event cuts the interval it falls in: that may be a wrap-up, which belongs to the call that ended just before it.
      const around = a.intervals.findLast((i) => i.startedAt.getTime() < fromMs)?.startedAt.getTime() ?? fromMs;
      for (const callId of a.legsByEnd.between(around - WRAP_REACH_MS)) touchedCalls.add(callId);
    }
    for (const callId of touchedCalls) this.deriveCall(callId);
    return fresh;
  }

  /** Moves to a new local day when `nowMs` has passed midnight; true when it did. */
  rollOver(nowMs: number): boolean {
    if (nowMs < this.day.endMs) return false;
    this.day = this.clock.dayOf(nowMs);
    this.windowStartMs = this.day.startMs - CARRY_MS;
    this.lastWeek = new Map();
    this.prune();
    this.recomputeAll();
    return true;
  }

  /** What changed since the last call; resets the record. */
  takeDirty(): DirtySet {
    const d = this.dirty;
    this.dirty = { queues: new Set(), agents: new Set(), all: false };
    return d;
  }

  markAllQueuesDirty(): void {
    for (const q of this.queues.keys()) this.dirty.queues.add(q);
  }

  hasDirty(): boolean {
    return this.dirty.all || this.dirty.queues.size > 0 || this.dirty.agents.size > 0;
  }

  /** What is held in memory, for /health. */
  size(): { events: number; calls: number; agents: number } {
    return { events: this.heldEvents, calls: this.calls.size, agents: this.agents.size };
  }

  /** The queues and agents held, without copying them: the ingest cap asks on every batch. */
  heldNames(): { queues: ReadonlyMap<string, unknown>; agents: ReadonlyMap<string, unknown> } {
    return { queues: this.queues, agents: this.agents };
  }

  queueNames(): string[] {
    return [...this.queues.keys()].sort(cmp);
  }

  lastEventAt(): string | null {
    if (this.lastEventIso.ms !== this.lastEventMs) {
      this.lastEventIso.ms = this.lastEventMs;
      this.lastEventIso.iso = this.lastEventMs === null ? null : this.clock.iso(this.lastEventMs);
    }
    return this.lastEventIso.iso;
  }

  /** Agent ids of the given teams (null: all). */
  agentIds(teams: string[] | null): string[] {
    const ids = [...this.agents.values()]
      .filter((a) => a.intervals.length > 0)
      .map((a) => a.agentId)
      .sort(cmp);
    return teams === null ? ids : ids.filter((id) => teams.includes(this.teamOf(this.agents.get(id)!) ?? ''));
  }

  // ---- views ---------------------------------------------------------------

  queueView(queue: string, nowMs: number): LiveQueue {
    const q = this.queues.get(queue) ?? this.emptyQueue(queue);
    const rules = this.rules.queue(queue, nowMs);
    const open = this.openLegs(q, nowMs);
    const oldest = open[0];
    const waitingCalls: WaitingCall[] = open.slice(0, WAITING_LIST_MAX).map((l) => ({
      callId: l.callId,
      callType: l.callType,
      offeredAt: this.clock.iso(l.offeredAt.getTime()),
      waitS: Math.max(0, nowMs - l.offeredAt.getTime()) / 1000,
      ringing: l.outcome === 'ringing',
    }));
    const byCallType: Record<string, Figures> = {};
    for (const [type, counts] of [...q.byType].sort((a, b) => cmp(a[0], b[0]))) {
      byCallType[type] = figuresOf(counts, this.occupancy(q.servingByType.get(type)?.keys() ?? [], nowMs));
    }
    const agents = this.agentCounts(q.serving.keys());
    return {
      queue,
      rules,
      waiting: open.length,
      longestWaitS: oldest ? Math.max(0, nowMs - oldest.offeredAt.getTime()) / 1000 : null,
      oldestOfferedAt: oldest ? this.clock.iso(oldest.offeredAt.getTime()) : null,
      waitingCalls,
      today: figuresOf(q.counts, this.occupancy(q.serving.keys(), nowMs)),
      byCallType,
      byHour: this.hourVolumes(q, nowMs),
      lastWeek: this.lastWeek.get(queue) ?? NO_HOURS,
      agents,
      staffing: this.staffing(q, rules, agents, nowMs),
    };
  }

  /** The figures of several queues together (a subscription's totals). */
  totals(queues: readonly string[], nowMs: number): { figures: Figures; agents: AgentCounts } {
    const counts = emptyCounts();
    const serving = new Set<string>();
    for (const name of queues) {
      const q = this.queues.get(name);
      if (!q) continue;
      sumCounts(counts, q.counts);
      for (const a of q.serving.keys()) serving.add(a);
    }
    return { figures: figuresOf(counts, this.occupancy(serving, nowMs)), agents: this.agentCounts(serving) };
  }

  agentView(agentId: string, nowMs: number): LiveAgent | undefined {
    const a = this.agents.get(agentId);
    const current = a?.intervals.at(-1);
    if (!a || !current) return undefined;
    const sinceMs = current.startedAt.getTime();
    const limitS = current.state === 'not_ready' ? this.rules.notReadyLimitS(current.reason, sinceMs) : null;
    return {
      agentId,
      name: this.nameOf(a) ?? agentId,
      team: this.teamOf(a),
      state: current.state,
      reason: current.reason,
      since: this.clock.iso(sinceMs),
      handledToday: a.handledToday,
      limitS,
      overrun: limitS !== null && nowMs - sinceMs > limitS * 1000,
    };
  }

  /** Live SLA items and today's breach counts (SPEC §4), by the rules of `breach-rules.ts`. */
  breaches(nowMs: number, scope: Subscription = { queues: null, teams: null }): { list: LiveBreach[]; counts: BreachCounts } {
    return evaluateBreaches(BREACH_RULES, this.breachSource(), this.clock, scope, nowMs);
  }

  /** What the breach rules read: the queues' waiting and late legs, the agents' histories, the not-ready limits. */
  private breachSource(): BreachSource {
    return {
      dayStartMs: this.day.startMs,
      queues: (scope, nowMs, sinceMs) =>
        this.queuesIn(scope).map((q) => ({ queue: q.queue, waiting: this.openLegs(q, nowMs), late: q.late.between(sinceMs) })),
      lateBefore: (scope, sinceMs) => this.queuesIn(scope).reduce((n, q) => n + q.late.size - q.late.count(sinceMs), 0),
      agents: (scope) =>
        [...this.agents.values()]
          .filter((a) => this.agentInTeams(a.agentId, scope.teams))
          .map((a) => ({ agentId: a.agentId, current: a.intervals.at(-1), overruns: a.overruns })),
      agentInScope: (agentId, scope) => this.agentInTeams(agentId, scope.teams),
      notReadyLimitS: (reason, atMs) => this.rules.notReadyLimitS(reason, atMs),
    };
  }

  private queuesIn(scope: Subscription): QueueEntry[] {
    return [...this.queues.values()].filter((q) => scope.queues === null || scope.queues.includes(q.queue));
  }

  /** Display name of an agent (the id when none was ever sent). */
  agentName(agentId: string): string {
    const a = this.agents.get(agentId);
    return (a && this.nameOf(a)) ?? this.directory.get(agentId)?.name ?? agentId;
  }

  /** Team of an agent (for scoping breaches and agents). */
  agentTeam(agentId: string): string | null {
    const a = this.agents.get(agentId);
    return a ? this.teamOf(a) : (this.directory.get(agentId)?.team ?? null);
  }

  /** Whether an agent belongs to one of `teams` (null: every team); an agent of no known team is in no team list. */
  agentInTeams(agentId: string, teams: string[] | null): boolean {
    return teams === null || teams.includes(this.agentTeam(agentId) ?? '');
  }

  /**
   * The legs behind a figure (`drill.ts`): the same legs the figures count, and for `waiting` and `breached` the open ones too.
   * A leg's agent outside `agentTeams` is left out (agentId null): the call is the queue's, the agent is not in the caller's scope.
   */
  drill(
    filter: DrillFilter,
    nowMs: number,
    page: { limit: number; before?: DrillCursor },
    agentTeams: string[] | null = null,
  ): { rows: CallRow[]; total: number } {
    const legs: CallRow[] = [];
    const withOpen = filter.figure === 'waiting' || filter.figure === 'breached';
    for (const q of this.queues.values()) {
      if (filter.queues !== null && !filter.queues.includes(q.queue)) continue;
      const pool = withOpen ? new Map([...q.legs, ...q.open]) : q.legs;
      for (const l of pool.values()) legs.push(l);
    }
    const { rows, total } = drillPage(legs, filter, nowMs, page);
    return {
      rows: rows.map((l) => (l.agentId === null || this.agentInTeams(l.agentId, agentTeams) ? l : { ...l, agentId: null })),
      total,
    };
  }

  /** The caller number as received (full), for the one role that may see it. */
  callerOf(callId: string): string | null {
    // The earliest offer: the one the call machine keeps when an offer was sent twice.
    let offer: Extract<HeldCallEvent, { type: 'call.offered' }> | undefined;
    for (const e of this.calls.get(callId)?.events ?? []) {
      if (e.type === 'call.offered' && (!offer || e.ms < offer.ms || (e.ms === offer.ms && e.id < offer.id))) offer = e;
    }
    return offer?.payload.caller ?? null;
  }

  // ---- derivation ----------------------------------------------------------

  /** The one held copy of a name. */
  private name(s: string): string {
    const held = this.names.get(s);
    if (held !== undefined) return held;
    this.names.set(s, s);
    return s;
  }

  /** A call event as held: no ts string or source, and the names (queue, agent, call type…) shared. */
  private heldCall(e: Extract<CanonicalEvent, { type: LegEventType }>, ms: number, callId: string): HeldCallEvent {
    const payload: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e.payload)) {
      payload[k] = k === 'callId' ? callId : typeof v === 'string' && SHARED_FIELDS.has(k) ? this.name(v) : v;
    }
    return { id: e.id, type: e.type, ms, payload } as HeldCallEvent;
  }

  /**
   * Holds an agent's event in (instant, id) order; false when it is held already. Events mostly come in order,
   * so this is an append; a late one is put in its place.
   */
  private holdAgentEvent(a: AgentEntry, e: EventOf<'agent.state'>, ms: number): boolean {
    const list = a.events;
    const before = (m: HeldAgentEvent) => m.ms < ms || (m.ms === ms && m.id < e.id);
    const last = list.at(-1);
    const lo = last && before(last) ? list.length : firstIndex(list, before);
    if (lo < list.length && list[lo]!.ms === ms && list[lo]!.id === e.id) return false;
    const p = e.payload;
    const held: HeldAgentEvent = {
      id: e.id,
      ms,
      agentId: a.agentId,
      state: p.state,
      reason: p.reason === undefined ? null : this.name(p.reason),
      name: p.name === undefined ? null : this.name(p.name),
      team: p.team === undefined ? null : this.name(p.team),
    };
    if (lo === list.length) list.push(held);
    else list.splice(lo, 0, held);
    return true;
  }

  private agent(agentId: string): AgentEntry {
    let a = this.agents.get(agentId);
    if (!a) {
      a = {
        agentId,
        events: [],
        lastMs: -Infinity,
        lastId: '',
        intervals: [],
        legsByEnd: new TimeIndex(),
        overruns: [],
        serving: new Map(),
        handledToday: 0,
        closedBusyMs: 0,
        closedAvailMs: 0,
      };
      this.agents.set(agentId, a);
    }
    return a;
  }

  private queue(name: string): QueueEntry {
    let q = this.queues.get(name);
    if (!q) {
      q = this.emptyQueue(name);
      this.queues.set(name, q);
    }
    return q;
  }

  private emptyQueue(queue: string): QueueEntry {
    return {
      queue,
      counts: emptyCounts(),
      byType: new Map(),
      hours: new Map(),
      hourViews: new Map(),
      legs: new Map(),
      byOffer: new TimeIndex({ tallied: true }),
      handledByEnd: new TimeIndex({ tallied: true, weigh: handleMs }),
      open: new Map(),
      late: new TimeIndex({ tallied: true }),
      serving: new Map(),
      servingByType: new Map(),
    };
  }

  private deriveAgent(a: AgentEntry): void {
    // As the writer does: two changes at one instant leave the later state.
    a.intervals = uniqueBy(buildAgentIntervalsFromHeld(a.events), (i) => String(i.startedAt.getTime()));
    a.closedBusyMs = 0;
    a.closedAvailMs = 0;
    a.overruns = [];
    for (const i of a.intervals) if (i.endedAt !== null) this.closeInterval(a, i);
    this.markAgent(a);
  }

  /**
   * What `buildAgentIntervals` would add for an event later than every other of the agent (by instant, then id):
   * the running interval goes on, or ends where the new one starts. False, changing nothing, when the event
   * starts a new interval at the instant the running one started: the history is rebuilt then.
   */
  private extendAgent(a: AgentEntry, e: EventOf<'agent.state'>, ms: number): boolean {
    const open = a.intervals.at(-1);
    const p = e.payload;
    const name = p.name ?? open?.name ?? null;
    const team = p.team ?? open?.team ?? null;
    const reason = p.reason ?? null;
    if (open && open.state === p.state && open.reason === reason) {
      open.name = name;
      open.team = team;
      return true;
    }
    if (open && open.startedAt.getTime() >= ms) return false;
    if (open) {
      open.endedAt = new Date(ms);
      this.closeInterval(a, open);
    }
    a.intervals.push({ agentId: p.agentId, startedAt: new Date(ms), endedAt: null, state: p.state, reason, name, team, eventId: e.id });
    return true;
  }

  /** Adds an ended interval's share of today's busy and available time, and its overrun. */
  private closeInterval(a: AgentEntry, i: AgentInterval): void {
    const ms = Math.max(0, i.endedAt!.getTime() - Math.max(i.startedAt.getTime(), this.day.startMs));
    if (BUSY.has(i.state)) a.closedBusyMs += ms;
    else if (i.state === 'available') a.closedAvailMs += ms;
    const overrun = stoppedOverrun(i, this.day.startMs, (reason, atMs) => this.rules.notReadyLimitS(reason, atMs));
    if (overrun) a.overruns.push(overrun);
  }

  private markAgent(a: AgentEntry): void {
    this.dirty.agents.add(a.agentId);
    for (const key of a.serving.keys()) if (!key.includes('\u0000')) this.dirty.queues.add(key);
  }

  private deriveCall(callId: string): void {
    const c = this.calls.get(callId);
    if (!c) return;
    const answering = new Set<string>();
    let firstMs = Infinity;
    let lastMs = -Infinity;
    for (const e of c.events) {
      if (e.type === 'call.answered') answering.add(e.payload.agentId);
      if (e.ms < firstMs) firstMs = e.ms;
      if (e.ms > lastMs) lastMs = e.ms;
    }
    // Only a wrap-up starting around the call's end can be its own: the agents' states of those minutes.
    const intervals = [...answering].flatMap((id) =>
      intervalsStarting(this.agents.get(id)?.intervals ?? [], firstMs - WRAP_WINDOW_MS, lastMs + WRAP_WINDOW_MS),
    );
    const { calls } = buildCallsFromHeld(c.events, intervals, (queue, at) => this.rules.thresholds(queue, at.getTime()));
    const legs = uniqueBy(calls, legKey);
    const serves = this.servesOf(c.events, legs);
    // Derived the same (an agent's new state near a call that it does not change): nothing to take out and put back.
    if (sameList(legs, c.legs, sameLeg) && sameList(serves, c.serves, (a, b) => a === b)) return;
    this.contribute(c, -1);
    c.legs = legs;
    c.serves = serves;
    this.contribute(c, 1);
  }

  /** (agent, queue, call type) pairs of a call offered today: who answered a leg, or rang for it. */
  private servesOf(events: readonly HeldCallEvent[], legs: readonly CallRow[]): string[] {
    const out = new Set<string>();
    const today = (l: CallRow) => l.offeredAt.getTime() >= this.day.startMs;
    for (const l of legs) if (l.agentId !== null && today(l)) out.add(`${l.agentId}\u0000${l.queue}\u0000${callTypeOf(l)}`);
    for (const e of events) {
      if (e.type !== 'call.ringing') continue;
      const ms = e.ms;
      const leg = legs.findLast((l) => l.offeredAt.getTime() <= ms);
      if (leg && today(leg)) out.add(`${e.payload.agentId}\u0000${leg.queue}\u0000${callTypeOf(leg)}`);
    }
    return [...out].sort(cmp);
  }

  private contribute(c: CallEntry, sign: 1 | -1): void {
    for (const l of c.legs) {
      const q = this.queue(l.queue);
      this.dirty.queues.add(l.queue);
      const key = legKey(l);
      if (isOpen(l)) {
        if (sign > 0) q.open.set(key, l);
        else q.open.delete(key);
      }
      const offeredMs = l.offeredAt.getTime();
      if (offeredMs < this.day.startMs) continue;
      const late = !isOpen(l) && l.waitS !== null && l.waitS > l.slThresholdS;
      const handled = isHandled(l);
      const agent = l.agentId === null ? undefined : this.agent(l.agentId);
      if (sign > 0) {
        q.legs.set(key, l);
        q.byOffer.set(offeredMs, key, l);
        if (handled) q.handledByEnd.set(l.endedAt!.getTime(), key, l);
        if (late) q.late.set(lateEndMs(l), key, l);
        if (l.endedAt !== null) agent?.legsByEnd.set(l.endedAt.getTime(), key, l.callId);
      } else {
        q.legs.delete(key);
        q.byOffer.delete(offeredMs, key);
        if (handled) q.handledByEnd.delete(l.endedAt!.getTime(), key);
        if (late) q.late.delete(lateEndMs(l), key);
        if (l.endedAt !== null) agent?.legsByEnd.delete(l.endedAt.getTime(), key);
      }
      addLeg(q.counts, l, sign);
      const type = callTypeOf(l);
      let tc = q.byType.get(type);
      if (!tc) q.byType.set(type, (tc = emptyCounts()));
      addLeg(tc, l, sign);
      if (sign < 0 && tc.offered === 0) q.byType.delete(type);
      const hour = this.clock.hourStartMs(offeredMs);
      let h = q.hours.get(hour);
      if (!h) q.hours.set(hour, (h = { types: new Map(), counts: emptyCounts() }));
      bump(h.types, type, sign);
      addLeg(h.counts, l, sign);
      q.hourViews.delete(hour);
      if (agent && handled) {
        agent.handledToday += sign;
        this.dirty.agents.add(agent.agentId);
      }
    }
    for (const key of c.serves) {
      const [agentId, queue, type] = key.split('\u0000') as [string, string, string];
      const q = this.queue(queue);
      const a = this.agent(agentId);
      bump(q.serving, agentId, sign);
      let byType = q.servingByType.get(type);
      if (!byType) q.servingByType.set(type, (byType = new Map()));
      bump(byType, agentId, sign);
      bump(a.serving, queue, sign);
      bump(a.serving, `${queue}\u0000${type}`, sign);
    }
  }

  /** Drops what fell out of the window; each agent keeps the state it was in at the window's start. */
  private prune(): void {
    const from = this.windowStartMs;
    this.heldEvents = 0;
    for (const [callId, c] of this.calls) {
      c.events = c.events.filter((e) => e.ms >= from);
      if (c.events.length === 0) this.calls.delete(callId);
      else this.heldEvents += c.events.length;
    }
    for (const [agentId, a] of this.agents) {
      const carry = a.intervals.find((i) => i.startedAt.getTime() < from && (i.endedAt === null || i.endedAt.getTime() > from));
      const kept = a.events.filter((e) => e.ms >= from);
      a.events =
        carry && carry.state !== 'offline'
          ? [
              {
                id: carry.eventId,
                ms: carry.startedAt.getTime(),
                agentId,
                state: carry.state,
                reason: carry.reason,
                name: carry.name,
                team: carry.team,
              },
              ...kept,
            ]
          : kept;
      if (a.events.length === 0) this.agents.delete(agentId);
      else this.heldEvents += a.events.length;
    }
  }

  private recomputeAll(): void {
    this.queues.clear();
    for (const a of this.agents.values()) {
      a.legsByEnd.clear();
      a.serving.clear();
      a.handledToday = 0;
      this.deriveAgent(a);
    }
    for (const c of this.calls.values()) {
      c.legs = [];
      c.serves = [];
    }
    for (const callId of this.calls.keys()) this.deriveCall(callId);
    this.dirty.all = true;
  }

  // ---- view helpers --------------------------------------------------------

  private openLegs(q: QueueEntry, nowMs: number): CallRow[] {
    const out: CallRow[] = [];
    for (const l of q.open.values()) if (isWaitingAt(l, nowMs)) out.push(l);
    return out.sort((a, b) => a.offeredAt.getTime() - b.offeredAt.getTime() || cmp(a.callId, b.callId));
  }

  private occupancy(agentIds: Iterable<string>, nowMs: number): { busyS: number; availableS: number } {
    let busy = 0;
    let avail = 0;
    for (const id of agentIds) {
      const a = this.agents.get(id);
      if (!a) continue;
      busy += a.closedBusyMs;
      avail += a.closedAvailMs;
      const open = a.intervals.at(-1);
      if (open && open.endedAt === null) {
        const ms = Math.max(0, nowMs - Math.max(open.startedAt.getTime(), this.day.startMs));
        if (BUSY.has(open.state)) busy += ms;
        else if (open.state === 'available') avail += ms;
      }
    }
    return { busyS: busy / 1000, availableS: avail / 1000 };
  }

  private agentCounts(agentIds: Iterable<string>): AgentCounts {
    const c: AgentCounts = { loggedIn: 0, available: 0, ringing: 0, onCall: 0, wrapUp: 0, notReady: 0 };
    for (const id of agentIds) {
      const state = this.agents.get(id)?.intervals.at(-1)?.state;
      if (!state || state === 'offline') continue;
      c.loggedIn++;
      if (state === 'available') c.available++;
      else if (state === 'ringing') c.ringing++;
      else if (state === 'on_call') c.onCall++;
      else if (state === 'wrap_up') c.wrapUp++;
      else if (state === 'not_ready') c.notReady++;
    }
    return c;
  }

  private hourVolumes(q: QueueEntry, nowMs: number): HourVolume[] {
    const until = Math.min(nowMs, this.day.endMs - 1);
    return this.clock.hours(this.day.startMs, until + 1).map((h) => {
      let view = q.hourViews.get(h);
      if (!view) {
        const entry = q.hours.get(h);
        view = hourVolume(
          this.clock.iso(h),
          Object.fromEntries([...(entry?.types ?? [])].sort((a, b) => cmp(a[0], b[0]))),
          entry?.counts ?? emptyCounts(),
        );
        q.hourViews.set(h, view);
      }
      return view;
    });
  }

  private staffing(q: QueueEntry, rules: LiveQueueRules, agents: AgentCounts, nowMs: number): Staffing {
    const fromMs = Math.max(nowMs - STAFFING_WINDOW_MS, this.day.startMs);
    const windowMs = nowMs - fromMs;
    const offered = q.byOffer.count(fromMs, nowMs);
    const { n: handled, w: handledMs } = q.handledByEnd.tally(fromMs, nowMs);
    const handle = handledMs / 1000;
    const ahtFrom = handled > 0 ? 'window' : q.counts.handled > 0 ? 'today' : null;
    const ahtS = handled > 0 ? handle / handled : q.counts.handled > 0 ? q.counts.handleS / q.counts.handled : null;
    const arrivalsPerHour = windowMs >= 60_000 ? (offered * 3_600_000) / windowMs : 0;
    const traffic = ahtS !== null && windowMs >= 60_000 ? (arrivalsPerHour / 3600) * ahtS : null;
    // Exponential patience, estimated with censoring: all waiting time ÷ abandons.
    const patienceS = q.counts.abandoned > 0 ? (q.counts.answeredWaitS + q.counts.abandonedWaitS) / q.counts.abandoned : null;
    const c = traffic !== null && ahtS !== null ? agentsForServiceLevelC(traffic, ahtS, rules.slThresholdS, rules.slTarget) : null;
    const a =
      traffic !== null && ahtS !== null && patienceS !== null && patienceS > 0
        ? agentsForServiceLevelA(arrivalsPerHour / 3600, ahtS, patienceS, rules.slThresholdS, rules.slTarget)
        : null;
    const staffed = agents.available + agents.ringing + agents.onCall + agents.wrapUp;
    const round = (x: number | null, digits = 3) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
    return {
      windowMin: Math.round(windowMs / 6000) / 10,
      offeredInWindow: offered,
      arrivalsPerHour: Math.round(arrivalsPerHour * 10) / 10,
      ahtS: round(ahtS, 1),
      ahtFrom,
      trafficErlangs: round(traffic),
      slTarget: rules.slTarget,
      slThresholdS: rules.slThresholdS,
      requiredErlangC: c?.agents ?? null,
      slErlangC: round(c?.serviceLevel ?? null),
      patienceS: round(patienceS, 1),
      requiredErlangA: a?.agents ?? null,
      slErlangA: round(a?.serviceLevel ?? null),
      staffed,
      available: agents.available,
      gapErlangC: c ? staffed - c.agents : null,
      gapErlangA: a ? staffed - a.agents : null,
    };
  }

  // Intervals carry name and team forward from the event that last named them: the newest interval has the
  // latest, or none ever came (no walk back through the day).
  private nameOf(a: AgentEntry): string | null {
    return a.intervals.at(-1)?.name ?? this.directory.get(a.agentId)?.name ?? null;
  }

  private teamOf(a: AgentEntry): string | null {
    return a.intervals.at(-1)?.team ?? this.directory.get(a.agentId)?.team ?? null;
  }
}

const CARRY_SOURCE = 'callboard.carry';

/** An hour's volume by call type and the counts behind its three-ring rate (SPEC §3). */
export function hourVolume(
  hour: string,
  byCallType: Record<string, number>,
  c: Pick<Counts, 'offered' | 'answered' | 'answeredInThreshold' | 'abandoned' | 'shortAbandoned' | 'timedOut'>,
): HourVolume {
  return {
    hour,
    byCallType,
    offered: c.offered,
    answered: c.answered,
    answeredInThreshold: c.answeredInThreshold,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    timedOut: c.timedOut,
    threeRingRate: threeRingRate(c),
  };
}

/** The agent's state at the start of the window, as an event (the rebuild loads the same from agent_states). */
export function carryEvent(
  i: Pick<AgentInterval, 'agentId' | 'startedAt' | 'state' | 'reason' | 'name' | 'team' | 'eventId'>,
): EventOf<'agent.state'> {
  return {
    id: i.eventId,
    type: 'agent.state',
    ts: i.startedAt.toISOString(),
    source: CARRY_SOURCE,
    payload: {
      agentId: i.agentId,
      state: i.state,
      ...(i.reason !== null ? { reason: i.reason } : {}),
      ...(i.name !== null ? { name: i.name } : {}),
      ...(i.team !== null ? { team: i.team } : {}),
    },
  } as EventOf<'agent.state'>;
}

const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean =>
  a.length === b.length && a.every((x, i) => same(x, b[i]!));

/** Two derivations of a leg with every field equal (instants compared as instants). */
function sameLeg(a: CallRow, b: CallRow): boolean {
  for (const k of Object.keys(a) as (keyof CallRow)[]) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (!(x instanceof Date && y instanceof Date && x.getTime() === y.getTime())) return false;
  }
  return true;
}

/** The intervals (sorted by start) that start from `fromMs` to `toMs`. */
function intervalsStarting(intervals: readonly AgentInterval[], fromMs: number, toMs: number): AgentInterval[] {
  const lo = firstIndex(intervals, (i) => i.startedAt.getTime() < fromMs);
  let end = lo;
  while (end < intervals.length && intervals[end]!.startedAt.getTime() <= toMs) end++;
  return intervals.slice(lo, end);
}
