import { describe, expect, it } from 'vitest';
import { fixed1, itemIndex, round1, summaryRows, weekLabel, type RowNames } from './rows';

const names: RowNames = {
  agentName: (id) => ({ 'A-2': 'Li Lei' })[id] ?? id,
  noTeam: 'No team',
  itemName: (id) => ({ greet: 'Greets the caller', verify: 'Verifies identity' })[id],
  itemOrder: (id) => ({ greet: 0, verify: 1 })[id],
  weekLabel: (monday) => `week ${monday}`,
};

/*
 * Scores 80, 90 and 95: mean 88.333…; squared deviations 69.44 + 2.78 + 44.44
 * = 116.67, variance 116.67 / 2 = 58.33, sd 7.638, standard error 7.638 / √3 =
 * 4.410; t(0.975, 2 df) = 4.303, so the margin is 18.97.
 */
const MEAN = 265 / 3;
const MARGIN = 4.302653 * (Math.sqrt(350 / 6) / Math.sqrt(3));

describe('summaryRows by agent', () => {
  const rows = summaryRows(
    {
      groupBy: 'agent',
      rows: [
        { key: 'A-1', label: 'Wang Fang', n: 3, mean: MEAN, marginOfError: MARGIN },
        { key: 'A-2', label: null, n: 1, mean: 92, marginOfError: null },
        { key: 'A-3', n: 4, mean: MEAN, marginOfError: 2 },
        { key: 'A-4', n: 0, mean: null, marginOfError: null },
      ],
    },
    names,
  );

  it('puts the best mean first, more scores first on a tie, and rows without a mean last', () => {
    expect(rows.map((r) => r.key)).toEqual(['A-2', 'A-3', 'A-1', 'A-4']);
  });

  it('names agents by the server’s label, else by the people list, else by id', () => {
    expect(rows.map((r) => r.label)).toEqual(['Li Lei', 'A-3', 'Wang Fang', 'A-4']);
  });

  it('gives the interval’s ends as mean ∓ margin, and none below two scores', () => {
    const wang = rows[2]!;
    expect(MARGIN).toBeCloseTo(18.97, 2);
    expect(wang.low).toBeCloseTo(88.333 - 18.973, 2);
    expect(wang.high).toBeCloseTo(88.333 + 18.973, 2);
    const li = rows[0]!;
    expect([li.margin, li.low, li.high]).toEqual([null, null, null]);
  });
});

describe('summaryRows by team, item and week', () => {
  it('calls the team of agents without one by name', () => {
    const rows = summaryRows({ groupBy: 'team', rows: [{ key: '', n: 2, mean: 70, marginOfError: 5 }] }, names);
    expect(rows[0]!.label).toBe('No team');
  });

  it('lists items in checklist order, ones no form has any more last by id, with their pass rates', () => {
    const rows = summaryRows(
      {
        groupBy: 'item',
        rows: [
          { key: 'old', n: 2, mean: 50, marginOfError: null, passRate: 0.5 },
          { key: 'verify', n: 4, mean: 75, marginOfError: 10, passRate: 0.75 },
          { key: 'greet', n: 4, mean: 100, marginOfError: 0, passRate: 1 },
        ],
      },
      names,
    );
    expect(rows.map((r) => [r.key, r.label, r.passRate])).toEqual([
      ['greet', 'Greets the caller', 1],
      ['verify', 'Verifies identity', 0.75],
      ['old', 'old', 0.5],
    ]);
  });

  it('lists weeks in time order', () => {
    const rows = summaryRows(
      {
        groupBy: 'week',
        rows: [
          { key: '2026-11-30', n: 2, mean: 80, marginOfError: 4 },
          { key: '2026-11-23', n: 3, mean: 85, marginOfError: 3 },
        ],
      },
      names,
    );
    expect(rows.map((r) => r.label)).toEqual(['week 2026-11-23', 'week 2026-11-30']);
    expect(rows.map((r) => r.passRate)).toEqual([null, null]);
  });
});

describe('figures as shown', () => {
  it('rounds to one decimal, half up, and writes a dash for none', () => {
    expect(round1(86.45)).toBe(86.5);
    expect(fixed1(86.44)).toBe('86.4');
    expect(fixed1(70)).toBe('70.0');
    expect(fixed1(null)).toBe('—');
  });

  it('labels a week by its Monday in the reader’s language', () => {
    expect(weekLabel('2026-11-30', 'en')).toBe('Nov 30');
    expect(weekLabel('2026-11-30', 'zh-CN')).toBe('11月30日');
    expect(weekLabel('2025-12-29', 'en', true)).toBe('Dec 29, 2025');
  });

  it('names items in the reader’s language, the first form listing an item deciding its place', () => {
    const text = (en: string, zh: string) => ({ en, 'zh-CN': zh });
    const forms = [
      { sections: [{ items: [{ id: 'greet', text: text('Greets', '问候') }] }, { items: [{ id: 'close', text: text('', '结束语') }] }] },
      { sections: [{ items: [{ id: 'greet', text: text('Other', '其他') }] }] },
    ];
    expect([...itemIndex(forms, 'en')]).toEqual([
      ['greet', { name: 'Greets', order: 0 }],
      ['close', { name: '结束语', order: 1 }],
    ]);
    expect(itemIndex(forms, 'zh-CN').get('greet')!.name).toBe('问候');
  });
});
