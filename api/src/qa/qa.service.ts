/**
 * QA (SPEC §5): forms and their versions, sampling runs that assign calls to
 * reviewers, the evaluation workflow (draft → submitted → acknowledged or
 * disputed → resolved, each score a kept version), summaries with margins of
 * error and blind calibration. Who sees what: reviewers their assignments,
 * agents their own submitted results, supervisors their queues and teams,
 * managers every result, `qa_lead` and admins everything. Every change is audited.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type Answers,
  type FormItem,
  type QaForm,
  QaInputError,
  type SampleCall,
  type SamplePick,
  type SamplingPlan,
  checkTranscript,
  countRatings,
  defaultForm,
  defaultTranscriptRules,
  drawSample,
  fleissKappa,
  meanWithMargin,
  resolvePlan,
  reviewerDeviation,
  scoreEvaluation,
  validateForm,
} from '@callboard/qa';
import { DateTime } from 'luxon';
import type { Principal } from '../auth/access/principal.js';
import { SCOPED_ROLES, inScope } from '../auth/access/roles.js';
import { AuditService, type ChangedBy } from '../auth/audit/audit.service.js';
import { UsersService } from '../auth/users/users.service.js';
import type { UserView } from '../auth/users/users.wire.js';
import { ApiError } from '../common/errors.js';
import { type AppConfig, CONFIG } from '../config/config.js';
import {
  type CalibrationRow,
  type CalibrationScoreRow,
  type EvaluationFilter,
  type EvaluationRow,
  type EvaluationStatus,
  type FormRow,
  type PlanRow,
  QaRepository,
  type StoredAnswer,
} from './qa.repository.js';
import type {
  CreateCalibrationRequest,
  CreatePlanRequest,
  CreateRunRequest,
  EvaluationsQuery,
  ResolveRequest,
  SummaryQuery,
} from './qa.schemas.js';
import type {
  CalibrationDetail,
  CalibrationList,
  CalibrationView,
  EvaluationDetail,
  EvaluationList,
  EvaluationSummary,
  QaFormList,
  QaFormView,
  QaPeople,
  QaProgress,
  QaSummary,
  SamplingPlanView,
  SamplingRedraw,
  SamplingRunList,
  SamplingRunView,
  ScoreResult,
} from './qa.wire.js';

export const DEFAULT_FORM_ID = 'etiquette';

/** Statuses of a scored evaluation: what agents, supervisors and managers see. */
export const RESULT_STATUSES: EvaluationStatus[] = ['submitted', 'acknowledged', 'disputed', 'resolved'];
const OPEN_STATUSES: EvaluationStatus[] = ['assigned', 'draft'];

/** Roles that see and do everything in QA. */
const QA_ALL = new Set(['admin', 'qa_lead']);
/** Roles of the people who score calls: the reviewers the QA screens list. */
const SCORER_ROLES = new Set(['qa_reviewer', 'qa_lead']);
/** Agents with a state this recent are known to the QA screens (and every agent with an evaluation). */
const KNOWN_AGENT_DAYS = 90;
/** A pick no reviewer could take, kept among the run's shortfalls. */
const UNASSIGNED = 'no reviewer other than the agent';

const notFound = (what: string) => new ApiError(404, 'NOT_FOUND', `no ${what}`);
const conflict = (message: string, field?: string) => new ApiError(409, 'CONFLICT', message, field);
const forbidden = (message: string, field?: string) => new ApiError(403, 'FORBIDDEN', message, field);

/** A `QaInputError` as a 400 naming its first field. */
function badInput(err: unknown, prefix: string): never {
  if (err instanceof QaInputError) {
    const first = err.problems[0]!;
    const field = first.path ? `${prefix}.${first.path}` : prefix;
    throw new ApiError(400, 'BAD_REQUEST', `${field}: ${first.message}`, field);
  }
  throw err;
}

const items = (form: QaForm): FormItem[] => form.sections.flatMap((s) => s.items);

/** Answers as the library reads them: keyed by item id. */
export const answerMap = (answers: readonly StoredAnswer[]): Answers => Object.fromEntries(answers.map((a) => [a.itemId, a.value]));

/**
 * Checks each answer against its item (the item exists, the value fits its
 * type and range, N/A only where allowed): a 400 naming `answers.<i>.…`.
 */
export function checkAnswers(form: QaForm, answers: readonly StoredAnswer[]): void {
  const byId = new Map(items(form).map((i) => [i.id, i]));
  answers.forEach((a, i) => {
    const item = byId.get(a.itemId);
    const at = `answers.${i}`;
    if (!item)
      throw new ApiError(400, 'BAD_REQUEST', `${at}.itemId: form ${form.id} v${form.version} has no item ${a.itemId}`, `${at}.itemId`);
    const bad = (message: string) => new ApiError(400, 'BAD_REQUEST', `${at}.value: ${message}`, `${at}.value`);
    if (a.value === 'na') {
      if (!item.naAllowed) throw bad(`item ${item.id} does not allow N/A`);
    } else if (item.type === 'yes_no') {
      if (typeof a.value !== 'boolean') throw bad(`item ${item.id} is answered true or false`);
    } else if (typeof a.value !== 'number' || a.value > item.max) throw bad(`item ${item.id} takes 0 to ${item.max} points`);
  });
}

/** Checks the answers against the form, then scores them; a problem is a 400 naming `answers.…`. */
export function scoreAnswers(form: QaForm, answers: readonly StoredAnswer[]): ReturnType<typeof scoreEvaluation> {
  checkAnswers(form, answers);
  try {
    return scoreEvaluation(form, answerMap(answers));
  } catch (err) {
    badInput(err, 'answers');
  }
}

