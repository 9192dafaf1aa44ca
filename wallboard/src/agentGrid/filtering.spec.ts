import { describe, expect, it } from 'vitest';
import { agent } from '../testing/live.fixture';
import { isPicked, matchingSearch, searchWords, shownStates, stateCounts, toggleState, type StateFilter } from './filtering';
import { agentRows } from './rows';

const floor = () =>
  agentRows([
    agent('a1', { name: 'Li Na', team: 'east', state: 'available' }),
    agent('a2', { name: 'Wang Fang', team: 'west', state: 'not_ready' }),
    agent('a3', { name: 'Zhang Wei', team: 'east', state: 'not_ready' }),
    agent('a4', { name: 'Chen Jie', team: 'west', state: 'on_call' }),
    agent('a5', { name: 'Liu Yang', team: 'east', state: 'offline' }),
  ]);
const idsOf = (rows: ReturnType<typeof floor>) => rows.map((r) => r.agent.agentId);
const NONE: StateFilter = { picked: [], showOffline: false };

describe('search', () => {
  it('needs every word somewhere in the name, team or id, whatever the case or width', () => {
    expect(searchWords('  ＥＡＳＴ   li ')).toEqual(['east', 'li']);
    expect(idsOf(matchingSearch(floor(), searchWords('EAST li')))).toEqual(['a1', 'a5']);
    expect(idsOf(matchingSearch(floor(), searchWords('a4')))).toEqual(['a4']);
    expect(idsOf(matchingSearch(floor(), searchWords('nobody')))).toEqual([]);
    expect(matchingSearch(floor(), [])).toHaveLength(5);
  });
});

describe('stateCounts', () => {
  it('counts every state, zero for those nobody is in', () => {
    expect(stateCounts(floor())).toEqual({ available: 1, ringing: 0, on_call: 1, wrap_up: 0, not_ready: 2, offline: 1 });
  });
});

describe('shownStates', () => {
  it('lists every logged-in state when none is picked, logged-out agents only with their chip', () => {
    expect([...shownStates(NONE, false)]).toEqual(['available', 'ringing', 'on_call', 'wrap_up', 'not_ready']);
    expect([...shownStates({ picked: ['not_ready'], showOffline: true }, false)]).toEqual(['not_ready', 'offline']);
  });

  it('ignores the chips on a wall screen', () => {
    expect([...shownStates({ picked: ['not_ready'], showOffline: true }, true)]).toEqual([
      'available',
      'ringing',
      'on_call',
      'wrap_up',
      'not_ready',
    ]);
  });
});

describe('toggleState', () => {
  it('picks and unpicks a logged-in state, and switches logged-out agents on their own', () => {
    const one = toggleState(NONE, 'not_ready');
    expect(one).toEqual({ picked: ['not_ready'], showOffline: false });
    const two = toggleState(one, 'on_call');
    expect(two.picked).toEqual(['not_ready', 'on_call']);
    expect(toggleState(two, 'not_ready').picked).toEqual(['on_call']);
    const offline = toggleState(two, 'offline');
    expect(offline).toEqual({ picked: ['not_ready', 'on_call'], showOffline: true });
    expect(isPicked(offline, 'offline')).toBe(true);
    expect(isPicked(offline, 'available')).toBe(false);
    expect(NONE).toEqual({ picked: [], showOffline: false });
  });
});
