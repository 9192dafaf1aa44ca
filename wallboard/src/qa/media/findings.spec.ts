import { describe, expect, it } from 'vitest';
import { findingRows, lineNotes, type Finding, type Line } from './findings';

const lines: Line[] = [
  { speaker: 'agent', startS: 1, endS: 4, text: '您好，请问有什么可以帮您？' },
  { speaker: 'customer', startS: 4.5, endS: 7, text: '我的账单不对。' },
  { speaker: 'agent', startS: 7.5, endS: 10, text: '这个不行，我不知道。' },
  { speaker: 'agent', startS: 30, endS: 33, text: '请稍等，不行。' },
];
const ev = (l: Line) => ({ ...l });

const findings: Finding[] = [
  { ruleId: 'greeting', passed: true, evidence: [ev(lines[0]!)], matches: ['您好'] },
  { ruleId: 'identity_question', passed: false, evidence: [], matches: [] },
  // Evidence sent latest first: rows list moments earliest first.
  { ruleId: 'forbidden_phrase', passed: false, evidence: [ev(lines[3]!), ev(lines[2]!)], matches: ['不行', '不知道'] },
  { ruleId: 'please_count', passed: true, evidence: [ev(lines[0]!), ev(lines[3]!)], matches: ['请'], count: 2 },
];

describe('findingRows', () => {
  it('lists failed checks first, each group in the order the checks ran', () => {
    expect(findingRows(findings).map((r) => [r.ruleId, r.passed])).toEqual([
      ['identity_question', false],
      ['forbidden_phrase', false],
      ['greeting', true],
      ['please_count', true],
    ]);
  });

  it('gives each check its evidence moments, earliest first, and plays the earliest', () => {
    const byRule = new Map(findingRows(findings).map((r) => [r.ruleId, r]));
    expect(byRule.get('forbidden_phrase')).toMatchObject({ moments: [7.5, 30], startS: 7.5, count: null });
    expect(byRule.get('please_count')).toMatchObject({ moments: [1, 30], startS: 1, count: 2 });
    // Nothing said to show (no question asked): nothing to play.
    expect(byRule.get('identity_question')).toMatchObject({ moments: [], startS: null });
  });
});

describe('lineNotes', () => {
  it('notes on each line the checks it is evidence of and the phrases to mark', () => {
    const notes = lineNotes(lines, findings);
    expect(notes[0]).toEqual({
      failed: [],
      phrases: [
        { text: '您好', tone: 'good' },
        { text: '请', tone: 'good' },
      ],
    });
    // The caller's line is no check's evidence.
    expect(notes[1]).toBeNull();
    expect(notes[2]).toEqual({
      failed: ['forbidden_phrase'],
      phrases: [
        { text: '不行', tone: 'bad' },
        { text: '不知道', tone: 'bad' },
      ],
    });
    expect(notes[3]?.failed).toEqual(['forbidden_phrase']);
    expect(notes[3]?.phrases.map((p) => `${p.text}:${p.tone}`)).toEqual(['不行:bad', '不知道:bad', '请:good']);
  });

  it('matches evidence to a line by its times, speaker and words, not by time alone', () => {
    const other = { ...lines[2]!, text: '另一句' };
    expect(lineNotes([other], findings)).toEqual([null]);
  });
});
