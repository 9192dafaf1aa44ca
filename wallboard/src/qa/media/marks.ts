/**
 * The words an auto-check matched, found again in a transcript line so the
 * line can show them marked. Phrases match as the checks match them: Chinese
 * anywhere, a Latin phrase only as whole words, case-insensitively, curly
 * apostrophes read as straight ones.
 */

export type Tone = 'good' | 'bad';

export interface Phrase {
  text: string;
  /** A phrase behind a failed check is marked as a problem; one behind a passed check as found. */
  tone: Tone;
}

export interface Piece {
  text: string;
  /** Set on a matched phrase. */
  tone?: Tone;
}

function phraseRegExp(phrase: string): RegExp {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const before = /^[a-z0-9]/i.test(phrase) ? '(?<![\\p{L}\\p{N}])' : '';
  const after = /[a-z0-9]$/i.test(phrase) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${before}${escaped}${after}`, 'giu');
}

interface Range {
  from: number;
  to: number;
  tone: Tone;
}

/**
 * `text` cut into plain and matched pieces, in order, their texts adding up
 * to `text`. Where matches overlap, the one starting first wins (the longer
 * at the same start; a problem over a find at the same span).
 */
export function splitMatches(text: string, phrases: readonly Phrase[]): Piece[] {
  const searched = text.replace(/[\u2018\u2019]/g, "'");
  const ranges: Range[] = [];
  for (const { text: phrase, tone } of phrases) {
    if (phrase.trim() === '') continue;
    for (const m of searched.matchAll(phraseRegExp(phrase))) {
      if (m[0].length > 0) ranges.push({ from: m.index, to: m.index + m[0].length, tone });
    }
  }
  ranges.sort((a, b) => a.from - b.from || b.to - a.to || (a.tone === b.tone ? 0 : a.tone === 'bad' ? -1 : 1));

  const pieces: Piece[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.from < at) continue;
    if (r.from > at) pieces.push({ text: text.slice(at, r.from) });
    pieces.push({ text: text.slice(r.from, r.to), tone: r.tone });
    at = r.to;
  }
  if (at < text.length || pieces.length === 0) pieces.push({ text: text.slice(at) });
  return pieces;
}
