import { describe, expect, it } from 'vitest';
import { agent } from '../testing/live.fixture';
import { agentRows } from './rows';
import { ariaSort, nextSort, rowOrder, type Sort } from './sorting';

const at = (hms: string) => `2026-03-02T${hms}.000+08:00`;
const en = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

const floor = () =>
  agentRows([
    agent('avail-old', { name: 'Avery', state: 'available', since: at('11:00:00'), handledToday: 7 }),
    agent('avail-new', { name: 'Blake', state: 'available', since: at('12:01:00'), handledToday: 2 }),
    agent('call', { name: 'Casey', state: 'on_call', since: at('11:30:00'), handledToday: 7 }),
    agent('break-ok', { name: 'Drew', state: 'not_ready', reason: 'break', since: at('11:55:00') }),
    agent('lunch', { name: 'Emery', state: 'not_ready', reason: 'lunch', since: at('11:40:00') }),
    agent('wrap', { name: 'Finley', state: 'wrap_up', since: at('12:02:00'), handledToday: 3 }),
  ]);

const order = (sort: Sort | null, overruns: string[] = []) =>
  floor()
    .sort(rowOrder(sort, en, new Set(overruns)))
    .map((r) => r.agent.agentId);

describe('rowOrder', () => {
  it('in the supervisor’s order puts overruns first, then goes by state, then by the longest in state', () => {
    expect(order(null, ['lunch'])).toEqual(['lunch', 'avail-old', 'avail-new', 'call', 'wrap', 'break-ok']);
  });

  it('sorts by time in state by start: descending is the earliest start first', () => {
    // Starts: 11:00, 11:30, 11:40, 11:55, 12:01, 12:02.
    expect(order({ column: 'time', direction: 'desc' })).toEqual(['avail-old', 'call', 'lunch', 'break-ok', 'avail-new', 'wrap']);
    expect(order({ column: 'time', direction: 'asc' })).toEqual(['wrap', 'avail-new', 'break-ok', 'lunch', 'call', 'avail-old']);
  });

  it('breaks ties of a column with the supervisor’s order', () => {
    // 7, 7 (available before on call), 3, 2, then the two 0s: lunch since 11:40 before break-ok since 11:55.
    expect(order({ column: 'handled', direction: 'desc' })).toEqual(['avail-old', 'call', 'wrap', 'avail-new', 'lunch', 'break-ok']);
  });

  it('puts agents without a reason last whichever way the reason column goes', () => {
    expect(order({ column: 'reason', direction: 'asc' }).slice(0, 2)).toEqual(['break-ok', 'lunch']);
    expect(order({ column: 'reason', direction: 'desc' }).slice(0, 2)).toEqual(['lunch', 'break-ok']);
    expect(order({ column: 'reason', direction: 'desc' }).slice(2)).toEqual(['avail-old', 'avail-new', 'call', 'wrap']);
  });

  it('compares names as the reader’s language does: numbers by value, accents and case ignored', () => {
    const rows = agentRows([
      agent('a1', { name: 'zoe' }),
      agent('a2', { name: 'Agent 10' }),
      agent('a3', { name: 'Agent 9' }),
      agent('a4', { name: 'Émile' }),
    ]);
    expect(rows.sort(rowOrder({ column: 'name', direction: 'asc' }, en, new Set())).map((r) => r.agent.agentId)).toEqual([
      'a3',
      'a2',
      'a4',
      'a1',
    ]);
  });

  it('puts an unreadable start after every readable one', () => {
    const rows = agentRows([agent('bad', { since: 'never' }), agent('ok', { since: at('12:00:00') })]);
    expect(rows.sort(rowOrder(null, en, new Set())).map((r) => r.agent.agentId)).toEqual(['ok', 'bad']);
  });
});

describe('nextSort and ariaSort', () => {
  it('starts names A→Z and times longest first, and turns round on the same column', () => {
    expect(nextSort(null, 'name')).toEqual({ column: 'name', direction: 'asc' });
    expect(nextSort(null, 'time')).toEqual({ column: 'time', direction: 'desc' });
    expect(nextSort(null, 'handled')).toEqual({ column: 'handled', direction: 'desc' });
    expect(nextSort({ column: 'time', direction: 'desc' }, 'time')).toEqual({ column: 'time', direction: 'asc' });
    expect(nextSort({ column: 'time', direction: 'asc' }, 'name')).toEqual({ column: 'name', direction: 'asc' });
  });

  it('marks only the sorted column for screen readers', () => {
    const sort: Sort = { column: 'time', direction: 'desc' };
    expect(ariaSort(sort, 'time')).toBe('descending');
    expect(ariaSort({ column: 'name', direction: 'asc' }, 'name')).toBe('ascending');
    expect(ariaSort(sort, 'name')).toBe('none');
    expect(ariaSort(null, 'name')).toBe('none');
  });
});
