import { beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/access/principal.js';
import type { Role } from '../auth/access/roles.js';
import { ApiKeyVerifier } from '../auth/credentials/api-key.verifier.js';
import { type Session, SessionsService } from '../auth/sessions/sessions.service.js';
import { LiveService } from '../live/live.service.js';
import { EmbeddedEventLog } from '../log/embedded-event-log.js';
import { type Mocked, automock } from '../testing/automock.js';
import { HealthRepository } from './health.repository.js';
import { HealthService } from './health.service.js';

const LIVE = {
  ready: true,
  day: '2026-03-02',
  lastEventAt: '2026-03-02T01:59:58.000Z',
  events: 120,
  calls: 40,
  agents: 12,
  flushes: 12,
  workMs: 3.5,
};
const ALL = { queues: null, teams: null };

let database: Mocked<HealthRepository>;
let log: Mocked<EmbeddedEventLog>;
let keys: Mocked<ApiKeyVerifier>;
let sessions: Mocked<SessionsService>;
let health: HealthService;

const key = (role: Role): Principal => ({ kind: 'key', id: `k-${role}`, name: role, role, scope: ALL });
const session = (role: Role): Session =>
  ({ id: `s-${role}`, kind: 'user', principal: { kind: 'user', id: `u-${role}`, name: role, role, scope: ALL } }) as Session;

beforeEach(() => {
  database = automock(HealthRepository, { kind: 'embedded' });
  log = automock(EmbeddedEventLog);
  log.health.mockResolvedValue({ ok: true, kind: 'embedded', lagEntries: 3, lagSeconds: 1.23456 });
  const live = automock(LiveService);
  live.health.mockReturnValue(LIVE);
  keys = automock(ApiKeyVerifier);
  keys.principal.mockResolvedValue(null);
  sessions = automock(SessionsService);
  sessions.check.mockResolvedValue({ ok: false, reason: 'invalid' });
  health = new HealthService(database, log, live, keys, sessions);
});

describe('HealthService', () => {
  it('is ok when the database and the log answer, with the writer lag to the millisecond', async () => {
    expect(await health.check()).toEqual({
      status: 'ok',
      database: { ok: true, kind: 'embedded', latencyMs: expect.any(Number) },
      log: { ok: true, kind: 'embedded' },
      // 1.23456 s rounds to 1.235 s.
      writer: { lagEntries: 3, lagSeconds: 1.235 },
      live: LIVE,
    });
  });

  it('is degraded, saying why, when the database does not answer', async () => {
    database.ping.mockRejectedValue(new Error('connection refused'));
    const report = await health.check();
    expect(report.status).toBe('degraded');
    expect(report.database).toEqual({ ok: false, kind: 'embedded', detail: 'connection refused' });
  });

  it('is degraded when the log does not answer', async () => {
    log.health.mockResolvedValue({ ok: false, kind: 'redis', lagEntries: 0, lagSeconds: 0, detail: 'ECONNREFUSED' });
    const report = await health.check();
    expect(report.status).toBe('degraded');
    expect(report.log).toEqual({ ok: false, kind: 'redis', detail: 'ECONNREFUSED' });
  });
});

describe('HealthService.report', () => {
  it('tells a caller without credentials only whether each part answers', async () => {
    database.ping.mockRejectedValue(new Error('password authentication failed for user "callboard"'));
    expect(await health.report({})).toEqual({ status: 'degraded', database: { ok: false }, log: { ok: true } });
    expect(keys.principal).not.toHaveBeenCalled();
    expect(sessions.check).not.toHaveBeenCalled();
  });

  it('gives the full report to a metrics key and the short one to an ingest key or an unknown key', async () => {
    keys.principal.mockImplementation(async (secret) =>
      secret === 'metrics-secret' ? key('metrics') : secret === 'ingest-secret' ? key('ingest') : null,
    );
    expect(await health.report({ bearer: 'metrics-secret' })).toMatchObject({ writer: { lagEntries: 3 }, live: LIVE });
    expect(await health.report({ bearer: 'ingest-secret' })).toEqual({ status: 'ok', database: { ok: true }, log: { ok: true } });
    expect(await health.report({ bearer: 'guessed' })).toEqual({ status: 'ok', database: { ok: true }, log: { ok: true } });
  });

  it('gives the full report to an admin session and the short one to other roles and to ended sessions', async () => {
    sessions.check.mockImplementation(async (token) =>
      token === 'admin-cookie'
        ? { ok: true, session: session('admin'), issuedAt: 0 }
        : token === 'manager-cookie'
          ? { ok: true, session: session('manager'), issuedAt: 0 }
          : { ok: false, reason: 'expired' },
    );
    database.ping.mockRejectedValue(new Error('connection refused'));
    expect(await health.report({ sessionToken: 'admin-cookie' })).toMatchObject({
      database: { ok: false, kind: 'embedded', detail: 'connection refused' },
      live: LIVE,
    });
    const short = { status: 'degraded', database: { ok: false }, log: { ok: true } };
    expect(await health.report({ sessionToken: 'manager-cookie' })).toEqual(short);
    expect(await health.report({ sessionToken: 'old-cookie' })).toEqual(short);
    expect(await health.report({ bearer: null, sessionToken: 'manager-cookie' })).toEqual(short);
  });

  it('gives the short answer, not an error, when the database cannot check the credential', async () => {
    database.ping.mockRejectedValue(new Error('connection refused'));
    sessions.check.mockRejectedValue(new Error('connection refused'));
    keys.principal.mockRejectedValue(new Error('connection refused'));
    const short = { status: 'degraded', database: { ok: false }, log: { ok: true } };
    expect(await health.report({ sessionToken: 'admin-cookie' })).toEqual(short);
    expect(await health.report({ bearer: 'metrics-secret' })).toEqual(short);
  });
});
