/**
 * Canonical events (SPEC §2): the only input Callboard accepts. Every source —
 * HTTP, Asterisk queue_log, the simulator — produces these. The zod schemas are
 * the validation at the edge and, through z.infer, the TypeScript types used
 * everywhere behind it (the wallboard imports them as types from `wire.ts`).
 */
import { z } from 'zod';

/** ISO 8601 with an explicit offset (Z or ±hh:mm), millisecond precision at most. */
const isoTs = z.iso
  .datetime({ offset: true, message: 'ts must be ISO 8601 with an offset, e.g. 2026-03-01T09:15:00.250+08:00' })
  .refine((s) => !/\.\d{4,}/.test(s), { message: 'ts must have millisecond precision at most' });

const id = (what: string) => z.string().min(1, `${what} must not be empty`).max(200, `${what} is longer than 200 characters`);

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

const ev = <T extends string, P extends z.ZodRawShape>(type: T, payload: P) =>
  z.object({ ...base, type: z.literal(type), payload: z.object(payload).strict() }).strict();

export const callOffered = ev('call.offered', {
  callId: id('callId'),
  queue: id('queue'),
  callType: id('callType').optional(),
  caller: z.string().max(64).optional(),
  channel: z.string().max(64).optional(),
});
export const callRinging = ev('call.ringing', { callId: id('callId'), agentId: id('agentId') });
export const callAnswered = ev('call.answered', { callId: id('callId'), agentId: id('agentId') });
export const callHeld = ev('call.held', { callId: id('callId') });
export const callResumed = ev('call.resumed', { callId: id('callId') });
export const callTransferred = ev('call.transferred', {
  callId: id('callId'),
  toQueue: id('toQueue').optional(),
  toAgent: id('toAgent').optional(),
});
export const callAbandoned = ev('call.abandoned', { callId: id('callId') });
export const callTimedOut = ev('call.timed_out', { callId: id('callId') });
export const callEnded = ev('call.ended', { callId: id('callId'), endedBy: z.enum(ENDED_BY) });
export const callDispositioned = ev('call.dispositioned', {
  callId: id('callId'),
  agentId: id('agentId'),
  category: z.enum(CALL_CATEGORIES),
  callType: id('callType').optional(),
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
  agentId: id('agentId'),
  state: z.enum(AGENT_STATES),
  reason: z.string().max(100).optional(),
  name: z.string().max(200).optional(),
  team: id('team').optional(),
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
