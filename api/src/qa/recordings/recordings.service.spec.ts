/** Who may hear which call, what is streamed, and how plays are audited — on fakes of the repository and the audit log. */
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../auth/access/principal.js';
import { AuditService } from '../../auth/audit/audit.service.js';
import { loadConfig } from '../../config/config.js';
import { type Mocked, automock } from '../../testing/automock.js';
import { RecordingsRepository } from './recordings.repository.js';
import { AUDIT_EVERY_MS, type RecordingReply, RecordingsService } from './recordings.service.js';

const NOW = Date.parse('2026-03-02T02:00:00Z');
const RECORDED_AT = new Date('2026-03-02T01:50:00Z');
const SIMULATED = { ts: RECORDED_AT, url: 'https://recordings.callboard.invalid/c-1.wav', duration_s: 10 };

const person = (role: Principal['role'], scope: Principal['scope'] = { queues: null, teams: null }, id = `${role}-id`): Principal => ({
  kind: 'user',
  id,
  name: role,
  role,
  scope,
});
const reviewer = person('qa_reviewer');
const supervisor = person('supervisor', { queues: ['general'], teams: ['team-a'] });

let repo: Mocked<RecordingsRepository>;
let audit: Mocked<AuditService>;
let logger: { warn: ReturnType<typeof vi.fn> };
let service: RecordingsService;
let fetchSpy: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  repo = automock(RecordingsRepository);
  audit = automock(AuditService);
  logger = { warn: vi.fn() };
  repo.latestRecording.mockResolvedValue(SIMULATED);
  repo.callLegs.mockResolvedValue([{ queue: 'billing', team: 'team-b' }]);
  fetchSpy = vi.spyOn(globalThis, 'fetch');
  service = new RecordingsService(repo, audit, loadConfig({ CALLBOARD_RECORDING_ORIGINS: 'https://rec.example.com' }), logger as never);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const bodyOf = async (r: RecordingReply): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const c of r.body as Readable) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

