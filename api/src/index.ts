export { createApp, registeredRoutes, type RegisteredRoute, BODY_LIMIT_BYTES } from './app.js';
export { ROLES, USER_ROLES, can, type Role, type UserRole, type Scope } from './auth/access/roles.js';
export { loadConfig, configSchema, type AppConfig, ConfigError } from './config/config.js';
export { WriterService } from './writer/writer.service.js';
export { WriterRepository } from './writer/writer.repository.js';
export { EmbeddedEventLog } from './log/embedded-event-log.js';
export { DEDUPE_BUCKETS, DEDUPE_WINDOW_HOURS, RedisEventLog, idFingerprint, redisKeys, WRITER_GROUP } from './log/redis-event-log.js';
export type { EventLog, AppendResult } from './log/event-log.js';
export { createApiKey, createIngestKey, createKioskToken } from './auth/credentials/credentials.service.js';
export { createUser } from './auth/users/users.service.js';
export { SESSION_COOKIE } from './auth/sessions/cookies.js';
export { RedisRevocationBus, type Revocation } from './auth/sessions/revocations.js';
export { AuditRepository } from './auth/audit/audit.repository.js';
export { AuditService } from './auth/audit/audit.service.js';
export { RedisBroadcast } from './infra/broadcast.js';
export { RedisClients } from './infra/redis.js';
export { SettingsRepository } from './settings/settings.repository.js';
export { SettingsService } from './settings/settings.service.js';
export { RulesBook, loadRulesBook } from './settings/rules-book.js';
export { CSRF_HEADER } from './auth/access/auth.guard.js';
export { simulate } from './simulator/index.js';
export { buildCalls, type CallRow } from './calls/call-state.js';
export { buildAgentIntervals } from './calls/agent-intervals.js';
export { canonicalEvent, type CanonicalEvent } from './events/event.schema.js';
export { maskCaller } from './common/mask.js';
export { DB } from './database/database.module.js';
export { LiveService } from './live/live.service.js';
export { QaService } from './qa/qa.service.js';
export { seedQaDemo } from './qa/qa.demo.js';
export { DemoService, DEMO_HISTORY_DAYS } from './demo/demo.module.js';
export type * from './live/live.wire.js';
export {
  QueueLogReader,
  QueueLogMapper,
  QueueLogParser,
  readQueueLog,
  detectFormat,
  formatSummary,
  type ImportSummary,
  type ReaderState,
} from './sources/queue-log/index.js';
