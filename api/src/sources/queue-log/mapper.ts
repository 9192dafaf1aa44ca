/**
 * Asterisk `queue_log` records → canonical events (SPEC §2, ../shared/QUEUE_LOG.md).
 *
 * Streaming and stateful: records go in one at a time with their line numbers,
 * the events they make come out at once (a wallboard following the file sees a
 * caller waiting as soon as ENTERQUEUE is written). The state is plain data
 * (`state()` / `restore`), so an import can stop and resume from a saved position.
 *
 * - **Stable ids.** Each event's id is a hash of its line's content (time, call,
 *   queue, agent, verb, data) plus the event's role, so importing a file twice,
 *   or a file overlapping one imported before, yields the same ids and the log
 *   stores nothing twice.
 * - **Calls** are keyed on (callid, queue): one callid can pass through several
 *   queues, each visit a leg of the same canonical call. The call's events are
 *   stamped from the ENTERQUEUE plus the durations Asterisk wrote (CONNECT's
 *   holdtime, COMPLETE*'s holdtime + calltime, the waittime of ABANDON / EXIT* /
 *   WITHDRAW, ring times), so the stored wait and talk are those fields, not
 *   differences of whole-second stamps. A field that would put the event more
 *   than a minute after its own line is not believed; the line's stamp is used.
 * - **Out of order.** A call's line that comes before its ENTERQUEUE waits up to
 *   `windowS` (of log time) for it, then counts as an orphan; so does a line of
 *   a call whose ENTERQUEUE was never read (the file starts mid-call).
 * - **Duplicates.** A line equal to one read within the last `windowS` of log
 *   time is counted and skipped; an older repeat makes the same ids again.
 * - **Agents.** Interfaces and member names go through the alias map. PAUSE /
 *   UNPAUSE (per queue, or ALL) make `not_ready` with the pause reason;
 *   ADDMEMBER / REMOVEMEMBER state the membership (`queues`); CONNECT and the
 *   end of a call put the agent on and off the call, ring attempts ringing.
 * - **Memory** holds the open calls, the calls closed within `windowS`, the lines
 *   of the last `windowS` and one entry per agent and queue: it does not grow
 *   with the length of the file.
 */
import { hash as digest } from 'node:crypto';
import { hasUnsafeText } from '../../common/text.js';
import type { AgentStateName, CanonicalEvent } from '../../events/event.schema.js';
import type { QueueLogRecord } from './parser.js';
import { type ImportSummary, type SkipReason, countSkip, emptySummary } from './summary.js';

export interface MapperOptions {
  /** `source` of every event (default `asterisk`). */
  source?: string;
  /** Agent interface or member name as written → the agent id to use, e.g. `{"PJSIP/401": "alice"}`. */
  aliases?: Readonly<Record<string, string>>;
  /** Put before every callid, to keep two PBXs' uniqueids apart (default none). */
  callIdPrefix?: string;
  /** Log time a line may come early or be repeated within (default 300 s). */
  windowS?: number;
  /** Log time after which a call that never ended is forgotten (default 6 h). */
  maxOpenCallS?: number;
}

/** Verbs read and counted, of which Callboard keeps nothing. */
export const IGNORED_VERBS: ReadonlySet<string> = new Set([
  'QUEUESTART',
  'CONFIGRELOAD',
  'PENALTY',
  'RINGINUSE',
  'OUTCALL',
  'AGENTDUMP',
  'SYSCOMPAT',
  'INFO',
]);

const CALL_VERBS = new Set([
  'CONNECT',
  'RINGNOANSWER',
  'RINGCANCELED',
  'ABANDON',
  'EXITEMPTY',
  'EXITWITHTIMEOUT',
  'EXITWITHKEY',
  'WITHDRAW',
  'COMPLETEAGENT',
  'COMPLETECALLER',
  'TRANSFER',
  'BLINDTRANSFER',
  'ATTENDEDTRANSFER',
]);

