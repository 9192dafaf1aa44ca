/** Signing in from tests: a small cookie-keeping client, and one principal per role. */
import { type UserRole, createApiKey, createKioskToken, createUser } from '@callboard/api';
import type { SessionInfo } from '@callboard/api/wire';
import { SignJWT } from 'jose';
import type { RunningApp } from './app.js';
import { ADMIN_PASSWORD } from './app.js';

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are JSON of many shapes; each test reads the fields it asserts
  body: any;
  headers: Headers;
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on state-changing requests. */
export class Client {
  constructor(
    readonly url: string,
    public cookie: string | undefined,
    public session: SessionInfo | undefined,
    /** An API key instead of a cookie. */
    readonly bearer?: string,
  ) {}

  static anonymous(url: string): Client {
    return new Client(url, undefined, undefined);
  }

  static withKey(url: string, key: string): Client {
    return new Client(url, undefined, undefined, key);
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    opts: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const csrf = opts.csrf === undefined ? this.session?.csrfToken : opts.csrf;
    if (csrf && !['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] = csrf;
    const res = await fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const value = /cb_session=([^;]*)/.exec(setCookie)?.[1];
      this.cookie = value ? `cb_session=${value}` : undefined;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON (metrics) */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
}

export async function login(url: string, username: string, password: string): Promise<Client> {
  const client = Client.anonymous(url);
  const r = await client.request('POST', '/api/v1/auth/login', { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  client.session = r.body as SessionInfo;
  return client;
}

export async function kioskSignIn(url: string, token: string): Promise<Client> {
  const client = Client.anonymous(url);
  const r = await client.request('POST', '/api/v1/auth/kiosk', { token });
  if (r.status !== 200) throw new Error(`kiosk sign-in: ${r.status} ${JSON.stringify(r.body)}`);
  client.session = r.body as SessionInfo;
  return client;
}

export const PASSWORD = 'password-for-tests-1';

/** The people of the test center: one per role; the supervisor sees queue general and team-a. */
export const PEOPLE: readonly {
  username: string;
  role: UserRole;
  scope?: { queues: string[] | null; teams: string[] | null };
  agentId?: string;
}[] = [
  { username: 'manager1', role: 'manager' },
  { username: 'super1', role: 'supervisor', scope: { queues: ['general'], teams: ['team-a'] } },
  { username: 'qalead1', role: 'qa_lead' },
  { username: 'reviewer1', role: 'qa_reviewer' },
  { username: 'agent1', role: 'agent', agentId: 'agent-001' },
];

export interface Principals {
  /** Keyed by role, plus 'kiosk', 'ingest' and 'metrics'. */
  byRole: Record<string, Client>;
  kioskSecret: string;
  kioskId: string;
}

/** Creates one user per role, a kiosk token for queue general and two API keys, and signs them all in. */
export async function signInEveryRole(app: RunningApp): Promise<Principals> {
  for (const p of PEOPLE) await createUser(app.db, { ...p, password: PASSWORD });
  const { token, secret } = await createKioskToken(app.db, 'Floor TV', { queues: ['general'], teams: null }, 'test');
  const ingest = await createApiKey(app.db, 'pbx', 'ingest');
  const metrics = await createApiKey(app.db, 'prometheus', 'metrics');
  const byRole: Record<string, Client> = { admin: await login(app.url, 'admin', ADMIN_PASSWORD) };
  for (const p of PEOPLE) byRole[p.role] = await login(app.url, p.username, PASSWORD);
  byRole.kiosk = await kioskSignIn(app.url, secret);
  byRole.ingest = Client.withKey(app.url, ingest.secret);
  byRole.metrics = Client.withKey(app.url, metrics.secret);
  return { byRole, kioskSecret: secret, kioskId: token.id };
}

/** A session token for `sid` that ran out a minute ago, signed with the app's real secret. */
export async function expiredToken(app: RunningApp, sid: string): Promise<string> {
  const secret = (await app.db.query<{ s: string }>(`SELECT value #>> '{}' AS s FROM settings WHERE key = 'session_secret'`)).rows[0]!.s;
  const past = Math.floor(Date.now() / 1000) - 60;
  return new SignJWT({ sid })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(past - 900)
    .setExpirationTime(past)
    .sign(new TextEncoder().encode(secret));
}
