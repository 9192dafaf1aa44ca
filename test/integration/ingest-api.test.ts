/** The ingest interface of SPEC §6, and the service routes around it, against the running app. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveService, createApiKey, createIngestKey } from '@callboard/api';
import { ADMIN_PASSWORD, INGEST_KEY, type RunningApp, postEvents, startApp, until } from '../support/app.js';
import { login } from '../support/auth.js';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
}, 60_000);
afterAll(async () => app?.close());

const DAY_MS = 86_400_000;
/** Two days back: inside the ingest window (35 days), never today, so no cap of today's names applies. */
const PAST = new Date(Date.now() - 2 * DAY_MS).toISOString();

const offered = (i: number) => ({
  id: `api-${i}`,
  type: 'call.offered',
  ts: PAST,
  source: 'test',
  payload: { callId: `api-c${i}`, queue: 'general' },
});

describe('POST /api/v1/events', () => {
  it('answers 401 without a key and 403 with an unknown one, naming the header', async () => {
    const none = await fetch(`${app.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'UNAUTHENTICATED', field: 'authorization' });
    const wrong = await postEvents(app.url, [offered(1)], 'not-a-real-key-at-all');
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('accepts a key created like `callboard keys create`, stored only as a hash', async () => {
    const { id, key } = await createIngestKey(app.db, 'pbx-1');
    const r = await postEvents(app.url, [offered(2)], key);
    expect(r).toEqual({ status: 202, body: { accepted: 1, duplicates: 0, rejected: [] } });
    const stored = await app.db.query<{ key_hash: string }>(`SELECT key_hash FROM api_keys WHERE id = $1`, [id]);
    expect(stored.rows[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0]!.key_hash).not.toContain(key);
  });

  it('answers 400 for a body that is not an array', async () => {
    const r = await postEvents(app.url, { events: [] });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'NOT_AN_ARRAY', field: 'body' });
  });

  it('answers 400 for malformed JSON', async () => {
    const r = await postEvents(app.url, '[{"id": ');
    expect(r.status).toBe(400);
  });

  it('answers 415 for a media type it does not read', async () => {
    const r = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${INGEST_KEY}` },
      body: '<events/>',
    });
    expect(r.status).toBe(415);
  });

  it('answers 413 for more than 5,000 events', async () => {
    const r = await postEvents(
      app.url,
      Array.from({ length: 5001 }, (_, i) => offered(100_000 + i)),
    );
    expect(r.status).toBe(413);
    expect(r.body.message).toMatch(/5000/);
  });

  it('answers 413 for a body over 5 MB', async () => {
    const big = [{ ...offered(3), payload: { callId: 'x', queue: 'q', caller: 'y'.repeat(5 * 1024 * 1024) } }];
    const r = await postEvents(app.url, big);
    expect(r.status).toBe(413);
  });

  it('names the field and reason of each bad item and accepts the rest', async () => {
    const r = await postEvents(app.url, [
      offered(10),
      { ...offered(11), type: 'call.teleported' },
      { ...offered(12), ts: PAST.replace('T', ' ') },
      { ...offered(13), payload: { callId: 'c', queue: 'q', colour: 'red' } },
      { id: 'api-14', type: 'call.ended', ts: PAST, source: 'test', payload: { callId: 'c', endedBy: 'nobody' } },
      offered(15),
    ]);
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(2);
    expect(r.body.rejected.map((x: { index: number }) => x.index)).toEqual([1, 2, 3, 4]);
    const errors = r.body.rejected.map((x: { error: string }) => x.error);
    expect(errors[0]).toMatch(/^type: unknown event type "call.teleported"/);
    expect(errors[1]).toMatch(/^ts: /);
    expect(errors[2]).toBe('payload: unknown field(s) colour');
    expect(errors[3]).toMatch(/^payload\.endedBy: /);
  });

  it('accepts payload fields given beside the envelope', async () => {
    const r = await postEvents(app.url, [
      { id: 'flat-1', type: 'call.offered', ts: PAST, source: 'pbx', callId: 'flat', queue: 'general' },
    ]);
    expect(r.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });
});

