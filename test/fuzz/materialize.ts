/**
 * Turns case descriptions into the JSON a sender posts, with fresh ids, and
 * says what the contract promises for each item. Also the reference the live
 * figures are checked against: today's calls and agent states that were
 * accepted, and nothing else.
 */
import {
  type AgentSpec,
  type BodyCase,
  type CallSpec,
  type EventSpec,
  type ItemSpec,
  type Mutation,
  TYPES,
  representable,
  writeTs,
} from './cases.js';

export interface Stored {
  id: string;
  type: string;
  /** The instant of its ts. */
  ms: number;
  event: Record<string, unknown>;
  /** For the live reference. */
  call?: { spec: CallSpec; callId: string; step: 'offered' | 'answered' | 'abandoned' };
  agent?: AgentSpec;
}

/** What must become of one item of a batch. */
export type Expect = { e: 'accepted'; stored: Stored } | { e: 'duplicate'; of: string } | { e: 'rejected'; field: string; what: string };

export interface Batch {
  items: unknown[];
  expect: Expect[];
  /** Nesting of the whole body, as the server's depth bound counts it. */
  depth: number;
}

/** Hands out ids; one per suite, so nothing posted twice collides unless it is meant to. */
export class Ids {
  private n = 0;
  constructor(readonly prefix: string) {}
  next(kind = 'e'): string {
    this.n += 1;
    return `${this.prefix}-${kind}${this.n}`;
  }
}

const clone = <T>(v: T): T => structuredClone(v);

/** Structural depth of a JSON value: arrays and objects count one level each. */
export function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + v.reduce<number>((m, x) => Math.max(m, depthOf(x)), 0);
  if (typeof v === 'object' && v !== null) return 1 + Object.values(v).reduce<number>((m, x) => Math.max(m, depthOf(x)), 0);
  return 0;
}

function nested(depth: number, shape: 'array' | 'object'): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = shape === 'array' ? [v] : { a: v };
  return v;
}

function flatten(e: Record<string, unknown>): Record<string, unknown> {
  const { payload, ...envelope } = e;
  return { ...envelope, ...(payload as Record<string, unknown>) };
}

function eventOf(spec: EventSpec, id: string): Record<string, unknown> {
  return { id, type: spec.type, ts: writeTs(spec.ms, spec.style), source: spec.source, payload: clone(spec.payload) };
}

function getParent(root: Record<string, unknown>, path: string[]): Record<string, unknown> {
  let o: Record<string, unknown> = root;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  return o;
}

const MAX_BY_PATH = (path: string[]): number => {
  const last = path.at(-1)!;
  if (path[0] === 'id') return 200;
  if (path[0] === 'source') return 100;
  if (last === 'text') return 10_000;
  if (last === 'url') return 2000;
  if (last === 'summary' || last === 'note') return 4000;
  if (last === 'customerRef' || last === 'callId' || last === 'caseId') return 200;
  if (last === 'caller' || last === 'channel') return 64;
  return 100;
};

/** Applies one mutation; returns the path the error must start with. */
function mutate(e: Record<string, unknown>, m: Mutation): string {
  switch (m.m) {
    case 'wrongType':
      getParent(e, m.path)[m.path.at(-1)!] = clone(m.value);
      return m.path.join('.');
    case 'missing': {
      delete getParent(e, m.path)[m.path.at(-1)!];
      if (m.path[0] === 'payload' && m.path.length === 1) {
        // Without `payload`, the item is read as payload fields beside the envelope: none, so the first required one is missing.
        return `payload.${TYPES[e.type as string]!.find((x) => x.required)!.name}`;
      }
      return m.path.join('.');
    }
    case 'tooLong': {
      const parent = getParent(e, m.path);
      const key = m.path.at(-1)!;
      // Limits count characters (code points), not UTF-16 units.
      const v = String(parent[key]);
      const length = m.length >= 1_000_000 ? m.length : MAX_BY_PATH(m.path) + m.length;
      parent[key] = v + 'x'.repeat(Math.max(0, length - [...v].length));
      return m.path.join('.');
    }
    case 'unsafe': {
      const parent = getParent(e, m.path);
      const key = m.path.at(-1)!;
      const v = String(parent[key]);
      parent[key] = m.at === 'alone' ? m.char : m.at === 'start' ? `${m.char}${v}` : `${v}${m.char}`;
      return m.path.join('.');
    }
    case 'deep':
      getParent(e, m.path)[m.path.at(-1)!] = nested(m.depth, m.shape);
      return m.path.join('.');
    case 'unknownType':
      e.type = clone(m.value);
      return 'type';
    case 'unknownField':
      if (m.where === 'event') {
        e[m.key] = 1;
        return 'event';
      }
      if (m.where === 'payload') {
        (e.payload as Record<string, unknown>)[m.key] = 1;
        return 'payload';
      }
      (e.payload as { segments: Record<string, unknown>[] }).segments[0]![m.key] = 1;
      return 'payload.segments.0';
    case 'badTs':
      e.ts = m.ts;
      return 'ts';
    case 'badSegment': {
      const seg = (e.payload as { segments: Record<string, unknown>[] }).segments[0]!;
      if (m.fault === 'speaker') {
        seg.speaker = 'robot';
        return 'payload.segments.0.speaker';
      }
      seg.startS = 10;
      seg.endS = 9.5;
      return 'payload.segments.0.endS';
    }
  }
}

