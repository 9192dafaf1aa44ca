import type { LiveQueueRules } from '@callboard/api/wire';
import { describe, expect, it } from 'vitest';
import {
  ceilingThresholds,
  defaultThresholds,
  floorThresholds,
  parseSavedTileThresholds,
  resolveThresholds,
  tileLevel,
} from './thresholds';

const rules = (over: Partial<LiveQueueRules> = {}): LiveQueueRules => ({
  rings: 3,
  ringCycleS: 5,
  slThresholdS: 15,
  shortAbandonS: 5,
  slTarget: 0.8,
  asaTargetS: null,
  abandonTarget: null,
  ...over,
});

describe('tileLevel', () => {
  const threeRing = floorThresholds(0.8);

  it('has no level without a value or without thresholds', () => {
    expect(tileLevel(null, threeRing)).toBe('none');
    expect(tileLevel(undefined, threeRing)).toBe('none');
    expect(tileLevel(Number.NaN, threeRing)).toBe('none');
    expect(tileLevel(0.9, null)).toBe('none');
  });

  it('counts a three-ring rate that meets its target exactly as ok', () => {
    expect(tileLevel(0.8, threeRing)).toBe('ok');
    expect(tileLevel(846 / 979, threeRing)).toBe('ok'); // 86.4 %
  });

  it('warns down to five points below the target, and is bad under that', () => {
    expect(tileLevel(0.7999, threeRing)).toBe('warn');
    expect(tileLevel(3 / 4, threeRing)).toBe('warn'); // exactly 75 %
    expect(tileLevel(0.7499, threeRing)).toBe('bad');
  });

  it('keeps float noise out of the edges: 80 % is on the warn edge of an 85 % target', () => {
    // 0.85 − 0.05 is 0.7999999999999999 in floating point; 4/5 must not be bad.
    expect(tileLevel(4 / 5, floorThresholds(0.85))).toBe('warn');
    expect(tileLevel(0.85, floorThresholds(0.85))).toBe('ok');
  });

  it('marks a longest wait at risk from 80 % of the threshold and bad only past it (SPEC §4)', () => {
    const wait = defaultThresholds('longestWaitS', rules())!;
    expect(wait).toEqual({ green: 12, amber: 12, red: 15, higherIsBetter: false });
    expect(tileLevel(11.9, wait)).toBe('ok');
    expect(tileLevel(12, wait)).toBe('warn');
    expect(tileLevel(15, wait)).toBe('warn'); // answered at 15 s is still within three rings
    expect(tileLevel(15.001, wait)).toBe('bad');
  });

  it('follows a longer threshold when a queue rings more', () => {
    const wait = defaultThresholds('longestWaitS', rules({ rings: 4, slThresholdS: 20 }))!;
    expect(tileLevel(15, wait)).toBe('ok');
    expect(tileLevel(16, wait)).toBe('warn');
  });
});

describe('defaultThresholds', () => {
  it('takes the three-ring rate target of the queue', () => {
    expect(defaultThresholds('threeRingRate', rules({ slTarget: 0.9 }))).toEqual({
      green: 0.9,
      amber: 0.85,
      red: 0.85,
      higherIsBetter: true,
    });
  });

  it('colours the abandon rate only when the queue has a ceiling for it', () => {
    expect(defaultThresholds('abandonRate', rules())).toBeNull();
    const abandon = defaultThresholds('abandonRate', rules({ abandonTarget: 0.05 }))!;
    expect(tileLevel(0.039, abandon)).toBe('ok');
    expect(tileLevel(0.04, abandon)).toBe('warn'); // 80 % of 5 %
    expect(tileLevel(0.05, abandon)).toBe('warn');
    expect(tileLevel(0.051, abandon)).toBe('bad');
  });

  it('colours ASA only when the queue has a target for it', () => {
    expect(defaultThresholds('asaS', rules())).toBeNull();
    const asa = defaultThresholds('asaS', rules({ asaTargetS: 20 }))!;
    expect(tileLevel(15.9, asa)).toBe('ok');
    expect(tileLevel(16, asa)).toBe('warn');
    expect(tileLevel(20.5, asa)).toBe('bad');
  });

  it('leaves figures without a configured target uncoloured', () => {
    for (const metric of ['slAnsweredOnly', 'slAbandonNeutral', 'ahtS', 'occupancy', 'waiting', 'offered'] as const) {
      expect(defaultThresholds(metric, rules())).toBeNull();
    }
  });
});

describe('ceilingThresholds', () => {
  it('starts the warning at 80 % of the limit', () => {
    expect(ceilingThresholds(30)).toEqual({ green: 24, amber: 24, red: 30, higherIsBetter: false });
  });
});

describe('resolveThresholds', () => {
  it('is the default without an override', () => {
    expect(resolveThresholds('threeRingRate', rules())).toEqual(floorThresholds(0.8));
  });

  it('replaces only the edges the user saved', () => {
    expect(resolveThresholds('threeRingRate', rules(), { green: 0.9 })).toEqual({
      green: 0.9,
      amber: 0.75,
      red: 0.75,
      higherIsBetter: true,
    });
  });

  it('turns colouring off', () => {
    expect(resolveThresholds('threeRingRate', rules(), { off: true, green: 0.9 })).toBeNull();
  });

  it('colours a tile without a default when the user gives all three edges', () => {
    const aht = resolveThresholds('ahtS', rules(), { green: 240, amber: 240, red: 300 });
    expect(aht).toEqual({ green: 240, amber: 240, red: 300, higherIsBetter: false });
    expect(tileLevel(250, aht)).toBe('warn');
    expect(resolveThresholds('ahtS', rules(), { red: 300 })).toBeNull();
  });
});

describe('parseSavedTileThresholds', () => {
  it('keeps the valid overrides and drops the rest', () => {
    expect(
      parseSavedTileThresholds({
        version: 1,
        tiles: {
          threeRingRate: { green: 0.85, amber: 'x', red: Number.POSITIVE_INFINITY },
          longestWaitS: { off: true },
          nonsense: { green: 1 },
          asaS: { green: null },
          ahtS: 'fast',
        },
      }),
    ).toEqual({ version: 1, tiles: { threeRingRate: { green: 0.85 }, longestWaitS: { off: true } } });
  });

  it('reads anything else as no overrides', () => {
    const none = { version: 1, tiles: {} };
    expect(parseSavedTileThresholds(null)).toEqual(none);
    expect(parseSavedTileThresholds('{}')).toEqual(none);
    expect(parseSavedTileThresholds({ version: 2, tiles: { threeRingRate: { green: 0.9 } } })).toEqual(none);
  });
});
