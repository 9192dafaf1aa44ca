import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { QaInputError, isFiniteNumber, isRecord, type Problem } from './problems.js';

/**
 * A handled call as the sampler sees it: one row of `calls` (one call in one
 * queue), with what the eligibility rules and the targeted quotas look at.
 */
export interface SampleCall {
  callId: string;
  /** The agent who answered; null for a call nobody answered. */
  agentId: string | null;
  team?: string | null;
  queue: string;
  /** ISO 8601 with offset. The call belongs to the day and period (center time) it was offered in, as in SPEC §3. */
  offeredAt: string;
  /** ISO 8601 with offset; null when not answered. */
  answeredAt: string | null;
  /** Seconds talking. */
  talkS: number;
  /** Seconds of talk + hold + wrap-up. */
  handleS: number;
  /** A recording exists (`call.recording`). */
  recorded: boolean;
  /** The call already has an evaluation: it is never drawn again. */
  evaluated: boolean;
  /** The disposition category (`call.dispositioned`). */
  category?: 'inquiry' | 'complex' | 'complaint' | 'other' | null;
  /** The follow-up result of the call's case (`case.followed_up`). */
  satisfaction?: 'satisfied' | 'basic' | 'dissatisfied' | null;
  /** The agent transferred the call on. */
  transferred: boolean;
}

/** The targeted strata, in the order their quotas are filled. */
export const SAMPLE_STRATA = ['complaint', 'dissatisfied', 'long_handle', 'transferred'] as const;
export type SampleStratum = (typeof SAMPLE_STRATA)[number];
export type SamplePeriod = 'day' | 'week' | 'month';

export interface SamplingPlan {
  /** The center's IANA time zone: days and periods are local. */
  timeZone: string;
  /** Default `week` (Monday to Sunday). */
  period?: SamplePeriod;
  /** Calls drawn at random per agent and period (default 5). */
  perAgent?: number;
  /** The shortest talk an eligible call has, in seconds (default 30). */
  minTalkS?: number;
  /** A handle time from which a call is `long_handle` (default 600 s). */
  longHandleS?: number;
  /** Targeted calls per agent and period, on top of `perAgent` (default 1 of each stratum). */
  quotas?: Partial<Record<SampleStratum, number>>;
  /** Sample only these agents (default: every agent with calls); an agent listed here without eligible calls shows as a shortfall. */
  agentIds?: string[];
}

export type ResolvedSamplingPlan = Required<Omit<SamplingPlan, 'agentIds' | 'quotas'>> & {
  quotas: Record<SampleStratum, number>;
  agentIds?: string[];
};

export const DEFAULT_SAMPLING_PLAN: Omit<ResolvedSamplingPlan, 'timeZone'> = {
  period: 'week',
  perAgent: 5,
  minTalkS: 30,
  longHandleS: 600,
  quotas: { complaint: 1, dissatisfied: 1, long_handle: 1, transferred: 1 },
};

export interface SamplePick {
  callId: string;
  agentId: string;
  queue: string;
  /** First local day of the period (`2026-03-02` for the week of Monday 2 March). */
  periodStart: string;
  /** The local day the call was offered. */
  day: string;
  /** Why it was picked: a targeted stratum, or `random`. */
  reason: SampleStratum | 'random';
  /** For a random pick standing in for a stratum that had too few calls: that stratum. */
  fillsFor?: SampleStratum;
}

export interface SampleShortfall {
  agentId: string;
  periodStart: string;
  wanted: number;
  picked: number;
}

export interface SampleRejection {
  index: number;
  problems: Problem[];
}

export interface Sample {
  /** By period, agent, then in the order drawn: targeted quotas first, then random. */
  picks: SamplePick[];
  /** Agent-periods with fewer eligible calls than the plan asks for. */
  shortfalls: SampleShortfall[];
  /** Calls left out because a field is unusable (the rest are still sampled). */
  rejected: SampleRejection[];
}

