/**
 * The transcript auto-checks as the reviewer reads them: one row per check
 * with the moments that show it, and per transcript line the checks it is
 * evidence of and the phrases to mark in it.
 */
import type { Phrase } from './marks';

export interface Evidence {
  startS: number;
  endS: number;
  speaker: string;
  text: string;
}

export interface Finding {
  ruleId: string;
  passed: boolean;
  evidence: readonly Evidence[];
  matches: readonly string[];
  count?: number;
}

export interface Line {
  speaker: string;
  startS: number;
  endS: number;
  text: string;
}

export interface FindingRow {
  ruleId: string;
  passed: boolean;
  /** The 请 / 您 counts. */
  count: number | null;
  matches: readonly string[];
  /** Evidence moments, earliest first. */
  moments: number[];
  /** Where a click takes the player: the earliest evidence, or null without any. */
  startS: number | null;
}

/** Failed checks first (they need the reviewer's ear), then in the order the checks run. */
export function findingRows(findings: readonly Finding[]): FindingRow[] {
  return findings
    .map((f, order) => ({ f, order }))
    .sort((a, b) => Number(a.f.passed) - Number(b.f.passed) || a.order - b.order)
    .map(({ f }) => {
      const moments = [...new Set(f.evidence.map((e) => e.startS))].sort((a, b) => a - b);
      return {
        ruleId: f.ruleId,
        passed: f.passed,
        count: typeof f.count === 'number' ? f.count : null,
        matches: f.matches,
        moments,
        startS: moments[0] ?? null,
      };
    });
}

export interface LineNotes {
  /** Checks that failed with this line as evidence, in the order the checks run. */
  failed: string[];
  /** Phrases the checks found in this line. */
  phrases: Phrase[];
}

/** Evidence is a copy of the segment it quotes: the same times, speaker and words. */
const segmentKey = (s: Evidence | Line) => `${s.startS}|${s.endS}|${s.speaker}|${s.text}`;

/** Notes for each line of `lines` (same positions); a line no check points at gets none. */
export function lineNotes(lines: readonly Line[], findings: readonly Finding[]): (LineNotes | null)[] {
  const byKey = new Map<string, LineNotes>();
  for (const f of findings) {
    for (const e of f.evidence) {
      const key = segmentKey(e);
      let notes = byKey.get(key);
      if (!notes) {
        notes = { failed: [], phrases: [] };
        byKey.set(key, notes);
      }
      if (!f.passed && !notes.failed.includes(f.ruleId)) notes.failed.push(f.ruleId);
      for (const text of f.matches) notes.phrases.push({ text, tone: f.passed ? 'good' : 'bad' });
    }
  }
  return lines.map((line) => byKey.get(segmentKey(line)) ?? null);
}
