/**
 * The writer against a typed fake of its repository: what it reads and
 * replaces for a batch, in which order, inside one transaction, and what it
 * reports — each expected row worked out by hand from SPEC §3.
 */
import type { Queryable } from '@callboard/db';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../events/event.schema.js';
import { type Mocked, automock } from '../testing/automock.js';
import { type StoredCallEvent, WriterRepository } from './writer.repository.js';
import { WriterService } from './writer.service.js';
import { defaultRulesBook } from '../testing/rules.fixture.js';

/** 2026-03-02, Asia/Shanghai. */
const t = (hms: string) => `2026-03-02T${hms}+08:00`;
const ev = (id: string, type: string, hms: string, payload: Record<string, unknown>) =>
  ({ id, type, ts: new Date(t(hms)).toISOString(), source: 'test', payload }) as CanonicalEvent;
const stored = (e: CanonicalEvent): StoredCallEvent => ({
  id: e.id,
  ts: new Date(e.ts),
  type: e.type,
  source: e.source,
  payload: e.payload,
  callId: String((e.payload as { callId?: string }).callId),
});

const book = defaultRulesBook([], []);
const tx = { query: () => Promise.reject(new Error('SQL belongs to the repository')) } as unknown as Queryable;

/** The repository methods the service called, in call order. */
function callOrder(repo: Mocked<WriterRepository>): string[] {
  const calls = Object.entries(repo).flatMap(([name, fn]) =>
    (fn as { mock: { invocationCallOrder: number[] } }).mock.invocationCallOrder.map((n) => [n, name] as const),
  );
  return calls.sort((a, b) => a[0] - b[0]).map(([, name]) => name);
}

// e0 was stored by an earlier batch: it is a resend, and the window is that of the new events only.
const e0 = ev('e0', 'agent.state', '08:59:00', { agentId: 'a1', state: 'available' });
const e1 = ev('e1', 'agent.state', '09:00:00', { agentId: 'a1', state: 'available' });
const e2 = ev('e2', 'call.offered', '09:00:05', { callId: 'c1', queue: 'general', callType: 'billing' });
const e3 = ev('e3', 'call.answered', '09:00:12', { callId: 'c1', agentId: 'a1' });
// c0 ended earlier near a1's state change; its only stored event has no offer.
const e9 = ev('e9', 'call.ended', '08:58:00', { callId: 'c0', endedBy: 'agent' });
const from = new Date(t('09:00:00'));
const to = new Date(t('09:00:12'));

let repo: Mocked<WriterRepository>;
let writer: WriterService;

beforeEach(() => {
  repo = automock(WriterRepository);
  repo.transaction.mockImplementation((fn) => fn(tx));
  // The fake has every public method; the repository's private database handle is not part of its type.
  writer = new WriterService(repo);
});