const AGENT_VERBS = new Set([
  'ADDMEMBER',
  'REMOVEMEMBER',
  'PAUSE',
  'UNPAUSE',
  'PAUSEALL',
  'UNPAUSEALL',
  'AGENTLOGIN',
  'AGENTLOGOFF',
  'AGENTCALLBACKLOGIN',
  'AGENTCALLBACKLOGOFF',
]);

/** Every verb this mapper reads (the table of QUEUE_LOG.md). */
export const KNOWN_VERBS: ReadonlySet<string> = new Set(['ENTERQUEUE', 'DID', ...CALL_VERBS, ...AGENT_VERBS, ...IGNORED_VERBS]);

const DEFAULT_WINDOW_S = 300;
const DEFAULT_MAX_OPEN_S = 6 * 3600;
/** A duration field may put an event this far past its own line's stamp (clock steps, late writes); further is not believed. */
const FIELD_SLACK_MS = 60_000;
const SWEEP_EVERY_MS = 60_000;
const LABEL_MAX = 100;
const SHORT_MAX = 64;

interface CallRec {
  callId: string;
  queue: string;
  offeredMs: number;
  /** Log time of the call's latest line (for forgetting calls that never ended). */
  lastMs: number;
  closed: boolean;
  /** The agent who answered, while on the call. */
  agentId?: string;
}

interface AgentRec {
  /** Queues paused in; '' for a pause of all queues. */
  pausedIn: string[];
  reason: string | null;
  /** Key of the call the agent is on. */
  onCall: string | null;
  loggedOff: boolean;
  /** Membership from ADDMEMBER / REMOVEMEMBER; null while none was read (static members). */
  queues: string[] | null;
  /** state|reason|queues of the last agent.state made, so a repeat is not sent again. */
  last: string | null;
  /** Its instant. */
  lastMs: number;
}

/** Where a callid's latest finished leg began and ended. */
interface LegEnd {
  offeredMs: number;
  endMs: number;
}

interface PendingLine {
  key: string;
  record: QueueLogRecord;
  line: number;
  hash: string;
  done: boolean;
}

/** A first-in, first-out list whose items are dropped from the front. */
class Fifo<T> {
  private items: T[];
  private head = 0;
  constructor(items: T[] = []) {
    this.items = items;
  }
  push(x: T): void {
    this.items.push(x);
  }
  peek(): T | undefined {
    return this.items[this.head];
  }
  shift(): T | undefined {
    const x = this.items[this.head];
    if (x === undefined) return undefined;
    this.items[this.head++] = undefined as T;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }
  toArray(): T[] {
    return this.items.slice(this.head);
  }
  get size(): number {
    return this.items.length - this.head;
  }
}

/** Everything a resumed import needs, as JSON-ready data. */
export interface MapperState {
  version: 1;
  watermarkMs: number;
  nextSweepMs: number;
  calls: [string, CallRec][];
  closed: [string, number][];
  legEnds: [string, LegEnd][];
  recent: [string, number][];
  pending: { key: string; record: QueueLogRecord; line: number; hash: string }[];
  dids: [string, string, number][];
  agents: [string, AgentRec][];
  queues: string[];
  summary: ImportSummary;
}

class BadLine extends Error {}

export class QueueLogMapper {
  private readonly source: string;
  private readonly aliases: Readonly<Record<string, string>>;
  private readonly prefix: string;
  private readonly windowMs: number;
  private readonly maxOpenMs: number;

  private watermarkMs = 0;
  private nextSweepMs = 0;
  private readonly calls = new Map<string, CallRec>();
  /** Closed calls by the log time they closed at, to forget them after the window. */
  private closed = new Fifo<[string, number]>();
  /** Per callid, its latest finished leg: the next leg is not offered before that one ended. */
  private readonly legEnds = new Map<string, LegEnd>();
  /** Hashes of the lines of the last window, with their log time. */
  private readonly recent = new Map<string, number>();
  private recentOrder = new Fifo<[string, number]>();
  private readonly pending = new Map<string, PendingLine[]>();
  private pendingOrder = new Fifo<PendingLine>();
  /** DID lines by callid: the number the caller dialled, until the call enters a queue. */
  private readonly dids = new Map<string, { did: string; ms: number }>();
  private didOrder = new Fifo<[string, number]>();
  private readonly agents = new Map<string, AgentRec>();
  private readonly queues = new Set<string>();
  readonly summary: ImportSummary;

