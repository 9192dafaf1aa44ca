/**
 * What goes in a `/live` patch (SPEC §6), given what a scope's room was last
 * sent and the views of what changed since: changed queues less the parts the
 * room already has unchanged (rules, last week, the hours before the current
 * one), the changed agents whole, the breach list only when it changed, and
 * nothing at all when nothing did. Pure: the gateway numbers and sends it.
 */
import type { AgentCounts, BreachCounts, Figures, LiveAgent, LiveBreach, LivePatch, LiveQueue, LiveQueuePatch } from './live.wire.js';

/**
 * Fields of a queue that change a few times a day at most. The rest (counts,
 * waits, hours, agents, staffing) moves with nearly every event and is always
 * sent: comparing it would cost more than sending it.
 */
interface SentQueue {
  rules: string;
  lastWeek: LiveQueue['lastWeek'];
  /** `byHour` but its last entry: earlier hours change only with late events. */
  pastHours: string;
}

/** What a room holds of the slow-changing parts, as last sent to it. */
export interface RoomSent {
  /** The breach list and counts last sent, as `breachKey` gives them. */
  breaches: string;
  /** Per queue; a queue missing here goes out whole in the next patch. */
  queues: Map<string, SentQueue>;
}

export const nothingSent = (): RoomSent => ({ breaches: '', queues: new Map() });

/** Breach list and counts as one comparable string: ids and statuses (an item's other fields follow from them). */
export const breachKey = (list: readonly LiveBreach[], counts: BreachCounts): string =>
  `${JSON.stringify(counts)}|${list.map((b) => `${b.id}:${b.status}`).join(',')}`;

/** After a snapshot: the room holds its breaches; queues go out whole in the next patch. */
export function sentSnapshot(sent: RoomSent, breaches: readonly LiveBreach[], counts: BreachCounts): void {
  sent.breaches = breachKey(breaches, counts);
  sent.queues.clear();
}

/** The queue for a patch: whole, less what the room already has of its slow-changing parts; records what it holds now. */
export function queueForRoom(sent: RoomSent, view: LiveQueue): LiveQueuePatch {
  const rules = JSON.stringify(view.rules);
  const pastHours = JSON.stringify(view.byHour.slice(0, -1));
  const before = sent.queues.get(view.queue);
  sent.queues.set(view.queue, { rules, lastWeek: view.lastWeek, pastHours });
  if (!before) return view;
  const { rules: r, lastWeek: w, byHour, ...rest } = view;
  const out: LiveQueuePatch = rest;
  if (before.rules !== rules) out.rules = r;
  // The same array until last week's volume is read again (start of day): compared by identity.
  if (before.lastWeek !== w) out.lastWeek = w;
  if (before.pastHours === pastHours) out.byHourTail = byHour.slice(-1);
  else out.byHour = byHour;
  return out;
}

export interface Changes {
  asOf: string;
  lastEventAt: string | null;
  /** Views of the room's queues that changed. */
  queues: readonly LiveQueue[];
  /** The room's totals: read only when a queue changed. */
  totals: () => { figures: Figures; agents: AgentCounts };
  /** The room's agents that changed. */
  agents: LiveAgent[];
  /** The room's breach list and counts now (they change with time alone). */
  breaches: { list: LiveBreach[]; counts: BreachCounts };
}

/** The patch for a room (without its seq), or null when nothing it shows changed; records what the room holds now. */
export function buildPatch(sent: RoomSent, changes: Changes): Omit<LivePatch, 'seq'> | null {
  const bKey = breachKey(changes.breaches.list, changes.breaches.counts);
  const breachesChanged = bKey !== sent.breaches;
  if (changes.queues.length === 0 && changes.agents.length === 0 && !breachesChanged) return null;
  const patch: Omit<LivePatch, 'seq'> = { asOf: changes.asOf, lastEventAt: changes.lastEventAt };
  if (changes.queues.length > 0) {
    patch.queues = changes.queues.map((q) => queueForRoom(sent, q));
    const totals = changes.totals();
    patch.totals = totals.figures;
    patch.totalsAgents = totals.agents;
  }
  if (changes.agents.length > 0) patch.agents = changes.agents;
  if (breachesChanged) {
    sent.breaches = bKey;
    patch.breaches = changes.breaches.list;
    patch.breachCounts = changes.breaches.counts;
  }
  return patch;
}

/** The empty patch a quiet room hears, so a wallboard can tell a quiet center from a dead connection. */
export const heartbeat = (asOf: string, lastEventAt: string | null): Omit<LivePatch, 'seq'> => ({ asOf, lastEventAt });
