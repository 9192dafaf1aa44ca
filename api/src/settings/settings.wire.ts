/** Bodies of the settings routes (`/api/v1/settings/…`), shared with the wallboard. */
import type { LiveQueueRules } from '../live/live.wire.js';

/** One queue's rules for calls offered from now on; queue '*' is the default of every queue without rules of its own. */
export interface QueueSettings {
  queue: string;
  /** `queue`: set for this queue; `default`: the '*' rules apply; `built-in`: nothing stored, SPEC §3 defaults. */
  source: 'queue' | 'default' | 'built-in';
  rules: LiveQueueRules;
  /** When these rules took effect (ISO 8601); null for defaults that have always applied. */
  effectiveFrom: string | null;
}

/** `GET /api/v1/settings/queues`: '*' first, then the queues in the caller's scope by name. */
export interface QueueSettingsList {
  queues: QueueSettings[];
}

/** `PUT /api/v1/settings/queues/{queue}`. Targets left out are cleared (no target). */
export interface UpdateQueueRulesRequest {
  rings: number;
  ringCycleS: number;
  shortAbandonS: number;
  slTarget: number;
  asaTargetS?: number | null;
  abandonTarget?: number | null;
}

export interface NotReadyLimit {
  /** The reason code agents pick; '*' covers reasons without a limit of their own. */
  reason: string;
  /** null: no limit. */
  limitS: number | null;
  effectiveFrom: string | null;
}

/** `GET /api/v1/settings/not-ready-limits`: every reason with a stored limit (or a lifted one), by reason. */
export interface NotReadyLimitList {
  limits: NotReadyLimit[];
}

/** `PUT /api/v1/settings/not-ready-limits`: the reasons listed change; the others stay as they are. */
export interface UpdateNotReadyLimitsRequest {
  limits: { reason: string; limitS: number | null }[];
}
