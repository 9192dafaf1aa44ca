/** Types shared with the wallboard (imported as types only). */
export type { CanonicalEvent, EventType, EventOf, AgentStateName, CallCategory } from './events/event.schema.js';
export type { TodayResponse, TodayFigures, TodayQueue } from './today/today.figures.js';
export type { IngestResult } from './ingest/ingest.service.js';
