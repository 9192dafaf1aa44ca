/**
 * Who may do what (SPEC §1). Pure data shared by the server (route policies)
 * and the wallboard (navigation), so the two cannot disagree.
 */

export const ROLES = ['admin', 'manager', 'supervisor', 'qa_lead', 'qa_reviewer', 'agent', 'kiosk', 'ingest', 'metrics'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a person can hold; `kiosk` belongs to display tokens, `ingest` and `metrics` to API keys. */
export const USER_ROLES = ['admin', 'manager', 'supervisor', 'qa_lead', 'qa_reviewer', 'agent'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Roles of API keys: `ingest` may only post events, `metrics` may only read `/metrics` (a Prometheus scraper). */
export const KEY_ROLES = ['ingest', 'metrics'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

/**
 * Which queues and teams a principal sees. `null` means all of them; an empty
 * list means none. Queues govern queue figures and calls, teams govern agents.
 */
export interface Scope {
  queues: string[] | null;
  teams: string[] | null;
}

export const ALL_SCOPE: Scope = { queues: null, teams: null };

/** Roles that see every queue and team whatever their stored scope says. */
export const UNSCOPED_ROLES: readonly Role[] = ['admin', 'manager'];

/** Roles whose stored scope limits what they see (a supervisor's queues and teams, a kiosk's fixed scope). */
export const SCOPED_ROLES: readonly Role[] = ['supervisor', 'kiosk'];

/** Capabilities, each granted to a fixed set of roles. */
export const CAPABILITIES = {
  /** Live wallboard and today's figures (scoped for supervisors and kiosks). */
  wallboard: ['admin', 'manager', 'supervisor', 'kiosk'],
  /** Agent names, states and detail beyond a display name. */
  agentDetail: ['admin', 'manager', 'supervisor'],
  /** Trend charts and the monthly report. */
  trends: ['admin', 'manager'],
  /** QA results (a supervisor's team, an agent's own). */
  qaResults: ['admin', 'manager', 'supervisor', 'qa_lead', 'qa_reviewer', 'agent'],
  /** Listening to call recordings (a supervisor: the calls of their queues and teams; an agent: the calls of their own scored evaluations). */
  recordings: ['admin', 'supervisor', 'qa_lead', 'qa_reviewer', 'agent'],
  /** Scoring calls in a review queue. */
  qaReview: ['admin', 'qa_lead', 'qa_reviewer'],
  /** QA forms, sampling plans, calibration, disputes. */
  qaManage: ['admin', 'qa_lead'],
  /** Users, API keys, kiosk tokens, settings and the audit log. */
  admin: ['admin'],
  /** Posting events. */
  ingest: ['ingest'],
  /** Reading the Prometheus metrics. */
  metrics: ['admin', 'metrics'],
  /** Changing one's own password and ending one's session. */
  self: ['admin', 'manager', 'supervisor', 'qa_lead', 'qa_reviewer', 'agent'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

/** The capabilities of a role, in declaration order. */
export function capabilitiesOf(role: Role): Capability[] {
  return (Object.keys(CAPABILITIES) as Capability[]).filter((c) => can(role, c));
}

/** The scope that applies to a role: admins and managers see everything. */
export function effectiveScope(role: Role, stored: Scope): Scope {
  return UNSCOPED_ROLES.includes(role) ? ALL_SCOPE : stored;
}

export function inScope(list: string[] | null, item: string): boolean {
  return list === null || list.includes(item);
}
