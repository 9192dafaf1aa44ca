/**
 * The SQL of QA: forms, sampling plans and runs, evaluations with their
 * versions, calibrations — and the reads of `calls` and `events` that turn the
 * center's calls into the sampler's `SampleCall`s and an evaluation's facts.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Db, Queryable } from '@callboard/db';
import type { QaForm, SampleCall, TranscriptSegment } from '@callboard/qa';
import { DB } from '../database/database.module.js';

export interface FormRow {
  form_id: string;
  version: number;
  definition: QaForm;
  created_at: Date;
  created_by: string | null;
}

export interface StoredAnswer {
  itemId: string;
  value: boolean | number | 'na';
  comment?: string;
  /** Seconds into the recording the comment is about. */
  atS?: number;
}

export interface EvaluationRow {
  id: string;
  run_id: string | null;
  call_id: string;
  queue: string;
  agent_id: string;
  team: string | null;
  offered_at: Date;
  reviewer_id: string;
  reason: string;
  fills_for: string | null;
  form_id: string;
  form_version: number;
  status: EvaluationStatus;
  answers: StoredAnswer[];
  version: number;
  score: number | null;
  raw_score: number | null;
  auto_failed: boolean | null;
  submitted_at: Date | null;
  acknowledged_at: Date | null;
  disputed_at: Date | null;
  dispute_reason: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  outcome: 'upheld' | 'adjusted' | null;
  created_at: Date;
  updated_at: Date;
}

export type EvaluationStatus = 'assigned' | 'draft' | 'submitted' | 'acknowledged' | 'disputed' | 'resolved';

export interface EvaluationVersionRow {
  evaluation_id: string;
  version: number;
  answers: StoredAnswer[];
  score: number;
  raw_score: number;
  auto_failed: boolean;
  kind: 'submitted' | 'adjusted';
  by_user: string;
  at: Date;
}

export interface NewEvaluation {
  id: string;
  runId: string | null;
  callId: string;
  queue: string;
  agentId: string;
  team: string | null;
  offeredAt: string;
  reviewerId: string;
  reason: string;
  fillsFor: string | null;
  formId: string;
  formVersion: number;
}

export interface RunRow {
  id: string;
  plan_id: string | null;
  kind: 'on_demand' | 'weekly';
  from_day: string;
  to_day: string;
  seed: string;
  plan: Record<string, unknown>;
  calls: SampleCall[];
  reviewers: string[];
  shortfalls: unknown[];
  rejected: unknown[];
  created_at: Date;
  created_by: string | null;
}

export interface PlanRow {
  id: string;
  name: string;
  period: 'day' | 'week' | 'month';
  per_agent: number;
  quotas: Record<string, number>;
  reviewers: string[] | null;
  form_id: string;
  active: boolean;
  created_at: Date;
  created_by: string | null;
}

export interface CallFactsRow {
  call_id: string;
  queue: string;
  call_type: string;
  agent_id: string | null;
  offered_at: Date;
  answered_at: Date | null;
  ended_at: Date | null;
  talk_s: number | null;
  hold_s: number;
  wrap_s: number | null;
  category: string | null;
  summary: string | null;
  transferred: boolean;
  recording_duration_s: number | null;
  recorded: boolean;
}

export interface CalibrationRow {
  id: string;
  call_id: string;
  form_id: string;
  form_version: number;
  lead_id: string;
  reviewer_ids: string[];
  created_at: Date;
}

export interface CalibrationScoreRow {
  calibration_id: string;
  user_id: string;
  answers: StoredAnswer[];
  score: number;
  submitted_at: Date;
}

/** Who may see which evaluations: null fields do not restrict. */
export interface EvaluationFilter {
  status?: EvaluationStatus[];
  agentId?: string;
  reviewerId?: string;
  /** Agent, offered between (UTC instants). */
  from?: string;
  to?: string;
  /** A supervisor's scope: calls of these queues or agents of these teams (null: all). */
  scope?: { queues: string[] | null; teams: string[] | null };
}

export interface ProgressRow {
  status: EvaluationStatus;
  score: number | null;
  submitted_at: Date | null;
  /** When its sampling run was created; null for an evaluation without a run. */
  assigned_at: Date | null;
}

