import { describe, expect, it } from 'vitest';
import { answerForKey, scalePoints } from './keys';
import { formItems } from './answers';
import { formFixture } from './formFixture';

const item = (id: string) => formItems(formFixture()).find((i) => i.id === id)!;
const greeting = item('greeting'); // yes/no, no N/A
const identity = item('identity'); // yes/no, N/A allowed
const polite = item('polite'); // scale 0–4

describe('answerForKey', () => {
  it('answers yes/no with Y and N, either case', () => {
    expect(answerForKey(greeting, 'y')).toBe(true);
    expect(answerForKey(greeting, 'N')).toBe(false);
    expect(answerForKey(greeting, '1')).toBeNull();
  });

  it('gives N/A with A only where the item allows it', () => {
    expect(answerForKey(identity, 'a')).toBe('na');
    expect(answerForKey(greeting, 'a')).toBeNull();
  });

  it('gives a scale the points of a digit up to its max', () => {
    expect(answerForKey(polite, '0')).toBe(0);
    expect(answerForKey(polite, '4')).toBe(4);
    expect(answerForKey(polite, '5')).toBeNull();
    expect(answerForKey(polite, 'y')).toBeNull();
  });

  it('offers 0..max on a scale', () => {
    expect(scalePoints(4)).toEqual([0, 1, 2, 3, 4]);
  });
});
