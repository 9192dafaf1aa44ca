import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Allow, SignedIn } from '../auth/access/policy.js';
import { type Principal, principalOf } from '../auth/access/principal.js';
import { changedBy } from '../auth/audit/audit.service.js';
import { parseInput } from '../common/validation.js';
import { ApiOperation } from '../docs/api-operation.js';
import {
  calibrationScoreSchema,
  createCalibrationSchema,
  createPlanSchema,
  createRunSchema,
  disputeSchema,
  evaluationsQuerySchema,
  formBodySchema,
  formQuerySchema,
  idParamSchema,
  resolveSchema,
  saveDraftSchema,
  summaryQuerySchema,
} from './qa.schemas.js';
import { QaService } from './qa.service.js';
import {
  type CalibrationDetail,
  type CalibrationList,
  type EvaluationDetail,
  type EvaluationList,
  type EvaluationSummary,
  type QaFormList,
  type QaFormView,
  type QaPeople,
  type QaProgress,
  type QaSummary,
  type SamplingPlanView,
  type SamplingRedraw,
  type SamplingRunList,
  type SamplingRunView,
  type ScoreResult,
  calibrationDetailSchema,
  calibrationListSchema,
  evaluationDetailSchema,
  evaluationListSchema,
  evaluationSummarySchema,
  qaFormListSchema,
  qaFormViewSchema,
  qaPeopleSchema,
  qaProgressSchema,
  samplingPlanListSchema,
  samplingPlanSchema,
  samplingRedrawSchema,
  samplingRunListSchema,
  samplingRunSchema,
  scoreResultSchema,
  summarySchema,
} from './qa.wire.js';

const who = (req: FastifyRequest): Principal => principalOf(req)!;
const idOf = (id: string) => parseInput(idParamSchema, { id }, 'query').id;

/** QA (SPEC §5): forms, sampling, the evaluation workflow, summaries and calibration. */
@Controller('api/v1/qa')
export class QaController {
  constructor(private readonly qa: QaService) {}

  @Get('forms')
  @Allow('qaResults')
  @ApiOperation({ summary: 'QA forms', description: 'Every form at its latest version.', response: qaFormListSchema })
  forms(): Promise<QaFormList> {
    return this.qa.listForms();
  }

  @Get('forms/:id')
  @Allow('qaResults')
  @ApiOperation({
    summary: 'One QA form',
    description: 'The latest version, or `?version=n`.',
    params: idParamSchema,
    query: formQuerySchema,
    response: qaFormViewSchema,
    errors: { 404: 'No such form or version' },
  })
  form(@Param('id') id: string, @Query() query: unknown): Promise<QaFormView> {
    return this.qa.getForm(idOf(id), parseInput(formQuerySchema, query, 'query').version);
  }

  @Post('forms')
  @Allow('qaManage')
  @ApiOperation({
    summary: 'Create a QA form',
    description: 'Stored as version 1 after `validateForm`; a 400 names the first bad field. Audited as qa.form.created.',
    body: formBodySchema,
    response: qaFormViewSchema,
    errors: { 409: 'A form with that id exists' },
  })
  createForm(@Body() body: unknown, @Req() req: FastifyRequest): Promise<QaFormView> {
    return this.qa.saveForm(parseInput(formBodySchema, body), changedBy(req));
  }

  @Put('forms/:id')
  @Allow('qaManage')
  @ApiOperation({
    summary: 'Change a QA form (a new version)',
    description: 'Stored as the next version; evaluations keep the version they were scored on. Audited as qa.form.versioned.',
    params: idParamSchema,
    body: formBodySchema,
    response: qaFormViewSchema,
    errors: { 404: 'No such form' },
  })
  updateForm(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest): Promise<QaFormView> {
    return this.qa.saveForm(parseInput(formBodySchema, body), changedBy(req), idOf(id));
  }

  @Get('sampling/plans')
  @Allow('qaManage')
  @ApiOperation({ summary: 'Sampling plans', description: 'What the weekly runs draw.', response: samplingPlanListSchema })
  plans(): Promise<{ plans: SamplingPlanView[] }> {
    return this.qa.listPlans();
  }

