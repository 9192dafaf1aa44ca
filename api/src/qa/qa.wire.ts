/** What the QA routes send (zod; types by z.infer). */
import { z } from 'zod';

const localized = z.object({ 'zh-CN': z.string(), en: z.string() });

const formItemSchema = z.object({
  id: z.string(),
  type: z.enum(['yes_no', 'scale']),
  max: z.number().optional(),
  text: localized,
  weight: z.number(),
  critical: z.boolean().optional(),
  naAllowed: z.boolean().optional(),
  guide: localized.optional(),
  autoCheck: z.string().optional(),
});

export const qaFormSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    title: localized,
    sections: z.array(z.object({ id: z.string(), title: localized, weight: z.number(), items: z.array(formItemSchema) })),
  })
  .meta({ id: 'QaForm', description: 'A QA form version (SPEC §5)' });

export const qaFormViewSchema = z
  .object({
    form: qaFormSchema,
    versions: z.array(z.number()).meta({ description: 'every version of the form' }),
    createdAt: z.iso.datetime(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'QaFormView' });
export type QaFormView = z.infer<typeof qaFormViewSchema>;

export const qaFormListSchema = z.object({ forms: z.array(qaFormSchema).meta({ description: 'each form at its latest version' }) });
export type QaFormList = z.infer<typeof qaFormListSchema>;

export const answerSchema = z
  .object({
    itemId: z.string(),
    value: z.union([z.boolean(), z.number(), z.literal('na')]),
    comment: z.string().optional(),
    atS: z.number().optional().meta({ description: "the moment of the recording the comment is about, in seconds from the call's start" }),
  })
  .meta({ id: 'QaAnswer' });

export const evaluationSummarySchema = z
  .object({
    id: z.string(),
    runId: z.string().nullable(),
    callId: z.string(),
    queue: z.string(),
    agentId: z.string(),
    team: z.string().nullable(),
    offeredAt: z.iso.datetime({ offset: true }),
    reviewerId: z.string(),
    reason: z.string().meta({ description: 'the sampling stratum, or random' }),
    fillsFor: z.string().nullable(),
    formId: z.string(),
    formVersion: z.number(),
    status: z.enum(['assigned', 'draft', 'submitted', 'acknowledged', 'disputed', 'resolved']),
    version: z.number().meta({ description: 'scored versions so far (0: not submitted)' }),
    score: z.number().nullable(),
    rawScore: z.number().nullable(),
    autoFailed: z.boolean().nullable(),
    submittedAt: z.iso.datetime().nullable(),
    acknowledgedAt: z.iso.datetime().nullable(),
    disputedAt: z.iso.datetime().nullable(),
    disputeReason: z.string().nullable(),
    resolvedAt: z.iso.datetime().nullable(),
    outcome: z.enum(['upheld', 'adjusted']).nullable(),
    dueAt: z.iso.datetime().nullable().optional().meta({ description: 'when the review is due (assigned and draft evaluations)' }),
    agentName: z.string().nullable().optional().meta({ description: "the agent's display name, when known" }),
    reviewerName: z.string().nullable().optional().meta({ description: "the reviewer's display name" }),
  })
  .meta({ id: 'QaEvaluationSummary' });
export type EvaluationSummary = z.infer<typeof evaluationSummarySchema>;

export const evaluationListSchema = z.object({ evaluations: z.array(evaluationSummarySchema) });
export type EvaluationList = z.infer<typeof evaluationListSchema>;

const findingSchema = z.object({
  ruleId: z.string(),
  passed: z.boolean(),
  evidence: z.array(z.object({ startS: z.number(), endS: z.number(), speaker: z.string(), text: z.string() })),
  matches: z.array(z.string()),
  count: z.number().optional(),
});

export const evaluationDetailSchema = evaluationSummarySchema
  .extend({
    call: z
      .object({
        callId: z.string(),
        queue: z.string(),
        callType: z.string(),
        agentId: z.string().nullable(),
        offeredAt: z.iso.datetime({ offset: true }),
        answeredAt: z.iso.datetime({ offset: true }).nullable(),
        endedAt: z.iso.datetime({ offset: true }).nullable(),
        talkS: z.number().nullable(),
        holdS: z.number(),
        wrapS: z.number().nullable(),
        category: z.string().nullable(),
        summary: z.string().nullable(),
        transferred: z.boolean(),
      })
      .nullable(),
    recording: z.string().nullable().meta({ description: 'the API path of the recording (never the upstream address), null without one' }),
    transcript: z
      .array(z.object({ speaker: z.string(), startS: z.number(), endS: z.number(), text: z.string() }))
      .nullable()
      .meta({ description: "segments of the call's latest call.transcript event" }),
    findings: z.array(findingSchema).meta({ description: 'transcript auto-checks: suggestions with evidence for the reviewer' }),
    form: qaFormSchema,
    answers: z.array(answerSchema),
    versions: z.array(
      z.object({
        version: z.number(),
        kind: z.enum(['submitted', 'adjusted']),
        by: z.string(),
        at: z.iso.datetime(),
        score: z.number(),
        rawScore: z.number(),
        autoFailed: z.boolean(),
        answers: z.array(answerSchema),
      }),
    ),
  })
  .meta({ id: 'QaEvaluation' });
export type EvaluationDetail = z.infer<typeof evaluationDetailSchema>;

export const scoreResultSchema = z
  .object({
    score: z.number(),
    rawScore: z.number(),
    autoFailed: z.boolean(),
    criticalFailures: z.array(z.string()),
    sections: z.array(z.object({ sectionId: z.string(), score: z.number().nullable() })),
    version: z.number(),
  })
  .meta({ id: 'QaScore' });
export type ScoreResult = z.infer<typeof scoreResultSchema>;

export const samplingRunSchema = z
  .object({
    id: z.string(),
    planId: z.string().nullable(),
    kind: z.enum(['on_demand', 'weekly']),
    from: z.string(),
    to: z.string(),
    seed: z.string(),
    plan: z.record(z.string(), z.unknown()).meta({ description: 'the resolved sampling plan (with the center time zone)' }),
    reviewers: z.array(z.string()),
    calls: z.number().meta({ description: 'calls the sample was drawn from (kept with the run, to re-draw it)' }),
    shortfalls: z.array(z.unknown()),
    rejected: z.array(z.unknown()),
    createdAt: z.iso.datetime(),
    createdBy: z.string().nullable(),
    evaluations: z.array(
      z.object({
        id: z.string(),
        callId: z.string(),
        agentId: z.string(),
        reviewerId: z.string(),
        reason: z.string(),
        fillsFor: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'QaSamplingRun' });
export type SamplingRunView = z.infer<typeof samplingRunSchema>;

export const samplingRedrawSchema = z
  .object({
    runId: z.string(),
    seed: z.string(),
    picks: z
      .array(z.object({ callId: z.string(), agentId: z.string(), reason: z.string(), fillsFor: z.string().nullable() }))
      .meta({ description: "the sample drawn again from the run's stored calls, plan and seed" }),
    same: z
      .boolean()
      .meta({ description: 'the picks are exactly those the run made (its evaluations and the picks no reviewer could take)' }),
  })
  .meta({ id: 'QaSamplingRedraw' });
export type SamplingRedraw = z.infer<typeof samplingRedrawSchema>;

export const samplingRunListSchema = z.object({
  runs: z.array(
    samplingRunSchema.omit({ evaluations: true }).extend({
      calls: z.number().meta({ description: 'not counted in the list (0); see the run itself' }),
      evaluationCount: z.number().optional().meta({ description: 'evaluations the run made' }),
    }),
  ),
});
export type SamplingRunList = z.infer<typeof samplingRunListSchema>;

export const samplingPlanSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    period: z.enum(['day', 'week', 'month']),
    perAgent: z.number(),
    quotas: z.record(z.string(), z.number()),
    reviewers: z.array(z.string()).nullable(),
    formId: z.string(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'QaSamplingPlan' });
export type SamplingPlanView = z.infer<typeof samplingPlanSchema>;
export const samplingPlanListSchema = z.object({ plans: z.array(samplingPlanSchema) });

export const summarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(['agent', 'team', 'item', 'week']),
    rows: z.array(
      z.object({
        key: z.string().meta({ description: 'agent id, team (“” for none), item id, or the Monday (YYYY-MM-DD) starting a week' }),
        label: z.string().nullable().optional().meta({ description: "the agent's display name, when known" }),
        n: z.number(),
        mean: z.number().nullable(),
        marginOfError: z.number().nullable().meta({ description: '95 % Student t half-width; null below two scores' }),
        passRate: z.number().nullable().optional().meta({ description: 'items only: share of answers earning full points' }),
      }),
    ),
  })
  .meta({ id: 'QaSummary' });
export type QaSummary = z.infer<typeof summarySchema>;

export const calibrationSchema = z
  .object({
    id: z.string(),
    callId: z.string(),
    formId: z.string(),
    formVersion: z.number(),
    createdAt: z.iso.datetime().optional(),
    leadId: z.string(),
    reviewers: z.array(z.string()),
    submitted: z.array(z.string()).meta({ description: 'who has scored so far' }),
    complete: z.boolean(),
    mine: z.array(answerSchema).nullable().meta({ description: "the caller's own answers" }),
    scores: z
      .array(z.object({ userId: z.string(), score: z.number(), answers: z.array(answerSchema) }))
      .nullable()
      .meta({ description: 'everyone’s scores, once all have submitted' }),
    items: z
      .array(z.object({ itemId: z.string(), kappa: z.number().nullable(), ratings: z.record(z.string(), z.string()) }))
      .nullable()
      .meta({ description: "per item: Fleiss' kappa of the raters' answers, once all have submitted" }),
    kappa: z.number().nullable().meta({ description: "Fleiss' kappa over all items" }),
    deviations: z
      .array(
        z.object({
          reviewerId: z.string(),
          meanAbsoluteDifference: z.number().nullable(),
          comparedItems: z.number(),
          naMismatches: z.array(z.string()),
        }),
      )
      .nullable(),
  })
  .meta({ id: 'QaCalibration' });
export type CalibrationView = z.infer<typeof calibrationSchema>;

/** The call a calibration's participants score: the same facts, audio and transcript an evaluation shows. */
export const calibrationDetailSchema = calibrationSchema
  .extend({
    form: qaFormSchema.optional(),
    call: evaluationDetailSchema.shape.call.optional(),
    recording: evaluationDetailSchema.shape.recording.optional(),
    transcript: evaluationDetailSchema.shape.transcript.optional(),
    findings: evaluationDetailSchema.shape.findings.optional(),
  })
  .meta({ id: 'QaCalibrationDetail' });
export type CalibrationDetail = z.infer<typeof calibrationDetailSchema>;

export const calibrationListSchema = z
  .object({
    calibrations: z.array(
      calibrationSchema.pick({
        id: true,
        callId: true,
        formId: true,
        formVersion: true,
        createdAt: true,
        leadId: true,
        reviewers: true,
        submitted: true,
        complete: true,
        kappa: true,
      }),
    ),
  })
  .meta({ id: 'QaCalibrationList', description: 'calibrations the caller leads or scores in, newest first' });
export type CalibrationList = z.infer<typeof calibrationListSchema>;

/** Names behind the ids the QA screens show, and who may review. */
export const qaPeopleSchema = z
  .object({
    reviewers: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['admin', 'qa_lead', 'qa_reviewer']) })),
    agents: z.array(z.object({ agentId: z.string(), name: z.string(), team: z.string().nullable() })),
  })
  .meta({ id: 'QaPeople' });
export type QaPeople = z.infer<typeof qaPeopleSchema>;

/** The wallboard's QA tile: this period's scores and reviews for the caller's scope. */
export const qaProgressSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    n: z.number().meta({ description: 'scored evaluations of calls in the period' }),
    mean: z.number().nullable(),
    marginOfError: z.number().nullable(),
    done: z.number().meta({ description: 'evaluations submitted or later' }),
    planned: z.number().meta({ description: 'evaluations sampled for the period' }),
  })
  .meta({ id: 'QaProgress' });
export type QaProgress = z.infer<typeof qaProgressSchema>;
