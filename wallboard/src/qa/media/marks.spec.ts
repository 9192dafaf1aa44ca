import { describe, expect, it } from 'vitest';
import { splitMatches } from './marks';

describe('splitMatches', () => {
  it('cuts a line into plain and matched pieces that add up to the line', () => {
    const text = '您好，这个不行，我不知道。';
    const pieces = splitMatches(text, [
      { text: '不行', tone: 'bad' },
      { text: '不知道', tone: 'bad' },
      { text: '您', tone: 'good' },
    ]);
    expect(pieces).toEqual([
      { text: '您', tone: 'good' },
      { text: '好，这个' },
      { text: '不行', tone: 'bad' },
      { text: '，我' },
      { text: '不知道', tone: 'bad' },
      { text: '。' },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
  });

  it('marks every occurrence', () => {
    expect(splitMatches('请稍等，请说', [{ text: '请', tone: 'good' }]).filter((p) => p.tone)).toHaveLength(2);
  });

  it('matches Latin phrases as whole words, ignoring case and curly apostrophes', () => {
    const text = 'Bye! I don’t know, goodbye.';
    expect(
      splitMatches(text, [
        { text: 'bye', tone: 'good' },
        { text: "i don't know", tone: 'bad' },
      ]),
    ).toEqual([
      { text: 'Bye', tone: 'good' },
      { text: '! ' },
      // The original characters are kept, curly apostrophe and all.
      { text: 'I don’t know', tone: 'bad' },
      { text: ', goodbye.' },
    ]);
  });

  it('keeps the first of overlapping matches, the longer at the same start, a problem over a find', () => {
    expect(
      splitMatches('不归我管', [
        { text: '我管', tone: 'good' },
        { text: '不归我管', tone: 'bad' },
      ]),
    ).toEqual([{ text: '不归我管', tone: 'bad' }]);
    expect(
      splitMatches('不行', [
        { text: '不行', tone: 'good' },
        { text: '不行', tone: 'bad' },
      ]),
    ).toEqual([{ text: '不行', tone: 'bad' }]);
  });

  it('treats phrases as text, not patterns, and leaves a line without matches whole', () => {
    expect(splitMatches('a.b axb', [{ text: 'a.b', tone: 'bad' }])).toEqual([{ text: 'a.b', tone: 'bad' }, { text: ' axb' }]);
    expect(splitMatches('没有匹配', [{ text: '', tone: 'bad' }])).toEqual([{ text: '没有匹配' }]);
    expect(splitMatches('', [{ text: '您', tone: 'good' }])).toEqual([{ text: '' }]);
  });
});
