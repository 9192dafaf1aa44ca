/** What the settings routes send (`/api/v1/settings/…`); the wallboard imports the types. */
import { z } from 'zod';
import type { LiveQueueRules } from '../live/live.wire.js';

const effectiveFrom = z.iso.datetime().nullable();

export const queueRulesSchema = z.object({
  rings: z.number(),
  ringCycleS: z.number(),
  slThresholdS: z.number().meta({ description: 'rings × ringCycleS: answered within it counts toward the three-ring rate' }),
  shortAbandonS: z.number().meta({ description: 'abandons with a shorter wait are short' }),
  slTarget: z.number().meta({ description: 'target three-ring rate, 0..1' }),
  asaTargetS: z.number().nullable().meta({ description: 'target ASA in seconds; null: none' }),
  abandonTarget: z.number().nullable().meta({ description: 'highest acceptable abandon rate, 0..1; null: none' }),
}) satisfies z.ZodType<LiveQueueRules>;

/** One queue's rules for calls offered from now on; queue '*' is the default of every queue without rules of its own. */
export const queueSettingsSchema = z
  .object({
    queue: z.string().meta({ description: "'*' is the default of every queue without rules of its own" }),
    source: z
      .enum(['queue', 'default', 'built-in'])
      .meta({ description: "queue: set for this queue; default: the '*' rules apply; built-in: nothing stored (SPEC §3 defaults)" }),
    rules: queueRulesSchema,
    effectiveFrom: effectiveFrom.meta({ description: 'when these rules took effect; null for defaults that have always applied' }),
  })
  .meta({ id: 'QueueSettings' });
export type QueueSettings = z.infer<typeof queueSettingsSchema>;

/** `GET /api/v1/settings/queues`: '*' first, then the queues in the caller's scope by name. */
export const queueSettingsListSchema = z.object({ queues: z.array(queueSettingsSchema) });
export type QueueSettingsList = z.infer<typeof queueSettingsListSchema>;

export const notReadyLimitSchema = z
  .object({
    reason: z.string().meta({ description: "the agent.state reason; '*' covers reasons without a limit of their own" }),
    limitS: z.number().nullable().meta({ description: 'seconds; null: no limit' }),
    effectiveFrom,
  })
  .meta({ id: 'NotReadyLimit' });
export type NotReadyLimit = z.infer<typeof notReadyLimitSchema>;

/** `GET /api/v1/settings/not-ready-limits`: every reason with a stored limit (or a lifted one), by reason. */
export const notReadyLimitListSchema = z.object({ limits: z.array(notReadyLimitSchema) });
export type NotReadyLimitList = z.infer<typeof notReadyLimitListSchema>;
