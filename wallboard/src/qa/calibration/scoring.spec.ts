import { describe, expect, it } from 'vitest';
import { calibrationForm } from './calibration.fixture';
import { unansweredItems } from './scoring';

describe('unansweredItems', () => {
  it('lists every item without an answer, in the form’s order', () => {
    expect(unansweredItems(calibrationForm, [])).toEqual(['greet', 'tone', 'close']);
    expect(unansweredItems(calibrationForm, [{ itemId: 'close', value: true }])).toEqual(['greet', 'tone']);
  });

  it('takes N/A only where the item allows it', () => {
    expect(
      unansweredItems(calibrationForm, [
        { itemId: 'greet', value: 'na' },
        { itemId: 'tone', value: 'na' },
        { itemId: 'close', value: 'na' },
      ]),
    ).toEqual(['greet']);
  });

  it('refuses points outside 0…max and a yes/no answer given as points', () => {
    expect(
      unansweredItems(calibrationForm, [
        { itemId: 'greet', value: 1 },
        { itemId: 'tone', value: 5 },
        { itemId: 'close', value: false },
      ]),
    ).toEqual(['greet', 'tone']);
    expect(unansweredItems(calibrationForm, [{ itemId: 'tone', value: 2.5 }])).toContain('tone');
  });

  it('is empty once every item is answered', () => {
    expect(
      unansweredItems(calibrationForm, [
        { itemId: 'greet', value: false },
        { itemId: 'tone', value: 0 },
        { itemId: 'close', value: true, comment: 'said goodbye', atS: 182.5 },
      ]),
    ).toEqual([]);
  });
});
