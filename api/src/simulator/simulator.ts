/**
 * Call-center traffic as a discrete-event simulation: the source that makes a
 * fresh Callboard show a moving wallboard, and the load behind demos and
 * benchmarks. It is a pure function of (options, window): no clock, no I/O,
 * so a run can be replayed event for event.
 *
 * Model, in the order a call lives through it:
 * - arrivals: a non-homogeneous Poisson process following the local
 *   hour-of-day profile (`traffic.ts`), drawn by thinning a constant-rate
 *   process; each arrival is assigned a queue by share and a call type by the
 *   queue's mix (splitting a Poisson process by independent marks gives
 *   independent per-queue Poisson processes);
 * - waiting: FIFO per queue; every caller has a patience (→ call.abandoned,
 *   also while the agent's phone rings) and the queue a timeout (→ call.timed_out);
 * - routing: a call goes to the longest-idle available agent with the queue
 *   among their skills; a freed agent takes the longest-waiting call among
 *   their queues. One call rings one agent; an agent has one call at a time;
 * - the conversation: ringing 2–12 s, lognormal talk by call type, sometimes a
 *   hold, sometimes a transfer to another queue (same callId, a new leg),
 *   hang-up by caller or agent, then lognormal wrap-up during which the agent
 *   records the call (call.dispositioned) — the recording and its transcript
 *   (a zh-CN dialogue laid out on the talk time, `dialogue.ts`) arrive a few
 *   seconds after hang-up;
 * - agents: shifts in local time, breaks, lunch, occasional training or
 *   meetings; a not-ready that falls due during a call starts after it, and a
 *   shift ends only once the call in hand is wrapped up.
 */
import { DateTime, IANAZone } from 'luxon';
import type { AgentStateName, CallCategory, CanonicalEvent, EventOf, EventType } from '../events/event.schema.js';
import { DEFAULT_COMPANY, simulatedTranscript } from './dialogue.js';
import { Agenda } from './heap.js';
import { mixSeed, Rng } from './random.js';
import { buildRoster, type AgentProfile } from './roster.js';
import {
  callsPerHourAt,
  DEFAULT_CALL_TYPES,
  DEFAULT_QUEUES,
  MOBILE_PREFIXES,
  PATIENCE,
  PEAK_CALLS_PER_HOUR,
  QUEUE_TIMEOUT_S,
  type CallTypeProfile,
  type QueueProfile,
} from './traffic.js';

export interface SimulatorOptions {
  /** Same seed and window → the same events. The roster depends on the seed alone. */
  seed: number;
  /** IANA time zone of the center: shifts and the hour-of-day profile are in local time. */
  tz: string;
  queues?: readonly QueueProfile[];
  callTypes?: readonly CallTypeProfile[];
  /** Size of the roster; default 24. */
  agents?: number;
  /** Multiplies the arrival rate (2 = twice the calls, same staff); default 1. */
  rate?: number;
  /** The company agents name in their greeting; default `DEFAULT_COMPANY`. */
  company?: string;
}

export const SIMULATOR_SOURCE = 'simulator';
export const DEFAULT_AGENTS = 24;

/**
 * Where simulated recordings live: an address that no network resolves
 * (`.invalid`, RFC 2606). Callboard's own recordings route recognises it and
 * plays generated audio of the call's length instead of fetching anything.
 */
export const SIMULATED_RECORDINGS_ORIGIN = 'https://recordings.callboard.invalid';
export const simulatedRecordingUrl = (callId: string): string => `${SIMULATED_RECORDINGS_ORIGIN}/${encodeURIComponent(callId)}.wav`;

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;

/** Durations of the parts of a call that do not depend on its type. */
const CALL = {
  ringS: [2, 12],
  hold: { meanS: 40, sigma: 0.6 },
  wrapUp: { meanS: 30, sigma: 0.5 },
  /** Talk before the agent finds the call belongs in another queue. */
  beforeTransfer: { meanS: 90, sigma: 0.6 },
  endedBy: { caller: 0.62, agent: 0.37, system: 0.01 },
  recordingDelayS: [1, 4],
  /** Share of calls from someone who called recently (a repeat contact). */
  repeatCallerShare: 0.08,
} as const;