describe('input that cannot hurt', () => {
  it('refuses nesting deeper than 32 levels with a 400 before parsing it, then serves the next batch', async () => {
    const deep = await postEvents(app.url, '['.repeat(100_000) + ']'.repeat(100_000));
    expect(deep).toEqual({
      status: 400,
      body: { statusCode: 400, code: 'TOO_DEEP', message: 'body: nested deeper than 32 levels', field: 'body' },
    });
    expect(await postEvents(app.url, [offered(30)])).toEqual({ status: 202, body: { accepted: 1, duplicates: 0, rejected: [] } });
  });

  it('quotes at most 100 characters of a megabyte-long bad value, and accepts the valid item beside it', async () => {
    const r = await postEvents(app.url, [{ ...offered(31), type: 'x'.repeat(1_000_000) }, offered(32)]);
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(1);
    expect(r.body.rejected).toEqual([
      { index: 0, error: expect.stringMatching(/^type: unknown event type "x{99}… \(expected one of call\.offered, /) },
    ]);
  });

  it('answers 415 naming the content type for a form-encoded batch', async () => {
    const r = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${INGEST_KEY}` },
      body: 'id=api-33&type=call.offered',
    });
    expect(r.status).toBe(415);
    expect(await r.json()).toEqual({
      statusCode: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'content-type: only application/json is read (got application/x-www-form-urlencoded)',
      field: 'content-type',
    });
  });

  it('refuses the 501st new queue of today per item, accepting events of queues it already holds', async () => {
    const now = Date.now();
    const today = (i: number, queue: string) => ({
      id: `cap-${i}`,
      type: 'call.offered',
      ts: new Date(now - 1000).toISOString(),
      source: 'test',
      payload: { callId: `cap-c${i}`, queue },
    });
    const queues = Array.from({ length: 501 }, (_, i) => today(i, `cap-q${i}`));
    const r = await postEvents(app.url, [...queues, today(501, 'cap-q0'), today(502, 'cap-q499')]);
    expect(r).toEqual({
      status: 202,
      body: { accepted: 502, duplicates: 0, rejected: [{ index: 500, error: 'payload.queue: too many distinct queues today (500)' }] },
    });
    const live = app.get(LiveService);
    await until('the live engine to hold the 500 queues', async () => live.namesToday().queues.size === 500);
    const next = await postEvents(app.url, [today(503, 'cap-q500'), today(504, 'cap-q7')]);
    expect(next).toEqual({
      status: 202,
      body: { accepted: 1, duplicates: 0, rejected: [{ index: 0, error: 'payload.queue: too many distinct queues today (500)' }] },
    });
  });
});

describe('the window of dates', () => {
  const at = (id: string, ts: string) => ({
    id,
    type: 'call.offered',
    ts,
    source: 'test',
    payload: { callId: `c-${id}`, queue: 'general' },
  });
  const RANGE = String.raw`\(accepted: \d{4}-\d\d-\d\dT[\d:.]+Z … \d{4}-\d\d-\d\dT[\d:.]+Z\)`;

  it('refuses per item what is dated beyond 5 minutes ahead or 35 days back, naming the bound and the range', async () => {
    const now = Date.now();
    const r = await postEvents(app.url, [
      at('win-in', PAST),
      at('win-2099', '2099-01-01T00:00:00Z'),
      at('win-9999', '9999-12-31T23:59:59.999Z'),
      at('win-ahead', new Date(now + 6 * 60_000).toISOString()),
      at('win-old', new Date(now - 36 * DAY_MS).toISOString()),
      at('win-2000', '2000-01-01T00:00:00Z'),
    ]);
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(1);
    const errors = r.body.rejected.map((x: { index: number; error: string }) => `${x.index} ${x.error}`);
    expect(errors).toHaveLength(5);
    expect(errors[0]).toMatch(new RegExp(`^1 ts: 2099-01-01T00:00:00Z is more than 5 minutes ahead of the server clock ${RANGE}$`));
    expect(errors[1]).toMatch(/^2 ts: 9999-12-31T23:59:59\.999Z is more than 5 minutes ahead of the server clock /);
    expect(errors[2]).toMatch(/^3 ts: \S+ is more than 5 minutes ahead of the server clock /);
    expect(errors[3]).toMatch(
      new RegExp(`^4 ts: \\S+ is more than 35 days old ${RANGE}; older history goes through a back-fill \\(\\?backfill=true\\)$`),
    );
    expect(errors[4]).toMatch(/^5 ts: 2000-01-01T00:00:00Z is more than 35 days old /);
  });
});

describe('back-fills of older history (?backfill=true)', () => {
  const lastYear = Date.now() - 400 * DAY_MS;
  const old = (id: string, type: string, ms: number, payload: object) => ({
    id,
    type,
    ts: new Date(ms).toISOString(),
    source: 'queue_log',
    payload,
  });
  const history = [
    old('bf-1', 'call.offered', lastYear, { callId: 'bf-c1', queue: 'archive', callType: 'billing' }),
    old('bf-2', 'call.answered', lastYear + 12_000, { callId: 'bf-c1', agentId: 'bf-a1' }),
    old('bf-3', 'call.ended', lastYear + 192_000, { callId: 'bf-c1', endedBy: 'agent' }),
    old('bf-4', 'call.offered', lastYear - 30 * DAY_MS, { callId: 'bf-c2', queue: 'archive' }),
    old('bf-5', 'call.abandoned', lastYear - 30 * DAY_MS + 40_000, { callId: 'bf-c2' }),
    old('bf-bad', 'call.offered', Date.parse('1999-12-31T23:59:59Z'), { callId: 'bf-c3', queue: 'archive' }),
  ];
  const backfill = (body: unknown, key: string) =>
    fetch(`${app.url}/api/v1/events?backfill=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });

  it('is refused with 403 to an ingest key without the back-fill permission, and audited', async () => {
    const r = await backfill(history, INGEST_KEY);
    expect(r.status).toBe(403);
    expect(await r.json()).toMatchObject({ code: 'BACKFILL_FORBIDDEN', field: 'backfill' });
    const admin = await login(app.url, 'admin', ADMIN_PASSWORD);
    const audit = await admin.get('/api/v1/audit?action=events.backfill&outcome=denied');
    expect(audit.body.entries).toMatchObject([
      { actorKind: 'key', actorName: 'CALLBOARD_INGEST_KEY', detail: { reason: 'no back-fill permission' } },
    ]);
    const stored = await app.db.query(`SELECT 1 FROM events WHERE id LIKE 'bf-%'`);
    expect(stored.rows).toHaveLength(0);
  });

  it('names the parameter when it is not true or false', async () => {
    const r = await fetch(`${app.url}/api/v1/events?backfill=yes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
      body: '[]',
    });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ message: 'backfill: backfill must be true or false', field: 'backfill' });
  });

  it('takes last year from a key created with the permission, stores it, leaves today alone and audits who, how many and the span', async () => {
    const admin = await login(app.url, 'admin', ADMIN_PASSWORD);
    const created = await admin.request('POST', '/api/v1/keys', { name: 'queue-log-import', backfill: true });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatchObject({ name: 'queue-log-import', role: 'ingest', backfill: true });
    const key = created.body.secret as string;
    const live = app.get(LiveService);
    const r = await backfill(history, key);
    expect(r.status).toBe(202);
    expect(await r.json()).toEqual({
      accepted: 5,
      duplicates: 0,
      rejected: [
        { index: 5, error: expect.stringMatching(/^ts: 1999-12-31T23:59:59\.000Z is before 2000-01-01, the earliest a back-fill takes /) },
      ],
    });
    const calls = await until('the two back-filled calls', async () => {
      const q = await app.db.query<{ call_id: string; outcome: string; wait_s: number; talk_s: number | null }>(
        `SELECT call_id, outcome, wait_s, talk_s FROM calls WHERE queue = 'archive' ORDER BY call_id`,
      );
      return q.rows.length === 2 && q.rows.every((x) => x.outcome !== 'waiting' && x.outcome !== 'ringing') && q.rows;
    });
    expect(calls).toEqual([
      { call_id: 'bf-c1', outcome: 'answered', wait_s: 12, talk_s: 180 },
      { call_id: 'bf-c2', outcome: 'abandoned', wait_s: 40, talk_s: null },
    ]);
    // Days long past are not today: the live engine, which has read the log past them, holds none of their queues or agents.
    expect(live.namesToday().queues.has('archive')).toBe(false);
    expect(live.namesToday().agents.has('bf-a1')).toBe(false);
    const audit = await admin.get('/api/v1/audit?action=events.backfill&outcome=ok');
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        action: 'events.backfill',
        actorKind: 'key',
        actorName: 'queue-log-import',
        detail: {
          posted: 6,
          accepted: 5,
          duplicates: 0,
          rejected: 1,
          earliest: new Date(lastYear - 30 * DAY_MS).toISOString(),
          latest: new Date(lastYear + 192_000).toISOString(),
        },
      }),
    ]);
  });

  it('still refuses, in a back-fill, a date more than 5 minutes ahead', async () => {
    const { key } = await createBackfillKey('queue-log-import-2');
    const r = await backfill([old('bf-ahead', 'call.offered', Date.now() + 10 * 60_000, { callId: 'bf-c9', queue: 'archive' })], key);
    expect(await r.json()).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: [
        {
          index: 0,
          error: expect.stringMatching(
            /^ts: \S+ is more than 5 minutes ahead of the server clock \(accepted: 2000-01-01T00:00:00\.000Z … /,
          ),
        },
      ],
    });
  });

  const createBackfillKey = async (name: string) => {
    const { secret } = await createApiKey(app.db, name, 'ingest', 'admin', true);
    return { key: secret };
  };

  it('is a permission of ingest keys only', async () => {
    const admin = await login(app.url, 'admin', ADMIN_PASSWORD);
    const r = await admin.request('POST', '/api/v1/keys', { name: 'scraper', role: 'metrics', backfill: true });
    expect(r).toMatchObject({ status: 400, body: { message: 'backfill: only an ingest key may post back-fills', field: 'backfill' } });
  });
});

describe('service routes', () => {
  it('tells anyone only whether the database and the log answer', async () => {
    const r = await fetch(`${app.url}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok', database: { ok: true }, log: { ok: true } });
    // A key that is not a metrics key, or a guessed one, changes nothing.
    const guessed = await fetch(`${app.url}/health`, { headers: { authorization: 'Bearer not-a-real-key-at-all' } });
    expect(guessed.status).toBe(200);
    expect(await guessed.json()).toEqual({ status: 'ok', database: { ok: true }, log: { ok: true } });
    const ingest = await fetch(`${app.url}/health`, { headers: { authorization: `Bearer ${INGEST_KEY}` } });
    expect(await ingest.json()).toEqual({ status: 'ok', database: { ok: true }, log: { ok: true } });
  });

  it('reports health of database, log, writer and live state to an admin and a metrics key', async () => {
    const full = {
      status: 'ok',
      database: { ok: true, kind: 'embedded', latencyMs: expect.any(Number) },
      log: { ok: true, kind: 'embedded' },
      writer: { lagEntries: 0, lagSeconds: expect.any(Number) },
      live: { ready: true, day: expect.any(String), events: expect.any(Number), calls: expect.any(Number), agents: expect.any(Number) },
    };
    const admin = await login(app.url, 'admin', ADMIN_PASSWORD);
    const r = await admin.get('/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject(full);
    const metricsKey = (await createApiKey(app.db, 'health-probe', 'metrics')).secret;
    const scraper = await fetch(`${app.url}/health`, { headers: { authorization: `Bearer ${metricsKey}` } });
    expect(await scraper.json()).toMatchObject(full);
  });

  it('answers 503 when the database does not answer, with the reason for an admin only', async () => {
    const failure = 'connection to server at "10.20.30.40", port 5432 failed: password authentication failed for user "callboard"';
    const admin = await login(app.url, 'admin', ADMIN_PASSWORD);
    const query = app.db.query;
    app.db.query = () => Promise.reject(new Error(failure));
    try {
      const anonymous = await fetch(`${app.url}/health`);
      expect(anonymous.status).toBe(503);
      const text = await anonymous.text();
      expect(JSON.parse(text)).toEqual({ status: 'degraded', database: { ok: false }, log: { ok: true } });
      expect(text).not.toContain('10.20.30.40');
      const detailed = await admin.get('/health');
      expect(detailed.status).toBe(503);
      expect(detailed.body).toMatchObject({ status: 'degraded', database: { ok: false, kind: 'embedded', detail: failure } });
    } finally {
      app.db.query = query;
    }
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });

  it('exposes Prometheus counters that move with ingest', async () => {
    const metricsKey = (await createApiKey(app.db, 'prometheus', 'metrics')).secret;
    const scrape = async () => {
      const text = await (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${metricsKey}` } })).text();
      const v = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
      return { accepted: v('callboard_events_accepted_total'), rejected: v('callboard_events_rejected_total'), text };
    };
    const before = await scrape();
    await postEvents(app.url, [offered(20), offered(21), { bad: true }]);
    const after = await scrape();
    expect(after.accepted - before.accepted).toBe(2);
    expect(after.rejected - (Number.isNaN(before.rejected) ? 0 : before.rejected)).toBe(1);
    expect(after.text).toContain('callboard_writer_batch_size_bucket');
    expect(after.text).toContain('callboard_writer_lag_seconds');
  });

  it('serves the wallboard app for client-side routes and JSON 404 for unknown API paths', async () => {
    const page = await fetch(`${app.url}/trends`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    const api = await fetch(`${app.url}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('documents the batch it takes and what it answers, for ingest keys', async () => {
    const doc = await (await fetch(`${app.url}/api/docs`)).json();
    const post = doc.paths['/api/v1/events'].post;
    expect(post['x-access']).toBe('ingest');
    expect(post.security).toEqual([{ ingestKey: [] }]);
    expect(post.parameters).toMatchObject([{ name: 'backfill', in: 'query' }]);
    expect(post.description).toContain('CALLBOARD_EVENT_MAX_AGE_D');
    expect(post.requestBody.content['application/json'].schema).toEqual({
      type: 'array',
      maxItems: 5000,
      items: { $ref: '#/components/schemas/Event' },
    });
    expect(post.responses['202'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/IngestResult' });
    expect(Object.keys(post.responses).sort()).toEqual(['202', '400', '401', '403', '413', '415', '503']);
    expect(doc.components.schemas.Event.oneOf).toHaveLength(18);
    expect(doc.components.schemas.IngestResult.required).toEqual(['accepted', 'duplicates', 'rejected']);
  });

  it('sends security headers', async () => {
    const r = await fetch(`${app.url}/api/docs`);
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