/** Whether the mutated item may still be sent in the flat form and mean the same. */
const flattenable = (e: Record<string, unknown>, m: Mutation): boolean =>
  typeof e.payload === 'object' && e.payload !== null && !Array.isArray(e.payload) && !(m.m === 'unknownField' && m.where === 'event');

/** The events of a call of today: offered, then answered or abandoned after its wait. */
export function callEvents(spec: CallSpec, ids: Ids, startMs: number, source: string): Stored[] {
  const callId = ids.next('c');
  const offeredMs = representable(startMs - spec.agoS * 1000, spec.style);
  const offered: Record<string, unknown> = {
    id: ids.next(),
    type: 'call.offered',
    ts: writeTs(offeredMs, spec.style),
    source,
    payload: { callId, queue: spec.queue, ...(spec.callType ? { callType: spec.callType } : {}) },
  };
  const out: Stored[] = [
    { id: offered.id as string, type: 'call.offered', ms: offeredMs, event: offered, call: { spec, callId, step: 'offered' } },
  ];
  if (spec.outcome !== 'waiting') {
    const ms = representable(offeredMs + spec.waitS * 1000, spec.style);
    const type = spec.outcome === 'answered' ? 'call.answered' : 'call.abandoned';
    const event = {
      id: ids.next(),
      type,
      ts: writeTs(ms, spec.style),
      source,
      payload: spec.outcome === 'answered' ? { callId, agentId: spec.agent } : { callId },
    };
    out.push({ id: event.id, type, ms, event, call: { spec, callId, step: spec.outcome } });
  }
  return out;
}

export interface MaterializeContext {
  ids: Ids;
  startMs: number;
  /** Instants of today's agent.state events, a second apart, so no two states of an agent share a ts. */
  nextAgentMs: () => number;
  /** Events accepted by earlier posts, for duplicates across posts. */
  earlier: Stored[];
}