/**
 * Not-ready time. Breaks take about 13 minutes of the 15 allowed (the default
 * `break` limit), but one in ten runs over, which is what the
 * `not_ready_overrun` breach (SPEC §4) exists to catch.
 * "lunch" is the meal break whatever the hour, as call-center reason codes go.
 */
const NOT_READY = {
  break: { meanMin: 13, sdMin: 1, overrunShare: 0.1, overrunMin: [3, 8] },
  lunchMin: [30, 45],
  training: { share: 0.08, min: [30, 60] },
  meeting: { share: 0.1, min: [15, 30] },
} as const;

interface NotReady {
  reason: string;
  durationMs: number;
}

interface AgentRt {
  profile: AgentProfile;
  skills: ReadonlySet<string>;
  state: AgentStateName;
  /** When the agent last became available: routing prefers the longest idle. */
  idleSince: number;
  shiftNo: number;
  /** The shift is over; log off once the call in hand is wrapped up. */
  leaving: boolean;
  pending: NotReady[];
  /** Bumped whenever a not-ready is started or cut short, so a stale end is ignored. */
  token: number;
}

interface CallRt {
  callId: string;
  queue: string;
  type: CallTypeProfile;
  caller: string;
  channel: string;
  /** Each time the call (re-)enters a queue it starts a new leg; timers carry their leg. */
  leg: number;
  state: 'waiting' | 'ringing' | 'talking' | 'done';
  enqueuedAt: number;
  agent?: AgentRt;
  /** The agent who answered first writes the call record. */
  firstAgent?: AgentRt;
  /** Set once the call is transferred (at most once); that agent is not offered it back. */
  transferredBy?: AgentRt;
  /** Talk time over all legs, hold excluded: the recorder pauses while the caller is on hold. */
  talkMs: number;
  /** The agents who answered, in order (a transfer adds the second). */
  answeredBy: string[];
}

interface QueueRt {
  profile: QueueProfile;
  timeoutMs: number;
  waiting: { call: CallRt; leg: number }[];
}

type Happening =
  | { kind: 'plan'; day: DateTime }
  | { kind: 'arrival'; at: number }
  | { kind: 'login'; agent: AgentRt; shift: number }
  | { kind: 'logout'; agent: AgentRt; shift: number }
  | { kind: 'notReadyDue'; agent: AgentRt; shift: number; notReady: NotReady }
  | { kind: 'notReadyEnd'; agent: AgentRt; token: number }
  | { kind: 'patience'; call: CallRt; leg: number }
  | { kind: 'timeout'; call: CallRt; leg: number }
  | { kind: 'answer'; call: CallRt; leg: number }
  | { kind: 'hold'; call: CallRt }
  | { kind: 'resume'; call: CallRt }
  | { kind: 'transfer'; call: CallRt; to: string }
  | { kind: 'hangup'; call: CallRt; endedBy: 'caller' | 'agent' | 'system' }
  | { kind: 'wrapEnd'; agent: AgentRt; call: CallRt }
  | { kind: 'recording'; call: CallRt };

/**
 * Events of the simulated center in [fromMs, toMs), in non-decreasing `ts`
 * order. The center starts at fromMs with empty queues and every agent whose
 * shift covers fromMs logged in and available. toMs may be Infinity: the
 * generator is lazy, so a live demo can pace an endless run.
 */
