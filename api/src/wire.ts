/**
 * The contract shared with the wallboard. Wire modules built on zod are
 * exported as types only, so the browser bundle never includes zod; the
 * run-time values the wallboard needs come from zod-free modules.
 */
export type { CanonicalEvent, EventType, EventOf, AgentStateName, CallCategory } from './events/event.schema.js';
export type { TodayResponse, TodayFigures, TodayQueue } from './today/today.wire.js';
export type { IngestResult, Rejection } from './ingest/ingest.wire.js';
export type * from './auth/auth.wire.js';
export type { Role, UserRole, KeyRole, Scope, Capability } from './auth/access.js';
export { ROLES, USER_ROLES, KEY_ROLES, CAPABILITIES, can, capabilitiesOf } from './auth/access.js';
export type {
  AgentCounts,
  BreachCounts,
  BreachRule,
  Figures,
  HourVolume,
  LiveAgent,
  LiveBreach,
  LiveCallRow,
  LiveCallsPage,
  LiveClientToServerEvents,
  LivePatch,
  LiveQueue,
  LiveQueuePatch,
  LiveQueueRules,
  LiveServerToClientEvents,
  LiveSnapshot,
  SessionEnded,
  Staffing,
  SubscribeAck,
  SubscribeRequest,
  Subscription,
  WaitingCall,
} from './live/live.wire.js';
export type { DrillFigure } from './live/live.constants.js';
export { AT_RISK_SHARE, DRILL_FIGURES, DRILL_DEFAULT_LIMIT, DRILL_MAX_LIMIT } from './live/live.constants.js';
export type * from './settings/settings.wire.js';
