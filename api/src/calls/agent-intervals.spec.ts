/** Agents' state histories built from scripted `agent.state` events. */
import { describe, expect, it } from 'vitest';
import type { EventOf } from '../events/event.schema.js';
import { buildAgentIntervals } from './agent-intervals.js';

type Payload = EventOf<'agent.state'>['payload'];
let seq = 0;
function state(ts: string, payload: Payload, id = `s-${String(++seq).padStart(5, '0')}`): EventOf<'agent.state'> {
  return { id, type: 'agent.state', ts, source: 'test', payload };
}
/** Wall-clock time of the test day in the center's zone. */
const t = (hms: string) => `2026-03-02T${hms}+08:00`;
const at = (hms: string) => new Date(t(hms));

describe('buildAgentIntervals', () => {
  it('ends each interval at the agent’s next event and leaves the last one open', () => {
    const events = [
      state(t('09:00:00.000'), { agentId: 'A1', state: 'available' }, 'e1'),
      state(t('09:00:10.000'), { agentId: 'A1', state: 'on_call' }, 'e2'),
      state(t('09:03:10.000'), { agentId: 'A1', state: 'wrap_up' }, 'e3'),
    ];
    expect(buildAgentIntervals(events)).toEqual([
      {
        agentId: 'A1',
        startedAt: at('09:00:00.000'),
        endedAt: at('09:00:10.000'),
        state: 'available',
        reason: null,
        name: null,
        team: null,
        eventId: 'e1',
      },
      {
        agentId: 'A1',
        startedAt: at('09:00:10.000'),
        endedAt: at('09:03:10.000'),
        state: 'on_call',
        reason: null,
        name: null,
        team: null,
        eventId: 'e2',
      },
      {
        agentId: 'A1',
        startedAt: at('09:03:10.000'),
        endedAt: null,
        state: 'wrap_up',
        reason: null,
        name: null,
        team: null,
        eventId: 'e3',
      },
    ]);
  });

  it('merges a repeated state with the same reason into the interval that began first', () => {
    const intervals = buildAgentIntervals([
      state(t('09:00:00.000'), { agentId: 'A1', state: 'not_ready', reason: 'break' }, 'e1'),
      state(t('09:05:00.000'), { agentId: 'A1', state: 'not_ready', reason: 'break' }, 'e2'),
      state(t('09:05:00.000'), { agentId: 'A1', state: 'not_ready', reason: 'break' }, 'e2-resent'),
      state(t('09:16:00.000'), { agentId: 'A1', state: 'available' }, 'e3'),
    ]);
    expect(intervals.map((i) => [i.state, i.reason, i.startedAt, i.endedAt, i.eventId])).toEqual([
      // one 16-minute break, not a 5-minute and an 11-minute one: the overrun clock keeps running
      ['not_ready', 'break', at('09:00:00.000'), at('09:16:00.000'), 'e1'],
      ['available', null, at('09:16:00.000'), null, 'e3'],
    ]);
  });

  it('starts a new interval when only the not-ready reason changes', () => {
    const intervals = buildAgentIntervals([
      state(t('09:00:00.000'), { agentId: 'A1', state: 'not_ready', reason: 'break' }),
      state(t('09:10:00.000'), { agentId: 'A1', state: 'not_ready', reason: 'training' }),
    ]);
    expect(intervals.map((i) => [i.reason, i.startedAt, i.endedAt])).toEqual([
      ['break', at('09:00:00.000'), at('09:10:00.000')],
      ['training', at('09:10:00.000'), null],
    ]);
  });

  it('orders by agent, then instant, then id, whatever the input order or the ts offset', () => {
    const events = [
      // 01:00:05Z is 09:00:05 in +08:00: compared as instants, it comes after 09:00:00+08:00
      state('2026-03-02T01:00:05.000Z', { agentId: 'A2', state: 'on_call' }, 'b2'),
      state(t('09:00:00.000'), { agentId: 'A2', state: 'available' }, 'b1'),
      // two events at the same instant: the id decides, so the result never depends on arrival order
      state(t('09:00:00.000'), { agentId: 'A1', state: 'on_call' }, 'a-y'),
      state(t('09:00:00.000'), { agentId: 'A1', state: 'available' }, 'a-x'),
    ];
    const expected = [
      ['A1', 'available', at('09:00:00.000'), at('09:00:00.000')],
      ['A1', 'on_call', at('09:00:00.000'), null],
      ['A2', 'available', at('09:00:00.000'), at('09:00:05.000')],
      ['A2', 'on_call', at('09:00:05.000'), null],
    ];
    const rows = (e: typeof events) => buildAgentIntervals(e).map((i) => [i.agentId, i.state, i.startedAt, i.endedAt]);
    expect(rows(events)).toEqual(expected);
    expect(rows([...events].reverse())).toEqual(expected);
  });

  it('carries name and team forward from the last event that had them, not backward', () => {
    const intervals = buildAgentIntervals([
      state(t('08:59:00.000'), { agentId: 'A1', state: 'offline' }),
      state(t('09:00:00.000'), { agentId: 'A1', state: 'available', name: 'Li Na', team: 'T1' }),
      state(t('09:01:00.000'), { agentId: 'A1', state: 'on_call' }),
      state(t('09:02:00.000'), { agentId: 'A1', state: 'wrap_up', team: 'T2' }),
      state(t('09:03:00.000'), { agentId: 'B1', state: 'available' }), // another agent inherits nothing
    ]);
    expect(intervals.map((i) => [i.agentId, i.state, i.name, i.team])).toEqual([
      ['A1', 'offline', null, null],
      ['A1', 'available', 'Li Na', 'T1'],
      ['A1', 'on_call', 'Li Na', 'T1'],
      ['A1', 'wrap_up', 'Li Na', 'T2'],
      ['B1', 'available', null, null],
    ]);
  });
});