describe('WriterService.write', () => {
  it('stores the events, re-derives the agents and calls they touch, and replaces their rows in one transaction', async () => {
    const windows = new Map([['a1', { from, to }]]);
    repo.insertEvents.mockResolvedValue(new Set(['e1', 'e2', 'e3']));
    repo.agentEvents.mockResolvedValue({ events: [stored(e1)], windows });
    repo.callIdsEndedNear.mockResolvedValue(['c0']);
    // c1 is new: nothing of it was stored before the batch; c0 is read whole.
    repo.callEvents.mockResolvedValueOnce([]).mockResolvedValueOnce([stored(e9)]);
    repo.wrapIntervals.mockResolvedValue([]);
    repo.rulesBook.mockResolvedValue(book);

    const result = await writer.write([e0, e1, e2, e3]);

    expect(callOrder(repo)).toEqual([
      'transaction',
      'callEvents',
      'insertEvents',
      'agentEvents',
      'replaceAgentIntervals',
      'callIdsEndedNear',
      'callEvents',
      'wrapIntervals',
      'rulesBook',
      'replaceCalls',
      'syncAnomalies',
    ]);
    expect(repo.insertEvents).toHaveBeenCalledWith(tx, [e0, e1, e2, e3]);
    expect(repo.agentEvents).toHaveBeenCalledWith(tx, ['a1'], from, to);
    expect(repo.replaceAgentIntervals).toHaveBeenCalledWith(tx, windows, [
      { agentId: 'a1', startedAt: from, endedAt: null, state: 'available', reason: null, name: null, team: null, eventId: 'e1' },
    ]);
    expect(repo.callIdsEndedNear).toHaveBeenCalledWith(tx, ['a1'], from, to);
    // Before the insert: the calls the batch names, over the span of their events (09:00:05 … 09:00:12).
    expect(repo.callEvents).toHaveBeenNthCalledWith(1, tx, ['c1'], new Date(t('09:00:05')), to);
    // After it: only the call the batch does not name; the new events of c1 are never read back.
    expect(repo.callEvents).toHaveBeenNthCalledWith(2, tx, ['c0'], from, to);
    expect(repo.wrapIntervals).toHaveBeenCalledWith(tx, ['a1'], from, to);
    expect(repo.rulesBook).toHaveBeenCalledWith(tx);

    const [q, ids, f, u, rows] = repo.replaceCalls.mock.calls[0]!;
    expect([q, ids, f, u]).toEqual([tx, ['c1', 'c0'], from, to]);
    // Offered 09:00:05, answered 09:00:12: a 7 s wait, within 3 rings × 5 s; still on the call.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      callId: 'c1',
      queue: 'general',
      callType: 'billing',
      agentId: 'a1',
      offeredAt: new Date(t('09:00:05')),
      answeredAt: to,
      outcome: 'answered',
      waitS: 7,
      answeredInThreshold: true,
      slThresholdS: 15,
      shortAbandonS: 5,
      endedAt: null,
    });

    const [, subjects, anomalies] = repo.syncAnomalies.mock.calls[0]!;
    expect(subjects).toEqual(['call:c1', 'call:c0']);
    expect(anomalies.map((a) => [a.subject, a.eventId])).toEqual([['call:c0', 'e9']]);
    expect(anomalies[0]!.reason).toMatch(/^call\.ended for call c0 has no call\.offered/);

    expect(result).toEqual({ inserted: new Set(['e1', 'e2', 'e3']), calls: 1, anomalies: 1 });
  });

  it("joins a call's events stored before the batch with the batch's new ones, reading nothing back", async () => {
    // c1 was offered at 09:00:05 by an earlier batch; this one brings its answer, twice, and a resend of the offer.
    const again = { ...e3 };
    repo.callEvents.mockResolvedValue([stored(e2)]);
    repo.insertEvents.mockResolvedValue(new Set(['e3']));
    repo.wrapIntervals.mockResolvedValue([]);
    repo.rulesBook.mockResolvedValue(book);

    const result = await writer.write([e2, e3, again]);

    expect(callOrder(repo)).toEqual([
      'transaction',
      'callEvents',
      'insertEvents',
      'wrapIntervals',
      'rulesBook',
      'replaceCalls',
      'syncAnomalies',
    ]);
    expect(repo.callEvents).toHaveBeenCalledWith(tx, ['c1'], new Date(t('09:00:05')), to);
    const [, ids, f, u, rows] = repo.replaceCalls.mock.calls[0]!;
    // The window is that of the new event only: 09:00:12.
    expect([ids, f, u]).toEqual([['c1'], to, to]);
    // Offered 09:00:05 (stored before), answered 09:00:12 (new, once): a 7 s wait, within 3 rings × 5 s.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ callId: 'c1', offeredAt: new Date(t('09:00:05')), answeredAt: to, outcome: 'answered', waitS: 7 });
    expect(repo.syncAnomalies.mock.calls[0]![2]).toEqual([]);
    expect(result).toEqual({ inserted: new Set(['e3']), calls: 1, anomalies: 0 });
  });

  it('leaves out events stored before that lie more than a day from the new ones', async () => {
    // An offer of the same call id a week earlier belongs to another call.
    const old = ev('e-old', 'call.offered', '09:00:00', { callId: 'c1', queue: 'general' });
    const weekBefore = { ...stored(old), ts: new Date(Date.parse(t('09:00:00')) - 7 * 86_400_000) };
    repo.callEvents.mockResolvedValue([weekBefore]);
    repo.insertEvents.mockResolvedValue(new Set(['e3']));
    repo.wrapIntervals.mockResolvedValue([]);
    repo.rulesBook.mockResolvedValue(book);

    await writer.write([e3]);

    // Without its offer the answer cannot be placed: no row, one anomaly.
    expect(repo.replaceCalls.mock.calls[0]![4]).toEqual([]);
    expect(repo.syncAnomalies.mock.calls[0]![2].map((a) => a.eventId)).toEqual(['e3']);
  });

  it('derives nothing when every event was stored before', async () => {
    repo.insertEvents.mockResolvedValue(new Set());
    expect(await writer.write([e0])).toEqual({ inserted: new Set(), calls: 0, anomalies: 0 });
    expect(callOrder(repo)).toEqual(['transaction', 'insertEvents']);
  });

  it('stops after the agents when their changes touch no call', async () => {
    repo.insertEvents.mockResolvedValue(new Set(['e1']));
    repo.agentEvents.mockResolvedValue({ events: [stored(e1)], windows: new Map([['a1', { from, to: from }]]) });
    repo.callIdsEndedNear.mockResolvedValue([]);
    expect(await writer.write([e1])).toEqual({ inserted: new Set(['e1']), calls: 0, anomalies: 0 });
    expect(repo.callIdsEndedNear).toHaveBeenCalledWith(tx, ['a1'], from, from);
    expect(callOrder(repo)).toEqual(['transaction', 'insertEvents', 'agentEvents', 'replaceAgentIntervals', 'callIdsEndedNear']);
  });

  it('opens no transaction for an empty batch', async () => {
    expect(await writer.write([])).toEqual({ inserted: new Set(), calls: 0, anomalies: 0 });
    expect(callOrder(repo)).toEqual([]);
  });
});
