/** Messages of the `/live` namespace. */
import type { TodayResponse } from '../today/today.figures.js';

/** `subscribe {queues?, teams?}`: omitted lists mean the whole scope. */
export interface SubscribeRequest {
  queues?: string[];
  teams?: string[];
}

export type SubscribeAck =
  | { ok: true; seq: number; subscription: { queues: string[] | null; teams: string[] | null } }
  | { ok: false; error: { code: 'BAD_REQUEST' | 'FORBIDDEN' | 'SESSION_EXPIRED'; message: string; field?: string } };

/** Sent after each accepted subscribe: today's figures for the subscribed queues. */
export interface LiveSnapshot extends TodayResponse {
  seq: number;
  subscription: { queues: string[] | null; teams: string[] | null };
}

/** Sent before the server disconnects a socket whose session ended. */
export interface SessionEnded {
  reason: string;
}
