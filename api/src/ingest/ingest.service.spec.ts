import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../auth/access/principal.js';
import { ALL_SCOPE } from '../auth/access/roles.js';
import { AuditService } from '../auth/audit/audit.service.js';
import { loadConfig } from '../config/config.js';
import type { CanonicalEvent } from '../events/event.schema.js';
import { LiveService } from '../live/live.service.js';
import type { EventLog } from '../log/event-log.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { type Mocked, automock } from '../testing/automock.js';
import { IngestService } from './ingest.service.js';

// The server clock of every request here: 2026-03-02 09:00 in Shanghai; the window is 2026-01-26T01:00Z … 2026-03-02T01:05Z.
const NOW = Date.parse('2026-03-02T01:00:00.000Z');
const offer = (id: string, ts: string) => ({
  id,
  type: 'call.offered',
  ts,
  source: 'pbx',
  payload: { callId: `c-${id}`, queue: 'billing' },
});

const key = (backfill: boolean): Principal => ({
  kind: 'key',
  id: 'k1',
  name: 'queue-log-import',
  role: 'ingest',
  scope: ALL_SCOPE,
  ...(backfill ? { backfill: true } : {}),
});
const BY = (actor: Principal) => ({ actor, ip: '10.0.0.9' });

let appended: CanonicalEvent[][];
let log: EventLog;
let audit: Mocked<AuditService>;
let ingest: IngestService;

beforeEach(() => {
  appended = [];
  const held = new Set<string>(['known']);
  log = {
    append: vi.fn(async (events: CanonicalEvent[]) => {
      appended.push(events);
      const duplicateIndexes = events.flatMap((e, i) => (held.has(e.id) ? [i] : []));
      for (const e of events) held.add(e.id);
      return { accepted: events.length - duplicateIndexes.length, duplicateIndexes };
    }),
  } as unknown as EventLog;
  const live = automock(LiveService);
  live.namesToday.mockReturnValue({
    startMs: Date.parse('2026-03-01T16:00:00Z'),
    endMs: Date.parse('2026-03-02T16:00:00Z'),
    queues: new Set(),
    agents: new Set(),
  });
  audit = automock(AuditService);
  ingest = new IngestService(log, new MetricsService(), live, audit, loadConfig({}));
});