/** The WHERE terms of a filter on `qa_evaluations e` (joined with its run `r`), with their parameters. */
function filterSql(f: EvaluationFilter): { where: string[]; params: unknown[]; p: (v: unknown) => string } {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.status) where.push(`e.status = ANY(${p(f.status)}::text[])`);
  if (f.agentId !== undefined) where.push(`e.agent_id = ${p(f.agentId)}`);
  if (f.reviewerId !== undefined) where.push(`e.reviewer_id = ${p(f.reviewerId)}`);
  if (f.from !== undefined) where.push(`e.offered_at >= ${p(f.from)}::timestamptz`);
  if (f.to !== undefined) where.push(`e.offered_at < ${p(f.to)}::timestamptz`);
  if (f.scope) {
    const parts: string[] = [];
    parts.push(f.scope.queues === null ? 'true' : `e.queue = ANY(${p(f.scope.queues)}::text[])`);
    parts.push(f.scope.teams === null ? 'true' : `e.team = ANY(${p(f.scope.teams)}::text[])`);
    where.push(`(${parts.join(' OR ')})`);
  }
  return { where, params, p };
}

const json = (v: unknown) => JSON.stringify(v);
const parsed = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function evaluationFromRow(r: EvaluationRow): EvaluationRow {
  return { ...r, answers: parsed<StoredAnswer[]>(r.answers) };
}