  constructor(options: MapperOptions = {}, state?: MapperState) {
    this.source = options.source ?? 'asterisk';
    this.aliases = options.aliases ?? {};
    this.prefix = options.callIdPrefix ?? '';
    this.windowMs = (options.windowS ?? DEFAULT_WINDOW_S) * 1000;
    this.maxOpenMs = (options.maxOpenCallS ?? DEFAULT_MAX_OPEN_S) * 1000;
    this.summary = state ? structuredClone(state.summary) : emptySummary();
    if (state) this.load(state);
  }

  /** A line the parser could not read (blank, unparsable): counted, no events. */
  skip(line: number, reason: SkipReason, message: string): void {
    this.summary.linesRead++;
    countSkip(this.summary, reason, line, message);
  }

  /** One parsed line in; the events it makes (and those of earlier lines it completed) out. */
  push(record: QueueLogRecord, line: number): CanonicalEvent[] {
    this.summary.linesRead++;
    const out: CanonicalEvent[] = [];
    if (record.tsMs > this.watermarkMs) this.watermarkMs = record.tsMs;

    const hash = lineHash(this.prefix, record);
    if (this.recent.has(hash)) {
      countSkip(this.summary, 'duplicate', line, `${record.verb} line repeated`);
    } else {
      this.recent.set(hash, record.tsMs);
      this.recentOrder.push([hash, record.tsMs]);
      try {
        this.route(record, line, hash, out);
      } catch (err) {
        if (!(err instanceof BadLine)) throw err;
        countSkip(this.summary, 'unparsable', line, err.message);
      }
    }
    this.expire();
    this.summary.eventsProduced += out.length;
    return out;
  }

  /**
   * The end of the input: lines still waiting for their call's ENTERQUEUE are
   * orphans. (A follower does not call this at the end of what is written so
   * far: the window decides there.)
   */
  end(): void {
    for (const p of this.pendingOrder.toArray()) this.orphan(p);
    this.pendingOrder = new Fifo();
    this.pending.clear();
  }

  state(): MapperState {
    return structuredClone({
      version: 1 as const,
      watermarkMs: this.watermarkMs,
      nextSweepMs: this.nextSweepMs,
      calls: [...this.calls],
      closed: this.closed.toArray(),
      legEnds: [...this.legEnds],
      recent: this.recentOrder.toArray().filter(([h, ms]) => this.recent.get(h) === ms),
      pending: this.pendingOrder
        .toArray()
        .filter((p) => !p.done)
        .map(({ key, record, line, hash }) => ({ key, record, line, hash })),
      dids: this.didOrder.toArray().flatMap(([callid, ms]): [string, string, number][] => {
        const d = this.dids.get(callid);
        return d && d.ms === ms ? [[callid, d.did, ms]] : [];
      }),
      agents: [...this.agents],
      queues: [...this.queues],
      summary: this.summary,
    });
  }

  private load(s: MapperState): void {
    if (s.version !== 1) throw new Error(`state: version ${String(s.version)} is not one this importer reads`);
    const c = structuredClone(s);
    this.watermarkMs = c.watermarkMs;
    this.nextSweepMs = c.nextSweepMs;
    for (const [k, v] of c.calls) this.calls.set(k, v);
    this.closed = new Fifo(c.closed);
    for (const [k, v] of c.legEnds) this.legEnds.set(k, v);
    for (const [h, ms] of c.recent) this.recent.set(h, ms);
    this.recentOrder = new Fifo(c.recent);
    for (const p of c.pending) {
      const entry: PendingLine = { ...p, done: false };
      this.pendingOrder.push(entry);
      const list = this.pending.get(p.key);
      if (list) list.push(entry);
      else this.pending.set(p.key, [entry]);
    }
    for (const [callid, did, ms] of c.dids) {
      this.dids.set(callid, { did, ms });
      this.didOrder.push([callid, ms]);
    }
    for (const [k, v] of c.agents) this.agents.set(k, v);
    for (const q of c.queues) this.queues.add(q);
  }

