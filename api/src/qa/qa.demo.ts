/**
 * QA demo data: a sampled period with evaluations in every state — open,
 * submitted, acknowledged and disputed — and a calibration under way, so the
 * QA pages have something to show to each demo account. Marked like the rest of the demo (the run's seed and the audit actor
 * are `demo`); does nothing when a sampling run exists already.
 */
import type { Principal } from '../auth/access/principal.js';
import { ALL_SCOPE } from '../auth/access/roles.js';
import type { ChangedBy } from '../auth/audit/audit.service.js';
import { DateTime } from 'luxon';
import type { StoredAnswer } from './qa.repository.js';
import { DEFAULT_FORM_ID, type QaService } from './qa.service.js';
import type { SamplingRunView } from './qa.wire.js';

export interface QaDemoResult {
  evaluations: number;
  submitted: number;
  acknowledged: number;
  disputed: number;
}

const DEMO: ChangedBy = { actor: { kind: 'system', name: 'demo' }, ip: null };

/** The answers of the demo's i-th evaluation: full marks, with a slip now and then (every seventh fails the critical item). */
export function demoAnswers(
  form: { sections: { items: { id: string; type: string; max?: number; naAllowed?: boolean; critical?: boolean }[] }[] },
  i: number,
): StoredAnswer[] {
  const items = form.sections.flatMap((s) => s.items);
  return items.map((item, k) => {
    let value: StoredAnswer['value'] = item.type === 'scale' ? item.max! : true;
    if (item.naAllowed && (i + k) % 3 === 0) value = 'na';
    else if (item.critical) value = i % 7 === 4 ? false : value;
    else if ((i + k) % 5 === 0) value = item.type === 'scale' ? Math.max(0, item.max! - 1) : false;
    return { itemId: item.id, value };
  });
}

/** What a demo evaluation becomes. */
type DemoStatus = 'assigned' | 'submitted' | 'acknowledged' | 'disputed';

/**
 * The statuses of n demo evaluations, by position: every fourth left open;
 * of the scored ones the 1st, 4th, 7th … acknowledged, the next two disputed,
 * the rest submitted.
 */
export function demoStatuses(n: number): DemoStatus[] {
  let scored = 0;
  let disputed = 0;
  return Array.from({ length: n }, (_, i): DemoStatus => {
    if (i % 4 === 3) return 'assigned';
    scored += 1;
    if (scored % 3 === 1) return 'acknowledged';
    if (disputed < 2) {
      disputed += 1;
      return 'disputed';
    }
    return 'submitted';
  });
}

/**
 * Places evaluations on the statuses' positions: each wanted one on the first
 * free position of its status (skipped when none is left), the others in
 * order on the rest. The statuses' counts stay as they are.
 */
export function arrange<T>(items: readonly T[], statuses: readonly DemoStatus[], wanted: readonly [T, DemoStatus][]): [T, DemoStatus][] {
  const placed: (T | undefined)[] = statuses.map(() => undefined);
  const taken = new Set<T>();
  for (const [item, status] of wanted) {
    if (taken.has(item)) continue;
    const at = statuses.findIndex((s, i) => s === status && placed[i] === undefined);
    if (at < 0) continue;
    placed[at] = item;
    taken.add(item);
  }
  const rest = items.filter((x) => !taken.has(x));
  return statuses.map((s, i) => [placed[i] ?? rest.shift()!, s]);
}

/** Splits the days from `from` to `to` into three spans (the last ones shorter when they do not divide evenly). */
export function demoSpans(from: string, to: string): { from: string; to: string }[] {
  const first = DateTime.fromISO(from);
  const days = Math.round(DateTime.fromISO(to).diff(first, 'days').days) + 1;
  const spans: { from: string; to: string }[] = [];
  for (let start = 0, k = 0; k < 3 && start < days; k++) {
    const length = Math.ceil((days - start) / (3 - k));
    spans.push({ from: first.plus({ days: start }).toISODate()!, to: first.plus({ days: start + length - 1 }).toISODate()! });
    start += length;
  }
  return spans;
}

/**
 * Samples the calls offered from `from` to `to` (local days) with seed `demo`
 * in three runs — one call per agent from each third of the period (the
 * first also the targeted ones: complaints, long calls …), each run
 * dated the morning after its span (or now, if that is later than now) so the
 * reviews fall due on different days — and scores three of every four
 * evaluations as their reviewers; the agents acknowledge one in three of the
 * scored ones and dispute two of the others. So that each demo account has
 * something to do: the `reviewer` keeps open calls with a transcript, a
 * failed auto-check and a recording (one of each run at least, then as many
 * as there are open places) and one of the `agent` account's own; the `agent` has a submitted score to acknowledge; the
 * `qalead` has a calibration with the `reviewer`, scored by the lead.
 */