describe('IngestService: the window of dates', () => {
  it('rejects per item what lies outside now − 35 days … now + 5 minutes, accepting the rest, and audits nothing', async () => {
    const r = await ingest.ingest(
      [
        offer('edge-old', '2026-01-26T01:00:00.000Z'),
        offer('too-old', '2026-01-26T00:59:59.999Z'),
        offer('edge-ahead', '2026-03-02T01:05:00.000Z'),
        offer('ahead', '2099-01-01T00:00:00Z'),
      ],
      { by: BY(key(true)), nowMs: NOW },
    );
    expect(r.accepted).toBe(2);
    expect(r.rejected).toEqual([
      {
        index: 1,
        error:
          'ts: 2026-01-26T00:59:59.999Z is more than 35 days old (accepted: 2026-01-26T01:00:00.000Z … 2026-03-02T01:05:00.000Z); older history goes through a back-fill (?backfill=true)',
      },
      {
        index: 3,
        error:
          'ts: 2099-01-01T00:00:00Z is more than 5 minutes ahead of the server clock (accepted: 2026-01-26T01:00:00.000Z … 2026-03-02T01:05:00.000Z)',
      },
    ]);
    expect(appended.flat().map((e) => e.id)).toEqual(['edge-old', 'edge-ahead']);
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('reads the window from CALLBOARD_EVENT_MAX_AGE_D and CALLBOARD_EVENT_MAX_AHEAD_MIN', async () => {
    const live = automock(LiveService);
    live.namesToday.mockReturnValue({ startMs: 0, endMs: 0, queues: new Set(), agents: new Set() });
    const config = loadConfig({ CALLBOARD_EVENT_MAX_AGE_D: '2', CALLBOARD_EVENT_MAX_AHEAD_MIN: '1' });
    const narrow = new IngestService(log, new MetricsService(), live, audit, config);
    const r = await narrow.ingest(
      [offer('a', '2026-02-28T01:00:00.000Z'), offer('b', '2026-02-28T00:59:59.999Z'), offer('c', '2026-03-02T01:01:00.001Z')],
      { nowMs: NOW },
    );
    expect(r.accepted).toBe(1);
    const range = 'accepted: 2026-02-28T01:00:00.000Z … 2026-03-02T01:01:00.000Z';
    expect(r.rejected.map((x) => x.error)).toEqual([
      `ts: 2026-02-28T00:59:59.999Z is more than 2 days old (${range}); older history goes through a back-fill (?backfill=true)`,
      `ts: 2026-03-02T01:01:00.001Z is more than 1 minute ahead of the server clock (${range})`,
    ]);
  });

  it('reads the clock once per request: a batch is judged against one instant', async () => {
    const spy = vi.spyOn(Date, 'now').mockReturnValue(NOW);
    try {
      const r = await ingest.ingest([offer('x', '2026-03-02T01:05:00.000Z'), offer('y', '2026-03-02T01:05:00.000Z')], {
        by: BY(key(false)),
      });
      expect(r).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('IngestService: back-fills', () => {
  const history = [
    offer('h2', '2025-06-30T23:59:59.000+08:00'),
    offer('h1', '2025-01-01T00:00:00.000Z'),
    offer('bad', '1999-12-31T23:59:59.999Z'),
    offer('known', '2025-03-01T00:00:00Z'),
    offer('h3', '2026-03-01T12:00:00Z'),
  ];

  it('takes older history from a key with the back-fill permission and writes one audit entry with who, counts and the span', async () => {
    const r = await ingest.ingest(history, { backfill: true, by: BY(key(true)), nowMs: NOW });
    expect(r).toEqual({
      accepted: 3,
      duplicates: 1,
      rejected: [
        { index: 2, error: expect.stringMatching(/^ts: 1999-12-31T23:59:59\.999Z is before 2000-01-01, the earliest a back-fill takes/) },
      ],
    });
    expect(audit.record).toHaveBeenCalledExactlyOnceWith({
      action: 'events.backfill',
      actor: key(true),
      ip: '10.0.0.9',
      // h1 is the earliest; h3 the latest; 'known' was already in the log and is not counted as added.
      detail: {
        posted: 5,
        accepted: 3,
        duplicates: 1,
        rejected: 1,
        earliest: '2025-01-01T00:00:00.000Z',
        latest: '2026-03-01T12:00:00.000Z',
      },
    });
  });

  it('still refuses dates ahead of the clock in a back-fill', async () => {
    const r = await ingest.ingest([offer('f', '2026-03-02T01:05:00.001Z')], { backfill: true, by: BY(key(true)), nowMs: NOW });
    expect(r.accepted).toBe(0);
    expect(r.rejected[0]!.error).toMatch(
      /^ts: 2026-03-02T01:05:00\.001Z is more than 5 minutes ahead of the server clock \(accepted: 2000-01-01T00:00:00\.000Z … /,
    );
    expect(audit.record).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({
        action: 'events.backfill',
        detail: { posted: 1, accepted: 0, duplicates: 0, rejected: 1, earliest: null, latest: null },
      }),
    );
  });

  it.each([
    ['an ingest key without the permission', key(false)],
    ['a metrics key', { ...key(false), role: 'metrics' } as Principal],
  ])('refuses a back-fill from %s with 403, appends nothing and audits the refusal', async (_what, actor) => {
    await expect(ingest.ingest(history, { backfill: true, by: BY(actor), nowMs: NOW })).rejects.toMatchObject({
      status: 403,
      response: { code: 'BACKFILL_FORBIDDEN', field: 'backfill' },
    });
    expect(appended).toEqual([]);
    expect(audit.record).toHaveBeenCalledExactlyOnceWith({
      action: 'events.backfill',
      outcome: 'denied',
      actor,
      ip: '10.0.0.9',
      detail: { reason: 'no back-fill permission' },
    });
  });

  it('allows an admin, and refuses a request without a principal', async () => {
    const admin: Principal = { kind: 'user', id: 'u1', name: 'admin', role: 'admin', scope: ALL_SCOPE };
    expect((await ingest.ingest([offer('h9', '2025-01-01T00:00:00Z')], { backfill: true, by: BY(admin), nowMs: NOW })).accepted).toBe(1);
    await expect(ingest.ingest([], { backfill: true, nowMs: NOW })).rejects.toMatchObject({ status: 403 });
  });
});
