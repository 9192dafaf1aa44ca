/** What the QA routes accept: bodies, queries and params, with the messages a 400 shows. */
import { z } from 'zod';
import { SAMPLE_STRATA } from '@callboard/qa';
import { hasUnsafeText, safeText, UNSAFE_TEXT_MESSAGE } from '../common/text.js';

const id = (what: string) =>
  safeText(
    z
      .string({ message: `${what} is required` })
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters'),
  );

export const idParamSchema = z.object({ id: id('id') });

const day = z
  .string({ message: 'must be a day, YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'is not a calendar day',
  );

const quotasSchema = z
  .strictObject(
    Object.fromEntries(
      SAMPLE_STRATA.map((s) => [
        s,
        z
          .number({ message: 'must be a number' })
          .int('must be a whole number')
          .min(0, 'must be at least 0')
          .max(20, 'must be at most 20')
          .optional(),
      ]),
    ) as Record<(typeof SAMPLE_STRATA)[number], z.ZodOptional<z.ZodNumber>>,
  )
  .meta({ description: 'Targeted calls per agent and period on top of perAgent (default 1 of each stratum)' });

const perAgent = z
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(50, 'must be at most 50');

const reviewerIds = z.array(id('reviewer'), { message: 'must be a list of user ids' }).min(1, 'must list at least one reviewer').max(100);

/** `POST /api/v1/qa/sampling/runs`. */
export const createRunSchema = z
  .strictObject({
    from: day.meta({ description: 'first local day (center time zone)' }),
    to: day.meta({ description: 'last local day, included' }),
    perAgent: perAgent.optional().meta({ description: 'random calls per agent and week (default 5)' }),
    seed: safeText(z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'))
      .optional()
      .meta({ description: 'default: a random one, stored with the run' }),
    quotas: quotasSchema.optional(),
    reviewers: reviewerIds.optional().meta({ description: 'user ids of the reviewers (default: every active qa_reviewer)' }),
    formId: id('formId').optional().meta({ description: 'the form to score with (default: etiquette), its latest version' }),
  })
  .refine((r) => r.from <= r.to, { message: 'must not be after to', path: ['from'] })
  .refine((r) => Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`) <= 92 * 86_400_000, {
    message: 'a run covers at most 93 days',
    path: ['to'],
  })
  .meta({ id: 'QaSamplingRunInput' });
export type CreateRunRequest = z.infer<typeof createRunSchema>;

/** `POST /api/v1/qa/sampling/plans`. */
export const createPlanSchema = z
  .strictObject({
    name: safeText(z.string({ message: 'is required' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters')),
    perAgent: perAgent.default(5),
    quotas: quotasSchema.default({}),
    reviewers: reviewerIds.nullable().default(null).meta({ description: 'null: every active qa_reviewer' }),
    formId: id('formId').default('etiquette'),
  })
  .meta({ id: 'QaSamplingPlanInput' });
export type CreatePlanRequest = z.infer<typeof createPlanSchema>;

const answerValue = z.union([z.boolean(), z.number().int('must be whole points').min(0, 'must be at least 0'), z.literal('na')], {
  message: 'must be true, false, whole points or "na"',
});

const comment = z
  .string({ message: 'must be text' })
  .max(2000, 'must be at most 2000 characters')
  .refine((v) => !hasUnsafeText(v, true), UNSAFE_TEXT_MESSAGE);

/** The moment of the recording a comment is about, kept to a tenth of a second. */
const atS = z
  .number({ message: 'must be a number of seconds' })
  .refine((v) => Number.isFinite(v), 'must be a finite number of seconds')
  .refine((v) => v >= 0, 'must be at least 0')
  .refine((v) => v <= 86_400, 'must be at most 86400 (a day)')
  .transform((v) => Math.round(v * 10) / 10)
  .meta({ description: "seconds from the call's start the comment is about (0 to 86400, kept to 0.1 s)" });

export const answersSchema = z
  .array(z.strictObject({ itemId: id('itemId'), value: answerValue, comment: comment.optional(), atS: atS.optional() }), {
    message: 'must be a list',
  })
  .max(500, 'must hold at most 500 answers')
  .superRefine((answers, ctx) => {
    const seen = new Set<string>();
    answers.forEach((a, i) => {
      if (seen.has(a.itemId)) ctx.addIssue({ code: 'custom', path: [i, 'itemId'], message: `item ${a.itemId} is answered twice` });
      seen.add(a.itemId);
    });
  });

/** `PUT /api/v1/qa/evaluations/{id}`: a draft, any subset of the items. */
export const saveDraftSchema = z.strictObject({ answers: answersSchema }).meta({ id: 'QaDraftInput' });
export type SaveDraftRequest = z.infer<typeof saveDraftSchema>;

export const disputeSchema = z.strictObject({
  reason: z
    .string({ message: 'is required' })
    .trim()
    .min(1, 'must not be empty')
    .max(2000, 'must be at most 2000 characters')
    .refine((v) => !hasUnsafeText(v, true), UNSAFE_TEXT_MESSAGE),
});

export const resolveSchema = z
  .strictObject({
    outcome: z.enum(['upheld', 'adjusted'], { message: 'must be upheld or adjusted' }),
    answers: answersSchema.optional().meta({ description: 'for adjusted: every answer of the new version' }),
  })
  .refine((r) => r.outcome === 'upheld' || r.answers !== undefined, { message: 'an adjustment needs the new answers', path: ['answers'] })
  .refine((r) => r.outcome === 'adjusted' || r.answers === undefined, { message: 'an upheld score takes no answers', path: ['answers'] });
export type ResolveRequest = z.infer<typeof resolveSchema>;

export const EVALUATION_STATUSES = ['assigned', 'draft', 'submitted', 'acknowledged', 'disputed', 'resolved'] as const;

export const evaluationsQuerySchema = z.strictObject({
  status: z
    .string()
    .max(200)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(EVALUATION_STATUSES, { message: `must be one of ${EVALUATION_STATUSES.join(', ')}` })))
    .optional()
    .meta({ description: 'comma-separated statuses' }),
  agent: id('agent').optional(),
  reviewer: id('reviewer').optional().meta({ description: '`me`: assigned to the caller' }),
  from: day.optional(),
  to: day.optional(),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(200),
});
export type EvaluationsQuery = z.infer<typeof evaluationsQuerySchema>;

export const summaryQuerySchema = z
  .strictObject({
    from: day,
    to: day,
    groupBy: z
      .enum(['agent', 'team', 'item', 'week'], { message: 'must be agent, team, item or week' })
      .default('agent')
      .meta({ description: 'week: by the Monday (center time) starting the week of the call' }),
  })
  .refine((r) => r.from <= r.to, { message: 'must not be after to', path: ['from'] });
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;

export const formQuerySchema = z.strictObject({
  version: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
});

/** `POST /api/v1/qa/forms` and `PUT /api/v1/qa/forms/{id}`: the form as `validateForm` reads it (checked there, field by field). */
export const formBodySchema = z
  .looseObject({})
  .meta({ id: 'QaFormInput', description: 'A QaForm (id, title, sections); the version is set by the server' });

export const createCalibrationSchema = z
  .strictObject({
    callId: id('callId'),
    reviewers: reviewerIds.meta({ description: 'user ids of the reviewers scoring blind (the lead creating it scores too)' }),
    formId: id('formId').default('etiquette'),
  })
  .meta({ id: 'QaCalibrationInput' });
export type CreateCalibrationRequest = z.infer<typeof createCalibrationSchema>;

export const calibrationScoreSchema = z.strictObject({ answers: answersSchema });
