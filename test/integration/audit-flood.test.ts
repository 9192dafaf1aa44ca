/**
 * What an abusive client can do to the audit log and the kiosk links, on the
 * real app: a flood of refused requests leaves a bounded number of entries with
 * its count preserved, and a forged Host header never makes a kiosk link.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '@callboard/api';
import { type RunningApp, startApp } from '../support/app.js';
import { type Client, PASSWORD, login } from '../support/auth.js';
import { ADMIN_PASSWORD } from '../support/app.js';

let app: RunningApp;
let admin: Client;

beforeAll(async () => {
  app = await startApp();
  await createUser(app.db, { username: 'mallory', password: PASSWORD, role: 'agent', agentId: 'agent-009' });
  await createUser(app.db, { username: 'lin', password: PASSWORD, role: 'supervisor', scope: { queues: ['general'], teams: null } });
  admin = await login(app.url, 'admin', ADMIN_PASSWORD);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

interface Entry {
  action: string;
  outcome: string;
  actorName: string | null;
  target: string | null;
  detail: { suppressed?: number; code?: string };
}

describe('a flood of refused requests', () => {
  it('writes at most 10 entries a minute for one user and route and counts the rest into one summary; others are unaffected', async () => {
    const mallory = await login(app.url, 'mallory', PASSWORD);
    const lin = await login(app.url, 'lin', PASSWORD);
    // The flood takes a few seconds: start it early in a minute so it falls within one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));

    const statuses: number[] = [];
    const flood = async () => {
      for (let i = 0; i < 50; i++) statuses.push((await mallory.get('/api/v1/users')).status);
    };
    // 20 senders in parallel × 50 = 1,000 requests; meanwhile lin's and the admin's requests go through as usual.
    const [, linRefused, linToday, adminUsers] = await Promise.all([
      Promise.all(Array.from({ length: 20 }, flood)),
      lin.get('/api/v1/keys'),
      lin.get('/api/v1/today?queue=general'),
      admin.get('/api/v1/users'),
    ]);
    expect(statuses).toHaveLength(1000);
    expect(statuses.every((s) => s === 403)).toBe(true);
    expect(linRefused.status).toBe(403);
    expect(linToday.status).toBe(200);
    expect(adminUsers.status).toBe(200);
    expect((adminUsers.body.users as { username: string }[]).map((u) => u.username).sort()).toEqual(['admin', 'lin', 'mallory']);

    const page = await admin.get('/api/v1/audit?action=access.denied&actor=mallory&limit=500');
    expect(page.status).toBe(200);
    const entries = page.body.entries as Entry[];
    const summaries = entries.filter((e) => e.detail.suppressed !== undefined);
    const single = entries.filter((e) => e.detail.suppressed === undefined);
    expect(single).toHaveLength(10);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      outcome: 'denied',
      actorName: 'mallory',
      target: 'GET /api/v1/users',
      detail: { code: 'FORBIDDEN' },
    });
    // Nothing is lost: 10 written one by one + 990 counted = the 1,000 refusals.
    expect(summaries[0]!.detail.suppressed).toBe(990);
    expect(single.every((e) => e.target === 'GET /api/v1/users' && e.detail.code === 'FORBIDDEN')).toBe(true);

    // lin's one refusal has its own entry.
    const linEntries = (await admin.get('/api/v1/audit?action=access.denied&actor=lin')).body.entries as Entry[];
    expect(linEntries.map((e) => `${e.target} ${e.detail.suppressed ?? ''}`)).toEqual(['GET /api/v1/keys ']);

    // The table holds those 11 rows for mallory, not 1,000.
    const rows = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND actor_name = 'mallory'`,
    );
    expect(rows.rows[0]!.n).toBe(11);
  }, 90_000);
});

/** A POST with a Host header of the client's choosing (fetch cannot set one). */
function postWithHost(
  client: Client,
  path: string,
  host: string,
  body: unknown,
): Promise<{ status: number; body: { url: string; secret: string } }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${client.url}${path}`,
      {
        method: 'POST',
        headers: {
          host,
          cookie: client.cookie!,
          'x-csrf-token': client.session!.csrfToken,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { url: string; secret: string } }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('kiosk links', () => {
  it('are relative, not built from a forged Host, when CALLBOARD_PUBLIC_URL is unset', async () => {
    const r = await postWithHost(admin, '/api/v1/kiosk-tokens', 'evil.example', { name: 'Lobby', scope: { queues: null, teams: null } });
    expect(r.status).toBe(201);
    expect(r.body.url).toBe(`/kiosk#${r.body.secret}`);
    expect(r.body.url).not.toContain('evil.example');
  });

  it('come from CALLBOARD_PUBLIC_URL, or from Host only when it is an allowed origin', async () => {
    const other = await startApp({
      CALLBOARD_PUBLIC_URL: 'https://board.example.com',
      CALLBOARD_ALLOWED_ORIGINS: 'http://board.internal:3000',
    });
    const allowed = await startApp({ CALLBOARD_ALLOWED_ORIGINS: 'http://board.internal:3000' });
    try {
      const a = await login(other.url, 'admin', ADMIN_PASSWORD);
      const fromPublic = await postWithHost(a, '/api/v1/kiosk-tokens', 'evil.example', {
        name: 'TV',
        scope: { queues: null, teams: null },
      });
      expect(fromPublic.body.url).toBe(`https://board.example.com/kiosk#${fromPublic.body.secret}`);

      const b = await login(allowed.url, 'admin', ADMIN_PASSWORD);
      const fromHost = await postWithHost(b, '/api/v1/kiosk-tokens', 'board.internal:3000', {
        name: 'TV',
        scope: { queues: null, teams: null },
      });
      expect(fromHost.body.url).toBe(`http://board.internal:3000/kiosk#${fromHost.body.secret}`);
      const forged = await postWithHost(b, '/api/v1/kiosk-tokens', 'evil.example', { name: 'TV 2', scope: { queues: null, teams: null } });
      expect(forged.body.url).toBe(`/kiosk#${forged.body.secret}`);
    } finally {
      await other.close();
      await allowed.close();
    }
  }, 90_000);
});
