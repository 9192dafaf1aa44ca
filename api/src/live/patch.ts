/**
 * What goes in a `/live` patch (SPEC §6), given what a scope's room was last
 * sent and the views of what changed since: only the values that differ from
 * what the room holds. A queue goes out whole the first time; after that its
 * figures, hours, agent counts and staffing carry only the numbers that moved,
 * its rules, last week and the hours before the current one only when they
 * changed. Agents the same: whole when new to the room, then their changed
 * fields. The breach list goes whole when it changed, and nothing at all goes
 * out when nothing did. Pure: the gateway numbers and sends it.
 */
import type {
  AgentCounts,
  BreachCounts,
  Figures,
  HourVolume,
  LiveAgent,
  LiveAgentPatch,
  LiveBreach,
  LivePatch,
  LiveQueue,
  LiveQueuePatch,
} from './live.wire.js';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of a view's plain data: what the room holds stays as sent whatever becomes of the view. */
function copyOf<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copyOf) as T;
  if (!isPlain(v)) return v;
  const out: Plain = {};
  for (const k in v) out[k] = copyOf(v[k]);
  return out as T;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (!isPlain(a) || !isPlain(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameValue(a[k], b[k]));
}

/**
 * The part of `next` that differs from `held`, undefined when nothing does. Of
 * an object, its keys whose values differ, each reduced the same way; anything
 * else (a number, a string, null, a list) whole. A client merges it key by key
 * (`wallboard/src/live/merge.ts`). The objects of a view never lose keys during
 * a day (a call type, once seen, stays), so an absent key means "as you hold it"
 * and null is a value like any other (which rules out RFC 7386 merge patches).
 */
export function delta(held: unknown, next: unknown): unknown {
  if (isPlain(next)) {
    if (!isPlain(held)) return next;
    let out: Plain | undefined;
    for (const k in next) {
      const d = delta(held[k], next[k]);
      if (d !== undefined) (out ??= {})[k] = d;
    }
    return out;
  }
  return sameValue(held, next) ? undefined : next;
}

/** A queue as a room holds it: the slow-changing parts as comparable keys, the rest as sent. */
interface SentQueue {
  rules: string;
  lastWeek: LiveQueue['lastWeek'];
  /** `byHour` but its last entry: earlier hours change only with late events. */
  pastHours: string;
  /** The last entry of `byHour`, the current hour. */
  hour: HourVolume | undefined;
  /** Everything else of the queue. */
  rest: Omit<LiveQueue, 'rules' | 'lastWeek' | 'byHour'>;
}

/** What a room holds, as last sent to it: the next patch carries only what differs. */
export interface RoomSent {
  /** The breach list and counts last sent, as `breachKey` gives them. */
  breaches: string;
  /** Per queue; a queue missing here goes out whole in the next patch. */
  queues: Map<string, SentQueue>;
  /** Per agent; an agent missing here goes out whole in the next patch it is in. */
  agents: Map<string, LiveAgent>;
  /** The totals; undefined: whole in the next patch that has them. */
  totals: Figures | undefined;
  totalsAgents: AgentCounts | undefined;
}

export const nothingSent = (): RoomSent => ({
  breaches: '',
  queues: new Map(),
  agents: new Map(),
  totals: undefined,
  totalsAgents: undefined,
});

/**
 * Forgets what the room holds of queues, agents and totals: someone in it got a
 * snapshot newer than the room's last patch, so the next patch must carry
 * whatever it names whole, from which both the newcomer and the others end up
 * with the same values. The breaches are forgotten too: the next patch has them.
 */
export function forget(sent: RoomSent): void {
  sent.breaches = '';
  sent.queues.clear();
  sent.agents.clear();
  sent.totals = undefined;
  sent.totalsAgents = undefined;
}

/** Breach list and counts as one comparable string: ids and statuses (an item's other fields follow from them). */
export const breachKey = (list: readonly LiveBreach[], counts: BreachCounts): string =>
  `${JSON.stringify(counts)}|${list.map((b) => `${b.id}:${b.status}`).join(',')}`;

