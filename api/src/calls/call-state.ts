/**
 * The per-call state machine: every known event of a set of calls in, the
 * call legs (one per queue: the writer's `calls` rows, the live engine's
 * counted legs) and what could not be placed out. The figures follow SPEC §3;
 * this file is where "why is this call counted as abandoned?" is answered.
 *
 * Pure and deterministic: the writer and the live engine re-run it over ALL
 * events of the affected calls whenever one of them changes, so a late,
 * duplicated or out-of-order event — or a missing `call.offered` that shows up
 * later — simply lands where it belongs on the next run. Input order never
 * matters: events are sorted first.
 */
import { maskCaller } from '../common/mask.js';
import type { CallCategory, CanonicalEvent, EventOf } from '../events/event.schema.js';
import type { AgentInterval } from './agent-intervals.js';
import { firstIndex } from './sorted.js';

/** The queue's thresholds in force when the call was offered; stored on the row so a later change never rewrites history. */
export interface QueueRules {
  slThresholdS: number;
  shortAbandonS: number;
}

export type CallOutcome = 'waiting' | 'ringing' | 'answered' | 'abandoned' | 'timed_out' | 'transferred_out';

export interface CallRow {
  callId: string;
  queue: string;
  offeredAt: Date;
  callType: string | null;
  callerMasked: string | null;
  channel: string | null;
  agentId: string | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  endedBy: 'caller' | 'agent' | 'system' | null;
  outcome: CallOutcome;
  waitS: number | null;
  talkS: number | null;
  holdS: number;
  holdCount: number;
  wrapS: number | null;
  ringCount: number;
  answeredInThreshold: boolean;
  abandonedInThreshold: boolean;
  shortAbandon: boolean;
  slThresholdS: number;
  shortAbandonS: number;
  category: CallCategory | null;
  summary: string | null;
  transferred: boolean;
  transferTarget: string | null;
  recordingUrl: string | null;
  recordingDurationS: number | null;
}

/** A leg still in its queue: waiting, or ringing an agent. */
export const isOpen = (leg: Pick<CallRow, 'outcome'>): boolean => leg.outcome === 'waiting' || leg.outcome === 'ringing';

/** A leg open longer than this lost its exit event (no queue holds a caller for hours): it is not shown as waiting. */
export const STALE_OPEN_MS = 4 * 3_600_000;

/** Waiting or ringing at `nowMs`, and not a leg whose exit event was lost. */
export const isWaitingAt = (leg: Pick<CallRow, 'outcome' | 'offeredAt'>, nowMs: number): boolean =>
  isOpen(leg) && nowMs - leg.offeredAt.getTime() <= STALE_OPEN_MS;

/** Calls sent without a type count, and are stored, under this one. */
export const UNSPECIFIED_CALL_TYPE = 'unspecified';

export const callTypeOf = (leg: Pick<CallRow, 'callType'>): string => leg.callType ?? UNSPECIFIED_CALL_TYPE;

export interface Anomaly {
  /** 'call:<callId>' */
  subject: string;
  eventId: string;
  reason: string;
}

/** The wrap-up that follows a call may be announced slightly before the hang-up or a few seconds after it. */
const WRAP_BEFORE_END_MS = 1_000;
const WRAP_AFTER_END_MS = 10_000;

/**
 * Rows for every queue leg of the given calls, sorted by (callId, offeredAt), and
 * the anomalies met on the way (in callId order, then event order).
 *
 * The writer must replace ALL rows and anomalies of each callId it passed in —
 * not upsert by (callId, offeredAt): a late event can merge, split or move legs
 * (an earlier resend of an offer moves offeredAt; a late offer turns an
 * anomaly into a leg).
 */