/**
 * Draws the calls to review (SPEC §5). Per agent and period: first the
 * targeted quotas (complaints, dissatisfied follow-ups, long handle time,
 * transfers, in that order; a call is picked once), then `perAgent` calls at
 * random, plus one more for every quota place a stratum could not fill. Only
 * eligible calls are drawn: answered, recorded, talk ≥ `minTalkS`, not yet
 * evaluated. Every draw goes to a day with the fewest picks so far, so a
 * sample spreads across the days the agent worked.
 *
 * Reproducible: the same calls (in any order), plan and seed give the same
 * sample. Each agent-period draws from its own generator (xoroshiro128+,
 * seeded with the FNV-1a hash of seed, agent and period), so adding another
 * agent's calls changes nobody else's sample.
 */
export function drawSample(calls: readonly SampleCall[], plan: SamplingPlan, seed: number | string): Sample {
  const resolved = resolvePlan(plan);
  if (!(typeof seed === 'string' || Number.isSafeInteger(seed))) {
    throw new QaInputError([{ path: 'seed', message: 'must be a whole number or a text' }]);
  }
  if (!Array.isArray(calls)) throw new QaInputError([{ path: 'calls', message: 'must be a list' }]);

  const localDay = localDayFormatter(resolved.timeZone);
  const rejected: SampleRejection[] = [];
  const groups = new Map<string, { agentId: string; periodStart: string; calls: LocalCall[] }>();
  const wantedAgents = resolved.agentIds ? new Set(resolved.agentIds) : null;
  calls.forEach((call, index) => {
    const problems = checkCall(call);
    if (problems.length > 0) {
      rejected.push({ index, problems });
      return;
    }
    if (!isEligible(call, resolved) || (wantedAgents && !wantedAgents.has(call.agentId as string))) return;
    const day = localDay(call.offeredAt);
    const periodStart = startOfPeriod(day, resolved.period);
    const key = `${periodStart}\u0000${call.agentId as string}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { agentId: call.agentId as string, periodStart, calls: [] }));
    group.calls.push({ call, day });
  });
  const picks: SamplePick[] = [];
  const shortfalls: SampleShortfall[] = [];
  const wanted = resolved.perAgent + SAMPLE_STRATA.reduce((a, s) => a + resolved.quotas[s], 0);
  const keys = [...groups.keys()].sort();
  for (const key of keys) {
    const group = groups.get(key)!;
    const drawn = drawGroup(group.calls, resolved, groupRng(seed, group.agentId, group.periodStart));
    for (const d of drawn) {
      picks.push({
        callId: d.call.callId,
        agentId: group.agentId,
        queue: d.call.queue,
        periodStart: group.periodStart,
        day: d.day,
        reason: d.reason,
        ...(d.fillsFor ? { fillsFor: d.fillsFor } : {}),
      });
    }
    if (drawn.length < wanted) shortfalls.push({ agentId: group.agentId, periodStart: group.periodStart, wanted, picked: drawn.length });
  }
  if (wantedAgents) {
    const periods = [...new Set([...groups.values()].map((g) => g.periodStart))].sort();
    for (const periodStart of periods) {
      for (const agentId of [...wantedAgents].sort()) {
        if (!groups.has(`${periodStart}\u0000${agentId}`)) shortfalls.push({ agentId, periodStart, wanted, picked: 0 });
      }
    }
    shortfalls.sort((a, b) => compare(a.periodStart, b.periodStart) || compare(a.agentId, b.agentId));
  }
  return { picks, shortfalls, rejected };
}

interface LocalCall {
  call: SampleCall;
  day: string;
}

interface Drawn extends LocalCall {
  reason: SampleStratum | 'random';
  fillsFor?: SampleStratum;
}

const inStratum: Record<SampleStratum, (c: SampleCall, plan: ResolvedSamplingPlan) => boolean> = {
  complaint: (c) => c.category === 'complaint',
  dissatisfied: (c) => c.satisfaction === 'dissatisfied',
  long_handle: (c, plan) => c.handleS >= plan.longHandleS,
  transferred: (c) => c.transferred,
};

function drawGroup(calls: LocalCall[], plan: ResolvedSamplingPlan, rng: RandomGenerator): Drawn[] {
  // One evaluation per agent and call, even when the call passed through several of their queues.
  const sorted = [...calls].sort((a, b) => compare(a.call.callId, b.call.callId) || compare(a.call.queue, b.call.queue));
  const remaining = sorted.filter((c, i) => i === 0 || c.call.callId !== sorted[i - 1]!.call.callId);
  const perDay = new Map<string, number>();
  const drawn: Drawn[] = [];
  const take = (pool: LocalCall[]): LocalCall | undefined => {
    const pick = pickSpread(pool, perDay, rng);
    if (!pick) return undefined;
    remaining.splice(remaining.indexOf(pick), 1);
    perDay.set(pick.day, (perDay.get(pick.day) ?? 0) + 1);
    return pick;
  };

  const unfilled: SampleStratum[] = [];
  for (const stratum of SAMPLE_STRATA) {
    for (let i = 0; i < plan.quotas[stratum]; i++) {
      const pick = take(remaining.filter((c) => inStratum[stratum](c.call, plan)));
      if (pick) drawn.push({ ...pick, reason: stratum });
      else unfilled.push(stratum);
    }
  }
  for (let i = 0; i < plan.perAgent + unfilled.length; i++) {
    const pick = take(remaining);
    if (!pick) break;
    const fillsFor = i >= plan.perAgent ? unfilled[i - plan.perAgent] : undefined;
    drawn.push({ ...pick, reason: 'random', ...(fillsFor ? { fillsFor } : {}) });
  }
  return drawn;
}

/** A random call of a random day among those with the fewest picks so far. */
function pickSpread(pool: LocalCall[], perDay: Map<string, number>, rng: RandomGenerator): LocalCall | undefined {
  if (pool.length === 0) return undefined;
  const byDay = new Map<string, LocalCall[]>();
  for (const c of pool) {
    const list = byDay.get(c.day);
    if (list) list.push(c);
    else byDay.set(c.day, [c]);
  }
  const days = [...byDay.keys()].sort();
  const fewest = Math.min(...days.map((d) => perDay.get(d) ?? 0));
  const open = days.filter((d) => (perDay.get(d) ?? 0) === fewest);
  const day = byDay.get(open[uniformInt(rng, 0, open.length - 1)]!)!;
  return day[uniformInt(rng, 0, day.length - 1)];
}

function isEligible(c: SampleCall, plan: ResolvedSamplingPlan): boolean {
  return c.agentId != null && c.answeredAt != null && c.recorded && !c.evaluated && c.talkS >= plan.minTalkS;
}

const PLAN_KEYS = ['timeZone', 'period', 'perAgent', 'minTalkS', 'longHandleS', 'quotas', 'agentIds'];
const CATEGORIES = ['inquiry', 'complex', 'complaint', 'other'];
const SATISFACTION = ['satisfied', 'basic', 'dissatisfied'];

/** Validates a plan and fills in the defaults; throws `QaInputError` naming each bad field. */
export function resolvePlan(plan: SamplingPlan): ResolvedSamplingPlan {
  const problems: Problem[] = [];
  if (!isRecord(plan)) throw new QaInputError([{ path: 'plan', message: 'must be an object' }]);
  const resolved: ResolvedSamplingPlan = {
    ...DEFAULT_SAMPLING_PLAN,
    ...Object.fromEntries(Object.entries(plan).filter(([, v]) => v !== undefined)),
    quotas: { ...DEFAULT_SAMPLING_PLAN.quotas, ...(isRecord(plan.quotas) ? plan.quotas : {}) },
  } as ResolvedSamplingPlan;

  for (const key of Object.keys(plan)) {
    if (!PLAN_KEYS.includes(key)) problems.push({ path: `plan.${key}`, message: `is not a plan setting (${PLAN_KEYS.join(', ')})` });
  }
  if (typeof plan.timeZone !== 'string' || !isTimeZone(plan.timeZone))
    problems.push({ path: 'plan.timeZone', message: 'must be an IANA time zone, e.g. Asia/Shanghai' });
  if (!['day', 'week', 'month'].includes(resolved.period))
    problems.push({ path: 'plan.period', message: 'must be "day", "week" or "month"' });
  const whole = (v: unknown, path: string, max: number) => {
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > max)
      problems.push({ path, message: `must be a whole number from 0 to ${max}` });
  };
  whole(resolved.perAgent, 'plan.perAgent', 1000);
  if (!isFiniteNumber(resolved.minTalkS) || resolved.minTalkS < 0)
    problems.push({ path: 'plan.minTalkS', message: 'must be a number of seconds from 0' });
  if (!isFiniteNumber(resolved.longHandleS) || resolved.longHandleS <= 0)
    problems.push({ path: 'plan.longHandleS', message: 'must be a number of seconds above 0' });
  if (plan.quotas !== undefined && !isRecord(plan.quotas))
    problems.push({ path: 'plan.quotas', message: 'must be an object of counts by stratum' });
  else {
    for (const key of Object.keys(resolved.quotas)) {
      if (!(SAMPLE_STRATA as readonly string[]).includes(key))
        problems.push({ path: `plan.quotas.${key}`, message: `is not a stratum (${SAMPLE_STRATA.join(', ')})` });
      else whole(resolved.quotas[key as SampleStratum], `plan.quotas.${key}`, 1000);
    }
  }
  if (plan.agentIds !== undefined && (!Array.isArray(plan.agentIds) || plan.agentIds.some((a) => typeof a !== 'string' || a === ''))) {
    problems.push({ path: 'plan.agentIds', message: 'must be a list of agent ids' });
  }
  if (problems.length > 0) throw new QaInputError(problems);
  return resolved;
}

function checkCall(c: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isRecord(c)) return [{ path: 'call', message: 'must be an object' }];
  const text = (k: string, nullable = false) => {
    const v = c[k];
    if (nullable && v === null) return;
    if (typeof v !== 'string' || v === '')
      problems.push({ path: k, message: nullable ? 'must be a text or null' : 'must be a non-empty text' });
  };
  text('callId');
  text('agentId', true);
  text('queue');
  for (const k of ['offeredAt', 'answeredAt']) {
    const v = c[k];
    if ((k === 'answeredAt' && v === null) || (typeof v === 'string' && !Number.isNaN(Date.parse(v)))) continue;
    problems.push({ path: k, message: 'must be an ISO 8601 time with offset' + (k === 'answeredAt' ? ' or null' : '') });
  }
  for (const k of ['talkS', 'handleS']) {
    if (!isFiniteNumber(c[k]) || (c[k] as number) < 0) problems.push({ path: k, message: 'must be a number of seconds from 0' });
  }
  if (c.category != null && !CATEGORIES.includes(c.category as string))
    problems.push({ path: 'category', message: `must be one of ${CATEGORIES.join(', ')} or null` });
  if (c.satisfaction != null && !SATISFACTION.includes(c.satisfaction as string)) {
    problems.push({ path: 'satisfaction', message: `must be one of ${SATISFACTION.join(', ')} or null` });
  }
  for (const k of ['recorded', 'evaluated', 'transferred']) {
    if (typeof c[k] !== 'boolean') problems.push({ path: k, message: 'must be true or false' });
  }
  return problems;
}

function groupRng(seed: number | string, agentId: string, periodStart: string): RandomGenerator {
  return xoroshiro128plus(fnv1a(`${String(seed)}\u0000${agentId}\u0000${periodStart}`));
}

/** FNV-1a, 32 bits, over UTF-16 code units: a stable hash of the seed text. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function localDayFormatter(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  // Every UTC offset in use is a whole number of quarter hours, so a local day
  // never changes inside a quarter hour of UTC: one formatting per quarter hour.
  const byQuarter = new Map<number, string>();
  return (iso) => {
    const quarter = Math.floor(Date.parse(iso) / 900_000);
    let day = byQuarter.get(quarter);
    if (day === undefined) {
      const parts = Object.fromEntries(format.formatToParts(new Date(quarter * 900_000)).map((p) => [p.type, p.value]));
      day = `${parts.year}-${parts.month}-${parts.day}`;
      byQuarter.set(quarter, day);
    }
    return day;
  };
}

/** The first day of the period holding a local day (`YYYY-MM-DD`); weeks start on Monday. */
export function startOfPeriod(day: string, period: SamplePeriod): string {
  switch (period) {
    case 'day':
      return day;
    case 'month':
      return `${day.slice(0, 8)}01`;
    case 'week': {
      const date = new Date(`${day}T00:00:00Z`);
      const sinceMonday = (date.getUTCDay() + 6) % 7;
      return new Date(date.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
    }
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
