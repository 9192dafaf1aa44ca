/**
 * Fetching one recording from an allowlisted recording server: redirects only
 * within the same origin, a time limit for the answer and for each pause in
 * the body, and a size limit. Failures are `UpstreamError`s whose message
 * names what went wrong but never the address (it may carry a token).
 */
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export interface FetchLimits {
  /** Until the recording server's answer (status and headers) arrives. */
  headersTimeoutMs: number;
  /** Longest pause between two pieces of the body. */
  idleTimeoutMs: number;
  maxBytes: number;
  /** Redirects followed, each within the recording's own origin. */
  maxRedirects: number;
}

export const FETCH_LIMITS: FetchLimits = {
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
  maxBytes: 512 * 1024 * 1024,
  maxRedirects: 3,
};

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
}

export interface UpstreamReply {
  status: 200 | 206 | 416;
  contentType: string | null;
  contentLength: string | null;
  contentRange: string | null;
  acceptRanges: string | null;
  body: Readable;
}

/** `method: 'HEAD'` asks for the headers only: the reply's body is then empty. */
export async function fetchRecording(
  url: URL,
  range: string | undefined,
  limits: FetchLimits = FETCH_LIMITS,
  method: 'GET' | 'HEAD' = 'GET',
): Promise<UpstreamReply> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), limits.headersTimeoutMs);
  const headers: Record<string, string> = { accept: 'audio/*, */*;q=0.1', 'accept-encoding': 'identity' };
  if (range !== undefined) headers.range = range;
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      let res: Response;
      try {
        res = await fetch(current, { method, redirect: 'manual', signal: abort.signal, headers });
      } catch {
        throw new UpstreamError(
          abort.signal.aborted
            ? `the recording server did not answer within ${limits.headersTimeoutMs / 1000} s`
            : 'the recording server could not be reached',
        );
      }
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel().catch(() => undefined);
        const next = redirectTarget(current, res.headers.get('location'));
        if (!next || next.origin !== url.origin || next.username !== '' || next.password !== '') {
          throw new UpstreamError(`the recording server redirected (${res.status}) to another origin, which is not followed`);
        }
        if (hop >= limits.maxRedirects) throw new UpstreamError(`the recording server redirected more than ${limits.maxRedirects} times`);
        current = next;
        continue;
      }
      if (res.status !== 200 && res.status !== 206 && res.status !== 416) {
        await res.body?.cancel().catch(() => undefined);
        throw new UpstreamError(`the recording server answered ${res.status}`);
      }
      const length = res.headers.get('content-length');
      if (length !== null && Number(length) > limits.maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw new UpstreamError(`the recording is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`);
      }
      const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
      clearTimeout(timer);
      return {
        status: res.status,
        contentType: res.headers.get('content-type'),
        // fetch decodes a compressed body: its length is no longer the one announced.
        contentLength: encoded ? null : length,
        contentRange: res.headers.get('content-range'),
        acceptRanges: res.headers.get('accept-ranges'),
        body: method === 'HEAD' ? emptyBody(res, abort) : limitedBody(res.body, abort, limits),
      };
    }
  } finally {
    clearTimeout(timer);
  }
}

function redirectTarget(from: URL, location: string | null): URL | undefined {
  if (!location) return undefined;
  try {
    return new URL(location, from);
  } catch {
    return undefined;
  }
}

function emptyBody(res: Response, abort: AbortController): Readable {
  void res.body?.cancel().catch(() => undefined);
  abort.abort();
  return Readable.from([]);
}

/** The body, cut off when it grows past the size limit or pauses too long; closing it early stops the download. */
function limitedBody(body: ReadableStream<Uint8Array> | null, abort: AbortController, limits: FetchLimits): Readable {
  if (!body) return Readable.from([]);
  let bytes = 0;
  let idle: NodeJS.Timeout | undefined;
  const out = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > limits.maxBytes) {
        done(new UpstreamError(`the recording is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`));
        return;
      }
      arm();
      done(null, chunk);
    },
  });
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => out.destroy(new UpstreamError('the recording server stopped sending')), limits.idleTimeoutMs);
  };
  arm();
  const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  source.on('error', (err) => out.destroy(err));
  out.on('close', () => {
    clearTimeout(idle);
    abort.abort();
    source.destroy();
  });
  source.pipe(out);
  return out;
}