export function buildCalls(
  callEvents: CanonicalEvent[],
  agentIntervals: AgentInterval[],
  rulesFor: (queue: string, offeredAt: Date) => QueueRules,
): { calls: CallRow[]; anomalies: Anomaly[] } {
  const held: HeldCallEvent[] = [];
  // agent.state, case.* passed here by mistake, and transcripts (stored by
  // their own consumer) do not shape a calls row.
  for (const e of callEvents)
    if (isLegEvent(e)) held.push({ id: e.id, type: e.type, ms: Date.parse(e.ts), payload: e.payload } as HeldCallEvent);
  return buildCallsFromHeld(held, agentIntervals, rulesFor);
}

/**
 * `buildCalls` over events as the live engine holds them: the instant as epoch milliseconds instead of the
 * `ts` string, no `source` (nothing here reads it). The same rows and anomalies for the same events.
 */
export function buildCallsFromHeld(
  callEvents: readonly HeldCallEvent[],
  agentIntervals: AgentInterval[],
  rulesFor: (queue: string, offeredAt: Date) => QueueRules,
): { calls: CallRow[]; anomalies: Anomaly[] } {
  const byCall = new Map<string, Item[]>();
  for (const e of callEvents) {
    const item: Item = { e, ms: e.ms, rank: RANK[e.type] };
    const list = byCall.get(e.payload.callId);
    if (list) list.push(item);
    else byCall.set(e.payload.callId, [item]);
  }

  const wrapUps = indexWrapUps(agentIntervals);
  const calls: CallRow[] = [];
  const anomalies: Anomaly[] = [];
  for (const callId of [...byCall.keys()].sort(cmp)) {
    const items = byCall.get(callId) ?? [];
    items.sort(compareItems);
    const machine = new CallMachine(callId, anomalies);
    machine.run(items);
    // Legs are opened in time order, so they already come out sorted by offeredAt.
    for (const leg of machine.legs) calls.push(toRow(leg, rulesFor(leg.queue, new Date(leg.offeredMs)), wrapUps));
  }
  return { calls, anomalies };
}

type LegEvent = Exclude<Extract<CanonicalEvent, { type: `call.${string}` }>, EventOf<'call.transcript'>>;
/** An event without `ts` and `source`, with its instant in epoch milliseconds. */
type Held<E> = E extends unknown ? Omit<E, 'ts' | 'source'> & { ms: number } : never;
/** A call event that shapes a leg, as the live engine holds it (see `buildCallsFromHeld`). */
export type HeldCallEvent = Held<LegEvent>;

const RANK: Record<LegEvent['type'], number> = {
  // Within one millisecond (and Asterisk's queue_log only has whole seconds, so
  // ENTERQUEUE/CONNECT/COMPLETECALLER often share a stamp) events are taken in
  // the order a call lives them, not by id — otherwise a random id could put a
  // hang-up before the answer of the same second.
  'call.offered': 0,
  'call.ringing': 1,
  'call.answered': 2,
  'call.held': 3,
  'call.resumed': 4,
  'call.transferred': 5,
  'call.abandoned': 5,
  'call.timed_out': 5,
  'call.ended': 6,
  'call.dispositioned': 7,
  'call.recording': 8,
};

interface Item {
  e: HeldCallEvent;
  ms: number;
  rank: number;
}

function isLegEvent(e: CanonicalEvent): e is LegEvent {
  return e.type.startsWith('call.') && e.type !== 'call.transcript';
}

function compareItems(a: Item, b: Item): number {
  return a.ms - b.ms || a.rank - b.rank || cmp(a.e.id, b.e.id) || cmp(contentKey(a.e), contentKey(b.e));
}

