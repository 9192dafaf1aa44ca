/**
 * What an import did with its lines: read, turned into events, known but of no
 * use to Callboard (by verb), and skipped by reason with the first line numbers
 * of each, so an operator can look at them.
 */

export const SKIP_REASONS = ['blank', 'unparsable', 'unknown_verb', 'orphan', 'duplicate'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Line numbers kept per reason. */
export const FIRST_LINES = 5;

export interface SkipCount {
  count: number;
  /** The first line numbers met, ascending (at most FIRST_LINES). */
  lines: number[];
  /** What was wrong with the first of them. */
  firstMessage: string | null;
}

export interface ImportSummary {
  linesRead: number;
  eventsProduced: number;
  /** Lines of verbs Callboard reads but keeps nothing of (QUEUESTART, CONFIGRELOAD, PENALTY, …), per verb. */
  ignored: Record<string, number>;
  skipped: Record<SkipReason, SkipCount>;
}

export function emptySummary(): ImportSummary {
  const skipped = {} as Record<SkipReason, SkipCount>;
  for (const r of SKIP_REASONS) skipped[r] = { count: 0, lines: [], firstMessage: null };
  return { linesRead: 0, eventsProduced: 0, ignored: {}, skipped };
}

export function countSkip(summary: ImportSummary, reason: SkipReason, line: number, message: string): void {
  const s = summary.skipped[reason];
  s.count++;
  if (s.lines.length < FIRST_LINES || line < s.lines.at(-1)!) {
    // Orphans are decided late, so their line numbers may come out of order: keep the smallest.
    s.lines.push(line);
    s.lines.sort((a, b) => a - b);
    if (s.lines.length > FIRST_LINES) s.lines.length = FIRST_LINES;
    if (s.lines[0] === line) s.firstMessage = message;
  }
}

/** One line per reason, e.g. `orphan: 3 (lines 12, 40, 41) — CONNECT for a call whose ENTERQUEUE was not read`. */
export function formatSummary(s: ImportSummary): string[] {
  const out = [`lines read: ${s.linesRead}`, `events produced: ${s.eventsProduced}`];
  const ignored = Object.entries(s.ignored).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (ignored.length > 0) out.push(`kept nothing of: ${ignored.map(([v, n]) => `${v} ${n}`).join(', ')}`);
  for (const r of SKIP_REASONS) {
    const k = s.skipped[r];
    if (k.count === 0) continue;
    const more = k.count > k.lines.length ? ', …' : '';
    out.push(
      `skipped, ${r.replace('_', ' ')}: ${k.count} (line${k.count === 1 ? '' : 's'} ${k.lines.join(', ')}${more}) — ${k.firstMessage ?? ''}`,
    );
  }
  return out;
}
