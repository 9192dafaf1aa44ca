import { describe, expect, it } from 'vitest';
import { evidenceRegions } from './player';

describe('evidenceRegions', () => {
  it('shades each evidence stretch once, as a problem when any failed check points at it, by start', () => {
    expect(
      evidenceRegions([
        {
          ruleId: 'please_count',
          passed: true,
          evidence: [
            { startS: 30, endS: 33 },
            { startS: 1, endS: 4 },
          ],
        },
        { ruleId: 'forbidden_phrase', passed: false, evidence: [{ startS: 30, endS: 33 }] },
        { ruleId: 'identity_question', passed: false, evidence: [] },
      ]),
    ).toEqual([
      { id: 'evidence-1-4', startS: 1, endS: 4, tone: 'good' },
      { id: 'evidence-30-33', startS: 30, endS: 33, tone: 'bad' },
    ]);
  });
});