  // ── routing ────────────────────────────────────────────────────────────

  private route(r: QueueLogRecord, line: number, hash: string, out: CanonicalEvent[]): void {
    const verb = r.verb;
    if (verb === 'ENTERQUEUE') return this.enterQueue(r, hash, out);
    if (CALL_VERBS.has(verb)) {
      const key = callKey(r);
      const call = this.calls.get(key);
      if (call) return this.callLine(call, key, r, hash, out);
      this.checkCall(r);
      const entry: PendingLine = { key, record: r, line, hash, done: false };
      this.pendingOrder.push(entry);
      const list = this.pending.get(key);
      if (list) list.push(entry);
      else this.pending.set(key, [entry]);
      return;
    }
    if (AGENT_VERBS.has(verb)) return this.agentLine(r, hash, out);
    if (verb === 'DID') return this.did(r);
    if (IGNORED_VERBS.has(verb)) {
      this.summary.ignored[verb] = (this.summary.ignored[verb] ?? 0) + 1;
      return;
    }
    countSkip(this.summary, 'unknown_verb', line, `${verb} is not a queue_log event this importer reads`);
  }

  private did(r: QueueLogRecord): void {
    const did = r.data[0]?.trim() ?? '';
    if (r.callid === '' || r.callid === 'NONE' || did === '' || did.length > SHORT_MAX || hasUnsafeText(did)) return;
    this.dids.set(r.callid, { did, ms: r.tsMs });
    this.didOrder.push([r.callid, r.tsMs]);
  }

  private enterQueue(r: QueueLogRecord, hash: string, out: CanonicalEvent[]): void {
    this.checkCall(r);
    const key = callKey(r);
    // A call that left one queue and entered the next is not offered there before it
    // left: the previous leg's end, from its durations, may be a little past this
    // line's whole second. (A leg offered later, read out of order, is no previous leg.)
    const prev = this.legEnds.get(r.callid);
    const offeredMs = prev && prev.offeredMs < r.tsMs && prev.endMs > r.tsMs && prev.endMs <= r.tsMs + FIELD_SLACK_MS ? prev.endMs : r.tsMs;
    const existing = this.calls.get(key);
    if (!existing || existing.closed) {
      this.calls.set(key, { callId: this.prefix + r.callid, queue: r.queue, offeredMs, lastMs: r.tsMs, closed: false });
    }
    this.queues.add(r.queue);
    // data: url, callerid number, origposition[, callerid name]
    const caller = shortText(r.data[1]);
    const did = this.dids.get(r.callid)?.did;
    out.push(
      this.event('call.offered', offeredMs, hash, 'offer', {
        callId: this.prefix + r.callid,
        queue: r.queue,
        ...(caller === undefined ? {} : { caller }),
        ...(did === undefined ? {} : { channel: did }),
      }),
    );
    const waiting = this.pending.get(key);
    if (waiting) {
      this.pending.delete(key);
      const call = this.calls.get(key)!;
      waiting.sort((a, b) => a.record.tsMs - b.record.tsMs || a.line - b.line);
      for (const p of waiting) {
        p.done = true;
        try {
          this.callLine(call, key, p.record, p.hash, out);
        } catch (err) {
          if (!(err instanceof BadLine)) throw err;
          countSkip(this.summary, 'unparsable', p.line, err.message);
        }
      }
    }
  }

  private checkCall(r: QueueLogRecord): void {
    if (r.callid === '' || r.callid === 'NONE') throw new BadLine(`${r.verb} names no call (callid ${JSON.stringify(r.callid)})`);
    if (this.prefix.length + r.callid.length > 200 || hasUnsafeText(r.callid)) {
      throw new BadLine(`callid: not a call id Callboard can store (${JSON.stringify(r.callid.slice(0, 40))})`);
    }
    if (r.queue === '' || r.queue === 'NONE') throw new BadLine(`${r.verb} names no queue`);
    if (r.queue.length > LABEL_MAX || hasUnsafeText(r.queue)) {
      throw new BadLine(`queue: longer than ${LABEL_MAX} characters or holds control characters`);
    }
  }