export function simulate(opts: SimulatorOptions, fromMs: number, toMs: number): Generator<CanonicalEvent, void, undefined> {
  if (!Number.isFinite(fromMs)) throw new RangeError(`fromMs must be a finite epoch millisecond, got ${fromMs}`);
  if (Number.isNaN(toMs) || toMs < fromMs) throw new RangeError(`toMs must not be before fromMs (${fromMs}), got ${toMs}`);
  // Built here, not inside the generator, so bad options fail at the call rather than at the first next().
  return run(new CallCenterSimulation(opts, Math.floor(fromMs)), toMs);
}

function* run(sim: CallCenterSimulation, toMs: number): Generator<CanonicalEvent, void, undefined> {
  // With no agents and no callers an endless window would search for the next event forever.
  if (sim.silent) return;
  for (;;) {
    const t = sim.nextAt();
    if (t === undefined || t >= toMs) return;
    yield* sim.step();
  }
}

class CallCenterSimulation {
  private readonly rng: Rng;
  private readonly seed: number;
  private readonly company: string;
  private readonly zone: IANAZone;
  private readonly rate: number;
  private readonly agents: AgentRt[];
  private readonly queues = new Map<string, QueueRt>();
  private readonly queueShares: Record<string, number> = {};
  private readonly callTypes = new Map<string, CallTypeProfile>();
  private readonly agenda = new Agenda<Happening>();
  private readonly idPrefix: string;
  private readonly callPrefix: string;
  private readonly recentCallers: string[] = [];
  private now: number;
  private out: CanonicalEvent[] = [];
  private eventNo = 0;
  private callNo = 0;
  private shiftNo = 0;
  private offsetCache = { bucket: Number.NaN, offsetMin: 0 };

  constructor(opts: SimulatorOptions, fromMs: number) {
    if (!Number.isFinite(opts.seed)) throw new RangeError(`seed must be a finite number, got ${opts.seed}`);
    if (!IANAZone.isValidZone(opts.tz)) throw new RangeError(`tz must be an IANA time zone, got "${opts.tz}"`);
    this.seed = opts.seed;
    this.company = opts.company ?? DEFAULT_COMPANY;
    this.rate = opts.rate ?? 1;
    if (!Number.isFinite(this.rate) || this.rate < 0) throw new RangeError(`rate must be ≥ 0, got ${opts.rate}`);
    this.zone = IANAZone.create(opts.tz) as IANAZone;
    this.now = fromMs;
    const window = fromMs.toString(36);
    this.idPrefix = `sim-${opts.seed}-${window}`;
    this.callPrefix = `call-${opts.seed}-${window}`;
    // The traffic stream depends on the window too: consecutive windows are not copies of each other.
    this.rng = new Rng(mixSeed('traffic', opts.seed, fromMs));

    for (const ct of opts.callTypes ?? DEFAULT_CALL_TYPES) this.callTypes.set(ct.name, ct);
    const queues = opts.queues ?? DEFAULT_QUEUES;
    if (queues.length === 0) throw new RangeError('queues must not be empty');
    for (const q of queues) {
      if (this.queues.has(q.name)) throw new RangeError(`queue ${q.name} is listed twice`);
      if (!(q.share > 0)) throw new RangeError(`queue ${q.name}: share must be > 0`);
      for (const [type, w] of Object.entries(q.callTypes)) {
        if (!this.callTypes.has(type)) throw new RangeError(`queue ${q.name}: unknown call type "${type}"`);
        if (!(w >= 0)) throw new RangeError(`queue ${q.name}: weight of ${type} must be ≥ 0`);
      }
      if (!Object.values(q.callTypes).some((w) => w > 0)) throw new RangeError(`queue ${q.name}: no call types`);
      this.queues.set(q.name, { profile: q, timeoutMs: (q.timeoutS ?? QUEUE_TIMEOUT_S) * S, waiting: [] });
      this.queueShares[q.name] = q.share;
    }

    const roster = buildRoster(
      opts.seed,
      opts.agents ?? DEFAULT_AGENTS,
      queues.map((q) => q.name),
    );
    this.agents = roster.map((profile) => ({
      profile,
      skills: new Set(profile.skills),
      state: 'offline',
      idleSince: fromMs,
      shiftNo: 0,
      leaving: false,
      pending: [],
      token: 0,
    }));

    // Yesterday's night shift may still be on; today's shifts may have started.
    const today = DateTime.fromMillis(fromMs, { zone: this.zone }).startOf('day');
    this.planDay(today.minus({ days: 1 }));
    this.planDay(today);
    this.agenda.push(today.plus({ days: 1 }).toMillis(), { kind: 'plan', day: today.plus({ days: 1 }) });
    this.scheduleArrival(fromMs);
  }

