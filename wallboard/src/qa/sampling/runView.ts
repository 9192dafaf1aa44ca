/**
 * A sampling run as the lead reads it: picks grouped by agent, why each call
 * was picked, the shortfalls and left-out calls in words, the request that
 * draws it again with its stored seed, and how two runs' picks compare.
 */
import { SAMPLE_STRATA, type SampleStratum } from '@callboard/qa';
import type { CreateRunRequest, SamplingRunView } from '../../api/qa';

export type RunPick = SamplingRunView['evaluations'][number];
type Translate = (key: string, params?: Record<string, unknown>) => string;
type NameOf = (id: string) => string;

const REASON_ORDER: readonly string[] = [...SAMPLE_STRATA, 'random'];
const reasonRank = (reason: string) => {
  const rank = REASON_ORDER.indexOf(reason);
  return rank === -1 ? REASON_ORDER.length : rank;
};
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface AgentGroup {
  agentId: string;
  name: string;
  picks: RunPick[];
}

/**
 * Picks by agent (by name, then id), each agent's in the order the sampler
 * fills them (the strata in order, then random), then by call id.
 */
export function groupByAgent(picks: readonly RunPick[], agentName: NameOf): AgentGroup[] {
  const groups = new Map<string, RunPick[]>();
  for (const p of picks) groups.set(p.agentId, [...(groups.get(p.agentId) ?? []), p]);
  return [...groups.entries()]
    .map(([agentId, list]) => ({
      agentId,
      name: agentName(agentId),
      picks: list.sort((a, b) => reasonRank(a.reason) - reasonRank(b.reason) || byText(a.callId, b.callId)),
    }))
    .sort((a, b) => byText(a.name, b.name) || byText(a.agentId, b.agentId));
}

const isStratum = (s: string): s is SampleStratum => (SAMPLE_STRATA as readonly string[]).includes(s);
const reasonName = (reason: string, t: Translate) => (isStratum(reason) || reason === 'random' ? t(`qa.reasons.${reason}`) : reason);

/** "Random", "Complaint", or "Random, fills for Complaint" when it stands in for a stratum short of calls. */
export function reasonText(pick: Pick<RunPick, 'reason' | 'fillsFor'>, t: Translate): string {
  const reason = reasonName(pick.reason, t);
  return pick.fillsFor ? t('qa.sampling.run.fillsFor', { reason, stratum: reasonName(pick.fillsFor, t) }) : reason;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A shortfall or a call nobody could review, in words. */
export function shortfallText(entry: unknown, t: Translate, agentName: NameOf): string {
  if (isRecord(entry) && typeof entry.agentId === 'string' && typeof entry.problem === 'string' && typeof entry.callId === 'string') {
    return t('qa.sampling.run.unassigned', { agent: agentName(entry.agentId), call: entry.callId });
  }
  if (isRecord(entry) && typeof entry.agentId === 'string' && typeof entry.wanted === 'number' && typeof entry.picked === 'number') {
    return t('qa.sampling.run.shortfall', {
      agent: agentName(entry.agentId),
      period: String(entry.periodStart ?? ''),
      wanted: entry.wanted,
      picked: entry.picked,
    });
  }
  return JSON.stringify(entry);
}

/** A call the sampler left out because a field of it was unusable, in words. */
export function rejectedText(entry: unknown, t: Translate): string {
  if (isRecord(entry) && typeof entry.index === 'number' && Array.isArray(entry.problems)) {
    const problems = entry.problems
      .filter(isRecord)
      .map((p) => `${String(p.path)}: ${String(p.message)}`)
      .join('; ');
    return t('qa.sampling.run.rejected', { index: entry.index + 1, problems });
  }
  return JSON.stringify(entry);
}

/**
 * The request that draws this run again: its days, seed, reviewers and the
 * plan it resolved (random calls per agent, quotas), with the form its
 * evaluations were scored on when known.
 */
export function rerunRequest(run: Pick<SamplingRunView, 'from' | 'to' | 'seed' | 'plan' | 'reviewers'>, formId?: string): CreateRunRequest {
  const plan = run.plan;
  const body: CreateRunRequest = { from: run.from, to: run.to, seed: run.seed };
  if (typeof plan.perAgent === 'number') body.perAgent = plan.perAgent;
  if (isRecord(plan.quotas)) {
    const quotas: Partial<Record<SampleStratum, number>> = {};
    for (const s of SAMPLE_STRATA) {
      const n = plan.quotas[s];
      if (typeof n === 'number') quotas[s] = n;
    }
    body.quotas = quotas;
  }
  if (run.reviewers.length > 0) body.reviewers = [...run.reviewers];
  if (formId) body.formId = formId;
  return body;
}

export interface PickComparison {
  /** Calls (with their agent) both runs picked. */
  same: string[];
  onlyFirst: string[];
  onlySecond: string[];
  /** Both runs picked exactly the same calls for the same agents. */
  identical: boolean;
}

const pickKey = (p: Pick<RunPick, 'callId' | 'agentId'>) => `${p.callId} · ${p.agentId}`;

/** Which calls two runs both picked, and which only one did, each list sorted. */
export function comparePicks(first: readonly RunPick[], second: readonly RunPick[]): PickComparison {
  const a = new Set(first.map(pickKey));
  const b = new Set(second.map(pickKey));
  const same = [...a].filter((k) => b.has(k)).sort(byText);
  const onlyFirst = [...a].filter((k) => !b.has(k)).sort(byText);
  const onlySecond = [...b].filter((k) => !a.has(k)).sort(byText);
  return { same, onlyFirst, onlySecond, identical: onlyFirst.length === 0 && onlySecond.length === 0 };
}

/** Runs newest first (by creation, then id so equal times keep one order). */
export function newestFirst<T extends { createdAt: string; id: string }>(runs: readonly T[]): T[] {
  return [...runs].sort((a, b) => byText(b.createdAt, a.createdAt) || byText(b.id, a.id));
}
