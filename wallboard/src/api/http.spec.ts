import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorResponse, fakeApi, noContent } from '../testing/session.fixture';
import { jsonResponse } from '../testing/today.fixture';
import { ApiError, connectSession, http, parseRetryAfter, request, withQuery, type HttpSession } from './http';

function fakeSession(token = 'csrf-1'): HttpSession & { token: string } {
  const session = {
    token,
    csrfToken: () => session.token,
    ended: vi.fn<(error: ApiError) => void>(),
    refresh: vi.fn(async () => {
      session.token = 'csrf-2';
    }),
  };
  connectSession(session);
  return session;
}

function headersOf(fetchMock: ReturnType<typeof fakeApi>['fetchMock'], call = 0): Record<string, string> {
  return (fetchMock.mock.calls[call]?.[1]?.headers ?? {}) as Record<string, string>;
}

beforeEach(() => connectSession(null));
afterEach(() => connectSession(null));

describe('request', () => {
  it('sends the CSRF token on POST, PATCH, PUT and DELETE, never on GET', async () => {
    fakeSession('csrf-abc');
    const { fetchMock } = fakeApi({
      'GET /x': { ok: 1 },
      'POST /x': { ok: 1 },
      'PATCH /x': { ok: 1 },
      'PUT /x': { ok: 1 },
      'DELETE /x': noContent(),
    });

    await request('/x');
    await request('/x', { method: 'POST', body: {} });
    await request('/x', { method: 'PATCH', body: {} });
    await request('/x', { method: 'PUT', body: {} });
    await request('/x', { method: 'DELETE' });

    expect(headersOf(fetchMock, 0)['X-CSRF-Token']).toBeUndefined();
    expect([1, 2, 3, 4].map((call) => headersOf(fetchMock, call)['X-CSRF-Token'])).toEqual([
      'csrf-abc',
      'csrf-abc',
      'csrf-abc',
      'csrf-abc',
    ]);
  });

  it('sends no CSRF header before anyone is signed in', async () => {
    const { fetchMock } = fakeApi({ 'POST /api/v1/auth/login': { kind: 'user' } });

    await http.post('/api/v1/auth/login', { username: 'ada', password: 'pw' });

    expect(headersOf(fetchMock)['X-CSRF-Token']).toBeUndefined();
  });

  it('sends JSON with the cookie of this origin and parses the answer', async () => {
    const { fetchMock } = fakeApi({ 'POST /api/v1/keys': { key: { id: 'k1' }, secret: 's' } });

    const created = await http.post<{ secret: string }>('/api/v1/keys', { name: 'pbx-1' });

    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe('{"name":"pbx-1"}');
    expect(headersOf(fetchMock)).toMatchObject({ Accept: 'application/json', 'Content-Type': 'application/json' });
    expect(created.secret).toBe('s');
  });

  it('answers undefined for 204 No Content', async () => {
    fakeSession();
    fakeApi({ 'DELETE /api/v1/keys/k1': noContent() });

    await expect(http.delete('/api/v1/keys/k1')).resolves.toBeUndefined();
  });

  it('carries the server’s status, code, message and field in the error', async () => {
    fakeSession();
    fakeApi({
      'POST /api/v1/users': errorResponse(409, 'CONFLICT', 'username taken', { field: 'username' }),
    });

    const error = await http.post('/api/v1/users', { username: 'ada' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'CONFLICT', field: 'username', message: 'username taken' });
    expect((error as ApiError).retryAfterS).toBeUndefined();
  });

  it('reads Retry-After of a 429 in seconds', async () => {
    fakeApi({
      'POST /api/v1/auth/login': errorResponse(429, 'TOO_MANY_ATTEMPTS', 'slow down', {}, { 'Retry-After': '540' }),
    });

    const error = (await http.post('/api/v1/auth/login', {}).catch((e: unknown) => e)) as ApiError;

    expect(error.status).toBe(429);
    expect(error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(error.retryAfterS).toBe(540);
  });

  it('names the status when the error body is not JSON', async () => {
    fakeApi({ 'GET /x': new Response('<html>Bad gateway</html>', { status: 502 }) });

    const error = (await request('/x').catch((e: unknown) => e)) as ApiError;

    expect(error.status).toBe(502);
    expect(error.code).toBeUndefined();
    expect(error.message).toBe('GET /x answered 502');
  });

  it('ends the session on a 401 from any endpoint', async () => {
    const session = fakeSession();
    fakeApi({ 'GET /api/v1/today': errorResponse(401, 'SESSION_EXPIRED') });

    const error = await request('/api/v1/today').catch((e: unknown) => e);

    expect(session.ended).toHaveBeenCalledTimes(1);
    expect(session.ended).toHaveBeenCalledWith(error);
    expect((error as ApiError).code).toBe('SESSION_EXPIRED');
  });

  it('does not end the session for a wrong password or display token (401 answering a credential check)', async () => {
    const session = fakeSession();
    fakeApi({
      'POST /api/v1/auth/password': errorResponse(401, 'BAD_CREDENTIALS'),
      'POST /api/v1/auth/kiosk': errorResponse(401, 'BAD_TOKEN'),
    });

    await expect(http.post('/api/v1/auth/password', {})).rejects.toMatchObject({ status: 401 });
    await expect(http.post('/api/v1/auth/kiosk', {})).rejects.toMatchObject({ status: 401 });

    expect(session.ended).not.toHaveBeenCalled();
  });

  it('does not end the session on a refusal (403)', async () => {
    const session = fakeSession();
    fakeApi({ 'GET /api/v1/users': errorResponse(403, 'FORBIDDEN') });

    await expect(request('/api/v1/users')).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });

    expect(session.ended).not.toHaveBeenCalled();
    expect(session.refresh).not.toHaveBeenCalled();
  });

  it('fetches a fresh CSRF token once and retries when the server rejects a stale one', async () => {
    const session = fakeSession('stale');
    const sent: (string | undefined)[] = [];
    fakeApi({
      'POST /api/v1/keys': ({ init }) => {
        const token = (init.headers as Record<string, string>)['X-CSRF-Token'];
        sent.push(token);
        return token === 'csrf-2' ? jsonResponse({ ok: true }) : errorResponse(403, 'CSRF');
      },
    });

    await expect(http.post('/api/v1/keys', { name: 'a' })).resolves.toEqual({ ok: true });

    expect(session.refresh).toHaveBeenCalledTimes(1);
    expect(sent).toEqual(['stale', 'csrf-2']);
  });

  it('gives up after one retry when the fresh CSRF token is refused too', async () => {
    fakeSession();
    const { fetchMock } = fakeApi({ 'POST /api/v1/keys': errorResponse(403, 'CSRF') });

    await expect(http.post('/api/v1/keys', {})).rejects.toMatchObject({ status: 403, code: 'CSRF' });

    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('reports a network failure without a status, keeping the cause', async () => {
    const cause = new TypeError('Failed to fetch');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(cause)),
    );

    const error = (await request('/x').catch((e: unknown) => e)) as ApiError;

    expect(error.status).toBeUndefined();
    expect(error.code).toBe('NETWORK');
    expect(error.cause).toBe(cause);
  });

  it('gives up on a request that never answers', async () => {
    vi.useFakeTimers();
    try {
      vi.stubGlobal(
        'fetch',
        vi.fn(
          (_url: string, init: RequestInit) =>
            new Promise((_resolve, reject) => {
              init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
            }),
        ),
      );
      const pending = request('/x', { timeoutMs: 2_000 }).catch((e: unknown) => e);

      await vi.advanceTimersByTimeAsync(1_999);
      let settled = false;
      void pending.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);

      const error = (await pending) as ApiError;
      expect(error.code).toBe('TIMEOUT');
      expect(error.status).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('withQuery', () => {
  it('leaves out empty filters and encodes the rest', () => {
    expect(withQuery('/api/v1/audit', { action: 'auth.login', actor: '', outcome: undefined, limit: 100, before: null })).toBe(
      '/api/v1/audit?action=auth.login&limit=100',
    );
    expect(withQuery('/a', { actor: 'Lü Wei & co' })).toBe('/a?actor=L%C3%BC+Wei+%26+co');
    expect(withQuery('/a', {})).toBe('/a');
  });
});

describe('parseRetryAfter', () => {
  it('reads a delay in seconds', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(' 0 ')).toBe(0);
  });

  it('reads an HTTP date as the seconds until then, rounded up', () => {
    const now = Date.parse('2025-03-04T02:05:09.500Z');
    expect(parseRetryAfter('Tue, 04 Mar 2025 02:10:09 GMT', now)).toBe(300); // 299.5 s → 300
    expect(parseRetryAfter('Tue, 04 Mar 2025 02:00:00 GMT', now)).toBe(0); // already past
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
