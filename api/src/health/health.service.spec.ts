import { beforeEach, describe, expect, it } from 'vitest';
import { LiveService } from '../live/live.service.js';
import { EmbeddedEventLog } from '../log/embedded-event-log.js';
import { type Mocked, automock } from '../testing/automock.js';
import { HealthRepository } from './health.repository.js';
import { HealthService } from './health.service.js';

const LIVE = { ready: true, day: '2026-03-02', lastEventAt: '2026-03-02T01:59:58.000Z', events: 120, calls: 40, agents: 12 };

let database: Mocked<HealthRepository>;
let log: Mocked<EmbeddedEventLog>;
let health: HealthService;

beforeEach(() => {
  database = automock(HealthRepository, { kind: 'embedded' });
  log = automock(EmbeddedEventLog);
  log.health.mockResolvedValue({ ok: true, kind: 'embedded', lagEntries: 3, lagSeconds: 1.23456 });
  const live = automock(LiveService);
  live.health.mockReturnValue(LIVE);
  health = new HealthService(database, log, live);
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
