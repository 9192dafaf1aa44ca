/**
 * How the wallboard's copy of a live scope follows the server (`/live`
 * messages, `api/src/live/live.wire.ts`): a snapshot replaces everything, each
 * patch carries only what changed, merged key by key: objects merge, values and
 * lists replace, an absent key stays as held. Pure, and structurally shared: whatever a patch
 * leaves alone keeps its identity, so a `shallowRef` holding the state and the
 * `computed`s reading its parts re-render only what changed.
 */
import type { HourVolume, LiveAgent, LiveAgentPatch, LivePatch, LiveQueue, LiveQueuePatch, LiveSnapshot } from '@callboard/api/wire';

/** The scope as the wallboard holds it: the last snapshot with every later patch applied. */
export type LiveState = LiveSnapshot;

export interface PatchResult {
  state: LiveState;
  /**
   * The patch does not follow on from `state` (a patch was missed, or it names
   * a queue the state lacks without sending it whole): `state` is returned
   * unchanged and the caller must ask for a fresh snapshot, applying no patch
   * until it arrives.
   */
  gap: boolean;
}

/** A snapshot is the whole truth: nothing of the state before survives it. */
export function applySnapshot(snapshot: LiveSnapshot): LiveState {
  return snapshot;
}

/**
 * Applies the patch numbered `state.seq + 1`. One already applied (a
 * duplicate, or older) is ignored: the same `state` comes back, no gap.
 */
export function applyPatch(state: LiveState, patch: LivePatch): PatchResult {
  if (patch.seq <= state.seq) return { state, gap: false };
  if (patch.seq !== state.seq + 1) return { state, gap: true };

  const next: LiveState = { ...state, seq: patch.seq, asOf: patch.asOf, lastEventAt: patch.lastEventAt };
  if (patch.queues && patch.queues.length > 0) {
    const queues = mergeQueues(state.queues, patch.queues);
    if (queues === null) return { state, gap: true };
    next.queues = queues;
  }
  if (patch.agents && patch.agents.length > 0) {
    const agents = mergeAgents(state.agents, patch.agents);
    if (agents === null) return { state, gap: true };
    next.agents = agents;
  }
  if (patch.totals) next.totals = mergeInto(state.totals, patch.totals);
  if (patch.totalsAgents) next.totalsAgents = mergeInto(state.totalsAgents, patch.totalsAgents);
  if (patch.breaches) next.breaches = patch.breaches;
  if (patch.breachCounts) next.breachCounts = patch.breachCounts;
  return { state: next, gap: false };
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `held` with what `change` names: objects merged key by key, anything else
 * (numbers, strings, null, lists) replaced. Parts the change leaves alone keep
 * their identity.
 */
export function mergeInto<T>(held: T, change: unknown): T {
  if (!isPlain(change) || !isPlain(held)) return change as T;
  const out: Plain = { ...held };
  for (const k in change) out[k] = mergeInto(held[k], change[k]);
  return out as T;
}

/**
 * Each changed queue merged into the held one (a patch carries only what
 * changed); a queue not held yet is added, and must then come whole. `null`
 * when it does not.
 */
function mergeQueues(held: LiveQueue[], changed: LiveQueuePatch[]): LiveQueue[] | null {
  const byName = new Map(changed.map((q) => [q.queue, q]));
  const out = held.map((q) => {
    const p = byName.get(q.queue);
    if (!p) return q;
    byName.delete(q.queue);
    const { byHourTail, ...fields } = p;
    const merged = mergeInto(q, fields);
    if (byHourTail) {
      const hours = mergeHours(merged.byHour, byHourTail);
      if (hours === null) return null;
      merged.byHour = hours;
    }
    return merged;
  });
  if (out.includes(null)) return null;
  for (const p of byName.values()) {
    if (!isWholeQueue(p)) return null;
    out.push(p);
  }
  return out as LiveQueue[];
}

/** The latest hours of a queue: each merges into the held hour it names, or is appended (a new hour began, sent whole). */
function mergeHours(held: HourVolume[], tail: LiveQueuePatch['byHourTail'] & {}): HourVolume[] | null {
  const out = [...held];
  for (const h of tail) {
    const i = out.findIndex((x) => x.hour === h.hour);
    if (i >= 0) out[i] = mergeInto(out[i]!, h);
    else if (isWholeHour(h)) out.push(h);
    else return null;
  }
  return out;
}

const isWholeHour = (h: Partial<HourVolume>): h is HourVolume =>
  h.byCallType !== undefined && h.offered !== undefined && h.answered !== undefined && h.threeRingRate !== undefined;

/** The fields a patch may leave out for a queue the client holds: a new queue must carry them. */
function isWholeQueue(p: LiveQueuePatch): p is LiveQueue {
  return (
    p.rules !== undefined &&
    p.lastWeek !== undefined &&
    p.today?.offered !== undefined &&
    p.byHour !== undefined &&
    p.staffing?.windowMin !== undefined &&
    p.agents?.loggedIn !== undefined &&
    p.waitingCalls !== undefined
  );
}

/** An agent new to the client comes whole. */
const isWholeAgent = (p: LiveAgentPatch): p is LiveAgent => p.name !== undefined && p.state !== undefined && p.since !== undefined;

/** Each changed agent merged into the held one with its id; new ones are added, and must then come whole. `null` when one does not. */
function mergeAgents(held: LiveAgent[], changed: LiveAgentPatch[]): LiveAgent[] | null {
  const byId = new Map(changed.map((a) => [a.agentId, a]));
  const out = held.map((a) => {
    const p = byId.get(a.agentId);
    if (!p) return a;
    byId.delete(a.agentId);
    return mergeInto(a, p);
  });
  for (const p of byId.values()) {
    if (!isWholeAgent(p)) return null;
    out.push(p);
  }
  return out;
}