/** After a snapshot to the whole room: it holds the snapshot's breaches; everything else goes out whole in the next patch. */
export function sentSnapshot(sent: RoomSent, breaches: readonly LiveBreach[], counts: BreachCounts): void {
  forget(sent);
  sent.breaches = breachKey(breaches, counts);
}

/** The queue for a patch, less what the room already holds; null when the room holds all of it. Records what it holds now. */
export function queueForRoom(sent: RoomSent, view: LiveQueue): LiveQueuePatch | null {
  const { rules, lastWeek, byHour, ...rest } = view;
  const rulesKey = JSON.stringify(rules);
  const pastHours = JSON.stringify(byHour.slice(0, -1));
  const hour = byHour.at(-1);
  const before = sent.queues.get(view.queue);
  sent.queues.set(view.queue, { rules: rulesKey, lastWeek, pastHours, hour: copyOf(hour), rest: copyOf(rest) });
  if (!before) return view;
  const out: LiveQueuePatch = { ...(delta(before.rest, rest) as Partial<LiveQueuePatch> | undefined), queue: view.queue };
  if (before.rules !== rulesKey) out.rules = rules;
  // The same array until last week's volume is read again (start of day): compared by identity.
  if (before.lastWeek !== lastWeek) out.lastWeek = lastWeek;
  if (before.pastHours !== pastHours) out.byHour = byHour;
  else if (hour) {
    const d = before.hour?.hour === hour.hour ? (delta(before.hour, hour) as Partial<HourVolume> | undefined) : hour;
    if (d) out.byHourTail = [{ ...d, hour: hour.hour }];
  }
  return Object.keys(out).length > 1 ? out : null;
}

/** The agents for a patch: new ones whole, the others with what changed; records what the room holds now. */
export function agentsForRoom(sent: RoomSent, agents: readonly LiveAgent[]): LiveAgentPatch[] {
  const out: LiveAgentPatch[] = [];
  for (const a of agents) {
    const before = sent.agents.get(a.agentId);
    sent.agents.set(a.agentId, copyOf(a));
    if (!before) out.push(a);
    else {
      const d = delta(before, a) as Partial<LiveAgent> | undefined;
      if (d) out.push({ ...d, agentId: a.agentId });
    }
  }
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
  const patch: Omit<LivePatch, 'seq'> = { asOf: changes.asOf, lastEventAt: changes.lastEventAt };
  let changed = false;
  if (changes.queues.length > 0) {
    const queues = changes.queues.flatMap((q) => queueForRoom(sent, q) ?? []);
    if (queues.length > 0) patch.queues = queues;
    const totals = changes.totals();
    const figures = delta(sent.totals, totals.figures) as Partial<Figures> | undefined;
    const agents = delta(sent.totalsAgents, totals.agents) as Partial<AgentCounts> | undefined;
    sent.totals = copyOf(totals.figures);
    sent.totalsAgents = copyOf(totals.agents);
    if (figures) patch.totals = figures;
    if (agents) patch.totalsAgents = agents;
    changed = queues.length > 0 || figures !== undefined || agents !== undefined;
  }
  if (changes.agents.length > 0) {
    const agents = agentsForRoom(sent, changes.agents);
    if (agents.length > 0) {
      patch.agents = agents;
      changed = true;
    }
  }
  const bKey = breachKey(changes.breaches.list, changes.breaches.counts);
  if (bKey !== sent.breaches) {
    sent.breaches = bKey;
    patch.breaches = changes.breaches.list;
    patch.breachCounts = changes.breaches.counts;
    changed = true;
  }
  return changed ? patch : null;
}

/** The empty patch a quiet room hears, so a wallboard can tell a quiet center from a dead connection. */
export const heartbeat = (asOf: string, lastEventAt: string | null): Omit<LivePatch, 'seq'> => ({ asOf, lastEventAt });