  /** A call's line other than ENTERQUEUE, its ENTERQUEUE read. */
  private callLine(call: CallRec, key: string, r: QueueLogRecord, hash: string, out: CanonicalEvent[]): void {
    const d = r.data;
    const callId = call.callId;
    if (r.tsMs > call.lastMs) call.lastMs = r.tsMs;
    switch (r.verb) {
      case 'CONNECT': {
        // holdtime s, member channel uniqueid, ringtime s (absent in 1.4)
        const agentId = this.requireAgent(r);
        const answeredMs = this.after(call, r, num(d[0]));
        const ring = num(d[2]);
        const ringMs = ring === undefined ? answeredMs : Math.max(call.offeredMs, answeredMs - ring * 1000);
        out.push(this.event('call.ringing', ringMs, hash, 'ring', { callId, agentId }));
        out.push(this.event('call.answered', answeredMs, hash, 'answer', { callId, agentId }));
        const a = this.agent(agentId);
        if (ringMs < answeredMs) this.agentState(out, agentId, a, ringMs, hash, 'agent-ring', 'ringing');
        if (!call.closed) {
          a.onCall = key;
          call.agentId = agentId;
        }
        this.agentState(out, agentId, a, answeredMs, hash, 'agent', 'on_call');
        return;
      }
      case 'RINGNOANSWER':
      case 'RINGCANCELED': {
        // ring time in milliseconds
        const agentId = this.requireAgent(r);
        const ms = num(d[0]);
        const ringMs = Math.max(call.offeredMs, r.tsMs - (ms ?? 0));
        out.push(this.event('call.ringing', ringMs, hash, 'ring', { callId, agentId }));
        const a = this.agent(agentId);
        if (a.onCall === null || a.onCall === key) {
          if (ringMs < r.tsMs) this.agentState(out, agentId, a, ringMs, hash, 'agent-ring', 'ringing');
          this.agentState(out, agentId, a, Math.max(ringMs, r.tsMs), hash, 'agent');
        }
        return;
      }
      case 'COMPLETEAGENT':
      case 'COMPLETECALLER': {
        // holdtime s, calltime s, origposition
        const endMs = this.after(call, r, sum(num(d[0]), num(d[1])));
        out.push(this.event('call.ended', endMs, hash, 'end', { callId, endedBy: r.verb === 'COMPLETEAGENT' ? 'agent' : 'caller' }));
        this.close(call, key, r, endMs, hash, out);
        return;
      }
      case 'TRANSFER':
      case 'BLINDTRANSFER':
      case 'ATTENDEDTRANSFER': {
        const form = d[0];
        let hold: string | undefined, talk: string | undefined, target: { toQueue?: string; toAgent?: string };
        if (r.verb === 'ATTENDEDTRANSFER' && form === 'LINK') {
          // LINK, chan1, chan2, holdtime, calltime, origposition (12+)
          [hold, talk] = [d[3], d[4]];
          target = this.target(d[2] === undefined ? [] : [interfaceOf(d[2])]);
        } else if (r.verb === 'ATTENDEDTRANSFER' && (form === 'BRIDGE' || form === 'APP')) {
          // BRIDGE|APP, bridge uniqueid or application, holdtime, calltime, origposition (12+)
          [hold, talk] = [d[2], d[3]];
          target = {};
        } else {
          // exten, context, holdtime, calltime, origposition (TRANSFER up to 11, BLINDTRANSFER 12+)
          [hold, talk] = [d[2], d[3]];
          const exten = d[0] ?? '';
          target = this.target(d[1] ? [`${exten}@${d[1]}`, exten] : [exten]);
        }
        const endMs = this.after(call, r, sum(num(hold), num(talk)));
        out.push(this.event('call.transferred', endMs, hash, 'transfer', { callId, ...target }));
        out.push(this.event('call.ended', endMs, hash, 'end', { callId, endedBy: 'agent' }));
        this.close(call, key, r, endMs, hash, out);
        return;
      }
      case 'ABANDON':
      case 'EXITEMPTY':
      case 'EXITWITHTIMEOUT':
      case 'WITHDRAW':
      case 'EXITWITHKEY': {
        // position, origposition, waittime s (EXITWITHKEY: key first; 1.4–1.6 and some
        // EXITWITHTIMEOUT paths stop at the position: then the line's own stamp)
        const wait = num(r.verb === 'EXITWITHKEY' ? d[3] : d[2]);
        const exitMs = this.after(call, r, wait);
        out.push(this.event(r.verb === 'ABANDON' ? 'call.abandoned' : 'call.timed_out', exitMs, hash, 'exit', { callId }));
        this.close(call, key, r, exitMs, hash, out);
        return;
      }
    }
  }

