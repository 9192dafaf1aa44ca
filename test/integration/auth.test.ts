/** Sessions, CSRF, login limits, kiosk tokens, API keys, user changes and the audit log, on the real app. */
import { request as httpRequest } from 'node:http';
import { createUser } from '@callboard/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type RunningApp, postEvents, startApp, until } from '../support/app.js';
import { Client, PASSWORD, type Reply, expiredToken, type Principals, kioskSignIn, login, signInEveryRole } from '../support/auth.js';

let app: RunningApp;
let principals: Principals;
let admin: Client;

beforeAll(async () => {
  app = await startApp({ CALLBOARD_LOGIN_MAX_FAILURES: '3' });
  principals = await signInEveryRole(app);
  admin = principals.byRole.admin!;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('signing in', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and answers the session with its capabilities', async () => {
    const c = Client.anonymous(app.url);
    const r = await c.request('POST', '/api/v1/auth/login', { username: 'super1', password: PASSWORD });
    expect(r.status).toBe(200);
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^cb_session=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=900\b/);
    expect(r.body).toMatchObject({
      kind: 'user',
      role: 'supervisor',
      tz: 'Asia/Shanghai',
      user: { username: 'super1' },
      scope: { queues: ['general'], teams: ['team-a'] },
    });
    expect(r.body.capabilities).toEqual(['wallboard', 'agentDetail', 'qaResults', 'recordings', 'self']);
    const idle = Date.parse(r.body.expiresAt) - Date.now();
    expect(idle).toBeGreaterThan(14 * 60_000);
    expect(idle).toBeLessThanOrEqual(15 * 60_000);
    expect(Date.parse(r.body.absoluteExpiresAt) - Date.now()).toBeGreaterThan(11.9 * 3_600_000);
  });

  it('answers a wrong password and an unknown user alike, and is case-insensitive on usernames', async () => {
    const wrong = await Client.anonymous(app.url).request('POST', '/api/v1/auth/login', { username: 'manager1', password: 'nope-nope' });
    const unknown = await Client.anonymous(app.url).request('POST', '/api/v1/auth/login', { username: 'ghost', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('BAD_CREDENTIALS');
    expect((await login(app.url, 'MANAGER1', PASSWORD)).session!.user!.username).toBe('manager1');
  });

  it('pauses a username after 3 failures from one address, even with the right password, and leaves other users alone', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await Client.anonymous(app.url).request('POST', '/api/v1/auth/login', { username: 'qalead1', password: `wrong-${i}` });
      expect(r.status).toBe(401);
    }
    const blocked = await Client.anonymous(app.url).request('POST', '/api/v1/auth/login', { username: 'qalead1', password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await login(app.url, 'reviewer1', PASSWORD)).session!.role).toBe('qa_reviewer');
  });

  it('stores passwords as argon2id hashes', async () => {
    const r = await app.db.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE username = 'manager1'`);
    expect(r.rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(r.rows[0]!.password_hash).not.toContain(PASSWORD);
  });
});

/**
 * Guessing, on apps of their own (the address limit of the main app stays
 * untouched) with the default limit of 5 failures. All of these requests come
 * from 127.0.0.1 unless sent with `signInFrom` from another loopback address.
 */
describe('password guessing', () => {
  let guarded: RunningApp;
  let proxied: RunningApp;

  beforeAll(async () => {
    // The limiter counts in Redis here, as with several API processes.
    guarded = await startApp({ REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
    proxied = await startApp({ CALLBOARD_TRUST_PROXY: '1' });
    for (const username of ['lin', 'chen', 'mei', 'wei']) {
      await createUser(guarded.db, { username, password: PASSWORD, role: 'manager' });
    }
    await createUser(proxied.db, { username: 'lin', password: PASSWORD, role: 'manager' });
  }, 60_000);

  afterAll(async () => {
    await guarded?.close();
    await proxied?.close();
  });

  const statuses = (replies: Reply[]) => replies.map((r) => r.status).sort();
  const guess = (app: RunningApp, username: string, i: number, headers: Record<string, string> = {}) =>
    Client.anonymous(app.url).request('POST', '/api/v1/auth/login', { username, password: `wrong-${i}` }, { headers });

  it('counts 25 parallel wrong passwords before checking them: 5 × 401, 20 × 429 with Retry-After; another user from another address signs in meanwhile', async () => {
    const [replies, other] = await Promise.all([
      Promise.all(Array.from({ length: 25 }, (_, i) => guess(guarded, 'lin', i))),
      signInFrom('127.0.0.2', guarded.url, 'wei', PASSWORD),
    ]);
    expect(statuses(replies)).toEqual([...Array(5).fill(401), ...Array(20).fill(429)]);
    for (const r of replies.filter((r) => r.status === 429)) {
      expect(r.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', field: 'username' });
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    }
    expect(other.status).toBe(200);
  });

  it('ignores X-Forwarded-For by default: 25 wrong passwords, each from a new forged address, are paused like 25 without', async () => {
    const replies = await Promise.all(
      Array.from({ length: 25 }, (_, i) => guess(guarded, 'chen', i, { 'x-forwarded-for': `203.0.113.${i + 1}` })),
    );
    expect(statuses(replies)).toEqual([...Array(5).fill(401), ...Array(20).fill(429)]);
    const right = await Client.anonymous(guarded.url).request(
      'POST',
      '/api/v1/auth/login',
      { username: 'chen', password: PASSWORD },
      { headers: { 'x-forwarded-for': '203.0.113.99' } },
    );
    expect(right.status).toBe(429);
  });

  it('limits guessing of the current password on a signed-in session, while another user changes theirs', async () => {
    const mei = await login(guarded.url, 'mei', PASSWORD);
    const guesses: Reply[] = [];
    for (let i = 0; i < 6; i++) {
      guesses.push(await mei.request('POST', '/api/v1/auth/password', { currentPassword: `wrong-${i}`, newPassword: 'a-new-password-2' }));
    }
    expect(guesses.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(guesses[5]!.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', field: 'currentPassword' });
    expect(Number(guesses[5]!.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    // The right password is refused too until the pause ends, and nothing changed.
    const right = await mei.request('POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'a-new-password-2' });
    expect(right.status).toBe(429);
    const wei = await login(guarded.url, 'wei', PASSWORD);
    expect(
      (await wei.request('POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'a-new-password-2' })).status,
    ).toBe(204);
    expect((await signInFrom('127.0.0.2', guarded.url, 'mei', PASSWORD)).status).toBe(200);
  });

  it('behind one trusted proxy (CALLBOARD_TRUST_PROXY=1) counts per forwarded address', async () => {
    const through = (address: string, password: string) =>
      Client.anonymous(proxied.url).request(
        'POST',
        '/api/v1/auth/login',
        { username: 'lin', password },
        { headers: { 'x-forwarded-for': address } },
      );
    const replies: Reply[] = [];
    for (let i = 0; i < 6; i++) replies.push(await through('198.51.100.7', `wrong-${i}`));
    expect(replies.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await through('198.51.100.8', PASSWORD)).status).toBe(200);
    const audited = await until('the sign-ins in the audit log', async () => {
      const r = await proxied.db.query<{ ip: string; outcome: string }>(
        `SELECT ip, outcome FROM audit_log WHERE action = 'auth.login' AND target = 'lin' ORDER BY ts, seq`,
      );
      return r.rows.length === 7 && r.rows;
    });
    expect(audited.map((r) => `${r.outcome} ${r.ip}`)).toEqual([
      ...Array(5).fill('failed 198.51.100.7'),
      'denied 198.51.100.7',
      'ok 198.51.100.8',
    ]);
  });
});

/** A sign-in sent from another loopback address (Linux routes all of 127/8 to this host). */
function signInFrom(localAddress: string, base: string, username: string, password: string): Promise<{ status: number }> {
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}/api/v1/auth/login`,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the session token', () => {
  it('refuses an expired token and a tampered one', async () => {
    const c = await login(app.url, 'manager1', PASSWORD);
    const sid = (
      await app.db.query<{ id: string }>(
        `SELECT id FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'manager1') ORDER BY created_at DESC LIMIT 1`,
      )
    ).rows[0]!.id;
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = await expiredToken(app, sid);
    const r1 = await new Client(app.url, `cb_session=${expired}`, undefined).get('/api/v1/auth/session');
    expect(r1.status).toBe(401);
    expect(r1.body.code).toBe('SESSION_EXPIRED');
    const [h, p, sig] = c.cookie!.slice('cb_session='.length).split('.');
    const forged = Buffer.from(JSON.stringify({ sid, iat: past, exp: past + 10_000 })).toString('base64url');
    const r2 = await new Client(app.url, `cb_session=${h}.${forged}.${sig}`, undefined).get('/api/v1/auth/session');
    expect(r2.status).toBe(401);
    expect(r2.body.code).toBe('UNAUTHENTICATED');
    expect(p).not.toBe(forged);
    // The real one still works.
    expect((await c.get('/api/v1/auth/session')).status).toBe(200);
  });

  it('ends a session whose idle time ran out in the database, whatever the token says', async () => {
    const c = await login(app.url, 'reviewer1', PASSWORD);
    await app.db.query(
      `UPDATE sessions SET expires_at = now() - INTERVAL '1 second' WHERE user_id = (SELECT id FROM users WHERE username = 'reviewer1')`,
    );
    // The process trusts a looked-up session for 5 s.
    await new Promise((r) => setTimeout(r, 5_200));
    const r = await c.get('/api/v1/auth/session');
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('SESSION_EXPIRED');
  });
});

