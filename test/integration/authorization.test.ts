/**
 * Every route in the OpenAPI document, called by every kind of principal,
 * against one policy table written from SPEC §1. A route in the document
 * without a row here fails the test; so does a registered route missing from
 * the document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../support/app.js';
import { Client, type Principals, login, signInEveryRole } from '../support/auth.js';

const PEOPLE = ['admin', 'manager', 'supervisor', 'qa_lead', 'qa_reviewer', 'agent'] as const;
const SESSIONS = [...PEOPLE, 'kiosk'] as const;
const PRINCIPALS = ['anonymous', ...SESSIONS, 'ingest', 'metrics'] as const;
type Who = (typeof PRINCIPALS)[number];

const PUBLIC = PRINCIPALS;
const QA_RESULTS = PEOPLE;
const QA_REVIEW = ['admin', 'qa_lead', 'qa_reviewer'] as const;
const QA_MANAGE = ['admin', 'qa_lead'] as const;

/**
 * Who may call what (SPEC §1): admin everything; manager trends, reports, all
 * wallboards; supervisor the wallboard of their queues; QA roles and agents no
 * wallboard; kiosk a read-only wallboard; ingest keys only post events.
 */
const POLICY: Record<string, readonly Who[]> = {
  'GET /health': PUBLIC,
  'GET /api/docs': PUBLIC,
  'GET /metrics': ['admin', 'metrics'],
  'POST /api/v1/events': ['ingest'],
  'GET /api/v1/today': ['admin', 'manager', 'supervisor', 'kiosk'],
  'GET /api/v1/live': ['admin', 'manager', 'supervisor', 'kiosk'],
  // Calls carry caller numbers (masked) and agents: not for a kiosk display.
  'GET /api/v1/live/calls': ['admin', 'manager', 'supervisor'],
  // History is for managers (SPEC §1): supervisors see their queues live, not in trends.
  'GET /api/v1/trends': ['admin', 'manager'],
  'GET /api/v1/trends/heatmap': ['admin', 'manager'],
  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/kiosk': PUBLIC,
  'GET /api/v1/auth/session': SESSIONS,
  'POST /api/v1/auth/logout': SESSIONS,
  'POST /api/v1/auth/password': PEOPLE,
  'GET /api/v1/users': ['admin'],
  'POST /api/v1/users': ['admin'],
  'PATCH /api/v1/users/{id}': ['admin'],
  'GET /api/v1/scopes': ['admin'],
  'GET /api/v1/keys': ['admin'],
  'POST /api/v1/keys': ['admin'],
  'DELETE /api/v1/keys/{id}': ['admin'],
  'GET /api/v1/kiosk-tokens': ['admin'],
  'POST /api/v1/kiosk-tokens': ['admin'],
  'DELETE /api/v1/kiosk-tokens/{id}': ['admin'],
  'GET /api/v1/audit': ['admin'],
  'GET /api/v1/settings/queues': ['admin', 'manager', 'supervisor', 'kiosk'],
  'PUT /api/v1/settings/queues/{queue}': ['admin'],
  'GET /api/v1/settings/not-ready-limits': ['admin', 'manager', 'supervisor', 'kiosk'],
  'PUT /api/v1/settings/not-ready-limits': ['admin'],
  // QA: results for every person (each sees their share), scoring for reviewers, forms, sampling and disputes for the lead.
  'GET /api/v1/qa/forms': QA_RESULTS,
  'GET /api/v1/qa/forms/{id}': QA_RESULTS,
  'POST /api/v1/qa/forms': QA_MANAGE,
  'PUT /api/v1/qa/forms/{id}': QA_MANAGE,
  'GET /api/v1/qa/sampling/plans': QA_MANAGE,
  'POST /api/v1/qa/sampling/plans': QA_MANAGE,
  'GET /api/v1/qa/sampling/runs': QA_MANAGE,
  'GET /api/v1/qa/sampling/runs/{id}': QA_MANAGE,
  'GET /api/v1/qa/sampling/runs/{id}/redraw': QA_MANAGE,
  'POST /api/v1/qa/sampling/runs': QA_MANAGE,
  'GET /api/v1/qa/evaluations': QA_RESULTS,
  'GET /api/v1/qa/evaluations/{id}': QA_RESULTS,
  'PUT /api/v1/qa/evaluations/{id}': QA_REVIEW,
  'POST /api/v1/qa/evaluations/{id}/submit': QA_REVIEW,
  'POST /api/v1/qa/evaluations/{id}/acknowledge': QA_RESULTS,
  'POST /api/v1/qa/evaluations/{id}/dispute': QA_RESULTS,
  'POST /api/v1/qa/evaluations/{id}/resolve': QA_MANAGE,
  'GET /api/v1/qa/summary': QA_RESULTS,
  'GET /api/v1/qa/people': QA_RESULTS,
  // The wallboard's QA tile: aggregates for every session, a kiosk display's included.
  'GET /api/v1/qa/progress': SESSIONS,
  'POST /api/v1/qa/calibrations': QA_MANAGE,
  'GET /api/v1/qa/calibrations': QA_REVIEW,
  'GET /api/v1/qa/calibrations/{id}': QA_REVIEW,
  'PUT /api/v1/qa/calibrations/{id}/scores': QA_REVIEW,
  // Recordings: QA and admins every call, a supervisor the calls of their scope; never a kiosk. An agent passes the gate
  // but hears only the calls of their own scored evaluations: this unknown call is a 403 for them (qa-workspace.test.ts).
  'GET /api/v1/qa/calls/{callId}/recording': ['admin', 'supervisor', 'qa_lead', 'qa_reviewer'],
};