  @Post('sampling/plans')
  @Allow('qaManage')
  @ApiOperation({
    summary: 'Create a sampling plan',
    description:
      'Each Monday the previous week (center time) is sampled by every active plan: perAgent random calls per agent plus the quotas, assigned to its reviewers. Audited as qa.plan.created.',
    body: createPlanSchema,
    response: samplingPlanSchema,
  })
  createPlan(@Body() body: unknown, @Req() req: FastifyRequest): Promise<SamplingPlanView> {
    return this.qa.createPlan(parseInput(createPlanSchema, body), changedBy(req));
  }

  @Get('sampling/runs')
  @Allow('qaManage')
  @ApiOperation({ summary: 'Sampling runs', description: 'The latest 100, newest first.', response: samplingRunListSchema })
  runs(): Promise<SamplingRunList> {
    return this.qa.listRuns();
  }

  @Get('sampling/runs/:id')
  @Allow('qaManage')
  @ApiOperation({ summary: 'One sampling run', params: idParamSchema, response: samplingRunSchema, errors: { 404: 'No such run' } })
  run(@Param('id') id: string): Promise<SamplingRunView> {
    return this.qa.getRun(idOf(id));
  }

  @Get('sampling/runs/:id/redraw')
  @Allow('qaManage')
  @ApiOperation({
    summary: 'Draw a run again',
    description:
      "Draws the run's sample again from what it stored (the calls as they were, the resolved plan, the seed) and compares it with the picks it made: `same` is true when the sample is reproduced exactly. Creates nothing.",
    params: idParamSchema,
    response: samplingRedrawSchema,
    errors: { 404: 'No such run' },
  })
  redraw(@Param('id') id: string): Promise<SamplingRedraw> {
    return this.qa.redrawRun(idOf(id));
  }

  @Post('sampling/runs')
  @Allow('qaManage')
  @ApiOperation({
    summary: 'Sample calls now',
    description:
      'Draws per agent and week (center time) from the answered, recorded calls of at least 30 s talk not yet evaluated, offered from `from` to `to`: the quotas (complaint, dissatisfied, long_handle, transferred), then perAgent at random, spread across days; seeded, so the stored seed, plan and calls give the same sample again. Each pick becomes an evaluation assigned to the reviewer with the fewest picks of the run so far, never the agent themself. Audited as qa.sampling.run.',
    body: createRunSchema,
    response: samplingRunSchema,
    errors: { 409: 'No active reviewer to assign to' },
  })
  createRun(@Body() body: unknown, @Req() req: FastifyRequest): Promise<SamplingRunView> {
    return this.qa.createRun(parseInput(createRunSchema, body), changedBy(req));
  }

  @Get('evaluations')
  @Allow('qaResults')
  @ApiOperation({
    summary: 'Evaluations',
    description:
      "Reviewers see those assigned to them, agents their own scored results, supervisors the results of their queues' calls and their teams' agents, managers every result, qa_lead and admins everything. Each with the agent's display name (as the phone system last stated it), the reviewer's and `dueAt`: the assignment (its sampling run's creation) plus CALLBOARD_QA_DUE_DAYS days. A reviewer's queue (a qa_reviewer, or `reviewer=me`) comes soonest due first, any other list newest call first.",
    query: evaluationsQuerySchema,
    response: evaluationListSchema,
  })
  evaluations(@Query() query: unknown, @Req() req: FastifyRequest): Promise<EvaluationList> {
    return this.qa.listEvaluations(who(req), parseInput(evaluationsQuerySchema, query, 'query'));
  }

  @Get('evaluations/:id')
  @Allow('qaResults')
  @ApiOperation({
    summary: 'One evaluation',
    description:
      "With the call's facts, its recording's API path, the latest transcript, the transcript auto-checks (suggestions with evidence), the form version it is scored on, the answers and every scored version.",
    params: idParamSchema,
    response: evaluationDetailSchema,
    errors: { 404: 'No such evaluation, or not one the caller may see' },
  })
  evaluation(@Param('id') id: string, @Req() req: FastifyRequest): Promise<EvaluationDetail> {
    return this.qa.getEvaluation(who(req), idOf(id));
  }

