import { CONTINUOUS_AGGREGATES } from '@callboard/db';
import { describe, expect, it } from 'vitest';
import { TREND_SOURCES } from './trends.constants.js';

describe('TREND_SOURCES', () => {
  it('names every continuous aggregate of calls, and the calls themselves', () => {
    // The wire's list is kept free of the database package (the wallboard imports it): this holds the two together.
    expect([...TREND_SOURCES].sort()).toEqual([...CONTINUOUS_AGGREGATES, 'calls'].sort());
  });
});