export function materialize(specs: ItemSpec[], ctx: MaterializeContext): Batch {
  const items: unknown[] = [];
  const expect: Expect[] = [];
  const valid: Stored[] = [];
  const accept = (s: Stored, asSent: unknown = s.event) => {
    items.push(asSent);
    expect.push({ e: 'accepted', stored: s });
    valid.push(s);
  };
  for (const spec of specs) {
    switch (spec.k) {
      case 'call':
        for (const s of callEvents(spec.call, ctx.ids, ctx.startMs, 'fuzz')) accept(s);
        break;
      case 'agent': {
        const ms = representable(ctx.nextAgentMs(), spec.agent.style);
        const event = {
          id: ctx.ids.next(),
          type: 'agent.state',
          ts: writeTs(ms, spec.agent.style),
          source: 'fuzz',
          payload: { agentId: spec.agent.agent, state: spec.agent.state },
        };
        accept({ id: event.id, type: event.type, ms, event, agent: spec.agent });
        break;
      }
      case 'valid': {
        const event = eventOf(spec.ev, ctx.ids.next());
        accept(
          { id: event.id as string, type: spec.ev.type, ms: representable(spec.ev.ms, spec.ev.style), event },
          spec.ev.flat ? flatten(event) : event,
        );
        break;
      }
      case 'mutant': {
        const event = eventOf(spec.ev, ctx.ids.next('x'));
        const field = mutate(event, spec.mutation);
        items.push(spec.ev.flat && flattenable(event, spec.mutation) ? flatten(event) : event);
        expect.push({ e: 'rejected', field, what: spec.mutation.m });
        break;
      }
      case 'dup': {
        const pool = valid.length > 0 ? valid : ctx.earlier;
        if (pool.length === 0) break;
        const original = pool[pool.length - 1 - (spec.back % pool.length)]!;
        const again = clone(original.event);
        // Another ts, still inside the window: later, unless that would pass the suite's start, then earlier.
        const later = original.ms + spec.laterS * 1000;
        const ms = later < ctx.startMs - 60_000 ? later : original.ms - spec.laterS * 1000;
        again.ts = writeTs(ms, { offsetMin: 60, digits: 3 });
        items.push(again);
        expect.push({ e: 'duplicate', of: original.id });
        break;
      }
      case 'notObject':
        items.push(clone(spec.value));
        expect.push({ e: 'rejected', field: 'event', what: 'notObject' });
        break;
    }
  }
  return { items, expect, depth: depthOf(items) };
}

/** A body-level case as sent: its text, content type and the status and field the answer must have. */
export function bodyRequest(
  c: BodyCase,
  ids: Ids,
  startMs: number,
): { text: string; contentType: string; status: number; field: string; code?: string; events: Stored[] } {
  const validEvent = (summary: string): Stored => {
    const ms = startMs - 3 * 86_400_000;
    const event = {
      id: ids.next('b'),
      type: 'call.dispositioned',
      ts: new Date(ms).toISOString(),
      source: 'fuzz',
      payload: { callId: 'body-call', agentId: 'body-agent', category: 'inquiry', summary },
    };
    return { id: event.id, type: event.type, ms, event };
  };
  switch (c.b) {
    case 'notArray':
      return {
        text: JSON.stringify(c.value),
        contentType: 'application/json',
        status: 400,
        field: 'body',
        code: 'NOT_AN_ARRAY',
        events: [],
      };
    case 'tooDeep':
      return {
        text: '['.repeat(c.depth) + ']'.repeat(c.depth),
        contentType: 'application/json',
        status: 400,
        field: 'body',
        code: 'TOO_DEEP',
        events: [],
      };
    case 'malformed':
      return { text: c.text, contentType: 'application/json', status: 400, field: 'body', code: 'INVALID_JSON', events: [] };
    case 'protoKey': {
      const e = validEvent('proto');
      const text = JSON.stringify([e.event]).replace('{"id"', '{"__proto__":{"polluted":true},"id"');
      return { text, contentType: 'application/json', status: 400, field: 'body', code: 'INVALID_JSON', events: [e] };
    }
    case 'tooMany': {
      const events = Array.from({ length: 5001 }, () => validEvent('many'));
      return {
        text: JSON.stringify(events.map((e) => e.event)),
        contentType: 'application/json',
        status: 413,
        field: 'body',
        code: 'TOO_MANY_EVENTS',
        events,
      };
    }
    case 'tooLarge': {
      const events = Array.from({ length: 1400 }, () => validEvent('y'.repeat(3900)));
      return {
        text: JSON.stringify(events.map((e) => e.event)),
        contentType: 'application/json',
        status: 413,
        field: 'body',
        code: 'BODY_TOO_LARGE',
        events,
      };
    }
    case 'form':
      return {
        text: 'id=x&type=call.offered',
        contentType: 'application/x-www-form-urlencoded',
        status: 415,
        field: 'content-type',
        code: 'UNSUPPORTED_MEDIA_TYPE',
        events: [],
      };
    case 'text':
      // Read as one string, which is not an array of events.
      return {
        text: JSON.stringify([validEvent('text').event]),
        contentType: 'text/plain',
        status: 400,
        field: 'body',
        code: 'NOT_AN_ARRAY',
        events: [],
      };
    case 'empty':
      return { text: '[]', contentType: 'application/json', status: 202, field: '', events: [] };
  }
}