  /**
   * The instant `seconds` after the call's offer: Asterisk's own duration, where
   * the line has one and it agrees with the line's stamp to within a minute;
   * otherwise the line's stamp. Never before the offer.
   */
  private after(call: CallRec, r: QueueLogRecord, seconds: number | undefined): number {
    if (seconds !== undefined) {
      const ms = call.offeredMs + seconds * 1000;
      if (ms <= r.tsMs + FIELD_SLACK_MS) return ms;
    }
    return Math.max(call.offeredMs, r.tsMs);
  }

  /** The leg is over: the agent is free again (or not ready, if they paused meanwhile). */
  private close(call: CallRec, key: string, r: QueueLogRecord, endMs: number, hash: string, out: CanonicalEvent[]): void {
    if (!call.closed) {
      call.closed = true;
      this.closed.push([key, r.tsMs]);
    }
    const prev = this.legEnds.get(r.callid);
    if (!prev || prev.offeredMs <= call.offeredMs) this.legEnds.set(r.callid, { offeredMs: call.offeredMs, endMs });
    const agentId = this.agentOf(r);
    if (agentId === null) return;
    const a = this.agent(agentId);
    if (a.onCall !== null && a.onCall !== key) return;
    a.onCall = null;
    this.agentState(out, agentId, a, endMs, hash, 'agent');
  }

  /** A transfer's target as Callboard knows it: an agent (through the aliases or by name) or a queue; else unnamed. */
  private target(candidates: string[]): { toQueue?: string; toAgent?: string } {
    for (const c of candidates) {
      const alias = this.aliases[c];
      if (alias !== undefined && validLabel(alias)) return { toAgent: alias };
    }
    for (const c of candidates) {
      if (this.agents.has(c)) return { toAgent: c };
      if (this.queues.has(c)) return { toQueue: c };
    }
    return {};
  }

  // ── agents ─────────────────────────────────────────────────────────────

  private agentOf(r: QueueLogRecord): string | null {
    const raw = r.agent;
    if (raw === '' || raw === 'NONE') return null;
    const id = this.aliases[raw] ?? raw;
    if (!validLabel(id))
      throw new BadLine(`agent: ${JSON.stringify(id.slice(0, 40))} is longer than ${LABEL_MAX} characters or holds control characters`);
    return id;
  }

  private requireAgent(r: QueueLogRecord): string {
    const id = this.agentOf(r);
    if (id === null) throw new BadLine(`${r.verb} names no agent`);
    return id;
  }

  private agent(id: string): AgentRec {
    let a = this.agents.get(id);
    if (!a) {
      a = { pausedIn: [], reason: null, onCall: null, loggedOff: false, queues: null, last: null, lastMs: 0 };
      this.agents.set(id, a);
    }
    return a;
  }

