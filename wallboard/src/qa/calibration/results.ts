/**
 * A complete calibration as the results screen reads it: per item, in the
 * form's order, everyone's answer, whether they differ and the item's kappa
 * (or why there is none); each reviewer's distance from the lead, the furthest
 * first. The kappas and distances are the server's (`@callboard/qa`); this
 * only arranges them.
 */
import type { CalibrationDetail, QaFormWire } from '../../api/qa';
import { kappaBand, type KappaBand } from './agreement';
import { participantsOf } from './list';

export type Localized = QaFormWire['title'];

/** A text of the form in the reader's language: Chinese for any Chinese locale, English otherwise. */
export function localizedText(text: Localized, locale: string): string {
  return locale.toLowerCase().startsWith('zh') ? text['zh-CN'] : text.en;
}

/** One rater's answer to one item, as the server wrote the rating: `true`, `false`, `na` or the points. */
export type Rating = { kind: 'yes' | 'no' | 'na' | 'missing' } | { kind: 'points'; points: number; max: number };

/** Why an item has no kappa: everyone answered alike (chance agreement is then total), or fewer than two rated it. */
export type NoKappaReason = 'noVariation' | 'tooFewRaters';

export interface RaterColumn {
  userId: string;
  lead: boolean;
  score: number | null;
}

export interface ItemResult {
  itemId: string;
  sectionId: string;
  text: string;
  critical: boolean;
  /** One per rater column, in the same order. */
  ratings: Rating[];
  /** The raters did not all give the same answer. */
  disagree: boolean;
  kappa: number | null;
  band: KappaBand | null;
  noKappa: NoKappaReason | null;
}

export interface DeviationResult {
  reviewerId: string;
  /** Mean |reviewer − lead| over the items both scored, in points per 100 of an item's maximum; null when none compare. */
  meanAbsoluteDifference: number | null;
  comparedItems: number;
  /** Items one of the two marked N/A and the other scored, in the form's order. */
  naMismatches: { itemId: string; text: string }[];
}

export interface CalibrationResults {
  kappa: number | null;
  band: KappaBand | null;
  raters: RaterColumn[];
  items: ItemResult[];
  deviations: DeviationResult[];
  /** Items that disagree, for the headline. */
  disagreements: number;
}

type FormItem = QaFormWire['sections'][number]['items'][number];

function ratingOf(item: FormItem, raw: string | undefined): Rating {
  if (raw === undefined) return { kind: 'missing' };
  if (raw === 'na') return { kind: 'na' };
  if (raw === 'true') return { kind: 'yes' };
  if (raw === 'false') return { kind: 'no' };
  const points = Number(raw);
  return Number.isFinite(points) ? { kind: 'points', points, max: item.max ?? points } : { kind: 'missing' };
}

/** The rating each participant gave an item: the server's per-item table, or their answers when that is missing. */
function rawRatings(detail: CalibrationDetail, itemId: string, raters: readonly string[]): (string | undefined)[] {
  const fromItems = detail.items?.find((i) => i.itemId === itemId)?.ratings;
  if (fromItems) return raters.map((u) => fromItems[u]);
  return raters.map((u) => {
    const answer = detail.scores?.find((s) => s.userId === u)?.answers.find((a) => a.itemId === itemId);
    return answer === undefined ? undefined : String(answer.value);
  });
}

function noKappaReason(raw: readonly (string | undefined)[]): NoKappaReason {
  const given = raw.filter((r): r is string => r !== undefined);
  return given.length < 2 ? 'tooFewRaters' : 'noVariation';
}

/** Largest distance first; a reviewer with nothing to compare last; then by name, then id. */
function byDistance(name: (userId: string) => string) {
  return (a: DeviationResult, b: DeviationResult): number => {
    const da = a.meanAbsoluteDifference ?? -Infinity;
    const db = b.meanAbsoluteDifference ?? -Infinity;
    if (da !== db) return db - da;
    return name(a.reviewerId).localeCompare(name(b.reviewerId)) || (a.reviewerId < b.reviewerId ? -1 : a.reviewerId > b.reviewerId ? 1 : 0);
  };
}

export function calibrationResults(
  detail: CalibrationDetail,
  form: QaFormWire,
  locale: string,
  name: (userId: string) => string = (id) => id,
): CalibrationResults {
  const raters = participantsOf(detail);
  const columns = raters.map((userId) => ({
    userId,
    lead: userId === detail.leadId,
    score: detail.scores?.find((s) => s.userId === userId)?.score ?? null,
  }));
  const items = form.sections.flatMap((section) =>
    section.items.map((item): ItemResult => {
      const raw = rawRatings(detail, item.id, raters);
      const given = new Set(raw.filter((r) => r !== undefined));
      const kappa = detail.items?.find((i) => i.itemId === item.id)?.kappa ?? null;
      return {
        itemId: item.id,
        sectionId: section.id,
        text: localizedText(item.text, locale),
        critical: item.critical === true,
        ratings: raw.map((r) => ratingOf(item, r)),
        disagree: given.size > 1,
        kappa,
        band: kappa === null ? null : kappaBand(kappa),
        noKappa: kappa === null ? noKappaReason(raw) : null,
      };
    }),
  );
  const textOf = new Map(items.map((i) => [i.itemId, i.text]));
  const order = new Map(items.map((i, index) => [i.itemId, index]));
  const deviations = (detail.deviations ?? [])
    .map((d): DeviationResult => ({
      reviewerId: d.reviewerId,
      meanAbsoluteDifference: d.meanAbsoluteDifference,
      comparedItems: d.comparedItems,
      naMismatches: [...d.naMismatches]
        .sort((a, b) => (order.get(a) ?? items.length) - (order.get(b) ?? items.length) || a.localeCompare(b))
        .map((itemId) => ({ itemId, text: textOf.get(itemId) ?? itemId })),
    }))
    .sort(byDistance(name));
  return {
    kappa: detail.kappa,
    band: detail.kappa === null ? null : kappaBand(detail.kappa),
    raters: columns,
    items,
    deviations,
    disagreements: items.filter((i) => i.disagree).length,
  };
}
