/**
 * Playing a call's recording (SPEC §5): the browser never sees the
 * recording's address. The API finds the call's latest `call.recording`,
 * checks the listener's scope, and streams the audio — generated for simulated
 * calls, fetched from an allowlisted recording server otherwise — with byte
 * ranges for seeking. Each play is audited, at most once a minute per
 * listener and call.
 */
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import type { Principal } from '../../auth/access/principal.js';
import { SCOPED_ROLES, inScope } from '../../auth/access/roles.js';
import { AuditService } from '../../auth/audit/audit.service.js';
import { ApiError } from '../../common/errors.js';
import { type AppConfig, CONFIG } from '../../config/config.js';
import { type DemoTurn, demoTurns, demoWavSize, demoWavStream } from '../../demo/demo-recording.js';
import { type ByteRange, formatRange, parseRange, resolveRange, startsPlayback } from './byte-range.js';
import { FETCH_LIMITS, UpstreamError, fetchRecording } from './recording-fetch.js';
import { recordingSource } from './recording-origins.js';
import { RecordingsRepository } from './recordings.repository.js';

export interface RecordingReply {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** The audio; for 416 an error body. */
  body: Readable | { statusCode: 416; code: string; message: string; field: string };
}

/** Media types passed on as the recording server sends them; anything else (HTML, script) goes out as bytes. */
const AUDIO_TYPES = /^(audio\/[\w.+-]+|video\/(webm|ogg|mp4)|application\/ogg)(\s*;.*)?$/i;

/** Plays audited per listener and call: one entry a minute. */
export const AUDIT_EVERY_MS = 60_000;
/** Listener–call pairs remembered for that; older pairs are forgotten first. */
const MAX_REMEMBERED = 10_000;

@Injectable()
export class RecordingsService {
  private readonly lastAudit = new Map<string, number>();

