import { describe, expect, it } from 'vitest';
import { DISPUTE_REASON_MAX, reasonProblem } from './disputeReason';

describe('reasonProblem', () => {
  it('wants a reason that is not blank', () => {
    expect(reasonProblem('')).toBe('required');
    expect(reasonProblem('   \n')).toBe('required');
    expect(reasonProblem('The customer asked me not to repeat the notice')).toBeNull();
  });

  it('takes 2,000 characters after trimming and refuses 2,001', () => {
    expect(DISPUTE_REASON_MAX).toBe(2000);
    expect(reasonProblem(` ${'x'.repeat(2000)} `)).toBeNull();
    expect(reasonProblem('x'.repeat(2001))).toBe('tooLong');
  });
});
