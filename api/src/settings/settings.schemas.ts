/** Request bodies of the settings routes; bounds keep a slip of the keyboard from changing what the center measures. */
import { z } from 'zod';
import { safeText } from '../common/text.js';

const between = (min: number, max: number) =>
  z.number({ message: 'must be a number' }).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** A queue as events name it; '*' is the default of every queue. */
export const queueParamSchema = z.object({
  queue: safeText(z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters')).meta({
    description: "queue name, or '*' for the default",
  }),
});

export const updateQueueRulesSchema = z
  .strictObject({
    rings: z
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(20, 'must be at most 20'),
    ringCycleS: between(1, 30),
    shortAbandonS: between(0, 60),
    slTarget: between(0, 1),
    asaTargetS: between(1, 3600).nullable().optional().meta({ description: 'left out or null: no target' }),
    abandonTarget: between(0, 1).nullable().optional().meta({ description: 'left out or null: no target' }),
  })
  .meta({ id: 'QueueRulesInput' });
/** `PUT /api/v1/settings/queues/{queue}`. Targets left out are cleared (no target). */
export type UpdateQueueRulesRequest = z.infer<typeof updateQueueRulesSchema>;

export const updateNotReadyLimitsSchema = z.strictObject({
  limits: z
    .array(
      z.strictObject({
        reason: safeText(
          z.string({ message: 'is required' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
        ).meta({ description: "the agent.state reason; '*' covers reasons without a limit of their own" }),
        limitS: z
          .number({ message: 'must be a number of seconds, or null for no limit' })
          .min(60, 'must be at least 60')
          .max(86_400, 'must be at most 86400')
          .nullable(),
      }),
      { message: 'must be a list' },
    )
    .min(1, 'must list at least one reason')
    .max(200, 'must list at most 200 reasons')
    .superRefine((limits, ctx) => {
      const seen = new Set<string>();
      limits.forEach((l, i) => {
        if (seen.has(l.reason)) ctx.addIssue({ code: 'custom', path: [i, 'reason'], message: `"${l.reason}" is listed twice` });
        seen.add(l.reason);
      });
    }),
});

/** `PUT /api/v1/settings/not-ready-limits`: the reasons listed change; the others stay as they are. */
export type UpdateNotReadyLimitsRequest = z.infer<typeof updateNotReadyLimitsSchema>;
