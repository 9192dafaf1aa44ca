import { describe, expect, it } from 'vitest';
import type { EvaluationSummary } from '../../api/qa';
import { NO_FILTER, choices, filterFromQuery, filterQueue, filterToQuery, isOverdue, queueProgress, sortQueue } from './queue';
import { evaluationSummaryFixture as ev } from './evaluationFixture';

const NOW = new Date('2025-03-05T08:00:00Z');

describe('sortQueue', () => {
  it('puts the earliest due first, then the earliest call, then the id; no due date last', () => {
    const list = [
      ev({ id: 'e5', dueAt: null, offeredAt: '2025-03-01T01:00:00Z' }),
      ev({ id: 'e4', dueAt: '2025-03-07T00:00:00Z', offeredAt: '2025-03-03T01:00:00Z' }),
      ev({ id: 'e3', dueAt: '2025-03-06T00:00:00Z', offeredAt: '2025-03-03T02:00:00Z' }),
      ev({ id: 'e2', dueAt: '2025-03-06T00:00:00Z', offeredAt: '2025-03-03T01:00:00Z' }),
      ev({ id: 'e1', dueAt: '2025-03-06T00:00:00Z', offeredAt: '2025-03-03T01:00:00Z' }),
    ];
    expect(sortQueue(list).map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
  });

  it('puts what is still to score before what is scored, whatever the due dates', () => {
    const list = [
      ev({ id: 'scored', status: 'submitted', dueAt: '2025-03-01T00:00:00Z' }),
      ev({ id: 'disputed', status: 'disputed', dueAt: '2025-03-02T00:00:00Z' }),
      ev({ id: 'draft', status: 'draft', dueAt: '2025-03-08T00:00:00Z' }),
      ev({ id: 'assigned', status: 'assigned', dueAt: '2025-03-07T00:00:00Z' }),
    ];
    expect(sortQueue(list).map((e) => e.id)).toEqual(['assigned', 'draft', 'scored', 'disputed']);
  });
});

describe('isOverdue', () => {
  it('is overdue past its due time while still open, not once scored', () => {
    expect(isOverdue(ev({ dueAt: '2025-03-05T07:59:59Z', status: 'draft' }), NOW)).toBe(true);
    expect(isOverdue(ev({ dueAt: '2025-03-05T08:00:00Z', status: 'assigned' }), NOW)).toBe(false);
    expect(isOverdue(ev({ dueAt: '2025-03-01T00:00:00Z', status: 'submitted' }), NOW)).toBe(false);
    expect(isOverdue(ev({ dueAt: undefined, status: 'assigned' }), NOW)).toBe(false);
  });
});

describe('filterQueue', () => {
  const list: EvaluationSummary[] = [
    ev({ id: 'a', status: 'assigned', agentId: 'A-1', reason: 'random', dueAt: '2025-03-04T00:00:00Z' }),
    ev({ id: 'b', status: 'draft', agentId: 'A-2', reason: 'complaint', dueAt: '2025-03-09T00:00:00Z' }),
    ev({ id: 'c', status: 'submitted', agentId: 'A-1', reason: 'complaint', dueAt: '2025-03-01T00:00:00Z' }),
  ];
  const ids = (f: Partial<typeof NO_FILTER>) => filterQueue(list, { ...NO_FILTER, ...f }, NOW).map((e) => e.id);

  it('keeps everything without a filter', () => expect(ids({})).toEqual(['a', 'b', 'c']));
  it('filters by status', () => expect(ids({ status: 'draft' })).toEqual(['b']));
  it('filters by agent', () => expect(ids({ agent: 'A-1' })).toEqual(['a', 'c']));
  it('filters by reason', () => expect(ids({ reason: 'complaint' })).toEqual(['b', 'c']));
  it('keeps only the overdue ones (a scored one is never overdue)', () => expect(ids({ overdueOnly: true })).toEqual(['a']));
  it('combines filters', () => expect(ids({ agent: 'A-1', reason: 'complaint' })).toEqual(['c']));
});

describe('queueProgress', () => {
  it('counts the evaluations of runs with work left, scored against all', () => {
    const progress = queueProgress([
      // run r1 is open (one assigned): 2 of its 3 are scored
      ev({ runId: 'r1', status: 'assigned' }),
      ev({ runId: 'r1', status: 'submitted' }),
      ev({ runId: 'r1', status: 'acknowledged' }),
      // run r2 is over: every evaluation scored, so it leaves the count
      ev({ runId: 'r2', status: 'submitted' }),
      ev({ runId: 'r2', status: 'resolved' }),
      // run r3 is open (a draft): 1 of 2 scored (a dispute counts as scored)
      ev({ runId: 'r3', status: 'draft' }),
      ev({ runId: 'r3', status: 'disputed' }),
    ]);
    expect(progress).toEqual({ done: 3, total: 5 });
  });

  it('is 0 of 0 with nothing open', () => {
    expect(queueProgress([ev({ status: 'submitted' })])).toEqual({ done: 0, total: 0 });
    expect(queueProgress([])).toEqual({ done: 0, total: 0 });
  });
});

describe('choices', () => {
  it('lists distinct values once, sorted by their label', () => {
    const names: Record<string, string> = { 'A-10': 'Zhao', 'A-2': 'Li' };
    expect(choices(['A-10', 'A-2', 'A-10'], (v) => names[v]!, 'en')).toEqual([
      { value: 'A-2', label: 'Li' },
      { value: 'A-10', label: 'Zhao' },
    ]);
  });
});

describe('filters in the address', () => {
  it('reads what is set and ignores what is not a choice', () => {
    expect(filterFromQuery({ status: 'draft', agent: 'A-1', reason: 'complaint', overdue: '1' })).toEqual({
      status: 'draft',
      agent: 'A-1',
      reason: 'complaint',
      overdueOnly: true,
    });
    expect(filterFromQuery({ status: 'deleted', overdue: 'yes', agent: ['A-2', 'A-3'] })).toEqual({
      status: '',
      agent: 'A-2',
      reason: '',
      overdueOnly: false,
    });
    expect(filterFromQuery({})).toEqual(NO_FILTER);
  });

  it('writes only what is set, and reads back the same filter', () => {
    expect(filterToQuery(NO_FILTER)).toEqual({});
    const filter = { status: 'assigned' as const, agent: '', reason: 'transferred', overdueOnly: true };
    expect(filterToQuery(filter)).toEqual({ status: 'assigned', reason: 'transferred', overdue: '1' });
    expect(filterFromQuery(filterToQuery(filter))).toEqual(filter);
  });
});
