import { describe, expect, it } from 'vitest';
import { NO_AGENTS } from '../testing/live.fixture';
import { TV_AGENT_ROWS, agentCountItems, boardLayout, type LayoutInput } from './layout';

const desk: LayoutInput = { tv: false, isKiosk: false, canDrill: true, queueCount: 3, soundOn: true };

describe('boardLayout', () => {
  it('gives a supervisor’s desk screen the controls, the queue table, drill-downs, sound and every agent', () => {
    expect(boardLayout(desk)).toEqual({
      controls: true,
      scopePickers: true,
      tvExit: false,
      drill: true,
      queueTable: true,
      sound: true,
      agentRows: undefined,
    });
  });

  it('leaves out the queue table for a single queue, and drill-downs for a session that may not open calls', () => {
    const layout = boardLayout({ ...desk, queueCount: 1, canDrill: false });
    expect([layout.queueTable, layout.drill]).toEqual([false, false]);
  });

  it('gives a person in TV mode no controls, no sound, a way out, and the agents that fit', () => {
    expect(boardLayout({ ...desk, tv: true })).toEqual({
      controls: false,
      scopePickers: false,
      tvExit: true,
      drill: false,
      queueTable: false,
      sound: false,
      agentRows: TV_AGENT_ROWS,
    });
  });

  it('gives a wall display no way out of TV mode', () => {
    const layout = boardLayout({ ...desk, tv: true, isKiosk: true });
    expect([layout.tvExit, layout.scopePickers, layout.agentRows]).toEqual([false, false, 20]);
  });
});

describe('agentCountItems', () => {
  it('counts the ringing with those on call', () => {
    const items = agentCountItems({ ...NO_AGENTS, loggedIn: 9, available: 2, onCall: 3, ringing: 1, wrapUp: 2, notReady: 1 });
    // On call: 3 + 1.
    expect(items).toEqual([
      { key: 'available', value: 2 },
      { key: 'onCall', value: 4 },
      { key: 'wrapUp', value: 2 },
      { key: 'notReady', value: 1 },
      { key: 'loggedIn', value: 9 },
    ]);
  });
});