  @Put('evaluations/:id')
  @Allow('qaReview')
  @ApiOperation({
    summary: 'Save a draft',
    description: 'The assigned reviewer saves answers (any subset of the items). Audited as qa.evaluation.draft.',
    params: idParamSchema,
    body: saveDraftSchema,
    response: evaluationSummarySchema,
    errors: { 404: 'No such evaluation', 409: 'Already submitted: a score changes only through a dispute' },
  })
  saveDraft(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest): Promise<EvaluationSummary> {
    return this.qa.saveDraft(who(req), idOf(id), parseInput(saveDraftSchema, body).answers, changedBy(req));
  }

  @Post('evaluations/:id/submit')
  @HttpCode(200)
  @Allow('qaReview')
  @ApiOperation({
    summary: 'Submit the score',
    description:
      'Scores the saved answers (every item answered, N/A where allowed); the evaluation is immutable from then on. Audited as qa.evaluation.submitted.',
    params: idParamSchema,
    response: scoreResultSchema,
    errors: { 404: 'No such evaluation', 409: 'Already submitted' },
  })
  submit(@Param('id') id: string, @Req() req: FastifyRequest): Promise<ScoreResult> {
    return this.qa.submit(who(req), idOf(id), changedBy(req));
  }

  @Post('evaluations/:id/acknowledge')
  @HttpCode(200)
  @Allow('qaResults')
  @ApiOperation({
    summary: 'Acknowledge a result',
    description: 'By the evaluated agent only, on a submitted score. Audited as qa.evaluation.acknowledged.',
    params: idParamSchema,
    response: evaluationSummarySchema,
    errors: { 404: 'No such evaluation', 409: 'Not a submitted score' },
  })
  acknowledge(@Param('id') id: string, @Req() req: FastifyRequest): Promise<EvaluationSummary> {
    return this.qa.acknowledge(who(req), idOf(id), changedBy(req));
  }

  @Post('evaluations/:id/dispute')
  @HttpCode(200)
  @Allow('qaResults')
  @ApiOperation({
    summary: 'Dispute a result',
    description: 'By the evaluated agent only, on a submitted score; a qa_lead resolves it. Audited as qa.evaluation.disputed.',
    params: idParamSchema,
    body: disputeSchema,
    response: evaluationSummarySchema,
    errors: { 404: 'No such evaluation', 409: 'Not a submitted score' },
  })
  dispute(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest): Promise<EvaluationSummary> {
    const { reason } = parseInput(disputeSchema, body);
    return this.qa.dispute(who(req), idOf(id), reason, changedBy(req));
  }

  @Post('evaluations/:id/resolve')
  @HttpCode(200)
  @Allow('qaManage')
  @ApiOperation({
    summary: 'Resolve a dispute',
    description:
      'upheld keeps the score; adjusted scores the given answers as a new version, the earlier versions kept. Audited as qa.evaluation.resolved.',
    params: idParamSchema,
    body: resolveSchema,
    response: evaluationDetailSchema,
    errors: { 404: 'No such evaluation', 409: 'Not disputed' },
  })
  resolve(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest): Promise<EvaluationDetail> {
    return this.qa.resolve(who(req), idOf(id), parseInput(resolveSchema, body), changedBy(req));
  }

  @Get('people')
  @Allow('qaResults')
  @ApiOperation({
    summary: 'Names behind the QA ids',
    description:
      'Reviewers: active qa_reviewer and qa_lead users with their display names. Agents the caller may see, each with the display name and team the phone system last stated (the id when no name is known): a supervisor those of their teams and of their queues, an agent only themself, QA roles, managers and admins every agent with a state in the last 90 days or an evaluation.',
    response: qaPeopleSchema,
  })
  people(@Req() req: FastifyRequest): Promise<QaPeople> {
    return this.qa.people(who(req));
  }

