/**
 * How the wallboard's copy of a live scope follows the server (`/live`
 * messages, `api/src/live/live.wire.ts`): a snapshot replaces everything, each
 * patch changes what it names. Pure, and structurally shared: whatever a patch
 * leaves alone keeps its identity, so a `shallowRef` holding the state and the
 * `computed`s reading its parts re-render only what changed.
 */
import type { HourVolume, LiveAgent, LivePatch, LiveQueue, LiveQueuePatch, LiveSnapshot } from '@callboard/api/wire';

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
  if (patch.agents && patch.agents.length > 0) next.agents = mergeAgents(state.agents, patch.agents);
  if (patch.totals) next.totals = patch.totals;
  if (patch.totalsAgents) next.totalsAgents = patch.totalsAgents;
  if (patch.breaches) next.breaches = patch.breaches;
  if (patch.breachCounts) next.breachCounts = patch.breachCounts;
  return { state: next, gap: false };
}

/**
 * Each changed queue shallow-merged into the held one (a patch leaves out
 * `rules` and `lastWeek` while they stay the same); a queue not held yet is
 * added, and must then come whole. `null` when it does not.
 */
function mergeQueues(held: LiveQueue[], changed: LiveQueuePatch[]): LiveQueue[] | null {
  const byName = new Map(changed.map((q) => [q.queue, q]));
  const out = held.map((q) => {
    const p = byName.get(q.queue);
    if (!p) return q;
    byName.delete(q.queue);
    const { byHourTail, ...fields } = p;
    const merged = { ...q, ...fields };
    if (byHourTail) merged.byHour = mergeHours(merged.byHour, byHourTail);
    return merged;
  });
  for (const p of byName.values()) {
    if (!isWholeQueue(p)) return null;
    out.push(p);
  }
  return out;
}

/** The latest hours of a queue: each replaces the held hour it names, or is appended (a new hour began). */
function mergeHours(held: HourVolume[], tail: HourVolume[]): HourVolume[] {
  const out = [...held];
  for (const h of tail) {
    const i = out.findIndex((x) => x.hour === h.hour);
    if (i >= 0) out[i] = h;
    else out.push(h);
  }
  return out;
}

/** The fields a patch may leave out for a queue the client holds: a new queue must carry them. */
function isWholeQueue(p: LiveQueuePatch): p is LiveQueue {
  return p.rules !== undefined && p.lastWeek !== undefined && p.today !== undefined && p.byHour !== undefined;
}

/** Agents come whole: each replaces the held one with its id, new ones are added. */
function mergeAgents(held: LiveAgent[], changed: LiveAgent[]): LiveAgent[] {
  const byId = new Map(changed.map((a) => [a.agentId, a]));
  const out = held.map((a) => {
    const p = byId.get(a.agentId);
    if (!p) return a;
    byId.delete(a.agentId);
    return p;
  });
  out.push(...byId.values());
  return out;
}
