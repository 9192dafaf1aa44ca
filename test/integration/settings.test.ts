/**
 * Queue rules and not-ready limits through the running app: an admin's change
 * applies to calls offered from then on and never rewrites earlier ones; only
 * admins change settings; every wallboard reads them within its scope; changes
 * are audited; and a change reaches other API processes through Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository, AuditService, RedisBroadcast, RedisClients, SettingsRepository, SettingsService } from '@callboard/api';
import { type EmbeddedDb, migrate, openEmbedded } from '@callboard/db';
import { type RunningApp, postEvents, startApp, until } from '../support/app.js';
import { type Principals, signInEveryRole } from '../support/auth.js';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let app: RunningApp;
let who: Principals;
const admin = () => who.byRole.admin!;

beforeAll(async () => {
  app = await startApp();
  who = await signInEveryRole(app);
}, 60_000);
afterAll(async () => app?.close());

let n = 0;
const ev = (type: string, atMs: number, payload: Record<string, unknown>) => ({
  id: `set-${++n}`,
  type,
  ts: new Date(atMs).toISOString(),
  source: 'test',
  payload,
});

/** Offered at `offeredMs`, answered by a1 `waitS` later, ended a minute after. */
const answeredCall = (callId: string, queue: string, offeredMs: number, waitS: number) => [
  ev('call.offered', offeredMs, { callId, queue }),
  ev('call.ringing', offeredMs + 1_000, { callId, agentId: 'a1' }),
  ev('call.answered', offeredMs + waitS * 1_000, { callId, agentId: 'a1' }),
  ev('call.ended', offeredMs + waitS * 1_000 + 60_000, { callId, endedBy: 'caller' }),
];

interface CallRow {
  call_id: string;
  wait_s: number;
  sl_threshold_s: number;
  short_abandon_s: number;
  answered_in_threshold: boolean;
  category: string | null;
}

const callRow = (callId: string) =>
  until(`call ${callId} answered`, async () => {
    const r = await app.db.query<CallRow>(
      `SELECT call_id, wait_s, sl_threshold_s, short_abandon_s, answered_in_threshold, category FROM calls WHERE call_id = $1 AND outcome = 'answered'`,
      [callId],
    );
    return r.rows[0];
  });

const billing2x5 = { rings: 2, ringCycleS: 5, shortAbandonS: 5, slTarget: 0.85 };

