/**
 * Call recordings through the API, as production runs it (`node api/dist/main.js`,
 * Redis log, embedded TimescaleDB), with a local HTTP server of the test's own
 * as the allowlisted recording server and a second one that is not on the
 * list: full and partial plays, refused ranges and origins, roles and scope,
 * the audit entries, and what the process logs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST_KEY, postEvents, until } from '../support/app.js';
import { Client, login } from '../support/auth.js';
import { freePort } from '../support/process.js';
import { TEST_REDIS_URL, dropRedisKeys } from '../support/redis.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../api/dist/main.js');
const ADMIN_PASSWORD = 'admin-password-for-recordings';
const PASSWORD = 'password-for-recordings-1';
const CALLER = '13812345678';
const TOKEN = 's3cr3t-recording-token';

/** The recording of c-general: 20,000 bytes, byte i is i mod 251 (so any slice is recognisable). */
const AUDIO = Buffer.from(Array.from({ length: 20_000 }, (_, i) => i % 251));

interface Origin {
  server: Server;
  url: string;
  /** Every request it received: method, path with query, Range. */
  seen: string[];
}

/** A recording server answering ranges the way object stores do. */
function recordingServer(other: () => string): Handler {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/rec/c-general.wav' && url.searchParams.get('token') === TOKEN) {
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      if (!range) {
        res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(AUDIO.length), 'accept-ranges': 'bytes' }).end(AUDIO);
        return;
      }
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : AUDIO.length - 1, AUDIO.length - 1);
      if (start >= AUDIO.length) {
        res.writeHead(416, { 'content-range': `bytes */${AUDIO.length}` }).end();
        return;
      }
      res
        .writeHead(206, {
          'content-type': 'audio/wav',
          'content-length': String(end - start + 1),
          'content-range': `bytes ${start}-${end}/${AUDIO.length}`,
          'accept-ranges': 'bytes',
        })
        .end(AUDIO.subarray(start, end + 1));
      return;
    }
    if (url.pathname === '/rec/moved.wav') {
      res.writeHead(302, { location: `${other()}/rec/c-general.wav?token=${TOKEN}` }).end();
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`no such recording ${url.pathname}`);
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function origin(handler: Handler): Promise<Origin> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.range ?? '-'}`);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

let rec: Origin;
let other: Origin;
let api: ChildProcess;
let apiUrl: string;
let logs = '';
let dataDir: string;
const prefix = `test-recordings-${process.pid}-${Math.random().toString(36).slice(2)}`;
const clients: Record<string, Client> = {};

/** An answered call: offered in `queue`, answered by `agentId`, ended, then its recording at `url`. */
function call(callId: string, queue: string, agentId: string, url: string, at: number) {
  const ts = (s: number) => new Date(at + s * 1000).toISOString();
  return [
    { id: `${callId}-1`, type: 'call.offered', ts: ts(0), source: 'pbx', payload: { callId, queue, caller: CALLER } },
    { id: `${callId}-2`, type: 'call.answered', ts: ts(5), source: 'pbx', payload: { callId, agentId } },
    { id: `${callId}-3`, type: 'call.ended', ts: ts(65), source: 'pbx', payload: { callId, endedBy: 'caller' } },
    { id: `${callId}-4`, type: 'call.recording', ts: ts(67), source: 'pbx', payload: { callId, url, durationS: 60 } },
  ];
}

/** GET the recording as a browser's audio element would, returning the raw bytes. */
async function play(client: Client | null, callId: string, range?: string) {
  const headers: Record<string, string> = {};
  if (client?.cookie) headers.cookie = client.cookie;
  if (range) headers.range = range;
  const res = await fetch(`${apiUrl}/api/v1/qa/calls/${encodeURIComponent(callId)}/recording`, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body, json: () => JSON.parse(body.toString()) as Record<string, unknown> };
}

async function audit(actor: string) {
  const r = await clients.admin!.get(`/api/v1/audit?action=recording.played&actor=${actor}&limit=100`);
  expect(r.status).toBe(200);
  return r.body.entries as { action: string; outcome: string; actorName: string; target: string }[];
}

beforeAll(async () => {
  other = await origin((_req, res) => res.writeHead(200, { 'content-type': 'audio/wav' }).end(AUDIO));
  rec = await origin(recordingServer(() => other.url));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-recordings-'));
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  api = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      CALLBOARD_DATA_DIR: dataDir,
      CALLBOARD_DEMO: '0',
      REDIS_URL: TEST_REDIS_URL,
      CALLBOARD_REDIS_PREFIX: prefix,
      CALLBOARD_INGEST_KEY: INGEST_KEY,
      CALLBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CALLBOARD_RECORDING_ORIGINS: `${rec.url}`,
      // Every request line and more: what an operator could turn on.
      CALLBOARD_LOG_LEVEL: 'debug',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout!.on('data', (d) => (logs += String(d)));
  api.stderr!.on('data', (d) => (logs += String(d)));
  await until('the API to answer /health', async () => (await fetch(`${apiUrl}/health`).catch(() => null))?.status === 200, 60_000);

  clients.admin = await login(apiUrl, 'admin', ADMIN_PASSWORD);
  const people = [
    { username: 'reviewer1', role: 'qa_reviewer' },
    { username: 'qalead1', role: 'qa_lead' },
    { username: 'agent1', role: 'agent', agentId: 'agent-001' },
    { username: 'manager1', role: 'manager' },
    // Sees queue general and the agents of team-a.
    { username: 'super1', role: 'supervisor', scope: { queues: ['general'], teams: ['team-a'] } },
    // Sees queue support only.
    { username: 'super2', role: 'supervisor', scope: { queues: ['support'], teams: [] } },
  ];
  for (const p of people) {
    const r = await clients.admin.post('/api/v1/users', { ...p, password: PASSWORD });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    clients[p.username] = await login(apiUrl, p.username, PASSWORD);
  }

  const at = Date.now() - 30 * 60_000;
  const agents = [
    {
      id: 'a-1',
      type: 'agent.state',
      ts: new Date(at - 60_000).toISOString(),
      source: 'pbx',
      payload: { agentId: 'agent-001', state: 'available', team: 'team-a' },
    },
    {
      id: 'a-2',
      type: 'agent.state',
      ts: new Date(at - 60_000).toISOString(),
      source: 'pbx',
      payload: { agentId: 'agent-002', state: 'available', team: 'team-b' },
    },
  ];
  const events = [
    ...agents,
    // On the allowlisted server, with a token in its address.
    ...call('c-general', 'general', 'agent-002', `${rec.url}/rec/c-general.wav?token=${TOKEN}`, at),
    // Queue billing, answered by team-a's agent: in super1's scope through the team.
    ...call('c-team', 'billing', 'agent-001', `${rec.url}/rec/c-general.wav?token=${TOKEN}`, at + 1000),
    // Queue billing, answered by team-b: outside super1's scope.
    ...call('c-billing', 'billing', 'agent-002', `${rec.url}/rec/c-general.wav?token=${TOKEN}`, at + 2000),
    // Not on the allowlist.
    ...call('c-elsewhere', 'general', 'agent-001', `${other.url}/rec/c-general.wav?token=${TOKEN}`, at + 3000),
    // The allowlisted server has no such file; and one that redirects to the other server.
    ...call('c-missing', 'general', 'agent-001', `${rec.url}/rec/gone.wav`, at + 4000),
    ...call('c-moved', 'general', 'agent-001', `${rec.url}/rec/moved.wav`, at + 5000),
    // A simulated call: generated audio, 60 s.
    ...call('c-simulated', 'general', 'agent-001', 'https://recordings.callboard.invalid/c-simulated.wav', at + 6000),
  ];
  const r = await postEvents(apiUrl, events);
  expect(r.body).toMatchObject({ accepted: events.length, rejected: [] });
  // The writer stores every event of a batch in one transaction: once the last call plays, all are there.
  await until('the calls to be stored', async () => (await play(clients.reviewer1!, 'c-simulated', 'bytes=1-1')).status === 206, 30_000);
  rec.seen.length = 0;
  other.seen.length = 0;
}, 90_000);

afterAll(async () => {
  if (api && api.exitCode === null) {
    const exited = new Promise((r) => api.once('exit', r));
    api.kill('SIGTERM');
    await exited;
  }
  for (const o of [rec, other]) {
    if (!o) continue;
    o.server.closeAllConnections();
    await new Promise((r) => o.server.close(r));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await dropRedisKeys(prefix);
}, 60_000);

describe('playing a recording from the allowlisted server', () => {
  it('streams the whole file with its type, never the address', async () => {
    const r = await play(clients.reviewer1!, 'c-general');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('audio/wav');
    expect(r.headers.get('accept-ranges')).toBe('bytes');
    expect(r.headers.get('content-length')).toBe('20000');
    expect(r.body.equals(AUDIO)).toBe(true);
    expect(rec.seen).toEqual([`GET /rec/c-general.wav?token=${TOKEN} -`]);
    expect(JSON.stringify([...r.headers])).not.toContain(rec.url.slice(7));
  });

  it('answers a range with 206 and Content-Range, for seeking', async () => {
    const r = await play(clients.reviewer1!, 'c-general', 'bytes=1000-1009');
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe('bytes 1000-1009/20000');
    expect([...r.body]).toEqual([247, 248, 249, 250, 0, 1, 2, 3, 4, 5]);
    const tail = await play(clients.reviewer1!, 'c-general', 'bytes=19990-');
    expect(tail.headers.get('content-range')).toBe('bytes 19990-19999/20000');
    expect(tail.body.length).toBe(10);
  });

  it('answers 416 for a range outside the recording, and for one that is not a byte range without asking the server', async () => {
    const past = await play(clients.reviewer1!, 'c-general', 'bytes=20000-');
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */20000');
    expect(past.json()).toMatchObject({ code: 'RANGE_NOT_SATISFIABLE', field: 'range' });
    const before = rec.seen.length;
    const reversed = await play(clients.reviewer1!, 'c-general', 'bytes=9-1');
    expect(reversed.status).toBe(416);
    expect(rec.seen.length).toBe(before);
  });
});

describe('recordings the server does not fetch', () => {
  it('refuses an origin off the allowlist with 502, without a single request to it', async () => {
    const r = await play(clients.reviewer1!, 'c-elsewhere');
    expect(r.status).toBe(502);
    expect(r.json()).toEqual({
      statusCode: 502,
      code: 'RECORDING_UNAVAILABLE',
      message: 'the recording origin is not on CALLBOARD_RECORDING_ORIGINS; ask an administrator',
    });
    expect(other.seen).toEqual([]);
  });

  it('does not follow a redirect to another origin', async () => {
    const r = await play(clients.reviewer1!, 'c-moved');
    expect(r.status).toBe(502);
    expect(r.json().message).toBe('the recording server redirected (302) to another origin, which is not followed');
    expect(rec.seen.at(-1)).toBe('GET /rec/moved.wav -');
    expect(other.seen).toEqual([]);
  });

  it("passes a server's failure on as 502 with what happened, not the address or the server's text", async () => {
    const r = await play(clients.reviewer1!, 'c-missing');
    expect(r.status).toBe(502);
    expect(r.json()).toEqual({ statusCode: 502, code: 'RECORDING_UNAVAILABLE', message: 'the recording server answered 404' });
    expect(r.body.toString()).not.toMatch(/gone\.wav|127\.0\.0\.1|no such recording/);
  });

  it('is 404 for a call without a recording', async () => {
    const r = await play(clients.reviewer1!, 'c-unknown');
    expect(r.status).toBe(404);
    expect(r.json()).toMatchObject({ code: 'NOT_FOUND', message: 'call "c-unknown" has no recording', field: 'callId' });
  });
});

describe('simulated recordings', () => {
  it('plays generated audio of the call length: a WAV of 44 + 60 s × 8,000 bytes, with ranges', async () => {
    const r = await play(clients.qalead1!, 'c-simulated');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('audio/wav');
    expect(r.body.length).toBe(480_044);
    expect(r.body.toString('ascii', 0, 4)).toBe('RIFF');
    expect(r.body.readUInt32LE(40)).toBe(480_000);
    const part = await play(clients.qalead1!, 'c-simulated', 'bytes=480000-');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 480000-480043/480044');
    expect(part.body.equals(r.body.subarray(480_000))).toBe(true);
    expect((await play(clients.qalead1!, 'c-simulated', 'bytes=480044-')).status).toBe(416);
  });
});

describe('who may listen', () => {
  it('refuses the signed-out with 401, and agents, managers with 403', async () => {
    expect((await play(null, 'c-general')).status).toBe(401);
    expect((await play(clients.agent1!, 'c-general')).status).toBe(403);
    expect((await play(clients.manager1!, 'c-general')).status).toBe(403);
  });

  it("lets a supervisor hear their queue's calls and their team's, and refuses another queue's with 403", async () => {
    const super1 = clients.super1!;
    expect((await play(super1, 'c-general', 'bytes=0-9')).status).toBe(206);
    expect((await play(super1, 'c-team', 'bytes=0-9')).status).toBe(206);
    const billing = await play(super1, 'c-billing', 'bytes=0-9');
    expect(billing.status).toBe(403);
    expect(billing.json()).toMatchObject({ code: 'FORBIDDEN', message: 'call "c-billing" is outside your scope', field: 'callId' });
    const super2 = await play(clients.super2!, 'c-general');
    expect(super2.status).toBe(403);
  });

  it('records refused plays as access.denied', async () => {
    const r = await clients.admin!.get('/api/v1/audit?action=access.denied&actor=super2&limit=10');
    expect(r.body.entries.map((e: { target: string }) => e.target)).toContain('GET /api/v1/qa/calls/:callId/recording');
  });
});

describe('the audit log', () => {
  it('holds one entry per listener and call a minute, for plays from the start only', async () => {
    // reviewer1 has played c-general from the start (200), then ranges and a refused range: one entry.
    await play(clients.reviewer1!, 'c-general', 'bytes=0-');
    await play(clients.reviewer1!, 'c-general', 'bytes=0-99');
    const reviewer = await audit('reviewer1');
    expect(reviewer.filter((e) => e.target === 'c-general')).toHaveLength(1);
    expect(reviewer.find((e) => e.target === 'c-general')).toMatchObject({
      action: 'recording.played',
      outcome: 'ok',
      actorName: 'reviewer1',
    });
    // The ranged probe while waiting for the writer (bytes=1-1) was not a play; failed and refused ones are not either.
    expect(reviewer.map((e) => e.target).sort()).toEqual(['c-general']);
    // super1 played two calls from byte 0; the refused one is not a play.
    expect((await audit('super1')).map((e) => e.target).sort()).toEqual(['c-general', 'c-team']);
    expect((await audit('qalead1')).map((e) => e.target)).toEqual(['c-simulated']);
  });
});

describe('the process log', () => {
  it('holds the requests but never a caller number or a recording address', async () => {
    await until('the log to show the plays', async () => logs.includes('/api/v1/qa/calls/c-general/recording'));
    expect(logs).toContain('recording fetch failed');
    expect(logs).not.toContain(CALLER);
    expect(logs).not.toContain(CALLER.slice(0, 7));
    expect(logs).not.toContain(TOKEN);
    expect(logs).not.toContain('gone.wav');
  });
});
