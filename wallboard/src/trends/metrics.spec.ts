import { describe, expect, it } from 'vitest';
import { TREND_METRICS } from '../api/trends';
import { createAppI18n } from '../i18n';
import { METRICS, formulaTerms, isCountMetric, metricFormula } from './metrics';

const en = createAppI18n('en').global.t;
const zh = createAppI18n('zh-CN').global.t;

describe('metrics', () => {
  it('draws counts as bars and the rest as lines', () => {
    expect(TREND_METRICS.filter(isCountMetric)).toEqual(['offered', 'answered', 'abandoned', 'breaches']);
  });

  it('lists a formula’s terms once each, numerator first', () => {
    expect(formulaTerms('threeRingRate')).toEqual(['answeredInThreshold', 'answered', 'abandoned', 'shortAbandoned', 'timedOut']);
    expect(formulaTerms('abandonRate')).toEqual(['abandoned', 'shortAbandoned', 'offered']);
    expect(formulaTerms('occupancy')).toEqual(['busyS', 'availableS']);
  });

  it('states the formula of a computed metric in the reader’s language, none for a count', () => {
    expect(metricFormula('asa', en)).toBe('Formula: wait of answered calls ÷ answered');
    expect(metricFormula('offered', en)).toBe('');
    expect(metricFormula('threeRingRate', zh).startsWith('公式：')).toBe(true);
    expect(Object.keys(METRICS)).toEqual([...TREND_METRICS]);
  });
});
