/**
 * Which parts of the wallboard are drawn, and how: a desk screen has the
 * controls, the queue table and drill-downs; a TV (or a wall display, always
 * in TV mode) has larger type, no controls and the agents that fit.
 */
import type { AgentCounts } from '@callboard/api/wire';

/** Agent rows a TV draws at most; fewer when fewer fit under the charts. The grid puts overruns and the longest in state first. */
export const TV_AGENT_ROWS = 20;

export interface LayoutInput {
  tv: boolean;
  /** Signed in as a wall display (kiosk), not as a person. */
  isKiosk: boolean;
  /** The session may open call lists (`agentDetail`). */
  canDrill: boolean;
  /** Queues in the scope. */
  queueCount: number;
  /** The person turned the alert sound on. */
  soundOn: boolean;
}

export interface BoardLayout {
  /** The toolbar of controls. */
  controls: boolean;
  /** The queue and team pickers: a wall display's scope is its link's. */
  scopePickers: boolean;
  /** The buttons to leave TV mode, for a person who entered it. */
  tvExit: boolean;
  /** Tiles open a drill-down. */
  drill: boolean;
  /** Each queue on its own row, under the tiles. */
  queueTable: boolean;
  /** A sound when a tile turns red: a TV stays quiet. */
  sound: boolean;
  /** Agent rows drawn at most; undefined: all of them. */
  agentRows: number | undefined;
}

export function boardLayout({ tv, isKiosk, canDrill, queueCount, soundOn }: LayoutInput): BoardLayout {
  return {
    controls: !tv,
    scopePickers: !tv && !isKiosk,
    tvExit: tv && !isKiosk,
    drill: !tv && canDrill,
    queueTable: !tv && queueCount > 1,
    sound: soundOn && !tv,
    agentRows: tv ? TV_AGENT_ROWS : undefined,
  };
}

export type AgentCountKey = 'available' | 'onCall' | 'wrapUp' | 'notReady' | 'loggedIn';

/** The agents tile: on call counts the ringing too (an agent with a call coming is taken). */
export function agentCountItems(a: AgentCounts): { key: AgentCountKey; value: number }[] {
  return [
    { key: 'available', value: a.available },
    { key: 'onCall', value: a.onCall + a.ringing },
    { key: 'wrapUp', value: a.wrapUp },
    { key: 'notReady', value: a.notReady },
    { key: 'loggedIn', value: a.loggedIn },
  ];
}