/** The local day's first instant in the center's zone, as ISO. */
const dayStart = (day: string, tz: string): string => DateTime.fromISO(day, { zone: tz }).startOf('day').toUTC().toISO()!;
const dayAfter = (day: string, tz: string): string => DateTime.fromISO(day, { zone: tz }).plus({ days: 1 }).startOf('day').toUTC().toISO()!;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The Monday (YYYY-MM-DD, center time) of the ISO week holding an instant. */
export const weekOf = (at: Date, tz: string): string => DateTime.fromJSDate(at, { zone: tz }).startOf('week').toISODate()!;

/** What an evaluation's summary adds to its row: who, by name, and when it is due. */
export interface EvaluationNames {
  agentName: string | null;
  reviewerName: string | null;
  dueAt: string | null;
}

/** The call as a reviewer scores it: facts, the recording's API path, the transcript and its auto-checks. */
export type CallMedia = Pick<EvaluationDetail, 'call' | 'recording' | 'transcript' | 'findings'>;

export function evaluationSummary(r: EvaluationRow, names?: EvaluationNames): EvaluationSummary {
  return {
    ...names,
    id: r.id,
    runId: r.run_id,
    callId: r.call_id,
    queue: r.queue,
    agentId: r.agent_id,
    team: r.team,
    offeredAt: r.offered_at.toISOString(),
    reviewerId: r.reviewer_id,
    reason: r.reason,
    fillsFor: r.fills_for,
    formId: r.form_id,
    formVersion: r.form_version,
    status: r.status,
    version: r.version,
    score: r.score,
    rawScore: r.raw_score,
    autoFailed: r.auto_failed,
    submittedAt: iso(r.submitted_at),
    acknowledgedAt: iso(r.acknowledged_at),
    disputedAt: iso(r.disputed_at),
    disputeReason: r.dispute_reason,
    resolvedAt: iso(r.resolved_at),
    outcome: r.outcome,
  };
}

/**
 * Assigns each pick to the reviewer with the fewest picks of this run so far
 * (ties: the first in `reviewers`), never to the reviewer who is the call's
 * own agent. Null when no reviewer may take it.
 */
export function assignReviewers(
  picks: readonly Pick<SamplePick, 'agentId'>[],
  reviewers: readonly { id: string; agentId: string | null }[],
): (string | null)[] {
  const load = new Map(reviewers.map((r) => [r.id, 0]));
  return picks.map((p) => {
    let best: string | null = null;
    for (const r of reviewers) {
      if (r.agentId !== null && r.agentId === p.agentId) continue;
      if (best === null || load.get(r.id)! < load.get(best)!) best = r.id;
    }
    if (best !== null) load.set(best, load.get(best)! + 1);
    return best;
  });
}