describe('a queue rule change', () => {
  it('measures a call offered before it by the rules of its offer, and one offered after by the new ones', async () => {
    const beforeMs = Date.now() - 120_000;
    expect((await postEvents(app.url, answeredCall('early', 'billing', beforeMs, 12))).status).toBe(202);
    expect(await callRow('early')).toMatchObject({ wait_s: 12, sl_threshold_s: 15, answered_in_threshold: true });

    const put = await admin().request('PUT', '/api/v1/settings/queues/billing', billing2x5);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      queue: 'billing',
      source: 'queue',
      // 2 rings × 5 s.
      rules: { rings: 2, ringCycleS: 5, slThresholdS: 10, shortAbandonS: 5, slTarget: 0.85, asaTargetS: null, abandonTarget: null },
    });
    const effectiveFromMs = Date.parse(put.body.effectiveFrom);
    expect(effectiveFromMs).toBeGreaterThan(beforeMs);

    // Waited 12 s: within the old 15 s, over the new 10 s.
    await postEvents(app.url, answeredCall('late', 'billing', effectiveFromMs + 1_000, 12));
    // A late event re-derives the early call after the change: it keeps the rules of its offer.
    await postEvents(app.url, [ev('call.dispositioned', beforeMs + 80_000, { callId: 'early', agentId: 'a1', category: 'inquiry' })]);

    expect(await callRow('late')).toMatchObject({ wait_s: 12, sl_threshold_s: 10, short_abandon_s: 5, answered_in_threshold: false });
    await until('the early call re-derived', async () => (await callRow('early')).category === 'inquiry');
    expect(await callRow('early')).toMatchObject({ sl_threshold_s: 15, answered_in_threshold: true });

    // The instant reported is the instant it applies from.
    await postEvents(app.url, answeredCall('at-change', 'billing', effectiveFromMs, 8));
    expect(await callRow('at-change')).toMatchObject({ sl_threshold_s: 10, answered_in_threshold: true });
  });

  it('is refused to supervisors, managers and kiosks, and leaves the rules alone', async () => {
    for (const role of ['supervisor', 'manager', 'kiosk', 'qa_lead']) {
      const r = await who.byRole[role]!.request('PUT', '/api/v1/settings/queues/billing', { ...billing2x5, rings: 9 });
      expect(r.status, role).toBe(403);
      expect(r.body.code).toBe('FORBIDDEN');
    }
    const limits = await who.byRole.supervisor!.request('PUT', '/api/v1/settings/not-ready-limits', {
      limits: [{ reason: 'break', limitS: 3600 }],
    });
    expect(limits.status).toBe(403);
    const all = await admin().get('/api/v1/settings/queues');
    expect(all.body.queues.find((q: { queue: string }) => q.queue === 'billing').rules.rings).toBe(2);
  });

  it('answers 400 naming the field for a body out of bounds or of the wrong type', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...billing2x5, rings: 0 }, 'rings'],
      [{ ...billing2x5, rings: 2.5 }, 'rings'],
      [{ ...billing2x5, ringCycleS: 31 }, 'ringCycleS'],
      [{ ...billing2x5, shortAbandonS: -1 }, 'shortAbandonS'],
      [{ ...billing2x5, slTarget: 85 }, 'slTarget'],
      [{ ...billing2x5, asaTargetS: 0 }, 'asaTargetS'],
      [{ ...billing2x5, abandonTarget: 1.5 }, 'abandonTarget'],
      [{ rings: 2, ringCycleS: 5, slTarget: 0.8 }, 'shortAbandonS'],
      [{ ...billing2x5, ringCycleS: '5' }, 'ringCycleS'],
    ];
    for (const [body, field] of cases) {
      const r = await admin().request('PUT', '/api/v1/settings/queues/billing', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body).toMatchObject({ code: 'BAD_REQUEST', field });
      expect(r.body.message).toContain(field);
    }
  });

  it('sets the default for every queue without rules of its own through queue *', async () => {
    const r = await admin().request('PUT', '/api/v1/settings/queues/*', {
      rings: 3,
      ringCycleS: 6,
      shortAbandonS: 4,
      slTarget: 0.8,
      asaTargetS: 20,
      abandonTarget: 0.05,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ queue: '*', source: 'default', rules: { slThresholdS: 18, asaTargetS: 20, abandonTarget: 0.05 } });
    const all = (await admin().get('/api/v1/settings/queues')).body.queues as {
      queue: string;
      source: string;
      rules: { slThresholdS: number };
    }[];
    expect(all.find((q) => q.queue === 'billing')).toMatchObject({ source: 'queue', rules: { slThresholdS: 10 } });
    // A queue without rules of its own follows the new default: 3 × 6 s.
    await postEvents(app.url, answeredCall('general-1', 'general', Date.now() + 1_000, 17));
    expect(await callRow('general-1')).toMatchObject({ sl_threshold_s: 18, short_abandon_s: 4, answered_in_threshold: true });
  });
});

