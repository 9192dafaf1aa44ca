/**
 * The `/live` socket refuses what it must: no token, a foreign origin, an
 * expired token, a role without wallboards, a subscription outside the scope,
 * a session's socket beyond its limit, a burst of subscribes; and drops sockets
 * whose session ends while connected.
 */
import { type Socket, io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp, until } from '../support/app.js';
import { type Client, PASSWORD, expiredToken, type Principals, kioskSignIn, login, signInEveryRole } from '../support/auth.js';

let app: RunningApp;
let principals: Principals;
const open: Socket[] = [];

beforeAll(async () => {
  app = await startApp();
  principals = await signInEveryRole(app);
}, 60_000);

afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});

afterAll(async () => {
  await app?.close();
});

function connect(opts: { cookie?: string; origin?: string; token?: string } = {}): Socket {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  headers.origin = opts.origin ?? app.url;
  const socket = io(`${app.url}/live`, {
    transports: ['websocket'],
    extraHeaders: headers,
    auth: opts.token ? { token: opts.token } : {},
    reconnection: false,
    timeout: 5_000,
  });
  open.push(socket);
  return socket;
}

/** Resolves with 'connected' or the refusal's code (or message when it has none). */
function outcome(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message));
  });
}

const ended = (socket: Socket) =>
  new Promise<{ reason: string; disconnect: string }>((resolve) => {
    let reason = '';
    socket.once('session_ended', (m: { reason: string }) => (reason = m.reason));
    socket.once('disconnect', (why) => resolve({ reason, disconnect: why }));
  });

const cookieOf = (c: Client) => c.cookie!;

describe('handshake', () => {
  it("accepts a supervisor with a session cookie from the app's own origin", async () => {
    expect(await outcome(connect({ cookie: cookieOf(principals.byRole.supervisor!) }))).toBe('connected');
  });

  it('refuses a handshake without a token', async () => {
    expect(await outcome(connect())).toBe('UNAUTHENTICATED');
  });

  it("refuses another site's origin even with a valid cookie, and audits it", async () => {
    const result = await outcome(connect({ cookie: cookieOf(principals.byRole.supervisor!), origin: 'https://evil.example' }));
    expect(result).not.toBe('connected');
    const audit = await principals.byRole.admin!.get('/api/v1/audit?action=socket.denied&limit=50');
    expect(
      audit.body.entries.some(
        (e: { detail: { code: string; origin?: string } }) => e.detail.code === 'ORIGIN' && e.detail.origin === 'https://evil.example',
      ),
    ).toBe(true);
  });

  it('refuses an expired token', async () => {
    const sid = (
      await app.db.query<{ id: string }>(
        `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'super1' AND s.revoked_at IS NULL LIMIT 1`,
      )
    ).rows[0]!.id;
    const token = await expiredToken(app, sid);
    expect(await outcome(connect({ token }))).toBe('SESSION_EXPIRED');
    expect(await outcome(connect({ cookie: `cb_session=${token}` }))).toBe('SESSION_EXPIRED');
  });

  it('refuses roles that have no wallboard (QA reviewer, agent)', async () => {
    expect(await outcome(connect({ cookie: cookieOf(principals.byRole.qa_reviewer!) }))).toBe('FORBIDDEN');
    expect(await outcome(connect({ cookie: cookieOf(principals.byRole.agent!) }))).toBe('FORBIDDEN');
  });
});

describe('subscribe', () => {
  it('answers a snapshot of the scope, and refuses queues or teams outside it', async () => {
    const socket = connect({ cookie: cookieOf(principals.byRole.supervisor!) });
    expect(await outcome(socket)).toBe('connected');
    const snapshot = new Promise<{ seq: number; subscription: unknown; queues: unknown[] }>((r) => socket.once('snapshot', r));
    const okAck = await socket.emitWithAck('subscribe', {});
    expect(okAck).toMatchObject({ ok: true, subscription: { queues: ['general'], teams: ['team-a'] } });
    expect((await snapshot).subscription).toEqual({ queues: ['general'], teams: ['team-a'] });

    const outside = await socket.emitWithAck('subscribe', { queues: ['general', 'billing'] });
    expect(outside).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'queue "billing" is outside your scope', field: 'queues' } });
    const team = await socket.emitWithAck('subscribe', { teams: ['team-c'] });
    expect(team).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'teams' } });
    const bad = await socket.emitWithAck('subscribe', { queues: 'general' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'queues' } });
  });

  it('re-checks the session on subscribe: a session ended behind the cache is caught', async () => {
    const c = await login(app.url, 'super1', PASSWORD);
    const socket = connect({ cookie: c.cookie });
    expect(await outcome(socket)).toBe('connected');
    // Ended in the database only, as `callboard users disable` from another process does.
    await app.db.query(`UPDATE sessions SET revoked_at = now() WHERE id = (SELECT id FROM sessions ORDER BY created_at DESC LIMIT 1)`);
    const gone = ended(socket);
    const ack = await socket.emitWithAck('subscribe', {});
    expect(ack).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED' } });
    expect((await gone).disconnect).toBe('io server disconnect');
  });
});