@Injectable()
export class QaService implements OnModuleInit {
  constructor(
    private readonly repo: QaRepository,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** The default form (the etiquette checklist) is there from the first start. */
  async onModuleInit(): Promise<void> {
    await this.repo.insertForm(defaultForm(), null);
  }

  // ---- forms ----

  async listForms(): Promise<QaFormList> {
    return { forms: (await this.repo.latestForms()).map((f) => f.definition) };
  }

  async getForm(formId: string, version?: number): Promise<QaFormView> {
    const row = await this.repo.form(formId, version);
    if (!row) throw notFound(`form ${formId}${version ? ` version ${version}` : ''}`);
    return this.formView(row);
  }

  private async formView(row: FormRow): Promise<QaFormView> {
    return {
      form: row.definition,
      versions: await this.repo.formVersions(row.form_id),
      createdAt: row.created_at.toISOString(),
      createdBy: row.created_by,
    };
  }

  /** A new form (version 1), or with `formId` a new version of an existing one. */
  async saveForm(body: Record<string, unknown>, by: ChangedBy, formId?: string): Promise<QaFormView> {
    if (formId !== undefined && body.id !== undefined && body.id !== formId)
      throw new ApiError(400, 'BAD_REQUEST', `id: must be ${formId}, the form being changed`, 'id');
    const id = formId ?? body.id;
    const latest = typeof id === 'string' ? await this.repo.form(id) : undefined;
    if (formId !== undefined && !latest) throw notFound(`form ${formId}`);
    if (formId === undefined && latest)
      throw conflict(`form ${String(id)} exists; change it with PUT /api/v1/qa/forms/${String(id)}`, 'id');
    const form = { ...body, id, version: latest ? latest.version + 1 : 1 };
    const problems = validateForm(form);
    if (problems.length > 0) {
      const p = problems[0]!;
      throw new ApiError(400, 'BAD_REQUEST', `${p.path || 'form'}: ${p.message}`, p.path || 'form');
    }
    const actor = by.actor && 'name' in by.actor ? (by.actor.name ?? null) : null;
    if (!(await this.repo.insertForm(form as QaForm, actor))) throw conflict(`form ${String(id)} changed meanwhile; try again`);
    this.audit.record({
      ...by,
      action: latest ? 'qa.form.versioned' : 'qa.form.created',
      target: String(id),
      detail: { version: form.version },
    });
    return this.getForm(String(id), form.version);
  }

  // ---- sampling ----

  /** An account by username (the demo's QA accounts). */
  userNamed(username: string): Promise<UserView | undefined> {
    return this.users.byName(username);
  }

  /** Active users who may review: the ones asked for, else every active `qa_reviewer` (by id). */
  private async reviewers(ids: readonly string[] | null | undefined): Promise<UserView[]> {
    const all = (await this.users.list()).filter((u) => u.disabledAt === null);
    if (!ids) return all.filter((u) => u.role === 'qa_reviewer').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return ids.map((id, i) => {
      const u = all.find((x) => x.id === id);
      if (!u || !['qa_reviewer', 'qa_lead', 'admin'].includes(u.role))
        throw new ApiError(400, 'BAD_REQUEST', `reviewers.${i}: ${id} is not an active qa_reviewer, qa_lead or admin`, `reviewers.${i}`);
      return u;
    });
  }

  async createPlan(input: CreatePlanRequest, by: ChangedBy): Promise<SamplingPlanView> {
    if (!(await this.repo.form(input.formId))) throw new ApiError(400, 'BAD_REQUEST', `formId: no form ${input.formId}`, 'formId');
    if (input.reviewers) await this.reviewers(input.reviewers);
    const row = await this.repo.insertPlan({
      id: randomUUID(),
      name: input.name,
      period: 'week',
      per_agent: input.perAgent,
      quotas: input.quotas as Record<string, number>,
      reviewers: input.reviewers,
      form_id: input.formId,
      created_by: by.actor && 'name' in by.actor ? (by.actor.name ?? null) : null,
    });
    this.audit.record({ ...by, action: 'qa.plan.created', target: row.id, detail: { name: row.name, perAgent: row.per_agent } });
    return planView(row);
  }

  async listPlans(): Promise<{ plans: SamplingPlanView[] }> {
    return { plans: (await this.repo.plans()).map(planView) };
  }

  /**
   * Draws a sample of the calls offered from `from` to `to` (local days,
   * inclusive) and assigns each pick to a reviewer. The run keeps its seed,
   * resolved plan and every call it drew from.
   */
  async createRun(
    input: CreateRunRequest,
    by: ChangedBy,
    opts: { kind?: 'on_demand' | 'weekly'; planId?: string | null; createdAt?: Date } = {},
  ): Promise<SamplingRunView> {
    const tz = this.config.CALLBOARD_TZ;
    const formRow = await this.repo.form(input.formId ?? DEFAULT_FORM_ID);
    if (!formRow) throw new ApiError(400, 'BAD_REQUEST', `formId: no form ${input.formId ?? DEFAULT_FORM_ID}`, 'formId');
    const reviewers = await this.reviewers(input.reviewers);
    if (reviewers.length === 0) throw conflict('no active qa_reviewer to assign calls to', 'reviewers');
    const plan: SamplingPlan = {
      timeZone: tz,
      period: 'week',
      ...(input.perAgent ? { perAgent: input.perAgent } : {}),
      ...(input.quotas ? { quotas: input.quotas } : {}),
    };
    const resolved = resolvePlan(plan);
    const seed = input.seed ?? randomUUID();
    const calls = await this.repo.sampleCalls(dayStart(input.from, tz), dayAfter(input.to, tz));
    const sample = drawSample(calls, resolved, seed);
    const assigned = assignReviewers(
      sample.picks,
      reviewers.map((r) => ({ id: r.id, agentId: r.agentId })),
    );
    const byLeg = new Map<string, SampleCall>();
    for (const c of calls) if (!byLeg.has(`${c.callId}\u0000${c.agentId}`)) byLeg.set(`${c.callId}\u0000${c.agentId}`, c);
    const runId = randomUUID();
    const unassigned: SamplePick[] = [];
    const evaluations = sample.picks.flatMap((p, i) => {
      const reviewerId = assigned[i];
      if (!reviewerId) {
        unassigned.push(p);
        return [];
      }
      const call = byLeg.get(`${p.callId}\u0000${p.agentId}`)!;
      return [
        {
          id: randomUUID(),
          runId,
          callId: p.callId,
          queue: p.queue,
          agentId: p.agentId,
          team: call.team ?? null,
          offeredAt: call.offeredAt,
          reviewerId,
          reason: p.reason,
          fillsFor: p.fillsFor ?? null,
          formId: formRow.form_id,
          formVersion: formRow.version,
        },
      ];
    });
    const createdBy = by.actor && 'name' in by.actor ? (by.actor.name ?? null) : null;
    await this.repo
      .transaction(async (tx) => {
        await this.repo.insertRun(tx, {
          id: runId,
          plan_id: opts.planId ?? null,
          kind: opts.kind ?? 'on_demand',
          from_day: input.from,
          to_day: input.to,
          seed,
          plan: resolved as unknown as Record<string, unknown>,
          calls,
          reviewers: reviewers.map((r) => r.id),
          shortfalls: [...sample.shortfalls, ...unassigned.map((p) => ({ ...p, problem: UNASSIGNED }))],
          rejected: sample.rejected,
          created_by: createdBy,
          ...(opts.createdAt ? { created_at: opts.createdAt } : {}),
        });
        await this.repo.insertEvaluations(tx, evaluations);
      })
      .catch((err: unknown) => {
        // unique_violation: a run at the same moment took some of these calls (or stored this plan's week first).
        if ((err as { code?: string }).code === '23505')
          throw conflict('another sampling run took some of these calls meanwhile; run it again');
        throw err;
      });
    this.audit.record({
      ...by,
      action: 'qa.sampling.run',
      target: runId,
      detail: { from: input.from, to: input.to, seed, evaluations: evaluations.length, kind: opts.kind ?? 'on_demand' },
    });
    return this.getRun(runId);
  }

  async getRun(id: string): Promise<SamplingRunView> {
    const run = await this.repo.run(id);
    if (!run) throw notFound(`sampling run ${id}`);
    const evaluations = await this.repo.evaluationsOfRun(id);
    return {
      ...runView(run),
      calls: run.calls.length,
      evaluations: evaluations.map((e) => ({
        id: e.id,
        callId: e.call_id,
        agentId: e.agent_id,
        reviewerId: e.reviewer_id,
        reason: e.reason,
        fillsFor: e.fills_for,
      })),
    };
  }

  /**
   * Draws a run's sample again from what the run stored — the calls as they
   * were then (evaluated ones included, never drawn), the resolved plan and
   * the seed — and compares it with the picks the run made. Creates nothing:
   * it shows that the sample is reproducible.
   */
  async redrawRun(id: string): Promise<SamplingRedraw> {
    const run = await this.repo.run(id);
    if (!run) throw notFound(`sampling run ${id}`);
    const sample = drawSample(run.calls, run.plan as unknown as SamplingPlan, run.seed);
    const key = (p: { callId: string; agentId: string; reason: string }) => `${p.callId}\u0000${p.agentId}\u0000${p.reason}`;
    const made = new Set(
      (await this.repo.evaluationsOfRun(id)).map((e) => key({ callId: e.call_id, agentId: e.agent_id, reason: e.reason })),
    );
    for (const s of run.shortfalls as { callId?: unknown; agentId?: unknown; reason?: unknown; problem?: unknown }[]) {
      if (s.problem === UNASSIGNED && typeof s.callId === 'string' && typeof s.agentId === 'string' && typeof s.reason === 'string') {
        made.add(key({ callId: s.callId, agentId: s.agentId, reason: s.reason }));
      }
    }
    const picks = sample.picks.map((p) => ({ callId: p.callId, agentId: p.agentId, reason: p.reason, fillsFor: p.fillsFor ?? null }));
    const same = picks.length === made.size && picks.every((p) => made.has(key(p)));
    return { runId: id, seed: run.seed, picks, same };
  }

  async listRuns(): Promise<SamplingRunList> {
    const runs = await this.repo.runs(100);
    const counts = await this.repo.evaluationCounts(runs.map((r) => r.id));
    return { runs: runs.map((r) => ({ ...runView(r), calls: 0, evaluationCount: counts.get(r.id) ?? 0 })) };
  }

  /**
   * The weekly run of every active plan for the week before the one holding
   * `now` (Monday to Sunday, center time), once per plan and week.
   */
  async runWeeklyPlans(now = new Date()): Promise<{ runs: string[]; failures: { planId: string; error: string }[] }> {
    const tz = this.config.CALLBOARD_TZ;
    const thisMonday = DateTime.fromJSDate(now, { zone: tz }).startOf('week');
    const from = thisMonday.minus({ weeks: 1 }).toISODate()!;
    const to = thisMonday.minus({ days: 1 }).toISODate()!;
    const out: { runs: string[]; failures: { planId: string; error: string }[] } = { runs: [], failures: [] };
    for (const plan of await this.repo.plans()) {
      if (!plan.active || (await this.repo.weeklyRunExists(plan.id, from))) continue;
      try {
        const run = await this.createRun(
          {
            from,
            to,
            perAgent: plan.per_agent,
            quotas: plan.quotas,
            seed: `${plan.id}:${from}`,
            reviewers: plan.reviewers ?? undefined,
            formId: plan.form_id,
          },
          { actor: { kind: 'system', name: 'weekly sampling' } },
          { kind: 'weekly', planId: plan.id },
        );
        out.runs.push(run.id);
      } catch (err) {
        // Another process stored this week's run first (unique index), or the plan cannot run now (no reviewer): the next check tries again.
        if (await this.repo.weeklyRunExists(plan.id, from)) continue;
        out.failures.push({ planId: plan.id, error: (err as Error).message });
      }
    }
    return out;
  }

  // ---- evaluations: who sees what ----

  /** Whether a principal may see an evaluation (SPEC §1 and §5). */
  canSee(p: Principal, r: EvaluationRow): boolean {
    if (QA_ALL.has(p.role)) return true;
    switch (p.role) {
      case 'qa_reviewer':
        return r.reviewer_id === p.id;
      case 'agent':
        return !!p.agentId && r.agent_id === p.agentId && RESULT_STATUSES.includes(r.status);
      case 'manager':
        return RESULT_STATUSES.includes(r.status);
      case 'supervisor':
        return (
          RESULT_STATUSES.includes(r.status) && (inScope(p.scope.queues, r.queue) || (r.team !== null && inScope(p.scope.teams, r.team)))
        );
      default:
        return false;
    }
  }

  /** The filter that limits a principal to what they may see, with the query's own filters. */
  private visibleFilter(p: Principal, q: { agent?: string; reviewer?: string; status?: EvaluationStatus[] }): EvaluationFilter {
    const f: EvaluationFilter = { status: q.status, agentId: q.agent };
    if (q.reviewer !== undefined) f.reviewerId = q.reviewer === 'me' ? p.id : q.reviewer;
    const results = (s?: EvaluationStatus[]) => (s ? s.filter((x) => RESULT_STATUSES.includes(x)) : RESULT_STATUSES);
    switch (p.role) {
      case 'admin':
      case 'qa_lead':
        return f;
      case 'qa_reviewer':
        if (f.reviewerId !== undefined && f.reviewerId !== p.id)
          throw forbidden('reviewer: you see only the evaluations assigned to you', 'reviewer');
        return { ...f, reviewerId: p.id };
      case 'agent':
        if (!p.agentId) throw forbidden('agent: your account is not linked to an agent', 'agent');
        if (f.agentId !== undefined && f.agentId !== p.agentId) throw forbidden('agent: you see only your own results', 'agent');
        return { ...f, agentId: p.agentId, status: results(f.status) };
      case 'manager':
        return { ...f, status: results(f.status) };
      case 'supervisor':
        return { ...f, status: results(f.status), scope: p.scope };
      default:
        throw forbidden('QA results are not for this role');
    }
  }

  async listEvaluations(p: Principal, q: EvaluationsQuery): Promise<EvaluationList> {
    const tz = this.config.CALLBOARD_TZ;
    const f = this.visibleFilter(p, q);
    if (q.from) f.from = dayStart(q.from, tz);
    if (q.to) f.to = dayAfter(q.to, tz);
    if (f.status?.length === 0) return { evaluations: [] };
    // A reviewer's own queue comes soonest due first; every other list newest call first.
    const queue = p.role === 'qa_reviewer' || q.reviewer === 'me';
    return { evaluations: await this.summaries(await this.repo.evaluations(f, q.limit, queue ? 'due' : 'newest')) };
  }

  /** Summaries of the rows with the agents' and reviewers' names and the due dates. */
  private async summaries(rows: readonly EvaluationRow[]): Promise<EvaluationSummary[]> {
    if (rows.length === 0) return [];
    const [created, agents, users] = await Promise.all([
      this.repo.runsCreated(rows.flatMap((r) => (r.run_id ? [r.run_id] : []))),
      this.repo.agentNames(rows.map((r) => r.agent_id)),
      this.users.list(),
    ]);
    const userNames = new Map(users.map((u) => [u.id, u.displayName]));
    // Calendar days in the center's zone: the same local time of day, across a DST change too.
    const due = (at: Date) =>
      DateTime.fromJSDate(at, { zone: this.config.CALLBOARD_TZ })
        .plus({ days: this.config.CALLBOARD_QA_DUE_DAYS })
        .toJSDate()
        .toISOString();
    return rows.map((r) => {
      const assigned = r.run_id ? created.get(r.run_id) : undefined;
      return evaluationSummary(r, {
        agentName: agents.get(r.agent_id)?.name ?? null,
        reviewerName: userNames.get(r.reviewer_id) ?? null,
        dueAt: assigned ? due(assigned) : null,
      });
    });
  }

  private async summaryOf(row: EvaluationRow): Promise<EvaluationSummary> {
    return (await this.summaries([row]))[0]!;
  }

  /** The evaluation if the principal may see it; 404 otherwise (its existence is not told). */
  private async visible(p: Principal, id: string): Promise<EvaluationRow> {
    const row = await this.repo.evaluation(id);
    if (!row || !this.canSee(p, row)) throw notFound(`evaluation ${id}`);
    return row;
  }

  async getEvaluation(p: Principal, id: string): Promise<EvaluationDetail> {
    const row = await this.visible(p, id);
    const [summary, form, media, versions] = await Promise.all([
      this.summaryOf(row),
      this.repo.form(row.form_id, row.form_version),
      this.callMedia(row.call_id, row.agent_id),
      this.repo.versions(row.id),
    ]);
    return {
      ...summary,
      ...media,
      form: form!.definition,
      answers: row.answers,
      versions: versions.map((v) => ({
        version: v.version,
        kind: v.kind,
        by: v.by_user,
        at: v.at.toISOString(),
        score: v.score,
        rawScore: v.raw_score,
        autoFailed: v.auto_failed,
        answers: v.answers,
      })),
    };
  }

  /**
   * A call as it is scored — the leg `agentId` answered (any answered leg for
   * null): its facts, its recording's API path, the latest transcript and the
   * transcript auto-checks.
   */
  private async callMedia(callId: string, agentId: string | null): Promise<CallMedia> {
    const [facts, recorded, transcript] = await Promise.all([
      this.repo.callFacts(callId, agentId),
      this.repo.hasRecording(callId),
      this.repo.transcript(callId),
    ]);
    let findings: EvaluationDetail['findings'] = [];
    if (transcript) {
      const names = this.config.CALLBOARD_COMPANY_NAME ? [this.config.CALLBOARD_COMPANY_NAME] : [];
      try {
        findings = checkTranscript(transcript, defaultTranscriptRules(names), { complaint: facts?.category === 'complaint' });
      } catch (err) {
        if (!(err instanceof QaInputError)) throw err;
      }
    }
    return {
      call: facts
        ? {
            callId: facts.call_id,
            queue: facts.queue,
            callType: facts.call_type,
            agentId: facts.agent_id,
            offeredAt: facts.offered_at.toISOString(),
            answeredAt: iso(facts.answered_at),
            endedAt: iso(facts.ended_at),
            talkS: facts.talk_s,
            holdS: facts.hold_s,
            wrapS: facts.wrap_s,
            category: facts.category,
            summary: facts.summary,
            transferred: facts.transferred,
          }
        : null,
      recording: recorded ? `/api/v1/qa/calls/${encodeURIComponent(callId)}/recording` : null,
      transcript,
      findings,
    };
  }

  /** Only the assigned reviewer (or a qa_lead or admin) scores an evaluation. */
  private assertScorer(p: Principal, row: EvaluationRow): void {
    if (!QA_ALL.has(p.role) && row.reviewer_id !== p.id) throw forbidden('only the assigned reviewer scores this evaluation');
  }

  async saveDraft(p: Principal, id: string, answers: StoredAnswer[], by: ChangedBy): Promise<EvaluationSummary> {
    const row = await this.repo.transaction(async (tx) => {
      const row = await this.repo.evaluation(id, tx, true);
      if (!row || !this.canSee(p, row)) throw notFound(`evaluation ${id}`);
      this.assertScorer(p, row);
      if (!OPEN_STATUSES.includes(row.status))
        throw conflict(`evaluation ${id} is ${row.status}: a submitted score does not change`, 'status');
      const form = (await this.repo.form(row.form_id, row.form_version, tx))!.definition;
      checkAnswers(form, answers);
      await this.repo.saveDraft(tx, id, answers);
      return (await this.repo.evaluation(id, tx))!;
    });
    this.audit.record({ ...by, action: 'qa.evaluation.draft', target: id, detail: { answers: answers.length } });
    return this.summaryOf(row);
  }

  async submit(p: Principal, id: string, by: ChangedBy): Promise<ScoreResult> {
    const result = await this.repo.transaction(async (tx) => {
      const row = await this.repo.evaluation(id, tx, true);
      if (!row || !this.canSee(p, row)) throw notFound(`evaluation ${id}`);
      this.assertScorer(p, row);
      if (!OPEN_STATUSES.includes(row.status)) throw conflict(`evaluation ${id} is already ${row.status}`, 'status');
      const form = (await this.repo.form(row.form_id, row.form_version, tx))!.definition;
      const score = scoreAnswers(form, row.answers);
      await this.repo.addVersion(
        tx,
        {
          evaluation_id: id,
          version: 1,
          answers: row.answers,
          score: score.score,
          raw_score: score.rawScore,
          auto_failed: score.autoFailed,
          kind: 'submitted',
          by_user: p.id,
        },
        'submitted',
      );
      return { ...score, version: 1 };
    });
    this.audit.record({
      ...by,
      action: 'qa.evaluation.submitted',
      target: id,
      detail: { score: result.score, autoFailed: result.autoFailed },
    });
    return result;
  }

  /** Acknowledge or dispute: the evaluated agent only, on a submitted score. */
  private async agentStep(p: Principal, id: string, step: 'acknowledge' | 'dispute', reason: string | undefined, by: ChangedBy) {
    const row = await this.repo.transaction(async (tx) => {
      const row = await this.repo.evaluation(id, tx, true);
      if (!row || !this.canSee(p, row)) throw notFound(`evaluation ${id}`);
      if (p.role !== 'agent' || row.agent_id !== p.agentId) throw forbidden(`only the evaluated agent may ${step} an evaluation`);
      if (row.status !== 'submitted') throw conflict(`evaluation ${id} is ${row.status}; only a submitted score can be ${step}d`, 'status');
      if (step === 'acknowledge') await this.repo.acknowledge(tx, id);
      else await this.repo.dispute(tx, id, reason!);
      return (await this.repo.evaluation(id, tx))!;
    });
    this.audit.record({ ...by, action: `qa.evaluation.${step}d`, target: id, detail: reason ? { reason } : {} });
    return this.summaryOf(row);
  }

  acknowledge(p: Principal, id: string, by: ChangedBy): Promise<EvaluationSummary> {
    return this.agentStep(p, id, 'acknowledge', undefined, by);
  }

  dispute(p: Principal, id: string, reason: string, by: ChangedBy): Promise<EvaluationSummary> {
    return this.agentStep(p, id, 'dispute', reason, by);
  }

  /** A qa_lead's decision on a dispute: the score upheld, or adjusted as a new version (the old one kept). */
  async resolve(p: Principal, id: string, input: ResolveRequest, by: ChangedBy): Promise<EvaluationDetail> {
    await this.repo.transaction(async (tx) => {
      const row = await this.repo.evaluation(id, tx, true);
      if (!row || !this.canSee(p, row)) throw notFound(`evaluation ${id}`);
      if (row.status !== 'disputed') throw conflict(`evaluation ${id} is ${row.status}; only a disputed score is resolved`, 'status');
      if (input.outcome === 'upheld') {
        await this.repo.resolveUpheld(tx, id, p.id);
        return;
      }
      const form = (await this.repo.form(row.form_id, row.form_version, tx))!.definition;
      const answers = input.answers!;
      const score = scoreAnswers(form, answers);
      await this.repo.addVersion(
        tx,
        {
          evaluation_id: id,
          version: row.version + 1,
          answers,
          score: score.score,
          raw_score: score.rawScore,
          auto_failed: score.autoFailed,
          kind: 'adjusted',
          by_user: p.id,
        },
        'resolved',
        { outcome: 'adjusted', resolvedBy: p.id },
      );
    });
    this.audit.record({ ...by, action: 'qa.evaluation.resolved', target: id, detail: { outcome: input.outcome } });
    return this.getEvaluation(p, id);
  }

  // ---- summary ----

  /** Scored evaluations of calls offered from `from` to `to` that the principal may see, grouped. */
  async summary(p: Principal, q: SummaryQuery): Promise<QaSummary> {
    const tz = this.config.CALLBOARD_TZ;
    const f = this.visibleFilter(p, { status: RESULT_STATUSES });
    const rows = await this.repo.evaluations({ ...f, from: dayStart(q.from, tz), to: dayAfter(q.to, tz) }, 100_000);
    const scored = rows.filter((r) => r.score !== null);
    const out: QaSummary = { from: q.from, to: q.to, groupBy: q.groupBy, rows: [] };
    if (q.groupBy !== 'item') {
      const keyOf = (r: EvaluationRow): string =>
        q.groupBy === 'agent' ? r.agent_id : q.groupBy === 'week' ? weekOf(r.offered_at, tz) : (r.team ?? '');
      const groups = new Map<string, number[]>();
      for (const r of scored) {
        const key = keyOf(r);
        groups.set(key, [...(groups.get(key) ?? []), r.score!]);
      }
      const keys = [...groups.keys()].sort();
      const names = q.groupBy === 'agent' ? await this.repo.agentNames(keys) : undefined;
      out.rows = keys.map((key) => ({
        key,
        ...(names ? { label: names.get(key)?.name ?? null } : {}),
        ...meanWithMargin(groups.get(key)!),
      }));
      return out;
    }
    const forms = new Map<string, QaForm>();
    const points = new Map<string, number[]>();
    for (const r of scored) {
      const formKey = `${r.form_id}@${r.form_version}`;
      if (!forms.has(formKey)) forms.set(formKey, (await this.repo.form(r.form_id, r.form_version))!.definition);
      const byId = new Map(items(forms.get(formKey)!).map((i) => [i.id, i]));
      for (const a of r.answers) {
        const item = byId.get(a.itemId);
        if (!item || a.value === 'na') continue;
        const fraction = item.type === 'yes_no' ? (a.value === true ? 1 : 0) : Number(a.value) / item.max;
        points.set(a.itemId, [...(points.get(a.itemId) ?? []), fraction * 100]);
      }
    }
    out.rows = [...points.keys()].sort().map((key) => {
      const values = points.get(key)!;
      return { key, ...meanWithMargin(values), passRate: values.filter((v) => v === 100).length / values.length };
    });
    return out;
  }

  // ---- the people behind the ids, and the wallboard's QA tile ----

  /**
   * Reviewers (active qa_reviewers and qa_leads) with their display names, and
   * the agents the caller may see with the name and team the phone system last
   * stated: a supervisor those of their teams and of their queues' evaluations,
   * an agent only themself, everyone else every known agent.
   */
  async people(p: Principal): Promise<QaPeople> {
    const users = (await this.users.list()).filter((u) => u.disabledAt === null && SCORER_ROLES.has(u.role));
    const reviewers = users
      .map((u) => ({ id: u.id, name: u.displayName, role: u.role as 'qa_lead' | 'qa_reviewer' }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let known = await this.repo.knownAgents(KNOWN_AGENT_DAYS);
    if (p.role === 'agent') known = p.agentId ? [{ agent_id: p.agentId, queues: [] }] : [];
    const names = await this.repo.agentNames(known.map((a) => a.agent_id));
    const agents = known
      .map((a) => ({
        agentId: a.agent_id,
        name: names.get(a.agent_id)?.name ?? a.agent_id,
        team: names.get(a.agent_id)?.team ?? null,
        queues: a.queues,
      }))
      .filter(
        (a) =>
          !SCOPED_ROLES.includes(p.role) ||
          (a.team !== null && inScope(p.scope.teams, a.team)) ||
          a.queues.some((q) => inScope(p.scope.queues, q)) ||
          // Either list unlimited: every evaluation is in scope, so every agent is.
          p.scope.queues === null ||
          p.scope.teams === null,
      )
      .map(({ agentId, name, team }) => ({ agentId, name, team }));
    return { reviewers, agents };
  }

  /**
   * This ISO week (Monday to Sunday, center time) of the caller's share of QA:
   * `planned` — evaluations assigned this week (their sampling run created
   * this week); `done` — those of them submitted or later; `n`, `mean`,
   * `marginOfError` — the scores of evaluations submitted this week. A
   * supervisor or kiosk counts the evaluations of their queues and teams, a
   * reviewer their assignments, an agent their own; aggregates only.
   */
  async progress(p: Principal, now = new Date()): Promise<QaProgress> {
    const tz = this.config.CALLBOARD_TZ;
    const monday = DateTime.fromJSDate(now, { zone: tz }).startOf('week');
    const from = monday.toISODate()!;
    const to = monday.plus({ days: 6 }).toISODate()!;
    const start = monday.toJSDate();
    const end = monday.plus({ weeks: 1 }).toJSDate();
    const f = this.progressFilter(p);
    const rows = f ? await this.repo.progressRows(f, start.toISOString(), end.toISOString()) : [];
    const within = (d: Date | null) => d !== null && d >= start && d < end;
    const assigned = rows.filter((r) => within(r.assigned_at));
    const scores = rows.filter((r) => within(r.submitted_at) && r.score !== null).map((r) => r.score!);
    return {
      from,
      to,
      ...meanWithMargin(scores),
      done: assigned.filter((r) => RESULT_STATUSES.includes(r.status)).length,
      planned: assigned.length,
    };
  }

  /** Whose evaluations the tile counts; null: none (an agent account linked to no agent, or a role without QA). */
  private progressFilter(p: Principal): EvaluationFilter | null {
    switch (p.role) {
      case 'admin':
      case 'qa_lead':
      case 'manager':
        return {};
      case 'supervisor':
      case 'kiosk':
        return { scope: p.scope };
      case 'qa_reviewer':
        return { reviewerId: p.id };
      case 'agent':
        return p.agentId ? { agentId: p.agentId } : null;
      default:
        return null;
    }
  }

  // ---- calibration ----

  async createCalibration(p: Principal, input: CreateCalibrationRequest, by: ChangedBy): Promise<CalibrationDetail> {
    const form = await this.repo.form(input.formId);
    if (!form) throw new ApiError(400, 'BAD_REQUEST', `formId: no form ${input.formId}`, 'formId');
    if (!(await this.repo.callFacts(input.callId, null)))
      throw new ApiError(400, 'BAD_REQUEST', `callId: no call ${input.callId}`, 'callId');
    const reviewers = await this.reviewers(input.reviewers);
    if (reviewers.some((r) => r.id === p.id))
      throw new ApiError(400, 'BAD_REQUEST', 'reviewers: the lead scores as the lead, not as a reviewer', 'reviewers');
    const id = randomUUID();
    await this.repo.insertCalibration({
      id,
      call_id: input.callId,
      form_id: form.form_id,
      form_version: form.version,
      lead_id: p.id,
      reviewer_ids: [...new Set(reviewers.map((r) => r.id))],
    });
    this.audit.record({
      ...by,
      action: 'qa.calibration.created',
      target: id,
      detail: { callId: input.callId, reviewers: reviewers.length },
    });
    return this.getCalibration(p, id);
  }

  /**
   * A calibration session with the call its participants score (facts,
   * recording, transcript, auto-checks) and the form version: each participant
   * sees their own answers; everyone's scores, per-item kappa and each
   * reviewer's deviation from the lead appear once the lead and every reviewer
   * have submitted.
   */
  async getCalibration(p: Principal, id: string): Promise<CalibrationDetail> {
    const c = await this.repo.calibration(id);
    if (!c || !(QA_ALL.has(p.role) || participantsOf(c).includes(p.id))) throw notFound(`calibration ${id}`);
    const [scores, form, media] = await Promise.all([
      this.repo.calibrationScores(id),
      this.repo.form(c.form_id, c.form_version),
      this.callMedia(c.call_id, null),
    ]);
    return { ...calibrationView(p, c, scores, form!.definition), form: form!.definition, ...media };
  }

  /** Calibrations the caller leads or scores in (a qa_lead or admin: every one), newest first. */
  async listCalibrations(p: Principal): Promise<CalibrationList> {
    const rows = await this.repo.calibrations(QA_ALL.has(p.role) ? null : p.id);
    const forms = new Map<string, QaForm>();
    const out: CalibrationList['calibrations'] = [];
    for (const c of rows) {
      const key = `${c.form_id}@${c.form_version}`;
      if (!forms.has(key)) forms.set(key, (await this.repo.form(c.form_id, c.form_version))!.definition);
      const v = calibrationView(p, c, await this.repo.calibrationScores(c.id), forms.get(key)!);
      out.push({
        id: v.id,
        callId: v.callId,
        formId: v.formId,
        formVersion: v.formVersion,
        createdAt: v.createdAt,
        leadId: v.leadId,
        reviewers: v.reviewers,
        submitted: v.submitted,
        complete: v.complete,
        kappa: v.kappa,
      });
    }
    return { calibrations: out };
  }

  /** A participant's blind score, once; every item answered (N/A where allowed). */
  async scoreCalibration(p: Principal, id: string, answers: StoredAnswer[], by: ChangedBy): Promise<CalibrationDetail> {
    const c = await this.repo.calibration(id);
    if (!c || !(QA_ALL.has(p.role) || participantsOf(c).includes(p.id))) throw notFound(`calibration ${id}`);
    if (c.lead_id !== p.id && !c.reviewer_ids.includes(p.id)) throw forbidden('only the lead and the reviewers of a calibration score it');
    const form = (await this.repo.form(c.form_id, c.form_version))!.definition;
    const score = scoreAnswers(form, answers);
    if (!(await this.repo.insertCalibrationScore(id, p.id, answers, score.score)))
      throw conflict('you have already scored this calibration');
    this.audit.record({ ...by, action: 'qa.calibration.scored', target: id, detail: { score: score.score } });
    return this.getCalibration(p, id);
  }
}

const participantsOf = (c: CalibrationRow): string[] => [c.lead_id, ...c.reviewer_ids];

/** A calibration as `p` may see it: their own answers, and everyone's with the agreement figures once all have scored. */
function calibrationView(p: Principal, c: CalibrationRow, scores: readonly CalibrationScoreRow[], form: QaForm): CalibrationView {
  const participants = participantsOf(c);
  const complete = participants.every((u) => scores.some((s) => s.user_id === u));
  const view: CalibrationView = {
    id: c.id,
    callId: c.call_id,
    formId: c.form_id,
    formVersion: c.form_version,
    createdAt: c.created_at.toISOString(),
    leadId: c.lead_id,
    reviewers: c.reviewer_ids,
    submitted: scores.map((s) => s.user_id),
    complete,
    mine: scores.find((s) => s.user_id === p.id)?.answers ?? null,
    scores: null,
    items: null,
    kappa: null,
    deviations: null,
  };
  if (!complete) return view;
  const maps = new Map(scores.map((s) => [s.user_id, answerMap(s.answers)]));
  const rated = (itemId: string) => participants.map((u) => String(maps.get(u)![itemId] ?? 'na'));
  const formItems = items(form);
  view.scores = participants.map((u) => {
    const s = scores.find((x) => x.user_id === u)!;
    return { userId: u, score: s.score, answers: s.answers };
  });
  view.items = formItems.map((item) => {
    const ratings = rated(item.id);
    return {
      itemId: item.id,
      kappa: fleissKappa(countRatings([ratings]).counts),
      ratings: Object.fromEntries(participants.map((u, i) => [u, ratings[i]!])),
    };
  });
  view.kappa = fleissKappa(countRatings(formItems.map((i) => rated(i.id))).counts);
  view.deviations = reviewerDeviation(form, maps.get(c.lead_id)!, Object.fromEntries(c.reviewer_ids.map((u) => [u, maps.get(u)!])));
  return view;
}

function planView(r: PlanRow): SamplingPlanView {
  return {
    id: r.id,
    name: r.name,
    period: r.period,
    perAgent: r.per_agent,
    quotas: r.quotas,
    reviewers: r.reviewers,
    formId: r.form_id,
    active: r.active,
    createdAt: r.created_at.toISOString(),
  };
}

function runView(r: Awaited<ReturnType<QaRepository['run']>> & object): Omit<SamplingRunView, 'evaluations' | 'calls'> {
  return {
    id: r.id,
    planId: r.plan_id,
    kind: r.kind,
    from: r.from_day,
    to: r.to_day,
    seed: r.seed,
    plan: r.plan,
    reviewers: r.reviewers,
    shortfalls: r.shortfalls,
    rejected: r.rejected,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
  };
}