describe('CSRF', () => {
  it("refuses a state-changing request without the token, or with another session's token", async () => {
    const other = await login(app.url, 'admin', ADMIN_PASSWORD);
    const none = await admin.request('POST', '/api/v1/keys', { name: 'x' }, { csrf: null });
    expect(none.status).toBe(403);
    expect(none.body).toMatchObject({ code: 'CSRF', field: 'x-csrf-token' });
    const foreign = await admin.request('POST', '/api/v1/keys', { name: 'x' }, { csrf: other.session!.csrfToken });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('CSRF');
    const keys = (await admin.get('/api/v1/keys')).body.keys as { name: string }[];
    expect(keys.some((k) => k.name === 'x')).toBe(false);
    const good = await admin.request('POST', '/api/v1/keys', { name: 'x' });
    expect(good.status).toBe(201);
  });
});

describe('logout and user changes end sessions', () => {
  it('logout ends the session on the server, not just the cookie', async () => {
    const c = await login(app.url, 'agent1', PASSWORD);
    const cookie = c.cookie!;
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    const again = await new Client(app.url, cookie, undefined).get('/api/v1/auth/session');
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('SESSION_EXPIRED');
  });

  it('disabling a user ends their sessions and refuses their logins; enabling lets them back', async () => {
    const users = (await admin.get('/api/v1/users')).body.users as { id: string; username: string }[];
    const target = users.find((u) => u.username === 'manager1')!;
    const m = await login(app.url, 'manager1', PASSWORD);
    const r = await admin.request('PATCH', `/api/v1/users/${target.id}`, { disabled: true });
    expect(r.status).toBe(200);
    expect(r.body.disabledAt).not.toBeNull();
    expect((await m.get('/api/v1/today')).status).toBe(401);
    const refused = await Client.anonymous(app.url).request('POST', '/api/v1/auth/login', { username: 'manager1', password: PASSWORD });
    expect(refused.status).toBe(401);
    expect((await admin.request('PATCH', `/api/v1/users/${target.id}`, { disabled: false })).status).toBe(200);
    expect((await login(app.url, 'manager1', PASSWORD)).session!.role).toBe('manager');
  });

  it('a new role applies at once: the user must sign in again and gets the new capabilities', async () => {
    const created = await admin.request('POST', '/api/v1/users', {
      username: 'temp1',
      password: PASSWORD,
      role: 'agent',
      agentId: 'agent-007',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'temp1', role: 'agent', agentId: 'agent-007', disabledAt: null });
    const t = await login(app.url, 'temp1', PASSWORD);
    expect((await t.get('/api/v1/today')).status).toBe(403);
    await admin.request('PATCH', `/api/v1/users/${created.body.id}`, { role: 'supervisor', scope: { queues: ['support'], teams: [] } });
    expect((await t.get('/api/v1/auth/session')).status).toBe(401);
    const again = await login(app.url, 'temp1', PASSWORD);
    expect(again.session!.capabilities).toContain('wallboard');
    expect((await again.get('/api/v1/today?queue=support')).status).toBe(200);
    expect((await again.get('/api/v1/today?queue=general')).status).toBe(403);
  });

  it('refuses a taken username (any case) with 409 and a short password with 400 naming the field', async () => {
    const taken = await admin.request('POST', '/api/v1/users', { username: 'Super1', password: PASSWORD, role: 'agent' });
    expect(taken.status).toBe(409);
    expect(taken.body.field).toBe('username');
    const short = await admin.request('POST', '/api/v1/users', { username: 'shorty', password: 'abc', role: 'agent' });
    expect(short.status).toBe(400);
    expect(short.body.field).toBe('password');
    const badRole = await admin.request('POST', '/api/v1/users', { username: 'kiosky', password: PASSWORD, role: 'kiosk' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.field).toBe('role');
  });

  it('keeps the last active admin', async () => {
    const me = (await admin.get('/api/v1/auth/session')).body.user.id as string;
    const r = await admin.request('PATCH', `/api/v1/users/${me}`, { disabled: true });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('LAST_ADMIN');
  });

  it("changing one's password keeps this session, ends the others, and the new password works", async () => {
    await admin.request('POST', '/api/v1/users', { username: 'pw1', password: PASSWORD, role: 'qa_reviewer' });
    const a = await login(app.url, 'pw1', PASSWORD);
    const b = await login(app.url, 'pw1', PASSWORD);
    const wrong = await a.post('/api/v1/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'a-new-password-2' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.field).toBe('currentPassword');
    expect((await a.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'a-new-password-2' })).status).toBe(204);
    expect((await a.get('/api/v1/auth/session')).status).toBe(200);
    expect((await b.get('/api/v1/auth/session')).status).toBe(401);
    await expect(login(app.url, 'pw1', PASSWORD)).rejects.toThrow(/401/);
    expect((await login(app.url, 'pw1', 'a-new-password-2')).session!.role).toBe('qa_reviewer');
  });
});