/** Type + payload: two events of one instant equal here are one event sent twice under different ids. */
function contentKey(e: HeldCallEvent): string {
  const p = e.payload as Record<string, unknown>;
  const fields = Object.keys(p)
    .sort()
    .map((k) => `${k}=${JSON.stringify(p[k])}`);
  return `${e.type}|${fields.join('|')}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const iso = (ms: number) => new Date(ms).toISOString();

type ExitKind = 'abandoned' | 'timed_out' | 'transferred_out';
type EndedBy = EventOf<'call.ended'>['payload']['endedBy'];

/** One visit of the call to one queue, from its `call.offered` on. */
interface Leg {
  callId: string;
  queue: string;
  offeredMs: number;
  offerEventId: string;
  callType: string | null;
  caller: string | null;
  channel: string | null;
  ringCount: number;
  answeredMs: number | null;
  answerEventId: string | null;
  agentId: string | null;
  /** How and when the call left the queue unanswered. Never set together with answeredMs. */
  exit: { kind: ExitKind; ms: number; eventId: string } | null;
  /** A transfer after the answer: the call stays answered here, the agent's part ends. */
  transferMs: number | null;
  transferred: boolean;
  transferTarget: string | null;
  ended: { ms: number; by: EndedBy; eventId: string } | null;
  holds: { startMs: number; endMs: number | null }[];
  category: CallCategory | null;
  summary: string | null;
  dispositionCallType: string | null;
  recordingUrl: string | null;
  recordingDurationS: number | null;
}

/** The call is no longer in this leg: it left the queue, was handed on, or hung up. */
function finished(leg: Leg): boolean {
  return leg.exit !== null || leg.transferMs !== null || leg.ended !== null;
}

class CallMachine {
  readonly legs: Leg[] = [];

  constructor(
    private readonly callId: string,
    private readonly anomalies: Anomaly[],
  ) {}

  run(items: Item[]): void {
    let i = 0;
    while (i < items.length) {
      let j = i + 1;
      while (j < items.length && items[j]!.ms === items[i]!.ms) j++;
      this.instant(j - i === 1 ? [items[i]!] : this.distinct(items.slice(i, j)));
      i = j;
    }
  }

  /**
   * Duplicates among the events of one instant. The same stored id handed over
   * twice is silently one event; an event equal in type and payload under another
   * id is a resend (the earliest id is kept) and is recorded, so a source that
   * double-sends shows up.
   */
  private distinct(group: Item[]): Item[] {
    const ids = new Set<string>();
    const firstByContent = new Map<string, string>();
    return group.filter((x) => {
      if (ids.has(x.e.id)) return false;
      ids.add(x.e.id);
      const content = contentKey(x.e);
      const first = firstByContent.get(content);
      if (first !== undefined) {
        this.anomaly(x, `${x.e.type} is a resend of event ${first} (same time and payload); counted once`);
        return false;
      }
      firstByContent.set(content, x.e.id);
      return true;
    });
  }

  /**
   * Events of one millisecond. A call leaving one queue and entering the next is
   * usually stamped with the same instant (a transfer or an overflow time-out,
   * then the new queue's offer). "Belongs to the latest leg offered at or before
   * it" would hand the transfer to the new leg, so at such an instant the
   * closing events (transferred, abandoned, timed_out, ended) go to the previous
   * leg first when it can still take them; everything else follows the offer.
   */
  private instant(group: Item[]): void {
    const current = this.legs.at(-1);
    const offers = group.filter((x) => x.e.type === 'call.offered');
    if (!current || offers.length === 0) {
      for (const x of group) this.apply(x);
      return;
    }
    const rest: Item[] = [];
    for (const x of group) {
      if (x.e.type === 'call.offered') continue;
      if (closes(current, x.e)) this.apply(x);
      else rest.push(x);
    }
    for (const x of offers) this.apply(x);
    for (const x of rest) this.apply(x);
  }

  private apply(x: Item): void {
    const e = x.e;
    if (e.type === 'call.offered') return this.offer(x, e);

    // SPEC §2: everything but the offer belongs to the latest leg offered at or
    // before it; events are processed in time order, so that is the last leg so far.
    const current = this.legs.at(-1);
    if (!current) {
      this.anomaly(x, `${e.type} for call ${this.callId} has no call.offered at or before ${iso(x.ms)}`);
      return;
    }
    switch (e.type) {
      case 'call.ringing':
        return this.ringing(x, current);
      case 'call.answered':
        return this.answered(x, current, e);
      case 'call.held':
        return this.held(x, current);
      case 'call.resumed':
        return this.resumed(x, current);
      case 'call.transferred':
        return this.transferredEv(x, current, e);
      case 'call.abandoned':
        return this.left(x, current, 'abandoned');
      case 'call.timed_out':
        return this.left(x, current, 'timed_out');
      case 'call.ended':
        return this.endedEv(x, current, e);
      case 'call.dispositioned':
        return this.dispositioned(e);
      case 'call.recording':
        return this.recording(e);
    }
  }

  private offer(x: Item, e: Held<EventOf<'call.offered'>>): void {
    const p = e.payload;
    const current = this.legs.at(-1);
    if (current && current.queue === p.queue && !finished(current)) {
      // A resend of the offer while the call is still in that queue (another id,
      // maybe a later stamp): one leg, the earliest offer wins, the resend only
      // fills fields the first one lacked.
      current.callType ??= p.callType ?? null;
      current.caller ??= p.caller ?? null;
      current.channel ??= p.channel ?? null;
      this.anomaly(
        x,
        `duplicate call.offered for call ${this.callId} in queue ${p.queue}; the leg offered at ${iso(current.offeredMs)} (event ${current.offerEventId}) is kept`,
      );
      return;
    }
    if (current && !finished(current)) this.supersede(x, current, p.queue);
    this.legs.push({
      callId: this.callId,
      queue: p.queue,
      offeredMs: x.ms,
      offerEventId: e.id,
      callType: p.callType ?? null,
      caller: p.caller ?? null,
      channel: p.channel ?? null,
      ringCount: 0,
      answeredMs: null,
      answerEventId: null,
      agentId: null,
      exit: null,
      transferMs: null,
      transferred: false,
      transferTarget: null,
      ended: null,
      holds: [],
      category: null,
      summary: null,
      dispositionCallType: null,
      recordingUrl: null,
      recordingDurationS: null,
    });
  }

  /**
   * The call was offered to another queue while the previous leg never said it
   * let go (its exit or transfer event is missing). It cannot be in two queues,
   * so the previous leg is closed at the new offer: unanswered, it "left the
   * queue without answer" — SPEC's timed_out; answered, it was handed on — a
   * transfer to the new queue. Recorded, so the gap is visible.
   */
  private supersede(x: Item, leg: Leg, toQueue: string): void {
    if (leg.answeredMs === null) {
      leg.exit = { kind: 'timed_out', ms: x.ms, eventId: x.e.id };
      this.anomaly(
        x,
        `call ${this.callId} was offered to queue ${toQueue} while still waiting in ${leg.queue} with no exit event; that leg counts as timed out at ${iso(x.ms)}`,
      );
    } else {
      leg.transferMs = x.ms;
      leg.transferred = true;
      leg.transferTarget = toQueue;
      this.anomaly(
        x,
        `call ${this.callId} was offered to queue ${toQueue} while answered in ${leg.queue} with no transfer or end event; that leg counts as transferred at ${iso(x.ms)}`,
      );
    }
  }

  private ringing(x: Item, leg: Leg): void {
    if (leg.answeredMs !== null || finished(leg)) {
      this.anomaly(
        x,
        `call.ringing for call ${this.callId} at ${iso(x.ms)} after the leg in ${leg.queue} was ${stateWord(leg)}; not counted as a ring`,
      );
      return;
    }
    leg.ringCount++;
  }

  /**
   * SPEC §3 answered: the first answer of the leg wins. An answer and an exit
   * (abandon, time-out, transfer before answer, hang-up while waiting) cannot both
   * be true; the one with the earlier timestamp stands and the other is recorded.
   */
  private answered(x: Item, leg: Leg, e: Held<EventOf<'call.answered'>>): void {
    const agentId = e.payload.agentId;
    if (leg.answeredMs !== null) {
      const same = leg.agentId === agentId;
      this.anomaly(
        x,
        same
          ? `repeated call.answered for call ${this.callId} by agent ${agentId}; the answer at ${iso(leg.answeredMs)} is kept`
          : `second call.answered for call ${this.callId} by agent ${agentId} at ${iso(x.ms)}; the leg was already answered by agent ${leg.agentId ?? '?'} at ${iso(leg.answeredMs)}, which is kept`,
      );
      return;
    }
    if (leg.exit) {
      this.anomaly(
        x,
        `call.answered for call ${this.callId} at ${iso(x.ms)} conflicts with ${exitWord(leg.exit.kind)} at ${iso(leg.exit.ms)} (event ${leg.exit.eventId}); the earlier one stands`,
      );
      return;
    }
    leg.answeredMs = x.ms;
    leg.answerEventId = e.id;
    leg.agentId = agentId;
  }

  private held(x: Item, leg: Leg): void {
    if (leg.answeredMs === null || finished(leg)) {
      this.anomaly(x, `call.held for call ${this.callId} at ${iso(x.ms)} while the leg in ${leg.queue} was ${stateWord(leg)}; ignored`);
      return;
    }
    if (leg.holds.at(-1)?.endMs === null) {
      this.anomaly(x, `call.held for call ${this.callId} at ${iso(x.ms)} while already on hold; the earlier hold start is kept`);
      return;
    }
    leg.holds.push({ startMs: x.ms, endMs: null });
  }

  private resumed(x: Item, leg: Leg): void {
    const open = leg.holds.at(-1);
    // After a transfer the caller may still be taken off hold before the agent's
    // leg ends; after the hang-up nothing can resume.
    if (!open || open.endMs !== null || leg.ended) {
      this.anomaly(x, `call.resumed for call ${this.callId} at ${iso(x.ms)} without a call.held before it; ignored`);
      return;
    }
    open.endMs = x.ms;
  }

  /**
   * After the answer the leg stays answered (SPEC: a call transferred after answer
   * counts once, where it was answered) and the agent's talk ends at the transfer
   * unless a call.ended reaches this leg before the next leg's offer (a consult
   * transfer keeps the agent on the line). Before the answer the call left this
   * queue: transferred_out, its wait runs until the transfer.
   */
  private transferredEv(x: Item, leg: Leg, e: Held<EventOf<'call.transferred'>>): void {
    if (finished(leg)) {
      this.anomaly(
        x,
        `call.transferred for call ${this.callId} at ${iso(x.ms)} after the leg in ${leg.queue} was ${stateWord(leg)}; ignored`,
      );
      return;
    }
    leg.transferred = true;
    leg.transferTarget = e.payload.toQueue ?? e.payload.toAgent ?? null;
    if (leg.answeredMs !== null) leg.transferMs = x.ms;
    else leg.exit = { kind: 'transferred_out', ms: x.ms, eventId: e.id };
  }

  private left(x: Item, leg: Leg, kind: 'abandoned' | 'timed_out'): void {
    if (leg.answeredMs !== null) {
      this.anomaly(
        x,
        `${exitWord(kind)} for call ${this.callId} at ${iso(x.ms)} conflicts with call.answered at ${iso(leg.answeredMs)} (event ${leg.answerEventId ?? '?'}); the earlier one stands`,
      );
      return;
    }
    if (leg.exit) {
      this.anomaly(
        x,
        leg.exit.kind === kind
          ? `repeated ${exitWord(kind)} for call ${this.callId}; the one at ${iso(leg.exit.ms)} is kept`
          : `${exitWord(kind)} for call ${this.callId} at ${iso(x.ms)} conflicts with ${exitWord(leg.exit.kind)} at ${iso(leg.exit.ms)} (event ${leg.exit.eventId}); the earlier one stands`,
      );
      return;
    }
    leg.exit = { kind, ms: x.ms, eventId: x.e.id };
  }

  /**
   * A hang-up while still waiting is the exit itself when no abandon/time-out
   * event came: the caller hanging up is an abandon (SPEC §3); the system — or an
   * agent, who cannot be talking to an unanswered caller — removing it is a
   * time-out ("left the queue without answer").
   */
  private endedEv(x: Item, leg: Leg, e: Held<EventOf<'call.ended'>>): void {
    if (leg.ended) {
      this.anomaly(x, `repeated call.ended for call ${this.callId}; the end at ${iso(leg.ended.ms)} is kept`);
      return;
    }
    const by = e.payload.endedBy;
    leg.ended = { ms: x.ms, by, eventId: e.id };
    if (leg.answeredMs === null && !leg.exit) {
      leg.exit = { kind: by === 'caller' ? 'abandoned' : 'timed_out', ms: x.ms, eventId: e.id };
    }
  }

  /**
   * The disposition is the answering agent's record (SPEC 000 §3): it goes to the
   * latest leg that agent answered — after a transfer the caller may already be
   * waiting in the next queue — else to the latest leg. The latest disposition
   * wins (an agent correcting it); summary and callType only when given.
   */
  private dispositioned(e: Held<EventOf<'call.dispositioned'>>): void {
    const p = e.payload;
    const leg = this.legs.findLast((l) => l.agentId === p.agentId) ?? this.legs.at(-1);
    if (!leg) return;
    leg.category = p.category;
    if (p.summary !== undefined) leg.summary = p.summary;
    if (p.callType !== undefined) leg.dispositionCallType = p.callType;
  }

  /**
   * A recording carries no agent; it is of the conversation, so it goes to the
   * latest answered leg (QA samples answered, recorded calls — SPEC §5), else the
   * latest leg. The latest recording event wins.
   */
  private recording(e: Held<EventOf<'call.recording'>>): void {
    const leg = this.legs.findLast((l) => l.answeredMs !== null) ?? this.legs.at(-1);
    if (!leg) return;
    leg.recordingUrl = e.payload.url;
    leg.recordingDurationS = e.payload.durationS;
  }

  private anomaly(x: Item, reason: string): void {
    this.anomalies.push({ subject: `call:${this.callId}`, eventId: x.e.id, reason });
  }
}

/** Can this event, stamped at the instant of a new offer, still close the previous leg? */
function closes(leg: Leg, e: HeldCallEvent): boolean {
  switch (e.type) {
    case 'call.transferred':
      return !finished(leg);
    case 'call.abandoned':
    case 'call.timed_out':
      return leg.answeredMs === null && !finished(leg);
    case 'call.ended':
      return leg.ended === null;
    default:
      return false;
  }
}

function exitWord(kind: ExitKind): string {
  return kind === 'abandoned' ? 'call.abandoned' : kind === 'timed_out' ? 'call.timed_out' : 'call.transferred';
}

function stateWord(leg: Leg): string {
  if (leg.ended) return `ended at ${iso(leg.ended.ms)}`;
  if (leg.exit) return `${leg.exit.kind.replace('_', ' ')} at ${iso(leg.exit.ms)}`;
  if (leg.transferMs !== null) return `transferred at ${iso(leg.transferMs)}`;
  if (leg.answeredMs !== null) return `answered at ${iso(leg.answeredMs)}`;
  return 'not answered';
}

function toRow(leg: Leg, rules: QueueRules, wrapUps: Map<string, AgentInterval[]>): CallRow {
  const answered = leg.answeredMs !== null;
  const outcome: CallOutcome = leg.exit ? leg.exit.kind : answered ? 'answered' : leg.ringCount > 0 ? 'ringing' : 'waiting';

  // SPEC §3 wait: until the answer, or until the call left the queue unanswered;
  // still unknown while it waits (the live engine shows that one).
  const waitEndMs = leg.answeredMs ?? leg.exit?.ms ?? null;
  const waitMs = waitEndMs === null ? null : waitEndMs - leg.offeredMs;

  // The leg ends at its hang-up, else where the call left it (exit or transfer).
  const endMs = leg.ended?.ms ?? leg.exit?.ms ?? leg.transferMs ?? null;
  // Without a call.ended the definition of the exit says who ended it: an
  // abandon is the caller hanging up, a time-out the system. A transfer does not.
  const endedBy: CallRow['endedBy'] =
    leg.ended?.by ?? (leg.exit?.kind === 'abandoned' ? 'caller' : leg.exit?.kind === 'timed_out' ? 'system' : null);

  // A hold never resumed runs to the end of the leg; while the call is live only
  // finished holds count.
  let holdMs = 0;
  if (answered) {
    for (const h of leg.holds) {
      const end = h.endMs === null ? endMs : endMs === null ? h.endMs : Math.min(h.endMs, endMs);
      if (end !== null) holdMs += Math.max(0, end - h.startMs);
    }
  }
  const talkMs = leg.answeredMs !== null && endMs !== null ? endMs - leg.answeredMs - holdMs : null;

  let wrapS: number | null = null;
  if (leg.agentId !== null && endMs !== null) {
    const wrap = findWrapUp(wrapUps.get(leg.agentId), endMs);
    if (wrap?.endedAt) wrapS = (wrap.endedAt.getTime() - wrap.startedAt.getTime()) / 1000;
  }

  // Compared in whole milliseconds: 15.000 s is within a 15 s threshold (SPEC:
  // wait ≤ slThresholdS), 15.001 s is not; short is strictly below shortAbandonS.
  const slMs = rules.slThresholdS * 1000;
  const abandoned = outcome === 'abandoned';
  return {
    callId: leg.callId,
    queue: leg.queue,
    offeredAt: new Date(leg.offeredMs),
    callType: leg.dispositionCallType ?? leg.callType,
    callerMasked: maskCaller(leg.caller),
    channel: leg.channel,
    agentId: leg.agentId,
    answeredAt: leg.answeredMs === null ? null : new Date(leg.answeredMs),
    endedAt: endMs === null ? null : new Date(endMs),
    endedBy,
    outcome,
    waitS: waitMs === null ? null : waitMs / 1000,
    talkS: talkMs === null ? null : talkMs / 1000,
    holdS: holdMs / 1000,
    holdCount: answered ? leg.holds.length : 0,
    wrapS,
    ringCount: leg.ringCount,
    answeredInThreshold: answered && waitMs !== null && waitMs <= slMs,
    abandonedInThreshold: abandoned && waitMs !== null && waitMs <= slMs,
    shortAbandon: abandoned && waitMs !== null && waitMs < rules.shortAbandonS * 1000,
    slThresholdS: rules.slThresholdS,
    shortAbandonS: rules.shortAbandonS,
    category: leg.category,
    summary: leg.summary,
    transferred: leg.transferred,
    transferTarget: leg.transferTarget,
    recordingUrl: leg.recordingUrl,
    recordingDurationS: leg.recordingDurationS,
  };
}

/** Each agent's wrap_up intervals by start, for a binary search per call. */
function indexWrapUps(intervals: AgentInterval[]): Map<string, AgentInterval[]> {
  const index = new Map<string, AgentInterval[]>();
  for (const i of intervals) {
    if (i.state !== 'wrap_up') continue;
    const list = index.get(i.agentId);
    if (list) list.push(i);
    else index.set(i.agentId, [i]);
  }
  for (const list of index.values()) {
    list.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || cmp(a.eventId, b.eventId));
  }
  return index;
}

/**
 * The answering agent's wrap-up that belongs to a call ending at endMs: one that
 * starts within [end − 1 s, end + 10 s] (phones announce it a little before or
 * after the hang-up); of several, the one starting closest to the end, the
 * earlier on a tie.
 */
function findWrapUp(list: AgentInterval[] | undefined, endMs: number): AgentInterval | undefined {
  if (!list) return undefined;
  const from = endMs - WRAP_BEFORE_END_MS;
  const lo = firstIndex(list, (i) => i.startedAt.getTime() < from);
  let best: AgentInterval | undefined;
  let bestDistance = Infinity;
  for (let i = lo; i < list.length; i++) {
    const start = list[i]!.startedAt.getTime();
    if (start > endMs + WRAP_AFTER_END_MS) break;
    const distance = Math.abs(start - endMs);
    if (distance < bestDistance) {
      best = list[i];
      bestDistance = distance;
    }
  }
  return best;
}
