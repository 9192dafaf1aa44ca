/**
 * The writer: turns a batch of canonical events into rows, in one transaction.
 * 1. store the raw events, each id once whatever its ts (a resend is a duplicate);
 * 2. for every call and agent the new events touch, take all their events (for
 *    calls: those stored before, read before the insert, plus the new ones)
 *    and re-derive the rows with the pure state machine — so late, duplicated
 *    and reordered events end in the same rows as punctual ones;
 * 3. replace those rows and record what could not be placed.
 * Its caller acknowledges the log only after this commits: a replay after a
 * crash re-derives the same rows and adds nothing.
 */
import { Injectable } from '@nestjs/common';
import type { CanonicalEvent, EventOf } from '../events/event.schema.js';
import { eventKeys } from '../events/event.schema.js';
import { buildAgentIntervals } from '../calls/agent-intervals.js';
import { type Anomaly, buildCalls } from '../calls/call-state.js';
import { WriterRepository, toCanonical } from './writer.repository.js';

export interface WriteResult {
  /** Ids of events stored by this batch (the others were already stored). */
  inserted: Set<string>;
  calls: number;
  anomalies: number;
}

const uniqueBy = <T>(items: T[], key: (t: T) => string): T[] => [...new Map(items.map((i) => [key(i), i])).values()];

@Injectable()
export class WriterService {
  constructor(private readonly repo: WriterRepository) {}

  async write(events: CanonicalEvent[]): Promise<WriteResult> {
    if (events.length === 0) return { inserted: new Set(), calls: 0, anomalies: 0 };
    return this.repo.transaction(async (tx) => {
      // What the database holds of the batch's calls before the batch: with the
      // batch's own events that is all of each call, so the events just stored
      // are never read back (most calls of a live feed are new, and a read of
      // them would cost as much as storing them).
      const named = callsNamed(events);
      const before = named.ids.size > 0 ? await this.repo.callEvents(tx, [...named.ids], named.from, named.to) : [];
      const inserted = await this.repo.insertEvents(tx, events);
      // The first occurrence of each stored id is the stored event.
      const fresh = uniqueBy(
        events.filter((e) => inserted.has(e.id)),
        (e) => e.id,
      );
      if (fresh.length === 0) return { inserted, calls: 0, anomalies: 0 };

      let minMs = Infinity;
      let maxMs = -Infinity;
      const callIds = new Set<string>();
      const agentIds = new Set<string>();
      const freshOfCalls: CanonicalEvent[] = [];
      for (const e of fresh) {
        const t = Date.parse(e.ts);
        if (t < minMs) minMs = t;
        if (t > maxMs) maxMs = t;
        const k = eventKeys(e);
        if (e.type === 'agent.state') agentIds.add(e.payload.agentId);
        else if (k.callId) {
          callIds.add(k.callId);
          freshOfCalls.push(e);
        }
      }
      const from = new Date(minMs);
      const to = new Date(maxMs);

      if (agentIds.size > 0) {
        const { events: stored, windows } = await this.repo.agentEvents(tx, [...agentIds], from, to);
        // Two changes at the same instant leave a zero-length interval; the later state is the one that holds.
        const intervals = uniqueBy(
          buildAgentIntervals(stored.map((s) => toCanonical(s) as EventOf<'agent.state'>)),
          (i) => `${i.agentId}\u0000${i.startedAt.getTime()}`,
        );
        await this.repo.replaceAgentIntervals(tx, windows, intervals);
        for (const id of await this.repo.callIdsEndedNear(tx, [...agentIds], from, to)) callIds.add(id);
      }
      if (callIds.size === 0) return { inserted, calls: 0, anomalies: 0 };

      const ids = [...callIds];
      // Each call's events in the window around the new ones: those stored before plus the new; calls
      // the batch does not name (their wrap-up moved with an agent's state) are read whole.
      const lo = minMs - DAY_MS;
      const hi = maxMs + DAY_MS;
      const earlier = before.filter((s) => callIds.has(s.callId) && s.ts.getTime() >= lo && s.ts.getTime() <= hi);
      const unnamed = ids.filter((id) => !named.ids.has(id));
      const read = unnamed.length > 0 ? await this.repo.callEvents(tx, unnamed, from, to) : [];
      const stored = [...earlier.map(toCanonical), ...freshOfCalls, ...read.map(toCanonical)];
      const answering = new Set<string>();
      for (const e of stored) if (e.type === 'call.answered') answering.add(e.payload.agentId);
      const wraps = await this.repo.wrapIntervals(tx, [...answering], from, to);
      // Read in this transaction: a change committed before it applies to every call offered since.
      const book = await this.repo.rulesBook(tx);
      const derived = buildCalls(stored, wraps, (queue, offeredAt) => book.thresholds(queue, offeredAt.getTime()));
      const calls = uniqueBy(derived.calls, (c) => `${c.callId}\u0000${c.queue}\u0000${c.offeredAt.getTime()}`);
      const anomalies = uniqueBy<Anomaly>(derived.anomalies, (a) => `${a.subject}\u0000${a.eventId}\u0000${a.reason}`);
      await this.repo.replaceCalls(tx, ids, from, to, calls);
      await this.repo.syncAnomalies(
        tx,
        ids.map((id) => `call:${id}`),
        anomalies,
      );
      return { inserted, calls: calls.length, anomalies: anomalies.length };
    });
  }
}

const DAY_MS = 86_400_000;

/** The calls a batch's events name (agent states aside) and the span of those events. */
function callsNamed(events: CanonicalEvent[]): { ids: Set<string>; from: Date; to: Date } {
  const ids = new Set<string>();
  let minMs = Infinity;
  let maxMs = -Infinity;
  for (const e of events) {
    if (e.type === 'agent.state') continue;
    const callId = eventKeys(e).callId;
    if (!callId) continue;
    ids.add(callId);
    const t = Date.parse(e.ts);
    if (t < minMs) minMs = t;
    if (t > maxMs) maxMs = t;
  }
  return { ids, from: new Date(minMs), to: new Date(maxMs) };
}
