import { describe, expect, it } from 'vitest';
import { buildRoster, SHIFTS } from './roster.js';

const QUEUES = ['general', 'billing', 'support'];
const roster = buildRoster(7, 24, QUEUES);
const worksOn = (day: number) => roster.filter((a) => !a.daysOff.includes(day));

describe('buildRoster', () => {
  it('gives 24 agents distinct ids and distinct Chinese names', () => {
    expect(roster.map((a) => a.agentId)).toEqual(Array.from({ length: 24 }, (_, i) => `agent-${String(i + 1).padStart(2, '0')}`));
    expect(new Set(roster.map((a) => a.name)).size).toBe(24);
    for (const a of roster) expect(a.name).toMatch(/^\p{Script=Han}{2,3}$/u);
  });

  it('depends on the seed only', () => {
    expect(buildRoster(7, 24, QUEUES)).toEqual(roster);
    expect(buildRoster(8, 24, QUEUES).map((a) => a.name)).not.toEqual(roster.map((a) => a.name));
  });

  it('puts three agents on nights and deals the other 21 round four day shifts', () => {
    const count = (name: string) => roster.filter((a) => a.shift.name === name).length;
    expect(count(SHIFTS.night.name)).toBe(3); // 24 / 8
    expect([count('late'), count('early'), count('day'), count('mid')]).toEqual([6, 5, 5, 5]);
  });

  it('gives everyone the general queue and staffs every queue on every shift', () => {
    for (const a of roster) expect(a.skills).toContain('general');
    for (const shift of Object.values(SHIFTS)) {
      const onShift = roster.filter((a) => a.shift.name === shift.name);
      for (const q of QUEUES)
        expect(
          onShift.some((a) => a.skills.includes(q)),
          `${shift.name}/${q}`,
        ).toBe(true);
      // The first agent of every shift is a senior who takes every queue.
      expect(onShift.find((a) => a.shiftSlot === 0)?.skills).toEqual(QUEUES);
    }
  });

  it('forms three teams', () => {
    expect(new Set(roster.map((a) => a.team))).toEqual(new Set(['team-a', 'team-b', 'team-c']));
  });

  it('covers every night with two of the three night agents, and staffs weekends lighter than weekdays', () => {
    for (let day = 1; day <= 7; day++) {
      expect(worksOn(day).filter((a) => a.shift.name === 'night').length).toBeGreaterThanOrEqual(2);
    }
    // 21 day agents: 13 work Monday–Friday; the 8 on the weekend rota take two weekdays off each,
    // dealt from the cycle (Thu,Fri) (Tue,Wed) (Fri,Mon) (Mon,Tue) (Wed,Thu): 3 of them off Monday–Thursday, 4 on Friday.
    const weekday = [1, 2, 3, 4, 5].map((day) => worksOn(day).filter((a) => a.shift.name !== 'night').length);
    expect(weekday).toEqual([18, 18, 18, 18, 17]);
    expect(worksOn(6).filter((a) => a.shift.name !== 'night')).toHaveLength(8);
    expect(worksOn(7).filter((a) => a.shift.name !== 'night')).toHaveLength(8);
  });

  it('gives everyone two days off a week, or none for a lone night agent', () => {
    for (const a of roster) expect(a.daysOff).toHaveLength(2);
    const small = buildRoster(1, 6, QUEUES);
    expect(small.filter((a) => a.shift.name === 'night').map((a) => a.daysOff)).toEqual([[]]);
  });

  it('handles a single queue and an empty roster', () => {
    expect(buildRoster(1, 5, ['hotline']).every((a) => a.skills.join() === 'hotline')).toBe(true);
    expect(buildRoster(1, 0, QUEUES)).toEqual([]);
    expect(() => buildRoster(1, 2.5, QUEUES)).toThrow(RangeError);
  });
});
