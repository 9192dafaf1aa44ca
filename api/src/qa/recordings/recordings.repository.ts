/** SQL of the recordings route: a call's latest recording from the stored events, and what scopes the call. */
import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '@callboard/db';
import { DB } from '../../database/database.module.js';

export interface RecordingRow {
  ts: Date;
  url: string;
  duration_s: number;
}

export interface CallLegRow {
  queue: string;
  /** The team of the agent who answered the leg, as their state said when they answered. */
  team: string | null;
}

@Injectable()
export class RecordingsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** The newest `call.recording` event of the call (a re-sent recording replaces the earlier one). */
  async latestRecording(callId: string): Promise<RecordingRow | undefined> {
    const r = await this.db.query<RecordingRow>(
      `SELECT ts, payload->>'url' AS url, (payload->>'durationS')::double precision AS duration_s
         FROM events WHERE call_id = $1 AND type = 'call.recording'
        ORDER BY ts DESC, received_at DESC LIMIT 1`,
      [callId],
    );
    return r.rows[0];
  }

  /** The segments of the call's latest `call.transcript` event, or null without one. */
  async latestTranscript(callId: string): Promise<{ speaker: string; startS: number; endS: number }[] | null> {
    const r = await this.db.query<{ segments: unknown }>(
      `SELECT payload->'segments' AS segments FROM events WHERE call_id = $1 AND type = 'call.transcript'
        ORDER BY ts DESC, received_at DESC LIMIT 1`,
      [callId],
    );
    const v = r.rows[0]?.segments;
    if (v === undefined || v === null) return null;
    return (typeof v === 'string' ? JSON.parse(v) : v) as { speaker: string; startS: number; endS: number }[];
  }

  /** Whether the call is in one of the agent's evaluations with a score (submitted or later). */
  async inScoredEvaluationOf(callId: string, agentId: string): Promise<boolean> {
    const r = await this.db.query(
      `SELECT 1 FROM qa_evaluations
        WHERE call_id = $1 AND agent_id = $2 AND status IN ('submitted', 'acknowledged', 'disputed', 'resolved') LIMIT 1`,
      [callId, agentId],
    );
    return r.rows.length > 0;
  }

  /**
   * The call's legs offered in the two days up to its recording (a call is recorded after it ends; the
   * bound lets TimescaleDB skip older chunks), each with its queue and the answering agent's team.
   */
  async callLegs(callId: string, recordedAt: Date): Promise<CallLegRow[]> {
    const r = await this.db.query<CallLegRow>(
      `SELECT c.queue, t.team
         FROM calls c
         LEFT JOIN LATERAL (
           SELECT a.team FROM agent_states a
            WHERE a.agent_id = c.agent_id AND a.started_at <= coalesce(c.answered_at, c.offered_at) AND a.team IS NOT NULL
            ORDER BY a.started_at DESC LIMIT 1
         ) t ON c.agent_id IS NOT NULL
        WHERE c.call_id = $1 AND c.offered_at >= $2::timestamptz - INTERVAL '2 days' AND c.offered_at <= $2::timestamptz
        ORDER BY c.offered_at, c.queue`,
      [callId, recordedAt],
    );
    return r.rows;
  }
}
