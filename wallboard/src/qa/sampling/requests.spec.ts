import { describe, expect, it } from 'vitest';
import { addDays, dayInZone, daysCovered, isDay, lastWeek } from './days';
import { defaultQuotaInputs, planRequest, runRequest, type PlanInput, type RunInput } from './requests';

const plan = (over: Partial<PlanInput> = {}): PlanInput => ({
  name: ' Weekly east ',
  perAgent: '4',
  quotas: { complaint: '2', dissatisfied: '1', long_handle: '0', transferred: '1' },
  reviewers: ['u-rui', 'u-lei'],
  formId: 'etiquette',
  ...over,
});

const run = (over: Partial<RunInput> = {}): RunInput => ({
  from: '2026-11-30',
  to: '2026-12-06',
  perAgent: '5',
  seed: '',
  quotas: defaultQuotaInputs(),
  reviewers: [],
  formId: 'etiquette',
  ...over,
});

describe('planRequest', () => {
  it('turns the inputs into the POST body, name trimmed and numbers parsed', () => {
    expect(planRequest(plan())).toEqual({
      ok: true,
      body: {
        name: 'Weekly east',
        perAgent: 4,
        quotas: { complaint: 2, dissatisfied: 1, long_handle: 0, transferred: 1 },
        reviewers: ['u-rui', 'u-lei'],
        formId: 'etiquette',
      },
    });
  });

  it('sends null reviewers when none is chosen: every active reviewer', () => {
    const checked = planRequest(plan({ reviewers: [] }));
    expect(checked.ok && checked.body.reviewers).toBeNull();
  });

  it('names each bad field with its reason', () => {
    const checked = planRequest(
      plan({ name: '  ', perAgent: '51', quotas: { complaint: '1.5', dissatisfied: '', long_handle: '21', transferred: '0' } }),
    );
    expect(checked).toEqual({
      ok: false,
      errors: {
        name: { key: 'required' },
        perAgent: { key: 'range', params: { min: 1, max: 50 } },
        'quotas.complaint': { key: 'wholeNumber' },
        'quotas.dissatisfied': { key: 'required' },
        'quotas.long_handle': { key: 'range', params: { min: 0, max: 20 } },
      },
    });
  });
});

describe('runRequest', () => {
  it('leaves out an empty seed and reviewers so the server picks them', () => {
    expect(runRequest(run())).toEqual({
      ok: true,
      body: {
        from: '2026-11-30',
        to: '2026-12-06',
        perAgent: 5,
        quotas: { complaint: 1, dissatisfied: 1, long_handle: 1, transferred: 1 },
        formId: 'etiquette',
      },
    });
  });

  it('keeps a seed and chosen reviewers', () => {
    const checked = runRequest(run({ seed: ' week-49 ', reviewers: ['u-rui'] }));
    expect(checked.ok && checked.body.seed).toBe('week-49');
    expect(checked.ok && checked.body.reviewers).toEqual(['u-rui']);
  });

  it('refuses days in the wrong order, a stretch over 93 days and a day that is not one', () => {
    expect(runRequest(run({ from: '2026-12-07', to: '2026-12-06' }))).toEqual({ ok: false, errors: { from: { key: 'fromAfterTo' } } });
    // 1 September to 2 December: 30 + 31 + 30 + 2 = 93 days, the most; to 3 December is 94.
    expect(runRequest(run({ from: '2026-09-01', to: '2026-12-02' })).ok).toBe(true);
    expect(runRequest(run({ from: '2026-09-01', to: '2026-12-03' }))).toEqual({
      ok: false,
      errors: { to: { key: 'tooManyDays', params: { max: 93 } } },
    });
    expect(runRequest(run({ from: '2026-02-30' }))).toEqual({ ok: false, errors: { from: { key: 'day' } } });
  });
});

describe('days', () => {
  it('reads the local day of an instant in the center’s zone', () => {
    // 2026-12-06T17:30Z is 01:30 on Monday 7 December in Shanghai (UTC+8), still Sunday in UTC.
    const instant = Date.parse('2026-12-06T17:30:00Z');
    expect(dayInZone(instant, 'Asia/Shanghai')).toBe('2026-12-07');
    expect(dayInZone(instant, 'UTC')).toBe('2026-12-06');
  });

  it('gives last week Monday to Sunday', () => {
    expect(lastWeek('2026-12-07')).toEqual({ from: '2026-11-30', to: '2026-12-06' }); // a Monday
    expect(lastWeek('2026-12-13')).toEqual({ from: '2026-11-30', to: '2026-12-06' }); // the Sunday after
    expect(lastWeek('2026-12-14')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
  });

  it('counts and adds days across a month end', () => {
    expect(daysCovered('2026-11-30', '2026-12-06')).toBe(7);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
  });
});