  get silent(): boolean {
    return this.agents.length === 0 && this.rate === 0;
  }

  nextAt(): number | undefined {
    return this.agenda.peek()?.t;
  }

  /** Carries out the next happening and returns the events it produced. */
  step(): CanonicalEvent[] {
    const next = this.agenda.pop();
    if (!next) return [];
    this.now = next.t;
    this.out = [];
    this.handle(next.item);
    return this.out;
  }

  private handle(h: Happening): void {
    switch (h.kind) {
      case 'plan':
        this.planDay(h.day);
        this.agenda.push(h.day.plus({ days: 1 }).toMillis(), { kind: 'plan', day: h.day.plus({ days: 1 }) });
        return;
      case 'arrival':
        this.onArrival(h.at);
        return;
      case 'login':
        this.onLogin(h.agent, h.shift);
        return;
      case 'logout':
        this.onLogout(h.agent, h.shift);
        return;
      case 'notReadyDue':
        this.onNotReadyDue(h.agent, h.shift, h.notReady);
        return;
      case 'notReadyEnd':
        if (h.agent.token === h.token && h.agent.state === 'not_ready') this.agentFree(h.agent);
        return;
      case 'patience':
        this.onPatience(h.call, h.leg);
        return;
      case 'timeout':
        if (h.call.leg === h.leg && h.call.state === 'waiting') {
          h.call.state = 'done';
          this.emit('call.timed_out', { callId: h.call.callId });
          if (h.call.talkMs > 0) this.scheduleRecording(h.call);
        }
        return;
      case 'answer':
        this.onAnswer(h.call, h.leg);
        return;
      case 'hold':
        this.emit('call.held', { callId: h.call.callId });
        return;
      case 'resume':
        this.emit('call.resumed', { callId: h.call.callId });
        return;
      case 'transfer':
        this.onTransfer(h.call, h.to);
        return;
      case 'hangup':
        this.onHangup(h.call, h.endedBy);
        return;
      case 'wrapEnd':
        this.onWrapEnd(h.agent, h.call);
        return;
      case 'recording':
        this.onRecording(h.call);
        return;
      default: {
        const never: never = h;
        throw new Error(`unknown happening ${JSON.stringify(never)}`);
      }
    }
  }

  // ── agents ─────────────────────────────────────────────────────────────

  /** Schedules the shifts that start on a local day, skipping whatever is over before now. */
  private planDay(day: DateTime): void {
    for (const agent of this.agents) {
      const p = agent.profile;
      if (p.daysOff.includes(day.weekday)) continue;
      const [sh, sm] = hhmm(p.shift.start);
      const [eh, em] = hhmm(p.shift.end);
      const endDay = eh * 60 + em <= sh * 60 + sm ? day.plus({ days: 1 }) : day;
      // People log in a minute or so early and log off a little after the hour.
      const start = day.set({ hour: sh, minute: sm }).toMillis() + Math.round(this.rng.normal(-60, 60) * S);
      const end = endDay.set({ hour: eh, minute: em }).toMillis() + Math.round(this.rng.between(0, 120) * S);
      const plan = this.planNotReady(p, start, end);
      if (end <= this.now) continue;
      const shift = ++this.shiftNo;
      const loginAt = Math.max(start, this.now);
      this.agenda.push(loginAt, { kind: 'login', agent, shift });
      this.agenda.push(end, { kind: 'logout', agent, shift });
      for (const { at, notReady } of plan) {
        if (at > loginAt && at < end) this.agenda.push(at, { kind: 'notReadyDue', agent, shift, notReady });
      }
    }
  }