  private agentLine(r: QueueLogRecord, hash: string, out: CanonicalEvent[]): void {
    const agentId = this.requireAgent(r);
    const a = this.agent(agentId);
    const queue = r.queue === 'NONE' ? '' : r.queue;
    if (queue.length > LABEL_MAX || hasUnsafeText(queue))
      throw new BadLine(`queue: longer than ${LABEL_MAX} characters or holds control characters`);
    switch (r.verb) {
      case 'ADDMEMBER':
        if (queue === '') throw new BadLine('ADDMEMBER names no queue');
        a.queues = sortedWith(a.queues ?? [], queue);
        this.queues.add(queue);
        a.loggedOff = false;
        if (r.data[0] === 'PAUSED') a.pausedIn = sortedWith(a.pausedIn, queue);
        break;
      case 'REMOVEMEMBER':
        if (queue === '') throw new BadLine('REMOVEMEMBER names no queue');
        a.queues = (a.queues ?? []).filter((q) => q !== queue);
        a.pausedIn = a.pausedIn.filter((q) => q !== queue);
        break;
      case 'PAUSE':
      case 'PAUSEALL': {
        // A pause of all queues is written as PAUSEALL with no reason beside one PAUSE
        // per queue with it: an empty reason does not wipe the one already given.
        const reason = reasonText(r.data[0]);
        if (reason !== null || a.pausedIn.length === 0) a.reason = reason;
        a.pausedIn = sortedWith(a.pausedIn, r.verb === 'PAUSEALL' ? '' : queue);
        break;
      }
      case 'UNPAUSE':
        a.pausedIn = a.pausedIn.filter((q) => q !== queue && q !== '');
        break;
      case 'UNPAUSEALL':
        a.pausedIn = [];
        break;
      case 'AGENTLOGIN':
      case 'AGENTCALLBACKLOGIN':
        a.loggedOff = false;
        break;
      case 'AGENTLOGOFF':
      case 'AGENTCALLBACKLOGOFF':
        a.loggedOff = true;
        a.onCall = null;
        break;
    }
    if (a.pausedIn.length === 0) a.reason = null;
    this.agentState(out, agentId, a, r.tsMs, hash, 'agent');
  }

  /** Paused in every queue the agent is known to serve (or in all at once, or in any when the membership is unknown). */
  private paused(a: AgentRec): boolean {
    if (a.pausedIn.length === 0) return false;
    if (a.pausedIn.includes('') || a.queues === null || a.queues.length === 0) return true;
    return a.queues.every((q) => a.pausedIn.includes(q));
  }

  /** Sends the agent's state when it differs from the last one sent: `forced` for ringing / on_call, else what the agent's facts say. */
  private agentState(
    out: CanonicalEvent[],
    agentId: string,
    a: AgentRec,
    ms: number,
    hash: string,
    role: string,
    forced?: AgentStateName,
  ): void {
    let state: AgentStateName;
    let reason: string | null = null;
    const offline = a.loggedOff || (a.queues !== null && a.queues.length === 0);
    if (forced !== undefined) state = forced;
    else if (offline) state = 'offline';
    else if (a.onCall !== null) state = 'on_call';
    else if (this.paused(a)) {
      state = 'not_ready';
      reason = a.reason;
    } else state = 'available';
    const key = `${state}|${reason ?? ''}|${a.queues?.join('\u0000') ?? '-'}`;
    if (key === a.last) return;
    // Two states of one agent at one instant would leave the order between them to
    // their ids: a change written in the same second as the one before it (an
    // autopause after RINGNOANSWER, a pause right after a call) comes a millisecond after it.
    if (ms <= a.lastMs && ms > a.lastMs - 1000) ms = a.lastMs + 1;
    a.last = key;
    a.lastMs = ms;
    out.push(
      this.event('agent.state', ms, hash, role, {
        agentId,
        state,
        ...(reason === null ? {} : { reason }),
        ...(a.queues === null ? {} : { queues: [...a.queues] }),
      }),
    );
  }

  // ── events, windows ────────────────────────────────────────────────────

  private event(type: CanonicalEvent['type'], ms: number, hash: string, role: string, payload: Record<string, unknown>): CanonicalEvent {
    return { id: `ql-${hash}-${role}`, type, ts: new Date(ms).toISOString(), source: this.source, payload } as CanonicalEvent;
  }

  private orphan(p: PendingLine): void {
    if (p.done) return;
    p.done = true;
    countSkip(
      this.summary,
      'orphan',
      p.line,
      `${p.record.verb} of call ${p.record.callid} in ${p.record.queue}, whose ENTERQUEUE was not read`,
    );
  }