  @Get('progress')
  @SignedIn()
  @ApiOperation({
    summary: "This week's QA, for the wallboard tile",
    description:
      "For any signed-in session, a kiosk display included (every session role may read the wallboard or QA results); aggregates only, no names. The current ISO week in the center time zone (`from` Monday, `to` Sunday): `planned` — evaluations assigned this week (their sampling run created this week); `done` — those of them submitted or later; `n`, `mean`, `marginOfError` — the scores of evaluations submitted this week (95 %, Student's t; null below two). Limited to the caller's share as other QA reads are: a supervisor or kiosk the evaluations of their queues and teams, a reviewer their assignments, an agent their own.",
    response: qaProgressSchema,
  })
  progress(@Req() req: FastifyRequest): Promise<QaProgress> {
    return this.qa.progress(who(req));
  }

  @Get('summary')
  @Allow('qaResults')
  @ApiOperation({
    summary: 'Scores summarised',
    description:
      "Scored evaluations of calls offered from `from` to `to` (local days) that the caller may see, by agent (with `label`, the agent's display name), team, item or week (keyed by the Monday, center time, of the call's ISO week; in week order): n, mean and the 95 % margin of error (Student's t); per item the mean of points ÷ max × 100 and the share of answers with full points.",
    query: summaryQuerySchema,
    response: summarySchema,
  })
  summary(@Query() query: unknown, @Req() req: FastifyRequest): Promise<QaSummary> {
    return this.qa.summary(who(req), parseInput(summaryQuerySchema, query, 'query'));
  }

  @Post('calibrations')
  @Allow('qaManage')
  @ApiOperation({
    summary: 'Start a calibration',
    description: 'The caller (the lead) and the reviewers each score one call blind. Audited as qa.calibration.created.',
    body: createCalibrationSchema,
    response: calibrationDetailSchema,
  })
  createCalibration(@Body() body: unknown, @Req() req: FastifyRequest): Promise<CalibrationDetail> {
    return this.qa.createCalibration(who(req), parseInput(createCalibrationSchema, body), changedBy(req));
  }

  @Get('calibrations')
  @Allow('qaReview')
  @ApiOperation({
    summary: 'Calibrations',
    description:
      'The calibrations the caller leads or scores in (qa_lead and admins: every one), newest first, the latest 500: who has scored, whether all have, and the overall kappa once they have.',
    response: calibrationListSchema,
  })
  calibrations(@Req() req: FastifyRequest): Promise<CalibrationList> {
    return this.qa.listCalibrations(who(req));
  }

  @Get('calibrations/:id')
  @Allow('qaReview')
  @ApiOperation({
    summary: 'One calibration',
    description:
      "The call being scored as an evaluation shows it (facts, the recording's API path, the transcript and its auto-checks) and the form version. Each participant sees their own answers; once all have scored, everyone's scores, Fleiss' kappa per item and overall, and each reviewer's deviation from the lead.",
    params: idParamSchema,
    response: calibrationDetailSchema,
    errors: { 404: 'No such calibration, or the caller is not in it' },
  })
  calibration(@Param('id') id: string, @Req() req: FastifyRequest): Promise<CalibrationDetail> {
    return this.qa.getCalibration(who(req), idOf(id));
  }

  @Put('calibrations/:id/scores')
  @Allow('qaReview')
  @ApiOperation({
    summary: 'Score a calibration',
    description: 'A participant’s answers, once (every item answered, N/A where allowed). Audited as qa.calibration.scored.',
    params: idParamSchema,
    body: calibrationScoreSchema,
    response: calibrationDetailSchema,
    errors: { 404: 'No such calibration', 409: 'Already scored' },
  })
  scoreCalibration(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest): Promise<CalibrationDetail> {
    return this.qa.scoreCalibration(who(req), idOf(id), parseInput(calibrationScoreSchema, body).answers, changedBy(req));
  }
}