  /**
   * A break 1½–2½ hours into the shift and another 2½–1½ hours before its
   * end, a meal around the middle, now and then training or a meeting. Breaks
   * and meals are staggered by the agent's slot in the shift (20 and 30 minutes
   * apart), as a workforce planner would, so a shift never leaves the floor together.
   */
  private planNotReady(agent: AgentProfile, start: number, end: number): { at: number; notReady: NotReady }[] {
    const r = this.rng;
    const len = end - start;
    const slot = agent.shiftSlot % 4;
    const jitter = () => r.between(-5, 5) * MIN;
    const plan: { at: number; notReady: NotReady }[] = [];
    const breakMs = () => {
      const b = NOT_READY.break;
      let m = Math.max(10, r.normal(b.meanMin, b.sdMin));
      if (r.chance(b.overrunShare)) m += r.between(b.overrunMin[0], b.overrunMin[1]);
      return Math.round(m * MIN);
    };
    if (len >= 4 * HOUR) {
      plan.push({ at: start + 90 * MIN + slot * 20 * MIN + jitter(), notReady: { reason: 'break', durationMs: breakMs() } });
    }
    if (len >= 6 * HOUR) {
      plan.push({
        at: start + len / 2 - 75 * MIN + slot * 30 * MIN + jitter(),
        notReady: { reason: 'lunch', durationMs: Math.round(r.between(NOT_READY.lunchMin[0], NOT_READY.lunchMin[1]) * MIN) },
      });
    }
    if (len >= 8 * HOUR) {
      plan.push({ at: end - 150 * MIN + slot * 20 * MIN + jitter(), notReady: { reason: 'break', durationMs: breakMs() } });
    }
    for (const reason of ['training', 'meeting'] as const) {
      const spec = NOT_READY[reason];
      if (len >= 4 * HOUR && r.chance(spec.share)) {
        plan.push({
          at: start + r.between(1 * HOUR, len - 2 * HOUR),
          notReady: { reason, durationMs: Math.round(r.between(spec.min[0], spec.min[1]) * MIN) },
        });
      }
    }
    return plan.map((x) => ({ ...x, at: Math.round(x.at) })).sort((a, b) => a.at - b.at);
  }

  private onLogin(agent: AgentRt, shift: number): void {
    agent.shiftNo = shift;
    agent.leaving = false;
    agent.pending = [];
    // Still busy from a previous shift that ran over: carry on into this one.
    if (agent.state === 'offline') this.agentFree(agent);
  }

  private onLogout(agent: AgentRt, shift: number): void {
    if (agent.shiftNo !== shift || agent.state === 'offline') return;
    agent.pending = [];
    if (agent.state === 'available' || agent.state === 'not_ready') {
      agent.token++;
      this.setAgentState(agent, 'offline');
    } else {
      agent.leaving = true;
    }
  }

  private onNotReadyDue(agent: AgentRt, shift: number, notReady: NotReady): void {
    if (agent.shiftNo !== shift || agent.state === 'offline' || agent.leaving) return;
    if (agent.state === 'available') this.startNotReady(agent, notReady);
    // A break that falls in another not-ready is skipped; training and meetings are appointments and wait.
    else if (agent.state !== 'not_ready' || notReady.reason !== 'break') agent.pending.push(notReady);
  }

  private startNotReady(agent: AgentRt, notReady: NotReady): void {
    this.setAgentState(agent, 'not_ready', notReady.reason);
    this.agenda.push(this.now + notReady.durationMs, { kind: 'notReadyEnd', agent, token: ++agent.token });
  }