  constructor(
    private readonly recordings: RecordingsRepository,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(Logger) private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  /**
   * `head`: a HEAD request — the same status and headers, no body; nothing is
   * downloaded from a recording server beyond its headers and no play is audited.
   */
  async play(
    who: Principal,
    callId: string,
    rangeHeader: string | undefined,
    ip: string | null,
    opts: { head?: boolean } = {},
  ): Promise<RecordingReply> {
    const range = parseRange(rangeHeader);
    if (range === 'invalid') return unsatisfiable('Range: only one byte range is served, e.g. bytes=0-65535');
    // An agent is told nothing about calls that are not theirs, not even whether they were recorded.
    if (who.role === 'agent') await this.assertOwnScoredCall(who, callId);
    const recording = await this.recordings.latestRecording(callId);
    if (!recording) throw new ApiError(404, 'NOT_FOUND', `call "${callId}" has no recording`, 'callId');
    await this.assertMayHear(who, callId, recording.ts);

    const source = recordingSource(recording.url, this.config.CALLBOARD_RECORDING_ORIGINS ?? []);
    let reply: RecordingReply;
    if (source.kind === 'refused') {
      this.logger.warn({ msg: 'recording not fetched', callId, reason: source.reason });
      throw new ApiError(502, 'RECORDING_UNAVAILABLE', `${source.reason}; ask an administrator`);
    } else if (source.kind === 'simulated') {
      // The generated audio follows the call's transcript, so the waveform lines up with its lines.
      const transcript = await this.recordings.latestTranscript(callId);
      reply = simulatedReply(recording.duration_s, range, opts.head === true, transcript ? demoTurns(transcript) : undefined);
    } else {
      reply = await this.remoteReply(source.url, range, callId, opts.head === true);
    }
    if (opts.head !== true && reply.status !== 416 && startsPlayback(range)) this.auditPlay(who, callId, ip);
    return reply;
  }

  /** Supervisors hear the calls of their queues and of their teams' agents; QA roles and admins every call (agents: see above). */
  private async assertMayHear(who: Principal, callId: string, recordedAt: Date): Promise<void> {
    if (!SCOPED_ROLES.includes(who.role)) return;
    const legs = await this.recordings.callLegs(callId, recordedAt);
    const mine = legs.some((l) => inScope(who.scope.queues, l.queue) || (l.team !== null && inScope(who.scope.teams, l.team)));
    if (!mine) throw new ApiError(403, 'FORBIDDEN', `call "${callId}" is outside your scope`, 'callId');
  }

  /** An agent hears the calls of their own evaluations once scored (submitted, acknowledged, disputed or resolved). */
  private async assertOwnScoredCall(who: Principal, callId: string): Promise<void> {
    if (!who.agentId || !(await this.recordings.inScoredEvaluationOf(callId, who.agentId)))
      throw new ApiError(403, 'FORBIDDEN', `call "${callId}" is not in one of your scored evaluations`, 'callId');
  }

  private async remoteReply(url: URL, range: ByteRange | undefined, callId: string, head: boolean): Promise<RecordingReply> {
    let upstream;
    try {
      upstream = await fetchRecording(url, range && formatRange(range), FETCH_LIMITS, head ? 'HEAD' : 'GET');
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err;
      // The origin, never the address: a path or query may hold a token.
      this.logger.warn({ msg: 'recording fetch failed', callId, origin: url.origin, reason: err.message });
      throw new ApiError(502, 'RECORDING_UNAVAILABLE', err.message);
    }
    if (upstream.status === 416) {
      upstream.body.destroy();
      const r = unsatisfiable('Range: outside the recording');
      if (upstream.contentRange) r.headers['content-range'] = upstream.contentRange;
      return r;
    }
    if (upstream.status === 206 && !upstream.contentRange) {
      upstream.body.destroy();
      throw new ApiError(502, 'RECORDING_UNAVAILABLE', 'the recording server sent part of the recording without saying which');
    }
    const headers: Record<string, string> = {
      'content-type': upstream.contentType && AUDIO_TYPES.test(upstream.contentType) ? upstream.contentType : 'application/octet-stream',
      'accept-ranges': upstream.acceptRanges === 'bytes' ? 'bytes' : 'none',
      'cache-control': 'private, no-store',
    };
    if (upstream.contentLength !== null) headers['content-length'] = upstream.contentLength;
    if (upstream.status === 206) headers['content-range'] = upstream.contentRange!;
    return { status: upstream.status, headers, body: upstream.body };
  }

  private auditPlay(who: Principal, callId: string, ip: string | null): void {
    const key = `${who.kind}:${who.id}\u0000${callId}`;
    const now = Date.now();
    const last = this.lastAudit.get(key);
    if (last !== undefined && now - last < AUDIT_EVERY_MS) return;
    this.lastAudit.delete(key);
    this.lastAudit.set(key, now);
    if (this.lastAudit.size > MAX_REMEMBERED) {
      // Insertion order is age order: the first keys are the oldest plays.
      for (const [k, t] of this.lastAudit) {
        if (this.lastAudit.size <= MAX_REMEMBERED && now - t < AUDIT_EVERY_MS) break;
        this.lastAudit.delete(k);
      }
    }
    this.audit.record({ action: 'recording.played', actor: who, target: callId, ip });
  }
}

function unsatisfiable(message: string): RecordingReply & { status: 416 } {
  return {
    status: 416,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: { statusCode: 416, code: 'RANGE_NOT_SATISFIABLE', message, field: 'range' },
  };
}

function simulatedReply(durationS: number, range: ByteRange | undefined, head: boolean, turns?: DemoTurn[]): RecordingReply {
  const size = demoWavSize(durationS);
  const wav = (start: number, end: number): Readable => (head ? Readable.from([]) : demoWavStream(durationS, start, end, turns));
  const common = { 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'cache-control': 'private, no-store' };
  if (range === undefined) {
    return { status: 200, headers: { ...common, 'content-length': String(size) }, body: wav(0, size - 1) };
  }
  const r = resolveRange(range, size);
  if (!r) {
    const reply = unsatisfiable('Range: outside the recording');
    reply.headers['content-range'] = `bytes */${size}`;
    return reply;
  }
  return {
    status: 206,
    headers: { ...common, 'content-length': String(r.end - r.start + 1), 'content-range': `bytes ${r.start}-${r.end}/${size}` },
    body: wav(r.start, r.end),
  };
}