describe('reading the queue rules', () => {
  beforeAll(async () => {
    await postEvents(app.url, [
      ...answeredCall('general-2', 'general', Date.now() - 5_000, 3),
      ...answeredCall('support-1', 'support', Date.now() - 5_000, 3),
    ]);
    await callRow('general-2');
    await callRow('support-1');
  });

  it('lists the default first, then every queue with rules or calls today, to those who see every queue', async () => {
    for (const role of ['admin', 'manager']) {
      const r = await who.byRole[role]!.get('/api/v1/settings/queues');
      expect(r.status).toBe(200);
      const queues = r.body.queues as { queue: string; source: string; rules: object; effectiveFrom: string | null }[];
      const names = queues.map((q) => q.queue);
      expect(names[0]).toBe('*');
      expect(names.slice(1)).toEqual([...names.slice(1)].sort());
      expect(names).toEqual(expect.arrayContaining(['general', 'support']));
      // Neither has rules of its own: both show the default's, with its effective time.
      const star = queues[0]!;
      for (const q of ['general', 'support']) {
        expect(queues.find((x) => x.queue === q)).toEqual({
          queue: q,
          source: 'default',
          rules: star.rules,
          effectiveFrom: star.effectiveFrom,
        });
      }
    }
  });

  it('shows a scoped supervisor and a kiosk only the default and their queues', async () => {
    // Both are scoped to queue general (test/support/auth.ts).
    for (const role of ['supervisor', 'kiosk']) {
      const r = await who.byRole[role]!.get('/api/v1/settings/queues');
      expect(r.status, role).toBe(200);
      expect(
        r.body.queues.map((q: { queue: string }) => q.queue),
        role,
      ).toEqual(['*', 'general']);
    }
  });

  it('is not for QA roles and agents', async () => {
    for (const role of ['qa_lead', 'qa_reviewer', 'agent'])
      expect((await who.byRole[role]!.get('/api/v1/settings/queues')).status, role).toBe(403);
  });
});

describe('not-ready limits', () => {
  it('start with the seeded defaults', async () => {
    const r = await who.byRole.supervisor!.get('/api/v1/settings/not-ready-limits');
    expect(r.status).toBe(200);
    expect(r.body.limits).toEqual([
      { reason: 'break', limitS: 900, effectiveFrom: null },
      { reason: 'lunch', limitS: 2700, effectiveFrom: null },
      { reason: 'meeting', limitS: 1800, effectiveFrom: null },
      { reason: 'training', limitS: 3600, effectiveFrom: null },
    ]);
  });

  it('change the reasons listed, lift a limit with null, add a reason, and leave the others', async () => {
    const put = await admin().request('PUT', '/api/v1/settings/not-ready-limits', {
      limits: [
        { reason: 'break', limitS: 1200 },
        { reason: 'training', limitS: null },
        { reason: 'personal', limitS: 600 },
      ],
    });
    expect(put.status).toBe(200);
    const expected = [
      { reason: 'break', limitS: 1200, effectiveFrom: expect.any(String) },
      { reason: 'lunch', limitS: 2700, effectiveFrom: null },
      { reason: 'meeting', limitS: 1800, effectiveFrom: null },
      { reason: 'personal', limitS: 600, effectiveFrom: expect.any(String) },
      { reason: 'training', limitS: null, effectiveFrom: expect.any(String) },
    ];
    expect(put.body.limits).toEqual(expected);
    expect((await who.byRole.manager!.get('/api/v1/settings/not-ready-limits')).body.limits).toEqual(expected);
    // The old limit stays in the history.
    const history = await app.db.query<{ limit_s: number }>(
      `SELECT limit_s FROM not_ready_limits WHERE reason = 'break' ORDER BY effective_from`,
    );
    expect(history.rows.map((x) => x.limit_s)).toEqual([900, 1200]);
  });

  it('answer 400 naming the field for a bad limit or a reason listed twice', async () => {
    const cases: [unknown, string][] = [
      [{ limits: [{ reason: 'break', limitS: 30 }] }, 'limits.0.limitS'],
      [{ limits: [{ reason: 'break', limitS: 86_401 }] }, 'limits.0.limitS'],
      [{ limits: [{ reason: 'break' }] }, 'limits.0.limitS'],
      [{ limits: [{ reason: '', limitS: 600 }] }, 'limits.0.reason'],
      [
        {
          limits: [
            { reason: 'lunch', limitS: 600 },
            { reason: 'lunch', limitS: 900 },
          ],
        },
        'limits.1.reason',
      ],
      [{ limits: [] }, 'limits'],
    ];
    for (const [body, field] of cases) {
      const r = await admin().request('PUT', '/api/v1/settings/not-ready-limits', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body).toMatchObject({ code: 'BAD_REQUEST', field });
    }
  });
});