@Injectable()
export class QaRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  // ---- forms ----

  /** Adds a version unless that form version is there already; true when added. */
  async insertForm(form: QaForm, by: string | null, q: Queryable = this.db): Promise<boolean> {
    const r = await q.query(
      `INSERT INTO qa_forms (form_id, version, title, definition, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (form_id, version) DO NOTHING`,
      [form.id, form.version, json(form.title), json(form), by],
    );
    return r.affectedRows === 1;
  }

  /** Every form's latest version, by id. */
  async latestForms(): Promise<FormRow[]> {
    const r = await this.db.query<FormRow>(
      `SELECT DISTINCT ON (form_id) form_id, version, definition, created_at, created_by
         FROM qa_forms ORDER BY form_id, version DESC`,
    );
    return r.rows.map((x) => ({ ...x, definition: parsed<QaForm>(x.definition) }));
  }

  /** One version, or the latest when `version` is undefined. */
  async form(formId: string, version?: number, q: Queryable = this.db): Promise<FormRow | undefined> {
    const r = await q.query<FormRow>(
      `SELECT form_id, version, definition, created_at, created_by FROM qa_forms
        WHERE form_id = $1 AND ($2::int IS NULL OR version = $2::int) ORDER BY version DESC LIMIT 1`,
      [formId, version ?? null],
    );
    const x = r.rows[0];
    return x && { ...x, definition: parsed<QaForm>(x.definition) };
  }

  async formVersions(formId: string): Promise<number[]> {
    const r = await this.db.query<{ version: number }>(`SELECT version FROM qa_forms WHERE form_id = $1 ORDER BY version`, [formId]);
    return r.rows.map((x) => x.version);
  }

  // ---- calls ----

  /**
   * The answered legs offered in [from, to) as the sampler reads them.
   * Derived here: `recorded` — the leg has a recording URL (from `call.recording`);
   * `evaluated` — an evaluation exists for the call and agent; `satisfaction` —
   * the latest `case.followed_up` of a case opened for the call (`case.opened`
   * with its `callId`); `handleS` — talk + hold + wrap-up. `category` and
   * `transferred` are the leg's own columns (disposition, `call.transferred`).
   * Teams are each agent's latest `agent.state` team before `to`.
   */
  async sampleCalls(from: string, to: string): Promise<SampleCall[]> {
    const r = await this.db.query<{
      call_id: string;
      queue: string;
      agent_id: string;
      team: string | null;
      offered_at: Date;
      answered_at: Date;
      talk_s: number | null;
      hold_s: number;
      wrap_s: number | null;
      recorded: boolean;
      evaluated: boolean;
      category: SampleCall['category'];
      satisfaction: SampleCall['satisfaction'];
      transferred: boolean;
    }>(
      `WITH legs AS (
         SELECT call_id, queue, agent_id, offered_at, answered_at, talk_s, hold_s, wrap_s, category, transferred,
                recording_url IS NOT NULL AS recorded
           FROM calls
          WHERE offered_at >= $1::timestamptz AND offered_at < $2::timestamptz AND answered_at IS NOT NULL AND agent_id IS NOT NULL
       ),
       teams AS (
         SELECT DISTINCT ON (agent_id) agent_id, team FROM agent_states
          WHERE agent_id IN (SELECT agent_id FROM legs) AND started_at < $2::timestamptz AND team IS NOT NULL
          ORDER BY agent_id, started_at DESC
       ),
       cases AS (
         SELECT DISTINCT ON (call_id, case_id) call_id, case_id FROM events
          WHERE type = 'case.opened' AND call_id IN (SELECT call_id FROM legs)
       ),
       follow AS (
         SELECT DISTINCT ON (c.call_id) c.call_id, e.payload->>'satisfaction' AS satisfaction
           FROM cases c JOIN events e ON e.case_id = c.case_id AND e.type = 'case.followed_up'
          ORDER BY c.call_id, e.ts DESC, e.id DESC
       )
       SELECT l.call_id, l.queue, l.agent_id, t.team, l.offered_at, l.answered_at, l.talk_s, l.hold_s, l.wrap_s, l.recorded,
              EXISTS (SELECT 1 FROM qa_evaluations q WHERE q.call_id = l.call_id AND q.agent_id = l.agent_id) AS evaluated,
              l.category, f.satisfaction, l.transferred
         FROM legs l LEFT JOIN teams t ON t.agent_id = l.agent_id LEFT JOIN follow f ON f.call_id = l.call_id
        ORDER BY l.offered_at, l.call_id, l.queue`,
      [from, to],
    );
    return r.rows.map((x) => ({
      callId: x.call_id,
      queue: x.queue,
      agentId: x.agent_id,
      team: x.team,
      offeredAt: x.offered_at.toISOString(),
      answeredAt: x.answered_at.toISOString(),
      talkS: x.talk_s ?? 0,
      handleS: (x.talk_s ?? 0) + (x.hold_s ?? 0) + (x.wrap_s ?? 0),
      recorded: x.recorded,
      evaluated: x.evaluated,
      category: x.category,
      satisfaction: x.satisfaction,
      transferred: x.transferred,
    }));
  }

  /** The leg of a call an agent answered (the latest offer when there are several). */
  async callFacts(callId: string, agentId: string | null): Promise<CallFactsRow | undefined> {
    const r = await this.db.query<CallFactsRow>(
      `SELECT call_id, queue, call_type, agent_id, offered_at, answered_at, ended_at, talk_s, hold_s, wrap_s, category, summary,
              transferred, recording_duration_s, recording_url IS NOT NULL AS recorded
         FROM calls WHERE call_id = $1 AND ($2::text IS NULL OR agent_id = $2::text)
        ORDER BY answered_at IS NULL, offered_at DESC LIMIT 1`,
      [callId, agentId],
    );
    return r.rows[0];
  }

  /** Whether a `call.recording` event exists for the call. */
  async hasRecording(callId: string): Promise<boolean> {
    const r = await this.db.query(`SELECT 1 FROM events WHERE call_id = $1 AND type = 'call.recording' LIMIT 1`, [callId]);
    return r.rows.length > 0;
  }

  /** The segments of the call's latest `call.transcript` event. */
  async transcript(callId: string): Promise<TranscriptSegment[] | null> {
    const r = await this.db.query<{ payload: unknown }>(
      `SELECT payload FROM events WHERE call_id = $1 AND type = 'call.transcript' ORDER BY ts DESC, id DESC LIMIT 1`,
      [callId],
    );
    const row = r.rows[0];
    return row ? parsed<{ segments: TranscriptSegment[] }>(row.payload).segments : null;
  }

  // ---- sampling ----

  async insertPlan(p: Omit<PlanRow, 'created_at' | 'active'>): Promise<PlanRow> {
    const r = await this.db.query<PlanRow>(
      `INSERT INTO qa_sampling_plans (id, name, period, per_agent, quotas, reviewers, form_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [p.id, p.name, p.period, p.per_agent, json(p.quotas), p.reviewers, p.form_id, p.created_by],
    );
    return planFromRow(r.rows[0]!);
  }

  async plans(): Promise<PlanRow[]> {
    const r = await this.db.query<PlanRow>(`SELECT * FROM qa_sampling_plans ORDER BY created_at, id`);
    return r.rows.map(planFromRow);
  }

  async plan(id: string): Promise<PlanRow | undefined> {
    const r = await this.db.query<PlanRow>(`SELECT * FROM qa_sampling_plans WHERE id = $1`, [id]);
    return r.rows[0] && planFromRow(r.rows[0]);
  }

  async weeklyRunExists(planId: string, fromDay: string): Promise<boolean> {
    const r = await this.db.query(`SELECT 1 FROM qa_sampling_runs WHERE plan_id = $1 AND from_day = $2::date AND kind = 'weekly'`, [
      planId,
      fromDay,
    ]);
    return r.rows.length > 0;
  }

  /** A run, created now unless `created_at` says when (the demo dates its runs within the week it samples). */
  async insertRun(q: Queryable, run: Omit<RunRow, 'created_at'> & { created_at?: Date }): Promise<void> {
    await q.query(
      `INSERT INTO qa_sampling_runs (id, plan_id, kind, from_day, to_day, seed, plan, calls, reviewers, shortfalls, rejected, created_by, created_at)
       VALUES ($1, $2, $3, $4::date, $5::date, $6, $7, $8, $9, $10, $11, $12, coalesce($13::timestamptz, now()))`,
      [
        run.id,
        run.plan_id,
        run.kind,
        run.from_day,
        run.to_day,
        run.seed,
        json(run.plan),
        json(run.calls),
        run.reviewers,
        json(run.shortfalls),
        json(run.rejected),
        run.created_by,
        run.created_at ?? null,
      ],
    );
  }

  async runs(limit: number): Promise<RunRow[]> {
    const r = await this.db.query<RunRow>(
      `SELECT id, plan_id, kind, to_char(from_day, 'YYYY-MM-DD') AS from_day, to_char(to_day, 'YYYY-MM-DD') AS to_day, seed, plan,
              '[]'::jsonb AS calls, reviewers, shortfalls, rejected, created_at, created_by
         FROM qa_sampling_runs ORDER BY created_at DESC, id DESC LIMIT $1`,
      [limit],
    );
    return r.rows.map(runFromRow);
  }

  /** How many evaluations each of these runs made. */
  async evaluationCounts(runIds: readonly string[]): Promise<Map<string, number>> {
    if (runIds.length === 0) return new Map();
    const r = await this.db.query<{ run_id: string; n: number }>(
      `SELECT run_id, count(*)::int AS n FROM qa_evaluations WHERE run_id = ANY($1::text[]) GROUP BY run_id`,
      [runIds],
    );
    return new Map(r.rows.map((x) => [x.run_id, Number(x.n)]));
  }

  async run(id: string): Promise<RunRow | undefined> {
    const r = await this.db.query<RunRow>(
      `SELECT id, plan_id, kind, to_char(from_day, 'YYYY-MM-DD') AS from_day, to_char(to_day, 'YYYY-MM-DD') AS to_day, seed, plan,
              calls, reviewers, shortfalls, rejected, created_at, created_by
         FROM qa_sampling_runs WHERE id = $1`,
      [id],
    );
    return r.rows[0] && runFromRow(r.rows[0]);
  }

  // ---- evaluations ----

  async insertEvaluations(q: Queryable, rows: readonly NewEvaluation[]): Promise<void> {
    for (const e of rows) {
      await q.query(
        `INSERT INTO qa_evaluations (id, run_id, call_id, queue, agent_id, team, offered_at, reviewer_id, reason, fills_for, form_id, form_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8, $9, $10, $11, $12)`,
        [e.id, e.runId, e.callId, e.queue, e.agentId, e.team, e.offeredAt, e.reviewerId, e.reason, e.fillsFor, e.formId, e.formVersion],
      );
    }
  }

  async evaluation(id: string, q: Queryable = this.db, forUpdate = false): Promise<EvaluationRow | undefined> {
    const r = await q.query<EvaluationRow>(`SELECT * FROM qa_evaluations WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return r.rows[0] && evaluationFromRow(r.rows[0]);
  }

  async evaluationsOfRun(runId: string): Promise<EvaluationRow[]> {
    const r = await this.db.query<EvaluationRow>(`SELECT * FROM qa_evaluations WHERE run_id = $1 ORDER BY agent_id, offered_at, id`, [
      runId,
    ]);
    return r.rows.map(evaluationFromRow);
  }

  /**
   * The evaluations the filter lets through: newest call first, or with
   * `order: 'due'` the earliest assigned first (a review's due date is its run's
   * creation plus a fixed number of days), then by call.
   */
  async evaluations(f: EvaluationFilter, limit: number, order: 'newest' | 'due' = 'newest'): Promise<EvaluationRow[]> {
    const { where, params, p } = filterSql(f);
    const orderBy = order === 'due' ? 'r.created_at NULLS LAST, e.offered_at, e.id' : 'e.offered_at DESC, e.id';
    const r = await this.db.query<EvaluationRow>(
      `SELECT e.* FROM qa_evaluations e LEFT JOIN qa_sampling_runs r ON r.id = e.run_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${orderBy} LIMIT ${p(limit)}`,
      params,
    );
    return r.rows.map(evaluationFromRow);
  }

  /**
   * Evaluations the filter lets through that were assigned (their run created)
   * or submitted in [from, to): status, score and both instants.
   */
  async progressRows(f: EvaluationFilter, from: string, to: string): Promise<ProgressRow[]> {
    const { where, params, p } = filterSql(f);
    const a = p(from);
    const b = p(to);
    where.push(`((r.created_at >= ${a}::timestamptz AND r.created_at < ${b}::timestamptz)
                 OR (e.submitted_at >= ${a}::timestamptz AND e.submitted_at < ${b}::timestamptz))`);
    const r = await this.db.query<ProgressRow>(
      `SELECT e.status, e.score, e.submitted_at, r.created_at AS assigned_at
         FROM qa_evaluations e LEFT JOIN qa_sampling_runs r ON r.id = e.run_id
        WHERE ${where.join(' AND ')}
        ORDER BY e.id`,
      params,
    );
    return r.rows;
  }

  /** When each run was created (an evaluation's assignment), by run id. */
  async runsCreated(runIds: readonly string[]): Promise<Map<string, Date>> {
    if (runIds.length === 0) return new Map();
    const r = await this.db.query<{ id: string; created_at: Date }>(
      `SELECT id, created_at FROM qa_sampling_runs WHERE id = ANY($1::text[])`,
      [[...new Set(runIds)]],
    );
    return new Map(r.rows.map((x) => [x.id, x.created_at]));
  }

  /**
   * Each agent's display name and team as their latest `agent.state` stating
   * one said (the phone system's word), for the given agents; unknown agents are absent.
   */
  async agentNames(agentIds: readonly string[]): Promise<Map<string, { name: string | null; team: string | null }>> {
    if (agentIds.length === 0) return new Map();
    const r = await this.db.query<{ agent_id: string; name: string | null; team: string | null }>(
      `SELECT a.agent_id, n.name, t.team
         FROM unnest($1::text[]) AS a(agent_id)
         LEFT JOIN LATERAL (SELECT s.name FROM agent_states s WHERE s.agent_id = a.agent_id AND s.name IS NOT NULL
                             ORDER BY s.started_at DESC LIMIT 1) n ON true
         LEFT JOIN LATERAL (SELECT s.team FROM agent_states s WHERE s.agent_id = a.agent_id AND s.team IS NOT NULL
                             ORDER BY s.started_at DESC LIMIT 1) t ON true`,
      [[...new Set(agentIds)]],
    );
    return new Map(r.rows.filter((x) => x.name !== null || x.team !== null).map((x) => [x.agent_id, { name: x.name, team: x.team }]));
  }

  /**
   * The agents Callboard knows: those with a state in the last `days` days and
   * those with an evaluation, by id, each with the queues of their evaluations.
   */
  async knownAgents(days: number): Promise<{ agent_id: string; queues: string[] }[]> {
    const r = await this.db.query<{ agent_id: string; queues: string[] }>(
      `WITH ids AS (
         SELECT DISTINCT agent_id FROM agent_states WHERE started_at >= now() - make_interval(days => $1::int)
         UNION SELECT DISTINCT agent_id FROM qa_evaluations
       )
       SELECT i.agent_id, coalesce((SELECT array_agg(DISTINCT q.queue ORDER BY q.queue) FROM qa_evaluations q WHERE q.agent_id = i.agent_id),
                                   '{}') AS queues
         FROM ids i ORDER BY i.agent_id`,
      [days],
    );
    return r.rows;
  }

  async versions(evaluationId: string): Promise<EvaluationVersionRow[]> {
    const r = await this.db.query<EvaluationVersionRow>(`SELECT * FROM qa_evaluation_versions WHERE evaluation_id = $1 ORDER BY version`, [
      evaluationId,
    ]);
    return r.rows.map((x) => ({ ...x, answers: parsed<StoredAnswer[]>(x.answers) }));
  }

  async saveDraft(q: Queryable, id: string, answers: StoredAnswer[]): Promise<void> {
    await q.query(`UPDATE qa_evaluations SET answers = $2, status = 'draft', updated_at = now() WHERE id = $1`, [id, json(answers)]);
  }

  /** A new scored version, and the evaluation's current score and status with it. */
  async addVersion(
    q: Queryable,
    v: Omit<EvaluationVersionRow, 'at'>,
    status: EvaluationStatus,
    extra: { outcome?: 'upheld' | 'adjusted'; resolvedBy?: string } = {},
  ): Promise<void> {
    await q.query(
      `INSERT INTO qa_evaluation_versions (evaluation_id, version, answers, score, raw_score, auto_failed, kind, by_user)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [v.evaluation_id, v.version, json(v.answers), v.score, v.raw_score, v.auto_failed, v.kind, v.by_user],
    );
    await q.query(
      `UPDATE qa_evaluations SET answers = $2, version = $3, score = $4, raw_score = $5, auto_failed = $6, status = $7,
              submitted_at = COALESCE(submitted_at, now()),
              resolved_at = CASE WHEN $7 = 'resolved' THEN now() ELSE resolved_at END,
              resolved_by = COALESCE($8, resolved_by), outcome = COALESCE($9, outcome), updated_at = now()
        WHERE id = $1`,
      [
        v.evaluation_id,
        json(v.answers),
        v.version,
        v.score,
        v.raw_score,
        v.auto_failed,
        status,
        extra.resolvedBy ?? null,
        extra.outcome ?? null,
      ],
    );
  }

  async acknowledge(q: Queryable, id: string): Promise<void> {
    await q.query(`UPDATE qa_evaluations SET status = 'acknowledged', acknowledged_at = now(), updated_at = now() WHERE id = $1`, [id]);
  }

  async dispute(q: Queryable, id: string, reason: string): Promise<void> {
    await q.query(
      `UPDATE qa_evaluations SET status = 'disputed', disputed_at = now(), dispute_reason = $2, updated_at = now() WHERE id = $1`,
      [id, reason],
    );
  }

  async resolveUpheld(q: Queryable, id: string, by: string): Promise<void> {
    await q.query(
      `UPDATE qa_evaluations SET status = 'resolved', outcome = 'upheld', resolved_at = now(), resolved_by = $2, updated_at = now()
        WHERE id = $1`,
      [id, by],
    );
  }

  // ---- calibration ----

  async insertCalibration(c: Omit<CalibrationRow, 'created_at'>): Promise<void> {
    await this.db.query(
      `INSERT INTO qa_calibrations (id, call_id, form_id, form_version, lead_id, reviewer_ids) VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.id, c.call_id, c.form_id, c.form_version, c.lead_id, c.reviewer_ids],
    );
  }

  async calibration(id: string): Promise<CalibrationRow | undefined> {
    const r = await this.db.query<CalibrationRow>(`SELECT * FROM qa_calibrations WHERE id = $1`, [id]);
    return r.rows[0];
  }

  /** Calibrations the user leads or scores in (every one for null), newest first. */
  async calibrations(userId: string | null): Promise<CalibrationRow[]> {
    const r = await this.db.query<CalibrationRow>(
      `SELECT * FROM qa_calibrations WHERE $1::text IS NULL OR lead_id = $1::text OR $1::text = ANY(reviewer_ids)
        ORDER BY created_at DESC, id DESC LIMIT 500`,
      [userId],
    );
    return r.rows;
  }

  async calibrationScores(id: string): Promise<CalibrationScoreRow[]> {
    const r = await this.db.query<CalibrationScoreRow>(`SELECT * FROM qa_calibration_scores WHERE calibration_id = $1 ORDER BY user_id`, [
      id,
    ]);
    return r.rows.map((x) => ({ ...x, answers: parsed<StoredAnswer[]>(x.answers) }));
  }

  /** False when this user has already scored the session. */
  async insertCalibrationScore(id: string, userId: string, answers: StoredAnswer[], score: number): Promise<boolean> {
    const r = await this.db.query(
      `INSERT INTO qa_calibration_scores (calibration_id, user_id, answers, score) VALUES ($1, $2, $3, $4)
       ON CONFLICT (calibration_id, user_id) DO NOTHING`,
      [id, userId, json(answers), score],
    );
    return r.affectedRows === 1;
  }
}

function planFromRow(r: PlanRow): PlanRow {
  return { ...r, quotas: parsed<Record<string, number>>(r.quotas) };
}

function runFromRow(r: RunRow): RunRow {
  return {
    ...r,
    plan: parsed<Record<string, unknown>>(r.plan),
    calls: parsed<SampleCall[]>(r.calls),
    shortfalls: parsed<unknown[]>(r.shortfalls),
    rejected: parsed<unknown[]>(r.rejected),
  };
}
