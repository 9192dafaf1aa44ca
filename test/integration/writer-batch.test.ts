/**
 * The writer's batches against the embedded TimescaleDB: a batch takes each
 * call's earlier events from the database and its new ones from the batch
 * itself, so a batch that mixes new calls, later events of calls stored by an
 * earlier batch, resends and repeats must leave exactly the rows that writing
 * one event at a time leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CanonicalEvent, WriterRepository, WriterService, simulate } from '@callboard/api';
import { type EmbeddedDb, migrate, openEmbedded } from '@callboard/db';
import { scenarioEvents } from '../support/scenario.js';

const TZ = 'Asia/Shanghai';

interface Store {
  db: EmbeddedDb;
  writer: WriterService;
}

async function openStore(): Promise<Store> {
  const db = await openEmbedded('memory://');
  await migrate(db, TZ);
  return { db, writer: new WriterService(new WriterRepository(db)) };
}

/**
 * Everything the writer derives, in a stable order, without the columns that
 * record when a row was written. Left out as well: anomalies since resolved
 * (a batch may meet an answer before its offer, which one event at a time in
 * time order never does), and the agent's name and team on their intervals,
 * which are carried only from a state change written in the same batch.
 */
async function derivedRows(db: EmbeddedDb) {
  const calls = await db.query(`SELECT * FROM calls ORDER BY call_id, queue, offered_at`);
  const agentStates = await db.query(
    `SELECT agent_id, started_at, ended_at, state, reason, event_id FROM agent_states ORDER BY agent_id, started_at`,
  );
  const anomalies = await db.query(
    `SELECT subject, event_id, reason FROM ingest_anomalies WHERE resolved_at IS NULL ORDER BY subject, event_id, reason`,
  );
  const events = await db.query(`SELECT id, ts FROM events ORDER BY id`);
  return {
    calls: calls.rows.map(({ updated_at: _, ...row }) => row),
    agentStates: agentStates.rows,
    anomalies: anomalies.rows,
    events: events.rows,
  };
}

/** An hour of the simulated center, 10:00–11:00 in Shanghai on a Tuesday: calls, agents, holds, transfers, wrap-ups. */
function simulatedHour(): CanonicalEvent[] {
  const from = Date.parse('2026-03-03T02:00:00Z');
  return [...simulate({ seed: 11, tz: TZ, rate: 1, agents: 12 }, from, from + 3600_000)];
}

describe('the writer in batches', () => {
  let oneByOne: Store;
  let batched: Store;

  beforeAll(async () => {
    [oneByOne, batched] = await Promise.all([openStore(), openStore()]);
  }, 120_000);
  afterAll(async () => {
    await oneByOne?.db.close();
    await batched?.db.close();
  });

  it('stores the hand-worked hour the same in three mixed batches as one event at a time', async () => {
    const events = scenarioEvents();
    for (const e of events) await oneByOne.writer.write([e]);

    // Every batch holds calls it starts and later events of calls an earlier batch started;
    // the last resends two stored events and repeats one of its own.
    const thirds = [0, 1, 2].map((k) => events.filter((_, i) => i % 3 === k));
    const first = await batched.writer.write(thirds[0]!);
    const second = await batched.writer.write(thirds[1]!);
    const third = await batched.writer.write([thirds[0]![0]!, ...thirds[2]!, thirds[2]![0]!, thirds[1]![1]!]);
    expect(first.inserted.size + second.inserted.size + third.inserted.size).toBe(events.length);
    expect(third.inserted.size).toBe(thirds[2]!.length);

    const expected = await derivedRows(oneByOne.db);
    // The scenario's six calls (scenario.ts): 3 answered, 2 abandoned (1 short), 1 timed out; waits 10, 15, 20, 3, 40 and 300 s.
    expect(expected.calls.map((c) => [c.call_id, c.outcome, c.wait_s])).toEqual([
      ['c1', 'answered', 10],
      ['c2', 'answered', 15],
      ['c3', 'answered', 20],
      ['c4', 'abandoned', 3],
      ['c5', 'abandoned', 40],
      ['c6', 'timed_out', 300],
    ]);
    expect(await derivedRows(batched.db)).toEqual(expected);
  }, 60_000);

  it('stores a simulated hour the same in batches of 37 as one event at a time', async () => {
    const events = simulatedHour();
    // Enough traffic that calls span batches, agents change state in most of them, and calls end near those changes.
    expect(events.length).toBeGreaterThan(500);
    for (const e of events) await oneByOne.writer.write([e]);
    for (let i = 0; i < events.length; i += 37) await batched.writer.write(events.slice(i, i + 37));

    const expected = await derivedRows(oneByOne.db);
    const answered = expected.calls.filter((c) => c.outcome === 'answered');
    expect(answered.length).toBeGreaterThan(40);
    expect(expected.calls.some((c) => c.transferred)).toBe(true);
    // Wrap-up comes from the agents' states, which other batches than the call's own may bring.
    expect(answered.some((c) => c.wrap_s !== null)).toBe(true);
    expect(await derivedRows(batched.db)).toEqual(expected);
  }, 120_000);
});

