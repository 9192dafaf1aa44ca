/**
 * The one way the app talks to the API: same-origin JSON with a timeout, the
 * CSRF header on every state-changing request, and one error type carrying the
 * server's `{statusCode, code, message, field}`.
 *
 * The session store connects itself here (`connectSession`): it supplies the
 * CSRF token and is told when the server has ended the session (any 401 that
 * is not the answer to a credential check), so no page has to handle expiry.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Methods the server protects against cross-site requests (SPEC: every state-changing request). */
const UNSAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * 401 codes that answer a credential check (wrong password, unknown display
 * token) rather than say the session is over: they must not sign anyone out.
 */
const CREDENTIAL_CODES: ReadonlySet<string> = new Set(['BAD_CREDENTIALS', 'BAD_TOKEN']);

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ApiErrorInit {
  /** HTTP status; absent when no answer came (network failure, timeout). */
  status?: number;
  /** The server's stable code (`FORBIDDEN`, `CONFLICT` …), or `NETWORK` / `TIMEOUT` when no answer came. */
  code?: string;
  /** The request field to blame, when the server names one. */
  field?: string;
  /** Seconds to wait before trying again (`Retry-After`). */
  retryAfterS?: number;
  cause?: unknown;
}

/** A failed request. */
export class ApiError extends Error {
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly field: string | undefined;
  readonly retryAfterS: number | undefined;

  constructor(message: string, init: ApiErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.field = init.field;
    this.retryAfterS = init.retryAfterS;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** What the session store lends the HTTP layer. */
export interface HttpSession {
  csrfToken(): string | null;
  /** The server ended the session (expired, signed out elsewhere, user disabled). */
  ended(error: ApiError): void;
  /** Fetches the session again; used once when the server rejects a stale CSRF token. */
  refresh(): Promise<void>;
}

let session: HttpSession | null = null;

export function connectSession(next: HttpSession | null): void {
  session = next;
}

export type Query = Record<string, string | number | null | undefined>;

export interface RequestOptions {
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
  /** Empty values are left out. */
  query?: Query;
  /** A wallboard must never hang on one request: give up after this long. */
  timeoutMs?: number;
}

export function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** `Retry-After` as seconds: a delay in seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  field?: unknown;
}

async function errorFrom(response: Response, label: string): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    const parsed: unknown = await response.json();
    if (typeof parsed === 'object' && parsed !== null) body = parsed as ErrorBody;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const message = typeof body.message === 'string' && body.message ? body.message : `${label} answered ${response.status}`;
  return new ApiError(message, {
    status: response.status,
    code: typeof body.code === 'string' ? body.code : undefined,
    field: typeof body.field === 'string' ? body.field : undefined,
    retryAfterS: parseRetryAfter(response.headers.get('Retry-After')),
  });
}

async function send(path: string, options: RequestOptions, method: HttpMethod, label: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE_METHODS.has(method)) {
    const token = session?.csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    return await fetch(withQuery(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: controller.signal,
    });
  } catch (error) {
    throw new ApiError(timedOut ? `${label} timed out` : `${label} failed`, {
      code: timedOut ? 'TIMEOUT' : 'NETWORK',
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends one request and returns the parsed JSON body (`undefined` for 204).
 * Rejects with an `ApiError` for every failure.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const label = `${method} ${path}`;
  let response = await send(path, options, method, label);

  if (response.status === 403 && UNSAFE_METHODS.has(method) && session) {
    const error = await errorFrom(response, label);
    if (error.code !== 'CSRF') throw error;
    // The token rotated under us (another tab, a server restart): fetch it again and retry once.
    await session.refresh();
    response = await send(path, options, method, label);
  }

  if (!response.ok) {
    const error = await errorFrom(response, label);
    if (error.status === 401 && !CREDENTIAL_CODES.has(error.code ?? '')) session?.ended(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch (error) {
    throw new ApiError(`${label} answered a body that is not JSON`, { status: response.status, cause: error });
  }
}

export const http = {
  get: <T>(path: string, query?: Query, timeoutMs?: number) => request<T>(path, { query, timeoutMs }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  delete: (path: string) => request<void>(path, { method: 'DELETE' }),
};