describe('the audit log', () => {
  it('records each change with who made it and what applied before and after', async () => {
    await admin().request('PUT', '/api/v1/settings/queues/audited', { rings: 4, ringCycleS: 5, shortAbandonS: 5, slTarget: 0.8 });
    await admin().request('PUT', '/api/v1/settings/not-ready-limits', { limits: [{ reason: 'coaching', limitS: 1500 }] });
    const r = await admin().get('/api/v1/audit?action=settings.*&limit=50');
    expect(r.status).toBe(200);
    const entries = r.body.entries as {
      action: string;
      actorName: string;
      target: string;
      outcome: string;
      detail: { before: unknown; after: unknown };
    }[];

    const queue = entries.find((e) => e.action === 'settings.queue' && e.target === 'audited')!;
    expect(queue).toMatchObject({ actorName: 'admin', outcome: 'ok' });
    expect(queue.detail.before).toMatchObject({ queue: 'audited', source: 'default' });
    expect(queue.detail.after).toMatchObject({ queue: 'audited', source: 'queue', rules: { rings: 4, ringCycleS: 5, slThresholdS: 20 } });

    const limits = entries.find((e) => e.action === 'settings.not_ready_limits' && e.target === 'coaching')!;
    expect(limits).toMatchObject({ actorName: 'admin', outcome: 'ok' });
    expect(limits.detail).toEqual({ before: [], after: [{ reason: 'coaching', limitS: 1500, effectiveFrom: expect.any(String) }] });
  });
});

describe('across API processes', () => {
  let db: EmbeddedDb;
  const services: SettingsService[] = [];
  const errors: unknown[] = [];
  const logger = { error: (...args: unknown[]) => errors.push(args), warn: (...args: unknown[]) => errors.push(args) };
  const prefix = `test-settings-${process.pid}-${Date.now()}`;

  const redis = new RedisClients(REDIS);
  const audits: AuditService[] = [];
  const byTest = { actor: { kind: 'system' as const, name: 'test' }, ip: null };

  async function apiProcess(): Promise<SettingsService> {
    const bus = await new RedisBroadcast<{ origin: string }>(redis, `${prefix}:settings:changed`, (e) => errors.push(e)).start();
    const audit = new AuditService(new AuditRepository(db), logger as never);
    audits.push(audit);
    const s = new SettingsService(new SettingsRepository(db), bus, { CALLBOARD_TZ: 'Asia/Shanghai' }, logger as never, audit);
    await s.start();
    services.push(s);
    return s;
  }

  beforeAll(async () => {
    db = await openEmbedded('memory://');
    await migrate(db, 'Asia/Shanghai');
  }, 60_000);
  afterAll(async () => {
    for (const s of services) await s.onApplicationShutdown();
    for (const a of audits) await a.flush();
    await redis.close();
    await db?.close();
  });

  it('reloads the rules in every process when one of them changes them', async () => {
    const [one, two] = [await apiProcess(), await apiProcess()];
    const heard: string[][] = [];
    two.onChange((book) => heard.push(book.configuredQueues()));

    const { after } = await one.setQueueRules('vip', { rings: 1, ringCycleS: 5, shortAbandonS: 5, slTarget: 0.9 }, byTest);
    expect(one.book().thresholds('vip', Infinity)).toEqual({ slThresholdS: 5, shortAbandonS: 5 });
    await until('the other process to reload', async () => two.book().configuredQueues().includes('vip'));
    expect(two.book().inForce('vip', Date.parse(after.effectiveFrom!))).toMatchObject({
      source: 'queue',
      rules: { slThresholdS: 5, slTarget: 0.9 },
    });
    expect(heard).toEqual([['vip']]);

    await two.setNotReadyLimits({ limits: [{ reason: 'break', limitS: 600 }] }, byTest);
    await until('the first process to reload', async () => one.book().notReadyLimitS('break', Infinity) === 600);
    expect(errors).toEqual([]);
  });
});
