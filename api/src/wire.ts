/** Types shared with the wallboard (imported as types only). */
export type { CanonicalEvent, EventType, EventOf, AgentStateName, CallCategory } from './events/event.schema.js';
export type { TodayResponse, TodayFigures, TodayQueue } from './today/today.wire.js';
export type { IngestResult } from './ingest/ingest.service.js';
export type * from './auth/auth.wire.js';
export type { Role, UserRole, KeyRole, Scope, Capability } from './auth/access.js';
export { ROLES, USER_ROLES, KEY_ROLES, CAPABILITIES, can, capabilitiesOf } from './auth/access.js';
export type * from './live/live.wire.js';
export { AT_RISK_SHARE, DRILL_FIGURES, DRILL_DEFAULT_LIMIT, DRILL_MAX_LIMIT } from './live/live.wire.js';
export type * from './settings/settings.wire.js';
