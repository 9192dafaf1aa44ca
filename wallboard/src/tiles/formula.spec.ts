import type { Figures } from '@callboard/api/wire';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../i18n';
import { formulaFor, formulaText } from './formula';

const en = createAppI18n('en').global.t;
const zh = createAppI18n('zh-CN').global.t;

/** A day of one queue: 1,000 offered, 896 answered, 103 abandoned (20 short), 1 still waiting. */
const today: Figures = {
  offered: 1000,
  answered: 896,
  answeredInThreshold: 846,
  abandoned: 103,
  shortAbandoned: 20,
  abandonedInThreshold: 30,
  timedOut: 0,
  transferredOut: 0,
  handled: 850,
  threeRingRate: 846 / 979,
  slAnsweredOnly: 846 / 896,
  slAbandonNeutral: 876 / 999,
  asaS: 7560 / 896,
  abandonRate: 83 / 980,
  ahtS: 180_000 / 850,
  occupancy: 20_000 / 25_000,
  answeredWaitS: 7560,
  handleS: 180_000,
  busyS: 20_000,
  availableS: 5000,
};

describe('formulaFor', () => {
  it('fills the three-ring rate definition with the counts, term by term', () => {
    const formula = formulaFor('threeRingRate', today);
    expect(formula.numerator).toEqual([{ term: 'answeredInThreshold', sign: 1, value: 846, unit: 'count' }]);
    expect(formula.denominator.map((t) => [t.term, t.sign, t.value])).toEqual([
      ['answered', 1, 896],
      ['abandoned', 1, 103],
      ['shortAbandoned', -1, 20],
      ['timedOut', 1, 0],
    ]);
    expect(formula.value).toBe(846 / 979); // 896 + 103 − 20 + 0 = 979
    expect(formula.unit).toBe('rate');
  });

  it('gives the same value as the server’s figure for every metric', () => {
    for (const metric of ['threeRingRate', 'slAnsweredOnly', 'slAbandonNeutral', 'asaS', 'abandonRate', 'ahtS', 'occupancy'] as const) {
      expect(formulaFor(metric, today).value).toBeCloseTo(today[metric]!, 12);
    }
  });

  it('has no value when the denominator is 0', () => {
    const none = formulaFor('threeRingRate', { answeredInThreshold: 0, answered: 0, abandoned: 3, shortAbandoned: 3, timedOut: 0 });
    expect(none.value).toBeNull();
    expect(formulaFor('asaS', { answeredWaitS: 0, answered: 0 }).value).toBeNull();
  });
});

describe('formulaText', () => {
  it('writes the three-ring rate out in words and numbers', () => {
    expect(formulaText(formulaFor('threeRingRate', today), en, 'en')).toBe(
      'answered within three rings ÷ (answered + abandoned − short abandoned + timed out) = 846 ÷ (896 + 103 − 20 + 0) = 86.4%',
    );
  });

  it('writes the two other service-level variants', () => {
    // 846 ÷ 896 = 0.94420
    expect(formulaText(formulaFor('slAnsweredOnly', today), en, 'en')).toBe('answered within three rings ÷ answered = 846 ÷ 896 = 94.4%');
    // (846 + 30) ÷ (896 + 103) = 876 ÷ 999 = 0.87688
    expect(formulaText(formulaFor('slAbandonNeutral', today), en, 'en')).toBe(
      '(answered within three rings + abandoned within three rings) ÷ (answered + abandoned) = (846 + 30) ÷ (896 + 103) = 87.7%',
    );
  });

  it('writes ASA, abandon rate, AHT and occupancy with their units', () => {
    // 7,560 s ÷ 896 = 8.4375 s
    expect(formulaText(formulaFor('asaS', today), en, 'en')).toBe('wait of answered calls ÷ answered = 7,560s ÷ 896 = 8.4s');
    // (103 − 20) ÷ (1,000 − 20) = 83 ÷ 980 = 0.08469
    expect(formulaText(formulaFor('abandonRate', today), en, 'en')).toBe(
      '(abandoned − short abandoned) ÷ (offered − short abandoned) = (103 − 20) ÷ (1,000 − 20) = 8.5%',
    );
    // 180,000 s ÷ 850 = 211.76 s
    expect(formulaText(formulaFor('ahtS', today), en, 'en')).toBe(
      'handle time (talk + hold + wrap-up) ÷ handled = 180,000s ÷ 850 = 211.8s',
    );
    // 20,000 s ÷ 25,000 s = 0.8
    expect(formulaText(formulaFor('occupancy', today), en, 'en')).toBe(
      'time on call or wrap-up ÷ (time on call or wrap-up + available time) = 20,000s ÷ (20,000s + 5,000s) = 80.0%',
    );
  });

  it('shows a dash for a rate without denominator', () => {
    const empty = { answeredInThreshold: 0, answered: 0, abandoned: 0, shortAbandoned: 0, timedOut: 0 };
    expect(formulaText(formulaFor('threeRingRate', empty), en, 'en')).toBe(
      'answered within three rings ÷ (answered + abandoned − short abandoned + timed out) = 0 ÷ (0 + 0 − 0 + 0) = —',
    );
  });

  it('speaks Chinese with full-width brackets', () => {
    expect(formulaText(formulaFor('threeRingRate', today), zh, 'zh-CN')).toBe(
      '三声内接听 ÷ （接听 + 放弃 − 短时放弃 + 超时） = 846 ÷ （896 + 103 − 20 + 0） = 86.4%',
    );
  });
});