  /** The agent has nothing in hand: log off, take a due not-ready, or become available and take the longest-waiting call. */
  private agentFree(agent: AgentRt): void {
    if (agent.leaving) {
      agent.leaving = false;
      this.setAgentState(agent, 'offline');
      return;
    }
    const next = agent.pending.shift();
    if (next) {
      this.startNotReady(agent, next);
      return;
    }
    agent.idleSince = this.now;
    this.setAgentState(agent, 'available');
    let best: CallRt | undefined;
    for (const q of agent.profile.skills) {
      const call = this.oldestWaitingFor(q, agent);
      if (call && (!best || call.enqueuedAt < best.enqueuedAt)) best = call;
    }
    if (best) this.ring(best, agent);
  }

  private setAgentState(agent: AgentRt, state: AgentStateName, reason?: string): void {
    agent.state = state;
    const { agentId, name, team } = agent.profile;
    this.emit('agent.state', { agentId, state, ...(reason === undefined ? {} : { reason }), name, team });
  }

  // ── calls ──────────────────────────────────────────────────────────────

  private scheduleArrival(after: number): void {
    const peakPerMs = (PEAK_CALLS_PER_HOUR * this.rate) / HOUR;
    if (!(peakPerMs > 0)) return;
    const at = after + this.rng.exponential(1 / peakPerMs);
    this.agenda.push(Math.round(at), { kind: 'arrival', at });
  }

  /** Thinning (Lewis–Shedler): keep a candidate of the peak-rate process with probability λ(t)/λ_peak. */
  private onArrival(at: number): void {
    this.scheduleArrival(at);
    const { minuteOfDay, weekday } = this.localClock(this.now);
    if (this.rng.uniform() * PEAK_CALLS_PER_HOUR >= callsPerHourAt(minuteOfDay, weekday)) return;

    const queue = this.queues.get(this.rng.weighted(this.queueShares))!;
    const type = this.callTypes.get(this.rng.weighted(queue.profile.callTypes))!;
    const n = ++this.callNo;
    const call: CallRt = {
      callId: `${this.callPrefix}-${n}`,
      queue: queue.profile.name,
      type,
      caller: this.callerNumber(),
      channel: `SIP/trunk-${n.toString(16).padStart(8, '0')}`,
      leg: 0,
      state: 'waiting',
      enqueuedAt: this.now,
      talkMs: 0,
      answeredBy: [],
    };
    const quick = this.rng.chance(PATIENCE.quickHangupShare);
    const patienceS = quick ? this.rng.between(0.5, PATIENCE.quickHangupMaxS) : this.rng.logNormal(PATIENCE.meanS, PATIENCE.sigma);
    this.offer(call, patienceS);
  }

  private callerNumber(): string {
    const recent = this.recentCallers;
    if (recent.length > 0 && this.rng.chance(CALL.repeatCallerShare)) return this.rng.pick(recent);
    const number = this.rng.pick(MOBILE_PREFIXES) + String(this.rng.int(0, 99_999_999)).padStart(8, '0');
    recent.push(number);
    if (recent.length > 500) recent.shift();
    return number;
  }

  /** The call enters `call.queue`: announce it, start its timers, ring the longest-idle skilled agent if any. */
  private offer(call: CallRt, patienceS: number): void {
    const queue = this.queues.get(call.queue)!;
    call.leg++;
    call.state = 'waiting';
    call.enqueuedAt = this.now;
    this.emit('call.offered', {
      callId: call.callId,
      queue: call.queue,
      callType: call.type.name,
      caller: call.caller,
      channel: call.channel,
    });
    queue.waiting.push({ call, leg: call.leg });
    this.agenda.push(this.now + Math.round(patienceS * S), { kind: 'patience', call, leg: call.leg });
    this.agenda.push(this.now + queue.timeoutMs, { kind: 'timeout', call, leg: call.leg });

    let best: AgentRt | undefined;
    for (const a of this.agents) {
      if (a.state !== 'available' || !a.skills.has(call.queue) || a === call.transferredBy) continue;
      if (!best || a.idleSince < best.idleSince) best = a;
    }
    if (best) this.ring(call, best);
  }

