/**
 * Canonical events (SPEC §2): the only input Callboard accepts. Every source —
 * HTTP, Asterisk queue_log, the simulator — produces these. The zod schemas are
 * the validation at the edge and, through z.infer, the TypeScript types used
 * everywhere behind it (the wallboard imports them as types from `wire.ts`).
 */
import { z } from 'zod';
import { UNSAFE_TEXT_MESSAGE, hasUnsafeText } from '../common/text.js';

/** ISO 8601 with an explicit offset (Z or ±hh:mm), millisecond precision at most. */
const isoTs = z.iso
  .datetime({ offset: true, message: 'ts must be ISO 8601 with an offset, e.g. 2026-03-01T09:15:00.250+08:00' })
  .refine((s) => !/\.\d{4,}/.test(s), { message: 'ts must have millisecond precision at most' })
  .refine(isStorable, { message: 'ts must be in year 0001 or later, with an offset of at most ±15:59' });

/** PostgreSQL has no year 0000 and refuses offsets beyond ±15:59 (the schema above already checks the calendar). */
function isStorable(ts: string): boolean {
  const offset = /([+-])(\d\d):?\d\d$/.exec(ts);
  return !ts.startsWith('0000') && (offset === null || Number(offset[2]) <= 15);
}

const id = (what: string) => z.string().min(1, `${what} must not be empty`).max(200, `${what} is longer than 200 characters`);
/** Queue, call type, agent and team names: shown on the wallboard and held by the live engine, so kept short. */
const label = (what: string) => z.string().min(1, `${what} must not be empty`).max(100, `${what} is longer than 100 characters`);

export const CALL_CATEGORIES = ['inquiry', 'complex', 'complaint', 'other'] as const;
export const AGENT_STATES = ['offline', 'available', 'ringing', 'on_call', 'wrap_up', 'not_ready'] as const;
export const CASE_RESOLUTIONS = ['resolved', 'partial', 'unresolved'] as const;
export const SATISFACTION = ['satisfied', 'basic', 'dissatisfied'] as const;
export const ENDED_BY = ['caller', 'agent', 'system'] as const;

const base = {
  id: id('id'),
  ts: isoTs,
  source: z.string().min(1).max(100),
};

/** String fields that hold free text, where tabs and line breaks belong. */
const FREE_TEXT = new Set(['summary', 'note', 'text']);

/** Every string of an event, at any depth, with its path: the values PostgreSQL stores and the wallboard shows. */
function* strings(value: unknown, path: PropertyKey[]): Generator<{ path: PropertyKey[]; value: string }> {
  if (typeof value === 'string') yield { path, value };
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...path, i]);
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}

const ev = <T extends string, P extends z.ZodRawShape>(type: T, payload: P) =>
  z
    .object({ ...base, type: z.literal(type), payload: z.object(payload).strict() })
    .strict()
    .superRefine((event, ctx) => {
      for (const s of strings(event, [])) {
        if (hasUnsafeText(s.value, FREE_TEXT.has(String(s.path.at(-1))))) {
          ctx.addIssue({ code: 'custom', path: s.path, message: UNSAFE_TEXT_MESSAGE });
        }
      }
    });

export const callOffered = ev('call.offered', {
  callId: id('callId'),
  queue: label('queue'),
  callType: label('callType').optional(),
  caller: z.string().max(64).optional(),
  channel: z.string().max(64).optional(),
});
export const callRinging = ev('call.ringing', { callId: id('callId'), agentId: label('agentId') });
export const callAnswered = ev('call.answered', { callId: id('callId'), agentId: label('agentId') });
export const callHeld = ev('call.held', { callId: id('callId') });
export const callResumed = ev('call.resumed', { callId: id('callId') });
export const callTransferred = ev('call.transferred', {
  callId: id('callId'),
  toQueue: label('toQueue').optional(),
  toAgent: label('toAgent').optional(),
});
export const callAbandoned = ev('call.abandoned', { callId: id('callId') });
export const callTimedOut = ev('call.timed_out', { callId: id('callId') });
export const callEnded = ev('call.ended', { callId: id('callId'), endedBy: z.enum(ENDED_BY) });
export const callDispositioned = ev('call.dispositioned', {
  callId: id('callId'),
  agentId: label('agentId'),
  category: z.enum(CALL_CATEGORIES),
  callType: label('callType').optional(),
  summary: z.string().max(4000).optional(),
});
export const callRecording = ev('call.recording', {
  callId: id('callId'),
  url: z.string().url().max(2000),
  durationS: z.number().nonnegative(),
});
export const transcriptSegment = z
  .object({
    speaker: z.enum(['agent', 'customer']),
    startS: z.number().nonnegative(),
    endS: z.number().nonnegative(),
    text: z.string().max(10000),
  })
  .strict()
  .refine((s) => s.endS >= s.startS, { message: 'endS must not be before startS', path: ['endS'] });
export const callTranscript = ev('call.transcript', {
  callId: id('callId'),
  segments: z.array(transcriptSegment).max(5000),
});
export const agentState = ev('agent.state', {
  agentId: label('agentId'),
  state: z.enum(AGENT_STATES),
  reason: z.string().max(100).optional(),
  name: z.string().max(100).optional(),
  team: label('team').optional(),
  /** The agent's full queue membership from this event on (SPEC §2), e.g. from Asterisk's ADDMEMBER/REMOVEMEMBER. */
  queues: z.array(label('queue')).max(1000, 'queues lists more than 1000 queues').optional(),
});
export const caseOpened = ev('case.opened', {
  caseId: id('caseId'),
  callId: id('callId').optional(),
  category: z.enum(CALL_CATEGORIES),
  customerRef: z.string().max(200).optional(),
  foreign: z.boolean().optional(),
});
const caseStep = <T extends string>(t: T) => ev(t, { caseId: id('caseId'), resolution: z.enum(CASE_RESOLUTIONS).optional() });
export const caseReplied = caseStep('case.replied');
export const caseResolved = caseStep('case.resolved');
export const caseClosed = caseStep('case.closed');
export const caseFollowedUp = ev('case.followed_up', {
  caseId: id('caseId'),
  satisfaction: z.enum(SATISFACTION),
  note: z.string().max(4000).optional(),
});

export const canonicalEvent = z.discriminatedUnion('type', [
  callOffered,
  callRinging,
  callAnswered,
  callHeld,
  callResumed,
  callTransferred,
  callAbandoned,
  callTimedOut,
  callEnded,
  callDispositioned,
  callRecording,
  callTranscript,
  agentState,
  caseOpened,
  caseReplied,
  caseResolved,
  caseClosed,
  caseFollowedUp,
]);

export type CanonicalEvent = z.infer<typeof canonicalEvent>;
export type EventType = CanonicalEvent['type'];
export type EventOf<T extends EventType> = Extract<CanonicalEvent, { type: T }>;
export type AgentStateName = (typeof AGENT_STATES)[number];
export type CallCategory = (typeof CALL_CATEGORIES)[number];
export const EVENT_TYPES = canonicalEvent.options.map((o) => o.shape.type.value) as EventType[];

/** Fields every event has, whatever its type: what can be stored of an event whose payload was rejected. */
export interface EventEnvelope {
  id: string;
  ts: string;
  type: string;
  source: string;
}

/** callId / agentId / queue / caseId of an event, for indexing and routing. */
export function eventKeys(e: CanonicalEvent): { callId?: string; agentId?: string; queue?: string; caseId?: string } {
  const p = e.payload as Record<string, unknown>;
  const s = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  return { callId: s('callId'), agentId: s('agentId'), queue: s('queue'), caseId: s('caseId') };
}