describe('kiosk display tokens', () => {
  it('are created by an admin as a link, sign a TV in read-only, and stop working when revoked', async () => {
    const created = await admin.request('POST', '/api/v1/kiosk-tokens', { name: 'Lobby', scope: { queues: ['support'], teams: null } });
    expect(created.status).toBe(201);
    expect(created.body.url).toBe(`/kiosk#${created.body.secret}`);
    expect(created.body.secret).toMatch(/^cbt_[0-9a-f]{12}_/);
    const stored = await app.db.query<{ token_hash: string }>(`SELECT token_hash FROM kiosk_tokens WHERE id = $1`, [created.body.token.id]);
    expect(stored.rows[0]!.token_hash).not.toContain(created.body.secret);
    const tv = await kioskSignIn(app.url, created.body.secret);
    expect(tv.session).toMatchObject({
      kind: 'kiosk',
      role: 'kiosk',
      scope: { queues: ['support'], teams: null },
      user: null,
      kiosk: { name: 'Lobby' },
      absoluteExpiresAt: null,
    });
    expect(tv.session!.capabilities).toEqual(['wallboard']);
    expect((await tv.get('/api/v1/today')).status).toBe(200);
    expect((await tv.post('/api/v1/auth/password', { currentPassword: 'x', newPassword: 'yyyyyyyyyy' })).status).toBe(403);
    expect((await admin.request('DELETE', `/api/v1/kiosk-tokens/${created.body.token.id}`)).status).toBe(204);
    expect((await tv.get('/api/v1/today')).status).toBe(401);
    const again = await Client.anonymous(app.url).request('POST', '/api/v1/auth/kiosk', { token: created.body.secret });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('BAD_TOKEN');
    const list = (await admin.get('/api/v1/kiosk-tokens')).body.tokens as {
      id: string;
      revokedAt: string | null;
      lastUsedAt: string | null;
    }[];
    const row = list.find((t) => t.id === created.body.token.id)!;
    expect(row.revokedAt).not.toBeNull();
    expect(row.lastUsedAt).not.toBeNull();
  });
});