describe('the two ways the writer stores events', () => {
  // The embedded database takes events by COPY; a server by one INSERT over unnest(). The same
  // database without copyFrom stands for the server, so any difference is the statement's.
  let copied: Store;
  let inserted: Store;

  beforeAll(async () => {
    copied = await openStore();
    const db = await openEmbedded('memory://');
    await migrate(db, TZ);
    const plain = (q: Pick<EmbeddedDb, 'query' | 'exec'>) => ({ query: q.query.bind(q), exec: q.exec.bind(q) });
    const withoutCopy = {
      ...db,
      copyFrom: undefined,
      transaction: <T>(fn: (tx: ReturnType<typeof plain>) => Promise<T>) => db.transaction((tx) => fn(plain(tx))),
    };
    inserted = { db, writer: new WriterService(new WriterRepository(withoutCopy)) };
  }, 120_000);
  afterAll(async () => {
    await copied?.db.close();
    await inserted?.db.close();
  });

  it('store the same rows, free text with tabs, line breaks, backslashes and quotes included, and each id once', async () => {
    const events = simulatedHour().slice(0, 300);
    const offered = events.find((e) => e.type === 'call.offered')!;
    const callId = (offered.payload as { callId: string }).callId;
    const summary = 'first line\n\tindented "quoted" C:\\path\\N\r\nlast line: 好的 ✓';
    const disposition = {
      id: 'disp-text',
      type: 'call.dispositioned',
      ts: new Date(Date.parse(offered.ts) + 120_000).toISOString(),
      source: 'crm\\tab',
      payload: { callId, agentId: 'a\\1', category: 'complaint', summary },
    } as CanonicalEvent;
    // A resend of a stored id with another ts, and a repeat inside the batch: each id is stored once, the first time.
    const resend = { ...events[0]!, ts: new Date(Date.parse(events[0]!.ts) + 1000).toISOString() };
    for (const store of [copied, inserted]) {
      const first = await store.writer.write([...events.slice(0, 150), disposition]);
      const second = await store.writer.write([resend, ...events.slice(150), events[200]!]);
      expect(first.inserted.size).toBe(151);
      expect(second.inserted.size).toBe(150);
      expect(second.inserted.has(resend.id)).toBe(false);
    }
    const stored = (db: EmbeddedDb) =>
      db.query(
        `SELECT e.id, e.ts, e.type, e.source, e.call_id, e.agent_id, e.queue, e.case_id, e.payload::text AS payload, i.ts AS claimed_ts
           FROM events e JOIN event_ids i USING (id) ORDER BY e.id`,
      );
    const viaCopy = await stored(copied.db);
    expect(viaCopy.rows).toHaveLength(301);
    const text = viaCopy.rows.find((r) => r.id === 'disp-text')!;
    expect(text).toMatchObject({ source: 'crm\\tab', call_id: callId, agent_id: 'a\\1', queue: null, case_id: null });
    expect(JSON.parse(text.payload as string)).toEqual(disposition.payload);
    const first = viaCopy.rows.find((r) => r.id === events[0]!.id)!;
    expect((first.ts as Date).toISOString()).toBe(new Date(events[0]!.ts).toISOString());
    expect(first.claimed_ts).toEqual(first.ts);
    expect((await stored(inserted.db)).rows).toEqual(viaCopy.rows);
    expect(await derivedRows(inserted.db)).toEqual(await derivedRows(copied.db));
  }, 120_000);
});