  /** The oldest call waiting in a queue that may go to this agent; entries of calls that moved on are dropped. */
  private oldestWaitingFor(queueName: string, agent: AgentRt): CallRt | undefined {
    const waiting = this.queues.get(queueName)?.waiting;
    if (!waiting) return undefined;
    const live = (w: { call: CallRt; leg: number }) => w.call.leg === w.leg && w.call.state === 'waiting';
    while (waiting.length > 0 && !live(waiting[0]!)) waiting.shift();
    return waiting.find((w) => live(w) && w.call.transferredBy !== agent)?.call;
  }

  private ring(call: CallRt, agent: AgentRt): void {
    call.state = 'ringing';
    call.agent = agent;
    this.emit('call.ringing', { callId: call.callId, agentId: agent.profile.agentId });
    this.setAgentState(agent, 'ringing');
    const ringMs = Math.round(this.rng.between(CALL.ringS[0], CALL.ringS[1]) * S);
    this.agenda.push(this.now + ringMs, { kind: 'answer', call, leg: call.leg });
  }

  private onPatience(call: CallRt, leg: number): void {
    if (call.leg !== leg || (call.state !== 'waiting' && call.state !== 'ringing')) return;
    const ringing = call.state === 'ringing' ? call.agent : undefined;
    call.state = 'done';
    call.agent = undefined;
    this.emit('call.abandoned', { callId: call.callId });
    if (ringing) this.agentFree(ringing);
    if (call.talkMs > 0) this.scheduleRecording(call);
  }

  /** Answer, then lay out the whole conversation: nothing outside it can interrupt a connected call. */
  private onAnswer(call: CallRt, leg: number): void {
    const agent = call.agent;
    if (call.leg !== leg || call.state !== 'ringing' || !agent) return;
    call.state = 'talking';
    call.firstAgent ??= agent;
    call.answeredBy.push(agent.profile.agentId);
    this.emit('call.answered', { callId: call.callId, agentId: agent.profile.agentId });
    this.setAgentState(agent, 'on_call');

    const r = this.rng;
    const queue = this.queues.get(call.queue)!.profile;
    const target = !call.transferredBy && r.chance(queue.transferShare) ? this.transferTarget(call) : undefined;
    if (target) {
      const talkMs = Math.round(r.logNormal(CALL.beforeTransfer.meanS, CALL.beforeTransfer.sigma) * S);
      call.talkMs += talkMs;
      this.agenda.push(this.now + talkMs, { kind: 'transfer', call, to: target });
      return;
    }
    const talkMs = Math.round(r.logNormal(call.type.talkMeanS, call.type.talkSigma) * S);
    call.talkMs += talkMs;
    let holdMs = 0;
    if (r.chance(call.type.holdShare)) {
      holdMs = Math.round(r.logNormal(CALL.hold.meanS, CALL.hold.sigma) * S);
      const at = this.now + Math.round(talkMs * r.between(0.3, 0.8));
      this.agenda.push(at, { kind: 'hold', call });
      this.agenda.push(at + holdMs, { kind: 'resume', call });
    }
    this.agenda.push(this.now + talkMs + holdMs, { kind: 'hangup', call, endedBy: r.weighted(CALL.endedBy) });
  }

  /** The other queue whose mix weights this call type highest; none if no other queue takes the type. */
  private transferTarget(call: CallRt): string | undefined {
    let best: string | undefined;
    let bestWeight = 0;
    for (const [name, q] of this.queues) {
      const w = q.profile.callTypes[call.type.name] ?? 0;
      if (name !== call.queue && w > bestWeight) {
        best = name;
        bestWeight = w;
      }
    }
    return best;
  }