describe('RecordingsService.play: a simulated call', () => {
  it('streams the whole generated WAV: 44 + 10 s × 8,000 bytes', async () => {
    const r = await service.play(reviewer, 'c-1', undefined, '10.0.0.9');
    expect(r.status).toBe(200);
    expect(r.headers).toEqual({
      'content-type': 'audio/wav',
      'accept-ranges': 'bytes',
      'cache-control': 'private, no-store',
      'content-length': '80044',
    });
    const body = await bodyOf(r);
    expect(body.length).toBe(80_044);
    expect(body.toString('ascii', 0, 4)).toBe('RIFF');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('answers a range with 206 and its Content-Range, a suffix too', async () => {
    const r = await service.play(reviewer, 'c-1', 'bytes=100-199', null);
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe('bytes 100-199/80044');
    expect(r.headers['content-length']).toBe('100');
    expect((await bodyOf(r)).length).toBe(100);
    const tail = await service.play(reviewer, 'c-1', 'bytes=-44', null);
    expect(tail.headers['content-range']).toBe('bytes 80000-80043/80044');
  });

  it('answers 416 for a range past the end (with the size) and for one that is not a single range', async () => {
    const past = await service.play(reviewer, 'c-1', 'bytes=80044-', null);
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe('bytes */80044');
    expect(past.body).toMatchObject({ code: 'RANGE_NOT_SATISFIABLE', field: 'range' });
    const multi = await service.play(reviewer, 'c-1', 'bytes=0-1,4-5', null);
    expect(multi.status).toBe(416);
    expect(multi.body).toMatchObject({ message: 'Range: only one byte range is served, e.g. bytes=0-65535' });
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('is 404 when the call has no recording', async () => {
    repo.latestRecording.mockResolvedValue(undefined);
    await expect(service.play(reviewer, 'nope', undefined, null)).rejects.toMatchObject({
      response: { statusCode: 404, code: 'NOT_FOUND', message: 'call "nope" has no recording', field: 'callId' },
    });
  });
});

describe('RecordingsService.play: scope', () => {
  it("lets a supervisor hear a call of one of their queues, or one their team's agent answered", async () => {
    repo.callLegs.mockResolvedValue([{ queue: 'general', team: null }]);
    expect((await service.play(supervisor, 'c-1', 'bytes=0-9', null)).status).toBe(206);
    repo.callLegs.mockResolvedValue([{ queue: 'billing', team: 'team-a' }]);
    expect((await service.play(supervisor, 'c-1', 'bytes=0-9', null)).status).toBe(206);
    // A transferred call: the second leg is in scope.
    repo.callLegs.mockResolvedValue([
      { queue: 'support', team: 'team-c' },
      { queue: 'general', team: 'team-c' },
    ]);
    expect((await service.play(supervisor, 'c-1', 'bytes=0-9', null)).status).toBe(206);
    expect(repo.callLegs).toHaveBeenCalledWith('c-1', RECORDED_AT);
  });

  it("refuses a supervisor another queue's call with 403 naming it, and a call with no stored legs", async () => {
    await expect(service.play(supervisor, 'c-9', undefined, null)).rejects.toMatchObject({
      response: { statusCode: 403, code: 'FORBIDDEN', message: 'call "c-9" is outside your scope', field: 'callId' },
    });
    repo.callLegs.mockResolvedValue([]);
    await expect(service.play(supervisor, 'c-9', undefined, null)).rejects.toMatchObject({ response: { statusCode: 403 } });
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('lets an agent hear only the calls of their own scored evaluations, telling nothing of any other', async () => {
    const agent: Principal = { ...person('agent'), agentId: 'agent-07' };
    repo.inScoredEvaluationOf.mockResolvedValue(true);
    expect((await service.play(agent, 'c-1', 'bytes=0-0', null)).status).toBe(206);
    expect(repo.inScoredEvaluationOf).toHaveBeenCalledWith('c-1', 'agent-07');
    repo.inScoredEvaluationOf.mockResolvedValue(false);
    repo.latestRecording.mockClear();
    await expect(service.play(agent, 'c-2', undefined, null)).rejects.toMatchObject({
      response: { statusCode: 403, message: 'call "c-2" is not in one of your scored evaluations', field: 'callId' },
    });
    // Refused before the recording is looked up: a 404 would say whether the call was recorded.
    expect(repo.latestRecording).not.toHaveBeenCalled();
    await expect(service.play({ ...agent, agentId: null }, 'c-1', undefined, null)).rejects.toMatchObject({
      response: { statusCode: 403 },
    });
  });

  it('generates the audio of a simulated call as its transcript says', async () => {
    repo.latestTranscript.mockResolvedValue([{ speaker: 'customer', startS: 2, endS: 3 }]);
    const body = await bodyOf(await service.play(reviewer, 'c-1', 'bytes=44-80043', null));
    // Silence until the caller speaks at 2 s (sample 16,000), then the caller's voice.
    expect(body.subarray(0, 16_000).every((x) => x === 128)).toBe(true);
    expect(body.subarray(16_000, 24_000).some((x) => x !== 128)).toBe(true);
    expect(body.subarray(24_000).every((x) => x === 128)).toBe(true);
    expect(repo.latestTranscript).toHaveBeenCalledWith('c-1');
  });

  it('does not look at scope for QA roles and admins', async () => {
    for (const role of ['qa_reviewer', 'qa_lead', 'admin'] as const) {
      expect((await service.play(person(role), 'c-1', 'bytes=0-0', null)).status).toBe(206);
    }
    expect(repo.callLegs).not.toHaveBeenCalled();
  });
});

describe('RecordingsService.play: recording servers', () => {
  it('refuses an origin off the allowlist with 502, without fetching, logging the reason but not the address', async () => {
    repo.latestRecording.mockResolvedValue({ ts: RECORDED_AT, url: 'https://evil.example/t0ken/c.wav', duration_s: 5 });
    await expect(service.play(reviewer, 'c-1', undefined, null)).rejects.toMatchObject({
      response: {
        statusCode: 502,
        code: 'RECORDING_UNAVAILABLE',
        message: 'the recording origin is not on CALLBOARD_RECORDING_ORIGINS; ask an administrator',
      },
    });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain('t0ken');
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('passes an audio type through and sends anything else as bytes, so a page from the server cannot run in ours', async () => {
    repo.latestRecording.mockResolvedValue({ ts: RECORDED_AT, url: 'https://rec.example.com/c.wav', duration_s: 5 });
    fetchSpy.mockResolvedValueOnce(
      new Response('RIFF', { status: 200, headers: { 'content-type': 'audio/x-wav', 'content-length': '4', 'accept-ranges': 'bytes' } }),
    );
    const ok = await service.play(reviewer, 'c-1', undefined, null);
    expect(ok.headers).toMatchObject({ 'content-type': 'audio/x-wav', 'content-length': '4', 'accept-ranges': 'bytes' });
    fetchSpy.mockResolvedValueOnce(new Response('<script>alert(1)</script>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const html = await service.play(reviewer, 'c-1', undefined, null);
    expect(html.headers['content-type']).toBe('application/octet-stream');
    expect(html.headers['accept-ranges']).toBe('none');
  });

  it('turns a server failure into 502 with the reason, and a partial answer without Content-Range too', async () => {
    repo.latestRecording.mockResolvedValue({ ts: RECORDED_AT, url: 'https://rec.example.com/c.wav?key=abc', duration_s: 5 });
    fetchSpy.mockResolvedValueOnce(new Response('boom', { status: 503 }));
    await expect(service.play(reviewer, 'c-1', undefined, null)).rejects.toMatchObject({
      response: { statusCode: 502, code: 'RECORDING_UNAVAILABLE', message: 'the recording server answered 503' },
    });
    expect(logger.warn).toHaveBeenCalledWith({
      msg: 'recording fetch failed',
      callId: 'c-1',
      origin: 'https://rec.example.com',
      reason: 'the recording server answered 503',
    });
    fetchSpy.mockResolvedValueOnce(new Response('ab', { status: 206 }));
    await expect(service.play(reviewer, 'c-1', 'bytes=0-1', null)).rejects.toMatchObject({ response: { statusCode: 502 } });
  });
});

describe('RecordingsService.play: audit', () => {
  it('audits a play from byte 0 once a minute per listener and call, never a seek', async () => {
    await service.play(reviewer, 'c-1', undefined, '10.0.0.9');
    await service.play(reviewer, 'c-1', 'bytes=0-', '10.0.0.9'); // the same play again within the minute
    await service.play(reviewer, 'c-1', 'bytes=5000-', '10.0.0.9'); // a seek
    expect(audit.record).toHaveBeenCalledTimes(1);
    expect(audit.record).toHaveBeenCalledWith({ action: 'recording.played', actor: reviewer, target: 'c-1', ip: '10.0.0.9' });

    await service.play(reviewer, 'c-2', undefined, null); // another call
    await service.play(person('qa_lead'), 'c-1', undefined, null); // another listener
    expect(audit.record).toHaveBeenCalledTimes(3);

    vi.setSystemTime(NOW + AUDIT_EVERY_MS - 1);
    await service.play(reviewer, 'c-1', undefined, null);
    expect(audit.record).toHaveBeenCalledTimes(3);
    vi.setSystemTime(NOW + AUDIT_EVERY_MS);
    await service.play(reviewer, 'c-1', undefined, null);
    expect(audit.record).toHaveBeenCalledTimes(4);
  });

  it('forgets old plays: memory stays bounded however many calls are played', async () => {
    for (let i = 0; i < 10_050; i++) await service.play(reviewer, `c-${i}`, 'bytes=0-0', null);
    expect(audit.record).toHaveBeenCalledTimes(10_050);
    const remembered = (service as unknown as { lastAudit: Map<string, number> }).lastAudit;
    expect(remembered.size).toBe(10_000);
    // The oldest were forgotten, so playing the first call again within the minute is audited again.
    await service.play(reviewer, 'c-0', 'bytes=0-0', null);
    expect(audit.record).toHaveBeenCalledTimes(10_051);
  });
});

describe('RecordingsService.play: HEAD', () => {
  it('answers a simulated call with the headers of the GET, no audio and no audit entry', async () => {
    const whole = await service.play(reviewer, 'c-1', undefined, null, { head: true });
    expect(whole.status).toBe(200);
    expect(whole.headers['content-length']).toBe('80044');
    expect((await bodyOf(whole)).length).toBe(0);
    const part = await service.play(reviewer, 'c-1', 'bytes=0-99', null, { head: true });
    expect(part.status).toBe(206);
    expect(part.headers).toMatchObject({ 'content-length': '100', 'content-range': 'bytes 0-99/80044' });
    expect((await bodyOf(part)).length).toBe(0);
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('asks a recording server with HEAD, passes its headers on, and audits nothing', async () => {
    repo.latestRecording.mockResolvedValue({ ts: RECORDED_AT, url: 'https://rec.example.com/c.wav', duration_s: 5 });
    fetchSpy.mockResolvedValueOnce(
      new Response(null, { status: 200, headers: { 'content-type': 'audio/wav', 'content-length': '40044', 'accept-ranges': 'bytes' } }),
    );
    const r = await service.play(reviewer, 'c-1', undefined, null, { head: true });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect((fetchSpy.mock.calls[0]![1] as RequestInit).method).toBe('HEAD');
    expect(r.status).toBe(200);
    expect(r.headers).toEqual({
      'content-type': 'audio/wav',
      'content-length': '40044',
      'accept-ranges': 'bytes',
      'cache-control': 'private, no-store',
    });
    expect((await bodyOf(r)).length).toBe(0);
    expect(audit.record).not.toHaveBeenCalled();
  });
});
