import { describe, expect, it } from 'vitest';
import { ALL_VIEW } from '../stores/wallboardPrefs';
import { boardOptions, drillQueue, subscriptionOf, viewOnScreen, withKnown } from './view';

const billing = { queue: 'billing', team: null };
const east = { queue: null, team: 'east' };

describe('boardOptions', () => {
  it('takes a person’s options from the address only', () => {
    expect(boardOptions({}, false, () => ({ tv: '1' }))).toEqual({ tv: false, rotate: [], everyS: 30 });
    expect(boardOptions({ tv: '1', rotate: 'billing', every: '15' }, false, () => ({}))).toEqual({
      tv: true,
      rotate: [billing],
      everyS: 15,
    });
  });

  it('keeps a wall display in TV mode, with its link’s options after a reload at /', () => {
    expect(boardOptions({}, true, () => ({ tv: '1', rotate: 'billing,team:east', every: '20' }))).toEqual({
      tv: true,
      rotate: [billing, east],
      everyS: 20,
    });
    // A rotation in the address wins over the saved one.
    expect(boardOptions({ rotate: '*' }, true, () => ({ rotate: 'billing' })).rotate).toEqual([ALL_VIEW]);
  });
});

describe('viewOnScreen', () => {
  it('shows the rotation’s scope, wrapping round, else everything on a display, else the person’s choice', () => {
    expect(viewOnScreen([billing, east], 1, false, ALL_VIEW)).toEqual(east);
    expect(viewOnScreen([billing, east], 2, true, ALL_VIEW)).toEqual(billing);
    expect(viewOnScreen([], 0, true, billing)).toEqual(ALL_VIEW);
    expect(viewOnScreen([], 0, false, billing)).toEqual(billing);
  });
});

describe('subscriptionOf', () => {
  it('asks only for the queue and team chosen; everything is an empty request', () => {
    expect(subscriptionOf(ALL_VIEW)).toEqual({});
    expect(subscriptionOf(billing)).toEqual({ queues: ['billing'] });
    expect(subscriptionOf({ queue: 'billing', team: 'east' })).toEqual({ queues: ['billing'], teams: ['east'] });
  });
});

describe('drillQueue', () => {
  it('lists the chosen queue, or the only one in the scope, or all of them', () => {
    expect(drillQueue(billing, [{ queue: 'billing' }, { queue: 'sales' }])).toBe('billing');
    expect(drillQueue(east, [{ queue: 'sales' }])).toBe('sales');
    expect(drillQueue(east, [{ queue: 'billing' }, { queue: 'sales' }])).toBeNull();
  });
});

describe('withKnown', () => {
  const compare = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;

  it('adds new names in order, numbers by value, without blanks', () => {
    expect(withKnown(['queue 2'], ['queue 10', null, 'Billing', 'queue 2'], compare)).toEqual(['Billing', 'queue 2', 'queue 10']);
  });

  it('returns the same list when nothing is new', () => {
    const known = ['billing', 'sales'];
    expect(withKnown(known, ['sales', null], compare)).toBe(known);
  });
});