/**
 * Bodies that pass the gate but change nothing: an allowed caller gets a
 * validation error or 404, a refused one 401/403.
 */
const HARMLESS_BODY: Record<string, unknown> = {
  'POST /api/v1/events': [],
};

interface Operation {
  'x-access'?: string;
  'x-undocumented'?: boolean;
}

let app: RunningApp;
let principals: Principals;
let documented: Record<string, Operation>;
let operations: string[];

beforeAll(async () => {
  app = await startApp();
  principals = await signInEveryRole(app);
  const doc = (await (await fetch(`${app.url}/api/docs`)).json()) as { paths: Record<string, Record<string, Operation>> };
  documented = Object.fromEntries(
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([m, op]) => [`${m.toUpperCase()} ${path}`, op])),
  );
  operations = Object.keys(documented);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

/** Logout would end the shared session: it gets a session of its own. */
async function clientFor(who: Who, operation: string): Promise<Client> {
  if (who === 'anonymous') return Client.anonymous(app.url);
  if (operation !== 'POST /api/v1/auth/logout') return principals.byRole[who]!;
  if (who === 'kiosk') {
    const c = Client.anonymous(app.url);
    const r = await c.request('POST', '/api/v1/auth/kiosk', { token: principals.kioskSecret });
    c.session = r.body;
    return c;
  }
  if (who === 'admin') return login(app.url, 'admin', 'admin-password-for-tests');
  if (who === 'ingest' || who === 'metrics') return principals.byRole[who]!;
  const username = { manager: 'manager1', supervisor: 'super1', qa_lead: 'qalead1', qa_reviewer: 'reviewer1', agent: 'agent1' }[who];
  return login(app.url, username, 'password-for-tests-1');
}