export async function seedQaDemo(qa: QaService, range: { from: string; to: string }, tz = 'UTC'): Promise<QaDemoResult | null> {
  if ((await qa.listRuns()).runs.length > 0) return null;
  const runs: SamplingRunView[] = [];
  for (const [k, span] of demoSpans(range.from, range.to).entries()) {
    const morning = DateTime.fromISO(span.to, { zone: tz }).plus({ days: 1 }).set({ hour: 9 }).toJSDate();
    const createdAt = new Date(Math.min(morning.getTime(), Date.now()));
    // The targeted calls (complaints, long calls …) once, in the first run; then one random call per agent each.
    const quotas = k === 0 ? {} : { complaint: 0, dissatisfied: 0, long_handle: 0, transferred: 0 };
    const run = await qa.createRun({ ...span, perAgent: 1, quotas, seed: 'demo' }, DEMO, { createdAt }).catch(() => null);
    if (run) runs.push(run);
  }
  const all = runs.flatMap((r) => r.evaluations.map((e) => ({ ...e, runId: r.id })));
  if (all.length === 0) return null;
  const [agentUser, leadUser, reviewerUser] = await Promise.all(['agent', 'qalead', 'reviewer'].map((u) => qa.userNamed(u)));
  const agentId = agentUser?.agentId ?? null;

  // What the reviewer sees first: calls with a transcript, a failed auto-check and a recording.
  const lead: Principal = { kind: 'user', id: leadUser?.id ?? 'demo', name: 'demo', role: 'qa_lead', scope: ALL_SCOPE };
  const telling = new Set<string>();
  const offered = new Map<string, string>();
  for (const e of all) {
    const d = await qa.getEvaluation(lead, e.id);
    offered.set(e.id, d.offeredAt);
    if (d.transcript && d.recording && d.findings.some((f) => !f.passed)) telling.add(e.id);
  }
  const own = all.filter((e) => e.agentId === agentId);
  const ownOpen = own.find((e) => telling.has(e.id)) ?? own[0];
  const ownScored = own.find((e) => e !== ownOpen);
  const wanted: [(typeof all)[number], DemoStatus][] = [];
  if (ownOpen) wanted.push([ownOpen, 'assigned']);
  if (ownScored) wanted.push([ownScored, 'submitted']);
  for (const r of runs) {
    const pick = all.find((e) => e.runId === r.id && e.agentId !== agentId && telling.has(e.id));
    if (pick) wanted.push([pick, 'assigned']);
  }
  // Then as many more telling calls as there are open places: the reviewer's queue is worth opening.
  for (const e of all) if (telling.has(e.id) && e.agentId !== agentId) wanted.push([e, 'assigned']);
  // Any places left go to the calls the queue shows last (the latest run, the latest call), so it opens on telling ones.
  const runIndex = new Map(runs.map((r, i) => [r.id, i]));
  const later = (x: string, y: string) => (x > y ? -1 : x < y ? 1 : 0);
  const last = all
    .filter((e) => !telling.has(e.id) && e.agentId !== agentId)
    .sort((x, y) => runIndex.get(y.runId)! - runIndex.get(x.runId)! || later(offered.get(x.id)!, offered.get(y.id)!) || later(x.id, y.id));
  for (const e of last) wanted.push([e, 'assigned']);
  const plan = arrange(all, demoStatuses(all.length), wanted);

  const out: QaDemoResult = { evaluations: all.length, submitted: 0, acknowledged: 0, disputed: 0 };
  for (const [i, [e, status]] of plan.entries()) {
    if (status === 'assigned') continue;
    const reviewer: Principal = { kind: 'user', id: e.reviewerId, name: 'demo', role: 'qa_reviewer', scope: ALL_SCOPE };
    const detail = await qa.getEvaluation(reviewer, e.id);
    await qa.saveDraft(reviewer, e.id, demoAnswers(detail.form, i), DEMO);
    await qa.submit(reviewer, e.id, DEMO);
    out.submitted += 1;
    const agent: Principal = { kind: 'user', id: `demo:${e.agentId}`, name: 'demo', role: 'agent', scope: ALL_SCOPE, agentId: e.agentId };
    if (status === 'acknowledged') {
      await qa.acknowledge(agent, e.id, DEMO);
      out.acknowledged += 1;
    } else if (status === 'disputed') {
      await qa.dispute(agent, e.id, '客户当时情绪激动，我已按流程道歉。 The customer was upset; I apologised as the guide says.', DEMO);
      out.disputed += 1;
    }
  }

  // A calibration in progress: the lead has scored a telling call, the reviewer has yet to.
  const call = plan.find(([e, s]) => s !== 'assigned' && telling.has(e.id))?.[0] ?? plan[0]![0];
  if (leadUser && reviewerUser && leadUser.disabledAt === null && reviewerUser.disabledAt === null) {
    const c = await qa
      .createCalibration(lead, { callId: call.callId, reviewers: [reviewerUser.id], formId: DEFAULT_FORM_ID }, DEMO)
      .catch(() => null);
    if (c?.form) await qa.scoreCalibration(lead, c.id, demoAnswers(c.form, 1), DEMO);
  }
  return out;
}
