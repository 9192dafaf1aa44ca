/** Sessions, CSRF, login limits, kiosk tokens, API keys, user changes and the audit log, on the real app. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type RunningApp, postEvents, startApp } from '../support/app.js';
import { Client, PASSWORD, expiredToken, type Principals, kioskSignIn, login, signInEveryRole } from '../support/auth.js';

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
    expect(r.body.capabilities).toEqual(['wallboard', 'agentDetail', 'qaResults', 'self']);
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
    expect(created.body.url).toBe(`${app.url}/kiosk#${created.body.secret}`);
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
