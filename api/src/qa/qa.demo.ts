/**
 * QA demo data: a sampled period with evaluations in every state — open,
 * submitted, acknowledged and disputed — so the QA pages have something to
 * show. Marked like the rest of the demo (the run's seed and the audit actor
 * are `demo`); does nothing when a sampling run exists already.
 */
import type { Principal } from '../auth/access/principal.js';
import { ALL_SCOPE } from '../auth/access/roles.js';
import type { ChangedBy } from '../auth/audit/audit.service.js';
import type { StoredAnswer } from './qa.repository.js';
import type { QaService } from './qa.service.js';

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

/**
 * Samples the calls offered from `from` to `to` (local days) with seed `demo`
 * and two calls per agent, scores three of every four evaluations as their
 * reviewers, and has the agents acknowledge one in three of the scored ones
 * and dispute the first two of the others.
 */
export async function seedQaDemo(qa: QaService, range: { from: string; to: string }): Promise<QaDemoResult | null> {
  if ((await qa.listRuns()).runs.length > 0) return null;
  const run = await qa.createRun({ from: range.from, to: range.to, perAgent: 2, seed: 'demo' }, DEMO).catch(() => null);
  if (!run) return null;
  const out: QaDemoResult = { evaluations: run.evaluations.length, submitted: 0, acknowledged: 0, disputed: 0 };
  for (const [i, e] of run.evaluations.entries()) {
    if (i % 4 === 3) continue;
    const reviewer: Principal = { kind: 'user', id: e.reviewerId, name: 'demo', role: 'qa_reviewer', scope: ALL_SCOPE };
    const detail = await qa.getEvaluation(reviewer, e.id);
    await qa.saveDraft(reviewer, e.id, demoAnswers(detail.form, i), DEMO);
    await qa.submit(reviewer, e.id, DEMO);
    out.submitted += 1;
    const agent: Principal = { kind: 'user', id: `demo:${e.agentId}`, name: 'demo', role: 'agent', scope: ALL_SCOPE, agentId: e.agentId };
    if (out.submitted % 3 === 1) {
      await qa.acknowledge(agent, e.id, DEMO);
      out.acknowledged += 1;
    } else if (out.disputed < 2) {
      await qa.dispute(agent, e.id, '客户当时情绪激动，我已按流程道歉。 The customer was upset; I apologised as the guide says.', DEMO);
      out.disputed += 1;
    }
  }
  return out;
}
