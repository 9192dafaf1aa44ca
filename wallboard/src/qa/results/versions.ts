/**
 * An evaluation's history (SPEC §5: submitted scores change only through a
 * dispute, as a new version): each scored version with its change from the
 * one before, and the dispute between them.
 */
import type { AnswerInput, EvaluationDetail } from '../../api/qa';
import { formItems, type AnswerValue, type FormItemWire } from './answers';

export type EvaluationVersion = EvaluationDetail['versions'][number];

/** One item whose answer or comment differs from the version before. */
export interface AnswerChange {
  itemId: string;
  /** The form's item; `null` for an id the form does not have. */
  item: FormItemWire | null;
  /** `undefined`: not answered in that version. */
  from: AnswerValue | undefined;
  to: AnswerValue | undefined;
  /** The new comment, when it changed. */
  comment: string | null;
}

export interface VersionEntry {
  kind: 'version';
  version: EvaluationVersion;
  /** Score minus the previous version's; `null` for the first. */
  delta: number | null;
  changes: AnswerChange[];
}

export interface DisputeEntry {
  kind: 'dispute';
  reason: string | null;
  disputedAt: string;
  outcome: EvaluationDetail['outcome'];
  resolvedAt: string | null;
}

export type HistoryEntry = VersionEntry | DisputeEntry;

/** Items whose answer or comment differs between two versions, in form order (ids the form lacks last, by id). */
export function answerChanges(
  form: EvaluationDetail['form'],
  before: readonly AnswerInput[],
  after: readonly AnswerInput[],
): AnswerChange[] {
  const old = new Map(before.map((a) => [a.itemId, a]));
  const now = new Map(after.map((a) => [a.itemId, a]));
  const items = formItems(form);
  const known = new Set(items.map((i) => i.id));
  const others = [...new Set([...old.keys(), ...now.keys()])].filter((id) => !known.has(id)).sort();
  const order: { id: string; item: FormItemWire | null }[] = [
    ...items.map((item) => ({ id: item.id, item })),
    ...others.map((id) => ({ id, item: null })),
  ];
  const changes: AnswerChange[] = [];
  for (const { id, item } of order) {
    const a = old.get(id);
    const b = now.get(id);
    const commentA = a?.comment?.trim() ?? '';
    const commentB = b?.comment?.trim() ?? '';
    if (a?.value === b?.value && commentA === commentB) continue;
    changes.push({ itemId: id, item, from: a?.value, to: b?.value, comment: commentA === commentB ? null : commentB });
  }
  return changes;
}

/**
 * The versions in order, each against the one before, with the dispute placed
 * after the last version scored before it was raised.
 */
export function versionHistory(evaluation: EvaluationDetail): HistoryEntry[] {
  const versions = [...evaluation.versions].sort((a, b) => a.version - b.version);
  const entries: HistoryEntry[] = versions.map((version, index) => {
    const previous = index > 0 ? versions[index - 1]! : null;
    return {
      kind: 'version',
      version,
      delta: previous ? version.score - previous.score : null,
      changes: previous ? answerChanges(evaluation.form, previous.answers, version.answers) : [],
    };
  });
  const disputedAt = evaluation.disputedAt;
  if (disputedAt) {
    const disputedMs = Date.parse(disputedAt);
    const after = versions.filter((v) => Date.parse(v.at) <= disputedMs).length;
    entries.splice(after, 0, {
      kind: 'dispute',
      reason: evaluation.disputeReason,
      disputedAt,
      outcome: evaluation.outcome,
      resolvedAt: evaluation.resolvedAt,
    });
  }
  return entries;
}