  /** Forgets what fell out of the window behind the latest log time read. */
  private expire(): void {
    const cutoff = this.watermarkMs - this.windowMs;
    for (let x = this.recentOrder.peek(); x && x[1] < cutoff; x = this.recentOrder.peek()) {
      this.recentOrder.shift();
      if (this.recent.get(x[0]) === x[1]) this.recent.delete(x[0]);
    }
    for (let p = this.pendingOrder.peek(); p && (p.done || p.record.tsMs < cutoff); p = this.pendingOrder.peek()) {
      this.pendingOrder.shift();
      if (p.done) continue;
      this.orphan(p);
      const list = this.pending.get(p.key);
      const rest = list?.filter((x) => x !== p) ?? [];
      if (rest.length > 0) this.pending.set(p.key, rest);
      else this.pending.delete(p.key);
    }
    for (let c = this.closed.peek(); c && c[1] < cutoff; c = this.closed.peek()) {
      this.closed.shift();
      const call = this.calls.get(c[0]);
      if (call?.closed && call.lastMs < cutoff) this.forget(c[0], call);
      else if (call?.closed) this.closed.push([c[0], call.lastMs]);
    }
    const longCutoff = this.watermarkMs - this.maxOpenMs;
    for (let d = this.didOrder.peek(); d && d[1] < longCutoff; d = this.didOrder.peek()) {
      this.didOrder.shift();
      if (this.dids.get(d[0])?.ms === d[1]) this.dids.delete(d[0]);
    }
    if (this.watermarkMs >= this.nextSweepMs) {
      // Calls whose end was never written (a crash): forgotten after maxOpenCallS, swept once a minute of log time.
      this.nextSweepMs = this.watermarkMs + SWEEP_EVERY_MS;
      for (const [key, call] of this.calls) if (!call.closed && call.lastMs < longCutoff) this.forget(key, call);
    }
  }

  private forget(key: string, call: CallRec): void {
    this.calls.delete(key);
    const callid = call.callId.slice(this.prefix.length);
    // The callid's latest finished leg is this one or an earlier one: no later leg can need it now.
    if ((this.legEnds.get(callid)?.offeredMs ?? Infinity) <= call.offeredMs) this.legEnds.delete(callid);
    const a = call.agentId === undefined ? undefined : this.agents.get(call.agentId);
    if (a?.onCall === key && !call.closed) a.onCall = null;
  }
}

function callKey(r: QueueLogRecord): string {
  return `${r.callid}\u0000${r.queue}`;
}

/** Base64url of the line's content: the same line gives the same ids in every import. */
function lineHash(prefix: string, r: QueueLogRecord): string {
  const text = `${prefix}\u0000${r.tsMs}|${r.callid}|${r.queue}|${r.agent}|${r.verb}|${r.data.join('|')}`;
  return digest('sha1', text, 'base64url').slice(0, 22);
}

function num(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : undefined;
}

function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a + b;
}

function validLabel(s: string): boolean {
  return s.length > 0 && s.length <= LABEL_MAX && !hasUnsafeText(s);
}

/** A caller number or DID as the events take it (≤ 64 characters, no control characters), or nothing. */
function shortText(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t && t.length <= SHORT_MAX && !hasUnsafeText(t) ? t : undefined;
}

/** A pause reason as a not-ready reason: at most 100 characters, none when empty or unsafe. */
function reasonText(s: string | undefined): string | null {
  const t = s?.trim();
  if (!t || hasUnsafeText(t)) return null;
  return t.slice(0, LABEL_MAX);
}

/** `SIP/401-0000002a` → `SIP/401`, `Local/401@from-queue-00000001;1` → `Local/401@from-queue`: the channel's interface. */
function interfaceOf(channel: string): string {
  return channel.replace(/;\d+$/, '').replace(/-[0-9a-f]{6,}$/i, '');
}

function sortedWith(list: string[], x: string): string[] {
  return list.includes(x) ? list : [...list, x].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