describe('sessions ending while connected', () => {
  it("logout disconnects the session's sockets", async () => {
    const c = await login(app.url, 'manager1', PASSWORD);
    const socket = connect({ cookie: c.cookie });
    expect(await outcome(socket)).toBe('connected');
    const gone = ended(socket);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    expect(await gone).toEqual({ reason: 'revoked', disconnect: 'io server disconnect' });
  });

  it('disabling the user disconnects every socket of theirs', async () => {
    const admin = principals.byRole.admin!;
    const created = await admin.request('POST', '/api/v1/users', {
      username: 'sup2',
      password: PASSWORD,
      role: 'supervisor',
      scope: { queues: ['general'], teams: [] },
    });
    const [first, second] = [await login(app.url, 'sup2', PASSWORD), await login(app.url, 'sup2', PASSWORD)];
    const a = connect({ cookie: first.cookie });
    const b = connect({ cookie: second.cookie });
    expect(await Promise.all([outcome(a), outcome(b)])).toEqual(['connected', 'connected']);
    const gone = Promise.all([ended(a), ended(b)]);
    expect((await admin.request('PATCH', `/api/v1/users/${created.body.id}`, { disabled: true })).status).toBe(200);
    expect((await gone).map((g) => g.reason)).toEqual(['revoked', 'revoked']);
  });

  it('revoking a kiosk token disconnects its TVs', async () => {
    const admin = principals.byRole.admin!;
    const created = await admin.request('POST', '/api/v1/kiosk-tokens', { name: 'TV 3', scope: { queues: ['general'], teams: null } });
    const tv = await kioskSignIn(app.url, created.body.secret);
    const socket = connect({ cookie: tv.cookie });
    expect(await outcome(socket)).toBe('connected');
    expect(await socket.emitWithAck('subscribe', { queues: ['support'] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const gone = ended(socket);
    expect((await admin.request('DELETE', `/api/v1/kiosk-tokens/${created.body.token.id}`)).status).toBe(204);
    expect((await gone).reason).toBe('revoked');
    expect(await outcome(connect({ cookie: tv.cookie }))).toBe('SESSION_EXPIRED');
  });
});

/** Resolves with the next patch the socket gets. */
const nextPatch = (socket: Socket) => new Promise<{ seq: number }>((resolve) => socket.once('patch', resolve));

describe('bounds per session and per socket', () => {
  it("refuses a session's 9th socket while its 8 keep getting patches; another screen of the same kiosk link connects", async () => {
    const admin = principals.byRole.admin!;
    const created = await admin.request('POST', '/api/v1/kiosk-tokens', { name: 'Wall', scope: { queues: null, teams: null } });
    const tv = await kioskSignIn(app.url, created.body.secret);
    const eight = Array.from({ length: 8 }, () => connect({ cookie: tv.cookie }));
    expect(await Promise.all(eight.map(outcome))).toEqual(Array(8).fill('connected'));
    for (const s of eight) expect(await s.emitWithAck('subscribe', {})).toMatchObject({ ok: true });

    const ninth = connect({ cookie: tv.cookie });
    expect(await outcome(ninth)).toBe('TOO_MANY_SOCKETS');
    // The 8 are untouched: each gets the next patch (a heartbeat at least every 2 s).
    expect((await Promise.all(eight.map(nextPatch))).every((p) => p.seq > 0)).toBe(true);
    expect(eight.every((s) => s.connected)).toBe(true);

    // Another TV opening the same link has its own session.
    const otherTv = await kioskSignIn(app.url, created.body.secret);
    expect(await outcome(connect({ cookie: otherTv.cookie }))).toBe('connected');
    // A closed socket frees its place.
    eight[0]!.disconnect();
    expect(
      await until('the place to be freed', async () =>
        (await outcome(connect({ cookie: tv.cookie }))) === 'connected' ? true : undefined,
      ),
    ).toBe(true);
  });

  it('answers a burst of 300 subscribes with 5 snapshots and RATE_LIMITED for the rest, and the socket still gets patches', async () => {
    const c = await login(app.url, 'manager1', PASSWORD);
    const socket = connect({ cookie: c.cookie });
    expect(await outcome(socket)).toBe('connected');
    let snapshots = 0;
    socket.on('snapshot', () => snapshots++);

    const started = Date.now();
    const acks = await Promise.all(Array.from({ length: 300 }, () => socket.emitWithAck('subscribe', {})));
    const elapsedS = (Date.now() - started) / 1000;
    const accepted = acks.filter((a) => a.ok).length;
    // A burst of 5, and one more for each whole second the burst took.
    expect(accepted).toBeGreaterThanOrEqual(5);
    expect(accepted).toBeLessThanOrEqual(5 + Math.floor(elapsedS));
    const refused = acks.filter((a) => !a.ok);
    expect(refused).toHaveLength(300 - accepted);
    for (const r of refused) {
      expect(r).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      expect(r.error.retryAfterMs).toBeGreaterThan(0);
      expect(r.error.retryAfterMs).toBeLessThanOrEqual(1000);
    }
    // A snapshot goes out before its ack: every one due has arrived, and none for a refusal.
    expect(snapshots).toBe(accepted);

    expect((await nextPatch(socket)).seq).toBeGreaterThan(0);
    // A second on, the bucket holds a token again.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await socket.emitWithAck('subscribe', {})).toMatchObject({ ok: true });
    expect(snapshots).toBe(accepted + 1);
  });
});
