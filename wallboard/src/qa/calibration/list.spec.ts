import { describe, expect, it } from 'vitest';
import { LEAD, listEntry, REVIEWER_A, REVIEWER_B } from './calibration.fixture';
import { calibrationRows, ownState, participantsOf } from './list';

describe('calibrationRows', () => {
  it('counts the lead among those who score and names who is still awaited, in invitation order', () => {
    const [row] = calibrationRows([listEntry({ submitted: [REVIEWER_A] })], REVIEWER_B);
    expect(row!.participants).toEqual([LEAD, REVIEWER_B, REVIEWER_A]);
    expect([row!.scored, row!.participants.length]).toEqual([1, 3]);
    expect(row!.waitingFor).toEqual([LEAD, REVIEWER_B]);
    expect(row!.own).toBe('toScore');
  });

  it('bands the overall kappa of a complete session only', () => {
    const rows = calibrationRows(
      [
        listEntry({ id: 'done', submitted: [LEAD, REVIEWER_A, REVIEWER_B], complete: true, kappa: 0.45 }),
        listEntry({ id: 'open', submitted: [LEAD], kappa: 0.9 }),
      ],
      LEAD,
    );
    expect(rows.map((r) => [r.id, r.kappa, r.band, r.waitingFor, r.own])).toEqual([
      ['done', 0.45, 'moderate', [], 'scored'],
      ['open', null, null, [REVIEWER_B, REVIEWER_A], 'scored'],
    ]);
  });

  it('lists the newest first, undated sessions last, then by id', () => {
    const rows = calibrationRows(
      [
        listEntry({ id: 'b', createdAt: '2025-03-03T09:00:00.000Z' }),
        listEntry({ id: 'undated', createdAt: undefined }),
        listEntry({ id: 'c', createdAt: '2025-03-04T01:00:00.000Z' }),
        listEntry({ id: 'a', createdAt: '2025-03-03T09:00:00.000Z' }),
        // The same instant as c, written with an offset.
        listEntry({ id: 'c0', createdAt: '2025-03-04T09:00:00.000+08:00' }),
      ],
      null,
    );
    expect(rows.map((r) => r.id)).toEqual(['c', 'c0', 'a', 'b', 'undated']);
  });
});

describe('ownState', () => {
  it('is not in a session the caller neither leads nor scores in', () => {
    expect(ownState(listEntry(), 'u-admin')).toBe('notIn');
    expect(ownState(listEntry(), null)).toBe('notIn');
  });

  it('counts a reviewer invited twice once', () => {
    expect(participantsOf({ leadId: LEAD, reviewers: [REVIEWER_A, REVIEWER_A] })).toEqual([LEAD, REVIEWER_A]);
  });
});