describe('API keys', () => {
  it('are created by an admin with a role, post events (ingest only), and are refused once revoked', async () => {
    const created = await admin.request('POST', '/api/v1/keys', { name: 'asterisk-2' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatchObject({ name: 'asterisk-2', role: 'ingest', createdBy: 'admin', revokedAt: null });
    const secret = created.body.secret as string;
    expect((await postEvents(app.url, [], secret)).status).toBe(202);
    expect((await Client.withKey(app.url, secret).get('/metrics')).status).toBe(403);
    const metricsKey = await admin.request('POST', '/api/v1/keys', { name: 'prom', role: 'metrics' });
    const scrape = await Client.withKey(app.url, metricsKey.body.secret).get('/metrics');
    expect(scrape.status).toBe(200);
    expect(String(scrape.body)).toContain('callboard_events_accepted_total');
    expect((await admin.request('DELETE', `/api/v1/keys/${created.body.key.id}`)).status).toBe(204);
    expect((await postEvents(app.url, [], secret)).status).toBe(403);
    expect((await admin.request('DELETE', `/api/v1/keys/${created.body.key.id}`)).status).toBe(404);
  });
});

describe('the audit log', () => {
  it('holds logins, failures, and changes to users, keys and kiosk tokens, filterable and paged', async () => {
    const all = await admin.get('/api/v1/audit?limit=500');
    expect(all.status).toBe(200);
    const actions = new Set((all.body.entries as { action: string }[]).map((e) => e.action));
    for (const a of [
      'auth.login',
      'auth.logout',
      'auth.kiosk',
      'access.denied',
      'user.created',
      'user.updated',
      'user.disabled',
      'user.enabled',
      'user.password',
      'key.created',
      'key.revoked',
      'kiosk.created',
      'kiosk.revoked',
    ]) {
      expect(actions, a).toContain(a);
    }
    const failed = await admin.get('/api/v1/audit?action=auth.login&outcome=failed&limit=500');
    const failures = failed.body.entries as { target: string; detail: { reason: string }; actorKind: string }[];
    expect(failures.filter((e) => e.target === 'qalead1').map((e) => e.detail.reason)).toEqual([
      'wrong password',
      'wrong password',
      'wrong password',
    ]);
    expect(failures.find((e) => e.target === 'ghost')?.detail.reason).toBe('unknown user');
    expect(JSON.stringify(all.body)).not.toContain(PASSWORD);

    const users = await admin.get('/api/v1/audit?action=user.*&limit=2');
    expect(users.body.entries).toHaveLength(2);
    expect(users.body.next).toEqual(expect.any(String));
    const page2 = await admin.get(`/api/v1/audit?action=user.*&limit=2&before=${encodeURIComponent(users.body.next)}`);
    const first = users.body.entries.map((e: { ts: string; action: string; target: string }) => `${e.ts}${e.action}${e.target}`);
    for (const e of page2.body.entries) expect(first).not.toContain(`${e.ts}${e.action}${e.target}`);
    expect(
      page2.body.entries.every((e: { action: string; ts: string }) => e.action.startsWith('user.') && e.ts <= users.body.entries[1].ts),
    ).toBe(true);
    const bad = await admin.get('/api/v1/audit?before=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('before');
  });

  it('is a hypertable', async () => {
    const r = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM timescaledb_information.hypertables WHERE hypertable_name = 'audit_log'`,
    );
    expect(r.rows[0]!.n).toBe(1);
  });
});

describe('input that cannot hurt', () => {
  it.each(['/api/v1/auth/login', '/api/v1/auth/kiosk'])(
    'refuses a form-encoded body on %s with 415, as a cross-site form would post it',
    async (path) => {
      const r = await fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=manager1&password=x&token=y',
      });
      expect(r.status).toBe(415);
      expect(r.headers.get('set-cookie')).toBeNull();
      expect(await r.json()).toEqual({
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'content-type: only application/json is read (got application/x-www-form-urlencoded)',
        field: 'content-type',
      });
      expect((await login(app.url, 'manager1', PASSWORD)).session!.user!.username).toBe('manager1');
    },
  );

  it('quotes at most 100 characters of a megabyte-long unknown field', async () => {
    const r = await Client.anonymous(app.url).request('POST', '/api/v1/auth/login', {
      username: 'manager1',
      password: PASSWORD,
      ['k'.repeat(1_000_000)]: 1,
    });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ statusCode: 400, code: 'BAD_REQUEST', message: `body: unknown field(s) ${'k'.repeat(100)}…`, field: 'body' });
  });

  it('refuses control and bidi-override characters in the names people type, naming the field', async () => {
    const unsafe = 'must not contain control or bidi-override characters';
    const user = { username: 'bidi1', password: PASSWORD, role: 'manager' };
    const bidi = await admin.request('POST', '/api/v1/users', { ...user, displayName: 'Ann \u202eeivarT' });
    expect(bidi.body).toEqual({ statusCode: 400, code: 'BAD_REQUEST', message: `displayName: ${unsafe}`, field: 'displayName' });
    expect((await admin.request('POST', '/api/v1/users', { ...user, displayName: 'Ann Trevi' })).status).toBe(201);

    const token = await admin.request('POST', '/api/v1/kiosk-tokens', { name: 'Lobby\u0000', scope: { queues: null, teams: null } });
    expect(token.body).toEqual({ statusCode: 400, code: 'BAD_REQUEST', message: `name: ${unsafe}`, field: 'name' });
    const scoped = await admin.request('POST', '/api/v1/kiosk-tokens', {
      name: 'Lobby',
      scope: { queues: ['sup\u2066port'], teams: null },
    });
    expect(scoped.body).toMatchObject({ code: 'BAD_REQUEST', message: `scope.queues.0: ${unsafe}`, field: 'scope.queues.0' });

    const rules = { rings: 3, ringCycleS: 15, shortAbandonS: 5, slTarget: 0.8 };
    const queue = await admin.request('PUT', `/api/v1/settings/queues/${encodeURIComponent('\u202egeneral')}`, rules);
    expect(queue.body).toEqual({ statusCode: 400, code: 'BAD_REQUEST', message: `queue: ${unsafe}`, field: 'queue' });
    expect((await admin.request('PUT', '/api/v1/settings/queues/general', rules)).status).toBe(200);
  });
});

describe('security headers', () => {
  it('sends a CSP that forbids framing, and the standard hardening headers', async () => {
    const r = await fetch(`${app.url}/api/v1/auth/session`);
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