  private onTransfer(call: CallRt, to: string): void {
    const agent = call.agent!;
    this.emit('call.transferred', { callId: call.callId, toQueue: to });
    call.transferredBy = agent;
    call.agent = undefined;
    this.wrapUp(agent, call);
    call.queue = to;
    this.offer(call, this.rng.logNormal(PATIENCE.afterTransferMeanS, PATIENCE.sigma));
  }

  private onHangup(call: CallRt, endedBy: 'caller' | 'agent' | 'system'): void {
    const agent = call.agent!;
    call.state = 'done';
    call.agent = undefined;
    this.emit('call.ended', { callId: call.callId, endedBy });
    this.wrapUp(agent, call);
    this.scheduleRecording(call);
  }

  private wrapUp(agent: AgentRt, call: CallRt): void {
    this.setAgentState(agent, 'wrap_up');
    const ms = Math.round(this.rng.logNormal(CALL.wrapUp.meanS, CALL.wrapUp.sigma) * S);
    this.agenda.push(this.now + ms, { kind: 'wrapEnd', agent, call });
  }

  /**
   * The record (000 §3) is written once per call, by the agent who answered it
   * first. A call that had to be transferred is "complex" by the seeds'
   * definition (000 §4); otherwise the category follows the call type.
   */
  private onWrapEnd(agent: AgentRt, call: CallRt): void {
    if (call.firstAgent === agent) {
      const category: CallCategory = call.transferredBy ? 'complex' : this.rng.weighted(call.type.categories);
      const matter = this.rng.pick(call.type.summaries);
      this.emit('call.dispositioned', {
        callId: call.callId,
        agentId: agent.profile.agentId,
        category,
        callType: call.type.name,
        summary: call.transferredBy ? `${matter}；转接${call.queue}组处理` : matter,
      });
    }
    this.agentFree(agent);
  }

  private scheduleRecording(call: CallRt): void {
    const delayMs = Math.round(this.rng.between(CALL.recordingDelayS[0], CALL.recordingDelayS[1]) * S);
    this.agenda.push(this.now + delayMs, { kind: 'recording', call });
  }

  /** The recording of the talk time and, with it, what was said: one transcript event per answered call. */
  private onRecording(call: CallRt): void {
    const durationS = call.talkMs / S;
    this.emit('call.recording', { callId: call.callId, url: simulatedRecordingUrl(call.callId), durationS });
    const segments = simulatedTranscript({
      seed: this.seed,
      callId: call.callId,
      talkS: durationS,
      callType: call.type.name,
      agents: call.answeredBy,
      transferredTo: call.transferredBy ? call.queue : undefined,
      company: this.company,
    });
    if (segments.length > 0) this.emit('call.transcript', { callId: call.callId, segments });
  }

  // ── plumbing ───────────────────────────────────────────────────────────

  private emit<T extends EventType>(type: T, payload: EventOf<T>['payload']): void {
    this.out.push({
      id: `${this.idPrefix}-${++this.eventNo}`,
      type,
      ts: new Date(this.now).toISOString(),
      source: SIMULATOR_SOURCE,
      payload,
    } as unknown as CanonicalEvent);
  }

  /** Local minute of day and ISO weekday; the zone offset is looked up once per UTC quarter hour. */
  private localClock(ms: number): { minuteOfDay: number; weekday: number } {
    const bucket = Math.floor(ms / (15 * MIN));
    if (bucket !== this.offsetCache.bucket) this.offsetCache = { bucket, offsetMin: this.zone.offset(ms) };
    const local = ms + this.offsetCache.offsetMin * MIN;
    const dayNo = Math.floor(local / (24 * HOUR));
    // Day 0 of the epoch was a Thursday (ISO 4).
    return { minuteOfDay: (local - dayNo * 24 * HOUR) / MIN, weekday: ((((dayNo + 3) % 7) + 7) % 7) + 1 };
  }
}

function hhmm(s: string): [number, number] {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`shift time must be HH:mm, got "${s}"`);
  return [Number(m[1]), Number(m[2])];
}
