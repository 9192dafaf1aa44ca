import { capabilitiesOf, type SessionInfo, type UserRole } from '@callboard/api/wire';
import { vi } from 'vitest';
import { jsonResponse } from './today.fixture';

const DISPLAY_NAMES: Record<UserRole, string> = {
  admin: 'Ada Admin',
  manager: 'Min Manager',
  supervisor: 'Sun Supervisor',
  qa_lead: 'Lei QA Lead',
  qa_reviewer: 'Rui Reviewer',
  agent: 'Ai Agent',
};

/**
 * The session the server would answer for a person of `role` (or a wall
 * display). Capabilities are the server's own table, as the API sends them;
 * tests of what the app does with them state their expectations by hand.
 */
export function sessionFixture(role: UserRole | 'kiosk', overrides: Partial<SessionInfo> = {}): SessionInfo {
  const kiosk = role === 'kiosk';
  return {
    kind: kiosk ? 'kiosk' : 'user',
    role,
    scope: role === 'supervisor' || kiosk ? { queues: ['sales'], teams: null } : { queues: null, teams: null },
    capabilities: capabilitiesOf(role),
    tz: 'Asia/Shanghai',
    csrfToken: `csrf-${role}`,
    expiresAt: '2025-03-04T02:20:09.000Z',
    absoluteExpiresAt: kiosk ? null : '2025-03-04T14:05:09.000Z',
    user: kiosk
      ? null
      : { id: `u-${role}`, username: role, displayName: DISPLAY_NAMES[role], role, agentId: role === 'agent' ? 'A-7' : null },
    kiosk: kiosk ? { id: 'k-1', name: 'Floor 3' } : null,
    ...overrides,
  };
}

export function errorResponse(
  status: number,
  code: string,
  message = code,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ statusCode: status, code, message, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export type FakeHandler = (request: { url: string; init: RequestInit; body: unknown }) => Response | Promise<Response>;

/** One answer per `METHOD /path` (query left out); a plain value is answered as JSON 200. */
export type FakeRoutes = Record<string, FakeHandler | Response | object>;

/**
 * A `fetch` that plays the API: answers by method and path, 404 for anything
 * else, and records every call so tests can check what was sent.
 */
export function fakeApi(routes: FakeRoutes) {
  const fetchMock = vi.fn(async (input: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = input.split('?')[0];
    const route = routes[`${method} ${path}`];
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    if (route === undefined) return errorResponse(404, 'NOT_FOUND', `no route ${method} ${path}`);
    if (typeof route === 'function') return route({ url: input, init, body });
    if (route instanceof Response) return route.clone();
    return jsonResponse(route);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetchMock,
    /** Calls to `METHOD /path`, each with its URL, headers and parsed body. */
    calls(key: string) {
      return fetchMock.mock.calls
        .filter(([url, init]) => `${init?.method ?? 'GET'} ${url.split('?')[0]}` === key)
        .map(([url, init]) => ({
          url,
          headers: (init?.headers ?? {}) as Record<string, string>,
          body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
        }));
    },
  };
}
