/** The fetcher against two real local HTTP servers: the allowlisted recording server and another one. */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FETCH_LIMITS, UpstreamError, fetchRecording } from './recording-fetch.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(): Promise<{ server: Server; origin: string; seen: string[]; handle: { fn: Handler } }> {
  const seen: string[] = [];
  const handle = { fn: ((_req, res) => res.end()) as Handler };
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.range ?? '-'}`);
    handle.fn(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, handle };
}

const AUDIO = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

async function read(body: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

let rec: Awaited<ReturnType<typeof serve>>;
let other: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  rec = await serve();
  other = await serve();
});
afterAll(async () => {
  for (const s of [rec, other]) {
    s.server.closeAllConnections();
    await new Promise((r) => s.server.close(r));
  }
});
beforeEach(() => {
  rec.seen.length = 0;
  other.seen.length = 0;
  other.handle.fn = (_req, res) => res.writeHead(200, { 'content-type': 'audio/wav' }).end(AUDIO);
});

describe('fetchRecording', () => {
  it('passes the range on and the partial answer back', async () => {
    rec.handle.fn = (_req, res) =>
      res
        .writeHead(206, {
          'content-type': 'audio/wav',
          'content-range': 'bytes 10-19/1000',
          'content-length': '10',
          'accept-ranges': 'bytes',
        })
        .end(AUDIO.subarray(10, 20));
    const r = await fetchRecording(new URL(`${rec.origin}/c-1.wav?sig=s3cret`), 'bytes=10-19');
    expect(r).toMatchObject({
      status: 206,
      contentType: 'audio/wav',
      contentRange: 'bytes 10-19/1000',
      contentLength: '10',
      acceptRanges: 'bytes',
    });
    expect([...(await read(r.body))]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(rec.seen).toEqual(['GET /c-1.wav?sig=s3cret bytes=10-19']);
  });

  it('follows a redirect within the origin', async () => {
    rec.handle.fn = (req, res) => {
      if (req.url === '/old.wav') res.writeHead(302, { location: '/new.wav' }).end();
      else res.writeHead(200, { 'content-type': 'audio/wav' }).end(AUDIO);
    };
    const r = await fetchRecording(new URL(`${rec.origin}/old.wav`), undefined);
    expect(r.status).toBe(200);
    expect((await read(r.body)).length).toBe(1000);
    expect(rec.seen).toEqual(['GET /old.wav -', 'GET /new.wav -']);
  });

  it('refuses a redirect to another origin without asking it anything', async () => {
    rec.handle.fn = (_req, res) => res.writeHead(307, { location: `${other.origin}/c-1.wav` }).end();
    await expect(fetchRecording(new URL(`${rec.origin}/c-1.wav`), undefined)).rejects.toThrow(
      new UpstreamError('the recording server redirected (307) to another origin, which is not followed'),
    );
    expect(other.seen).toEqual([]);
  });

  it('refuses a redirect to the same host with credentials, and endless redirects', async () => {
    rec.handle.fn = (_req, res) => res.writeHead(301, { location: `http://u:p@${rec.origin.slice(7)}/x.wav` }).end();
    await expect(fetchRecording(new URL(`${rec.origin}/c.wav`), undefined)).rejects.toThrow(/another origin/);
    rec.handle.fn = (req, res) => res.writeHead(302, { location: `${req.url}x` }).end();
    await expect(fetchRecording(new URL(`${rec.origin}/c`), undefined)).rejects.toThrow(
      'the recording server redirected more than 3 times',
    );
    expect(rec.seen.length).toBe(1 + 4);
  });

  it('turns a failing server into an error naming the status but not the address', async () => {
    rec.handle.fn = (_req, res) => res.writeHead(500).end('secret stack trace');
    const err = (await fetchRecording(new URL(`${rec.origin}/c.wav?token=abc`), undefined).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.message).toBe('the recording server answered 500');
    rec.handle.fn = (_req, res) => res.writeHead(404).end();
    await expect(fetchRecording(new URL(`${rec.origin}/c.wav`), undefined)).rejects.toThrow('the recording server answered 404');
  });

  it('gives up on a server that does not answer in time, or that cannot be reached', async () => {
    rec.handle.fn = () => undefined; // never answers
    const limits = { ...FETCH_LIMITS, headersTimeoutMs: 300 };
    await expect(fetchRecording(new URL(`${rec.origin}/slow.wav`), undefined, limits)).rejects.toThrow(
      'the recording server did not answer within 0.3 s',
    );
    await expect(fetchRecording(new URL('http://127.0.0.1:1/c.wav'), undefined)).rejects.toThrow(
      'the recording server could not be reached',
    );
  });

  it('refuses a recording larger than the limit, announced or not', async () => {
    const limits = { ...FETCH_LIMITS, maxBytes: 500 };
    rec.handle.fn = (_req, res) => res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': '1000' }).end(AUDIO);
    await expect(fetchRecording(new URL(`${rec.origin}/big.wav`), undefined, limits)).rejects.toThrow(/larger than/);
    rec.handle.fn = (_req, res) => {
      res.writeHead(200, { 'content-type': 'audio/wav' }); // chunked: no length announced
      res.write(AUDIO);
      res.end(AUDIO);
    };
    const r = await fetchRecording(new URL(`${rec.origin}/big.wav`), undefined, limits);
    await expect(read(r.body)).rejects.toThrow(UpstreamError);
  });

  it('cuts a body that stops flowing', async () => {
    rec.handle.fn = (_req, res) => {
      res.writeHead(200, { 'content-type': 'audio/wav' });
      res.write(AUDIO.subarray(0, 100)); // and nothing more
    };
    const r = await fetchRecording(new URL(`${rec.origin}/stall.wav`), undefined, { ...FETCH_LIMITS, idleTimeoutMs: 300 });
    await expect(read(r.body)).rejects.toThrow('the recording server stopped sending');
  });
});
