/**
 * The contract shared with the wallboard. Wire modules built on zod are
 * exported as types only, so the browser bundle never includes zod; the
 * run-time values the wallboard needs come from zod-free modules.
 */
export type { CanonicalEvent, EventType, EventOf, AgentStateName, CallCategory } from './events/event.schema.js';
export type { TodayResponse, TodayFigures, TodayQueue } from './today/today.wire.js';
export type { TrendRow, TrendsHeatCell, TrendsHeatmapResponse, TrendsResponse } from './trends/trends.wire.js';
export type { TrendsQuery } from './trends/trends.schemas.js';
export type { TrendComparison, TrendGranularity, TrendMetric, TrendSource } from './trends/trends.constants.js';
export { TREND_COMPARISONS, TREND_GRANULARITIES, TREND_METRICS, TREND_SOURCES } from './trends/trends.constants.js';
export type { IngestResult, Rejection } from './ingest/ingest.wire.js';
export type { SessionInfo } from './auth/sessions/sessions.wire.js';
export type { LoginRequest, KioskSignInRequest, ChangePasswordRequest } from './auth/sessions/sessions.schemas.js';
export type { UserView, KnownScopes } from './auth/users/users.wire.js';
export type { CreateUserRequest, UpdateUserRequest } from './auth/users/users.schemas.js';
export type { ApiKeyView, CreatedApiKey, KioskTokenView, CreatedKioskToken } from './auth/credentials/credentials.wire.js';
export type { CreateApiKeyRequest } from './auth/credentials/credentials.schemas.js';
export type { AuditOutcome, AuditEntry, AuditPage } from './auth/audit/audit.wire.js';
export type { Role, UserRole, KeyRole, Scope, Capability } from './auth/access/roles.js';
export { ROLES, USER_ROLES, KEY_ROLES, CAPABILITIES, can, capabilitiesOf } from './auth/access/roles.js';
export type {
  AgentCounts,
  BreachCounts,
  BreachRule,
  Figures,
  HourVolume,
  LiveAgent,
  LiveAgentPatch,
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
export type { QueueSettings, QueueSettingsList, NotReadyLimit, NotReadyLimitList } from './settings/settings.wire.js';
export type { UpdateQueueRulesRequest, UpdateNotReadyLimitsRequest } from './settings/settings.schemas.js';
export type {
  CalibrationDetail,
  CalibrationList,
  CalibrationView,
  EvaluationDetail,
  EvaluationList,
  EvaluationSummary,
  QaFormList,
  QaFormView,
  QaPeople,
  QaProgress,
  QaSummary,
  SamplingPlanView,
  SamplingRedraw,
  SamplingRunList,
  SamplingRunView,
  ScoreResult,
} from './qa/qa.wire.js';
export type {
  CreateCalibrationRequest,
  CreatePlanRequest,
  CreateRunRequest,
  EvaluationsQuery,
  ResolveRequest,
  SaveDraftRequest,
  SummaryQuery,
} from './qa/qa.schemas.js';
