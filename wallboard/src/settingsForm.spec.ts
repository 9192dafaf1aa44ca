import { describe, expect, it } from 'vitest';
import { draftFrom, limitDraftsFrom, limitsRequestFrom, queueRequestFrom, thresholdOf, toPercent } from './settingsForm';

const rules = { rings: 3, ringCycleS: 5, slThresholdS: 15, shortAbandonS: 5, slTarget: 0.85, asaTargetS: null, abandonTarget: 0.05 };

describe('queue rules form', () => {
  it('shows targets as percentages and an unset target as an empty field', () => {
    expect(draftFrom(rules)).toEqual({ rings: 3, ringCycleS: 5, shortAbandonS: 5, slTargetPct: 85, asaTargetS: '', abandonTargetPct: 5 });
    expect(toPercent(0.0525)).toBe(5.3);
  });

  it('derives the threshold from rings × ring cycle while both are filled in', () => {
    expect(thresholdOf({ rings: 2, ringCycleS: 6 })).toBe(12);
    expect(thresholdOf({ rings: '', ringCycleS: 6 })).toBeNull();
  });

  it('sends fractions, and null for a target left empty', () => {
    const draft = { rings: 2, ringCycleS: 5, shortAbandonS: 3, slTargetPct: 90, asaTargetS: '' as const, abandonTargetPct: 4.5 };
    expect(queueRequestFrom(draft)).toEqual({
      ok: true,
      request: { rings: 2, ringCycleS: 5, shortAbandonS: 3, slTarget: 0.9, asaTargetS: null, abandonTarget: 0.045 },
    });
  });

  it('refuses what the server would, per field, in the units typed', () => {
    const draft = {
      rings: 2.5,
      ringCycleS: '' as const,
      shortAbandonS: 61,
      slTargetPct: 101,
      asaTargetS: 0,
      abandonTargetPct: '' as const,
    };
    expect(queueRequestFrom(draft)).toEqual({
      ok: false,
      problems: {
        rings: { kind: 'whole' },
        ringCycleS: { kind: 'required' },
        shortAbandonS: { kind: 'range', min: 0, max: 60 },
        slTarget: { kind: 'range', min: 0, max: 100 },
        asaTargetS: { kind: 'range', min: 1, max: 3600 },
      },
    });
  });
});

describe('not-ready limits form', () => {
  const stored = [
    { reason: 'break', limitS: 900, effectiveFrom: null },
    { reason: 'training', limitS: null, effectiveFrom: '2025-03-04T02:00:00.000Z' },
  ];

  it('shows limits in minutes and no limit as an empty field', () => {
    expect(limitDraftsFrom(stored)).toEqual([
      { reason: 'break', minutes: 15, storedS: 900 },
      { reason: 'training', minutes: '', storedS: null },
    ]);
  });

  it('sends only the reasons that changed, in seconds, null for no limit', () => {
    const drafts = limitDraftsFrom(stored);
    expect(limitsRequestFrom(drafts)).toEqual({ ok: true, request: null });
    drafts[0]!.minutes = 20;
    drafts.push({ reason: 'personal', minutes: '' });
    expect(limitsRequestFrom(drafts)).toEqual({
      ok: true,
      request: {
        limits: [
          { reason: 'break', limitS: 1200 },
          { reason: 'personal', limitS: null },
        ],
      },
    });
  });

  it('refuses a limit under a minute or over a day, by row', () => {
    const drafts = limitDraftsFrom(stored);
    drafts[0]!.minutes = 0.5;
    drafts[1]!.minutes = 1441;
    expect(limitsRequestFrom(drafts)).toEqual({
      ok: false,
      problems: { 0: { kind: 'range', min: 1, max: 1440 }, 1: { kind: 'range', min: 1, max: 1440 } },
    });
  });
});