describe('the policy table', () => {
  it('has exactly one row per documented operation', () => {
    const undocumented = Object.keys(POLICY).filter((op) => !operations.includes(op));
    const withoutPolicy = operations.filter((op) => !(op in POLICY));
    expect(withoutPolicy, 'documented operations without a row in POLICY').toEqual([]);
    expect(undocumented, 'rows in POLICY for operations the document lacks').toEqual([]);
  });

  /**
   * API routes are those under /api, /health and /metrics. The wallboard's
   * static files are served at / and /* by @fastify/static, and Socket.IO
   * answers /socket.io/ on the HTTP server before Fastify routes anything:
   * neither is an API route. HEAD is Fastify's automatic twin of each GET.
   */
  it('documents every route the server registered, each with its contract and access policy', () => {
    const served = app.routes
      .filter((r) => r.method !== 'HEAD' && /^\/(api|health|metrics)/.test(r.url))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(15);
    expect(
      served.filter((op) => !operations.includes(op)),
      'served but not in the document',
    ).toEqual([]);
    expect(
      served.filter((op) => documented[op]?.['x-undocumented']),
      'routes without @ApiOperation',
    ).toEqual([]);
    expect(
      served.filter((op) => documented[op]?.['x-access'] === undefined),
      'routes without an access policy',
    ).toEqual([]);
  });
});

describe.each(PRINCIPALS)('as %s', (who) => {
  it('is allowed exactly where the table says, refused with 401 or 403 elsewhere', async () => {
    const outcomes: string[] = [];
    const wrong: string[] = [];
    for (const operation of operations) {
      const [method, template] = operation.split(' ') as [string, string];
      const path = template.replace('{id}', 'no-such-id');
      const client = await clientFor(who, operation);
      const body = ['POST', 'PATCH', 'PUT'].includes(method) ? (HARMLESS_BODY[operation] ?? {}) : undefined;
      const r = await client.request(method, path, body);
      const allowed = (POLICY[operation] ?? []).includes(who);
      const refusedAs = who === 'anonymous' ? 401 : 403;
      const ok = allowed ? r.status !== 401 && r.status !== 403 && r.status < 500 : r.status === refusedAs;
      outcomes.push(`${operation} → ${r.status}`);
      if (!ok)
        wrong.push(`${operation}: expected ${allowed ? 'allowed' : refusedAs}, got ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
    }
    expect(wrong, outcomes.join('\n')).toEqual([]);
  }, 60_000);
});

describe('scope', () => {
  it('refuses a supervisor asking for a queue outside their scope with 403, not an empty answer', async () => {
    const supervisor = principals.byRole.supervisor!;
    const mine = await supervisor.get('/api/v1/today?queue=general');
    expect(mine.status).toBe(200);
    const other = await supervisor.get('/api/v1/today?queue=billing');
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'FORBIDDEN', field: 'queue' });
    expect(other.body.message).toContain('billing');
    const mixed = await supervisor.get('/api/v1/today?queue=general,billing');
    expect(mixed.status).toBe(403);
  });

  it('limits a kiosk to its fixed scope and lets a manager see every queue', async () => {
    expect((await principals.byRole.kiosk!.get('/api/v1/today?queue=support')).status).toBe(403);
    expect((await principals.byRole.kiosk!.get('/api/v1/today?queue=general')).status).toBe(200);
    expect((await principals.byRole.manager!.get('/api/v1/today?queue=support')).status).toBe(200);
    expect(principals.byRole.kiosk!.session!.scope).toEqual({ queues: ['general'], teams: null });
    expect(principals.byRole.manager!.session!.scope).toEqual({ queues: null, teams: null });
  });

  it('records refused requests in the audit log', async () => {
    await principals.byRole.supervisor!.get('/api/v1/users');
    const r = await principals.byRole.admin!.get('/api/v1/audit?action=access.denied&actor=super1&limit=500');
    expect(r.status).toBe(200);
    const targets = (r.body.entries as { target: string; outcome: string }[]).map((e) => e.target);
    expect(targets).toContain('GET /api/v1/users');
    expect(targets).toContain('GET /api/v1/today');
    expect(r.body.entries.every((e: { outcome: string; actorName: string }) => e.outcome === 'denied' && e.actorName === 'super1')).toBe(
      true,
    );
  });
});
