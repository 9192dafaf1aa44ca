/**
 * The demo with its QA data: after a start, the last seven complete days of
 * simulated calls are stored, a sample of them has evaluations in every state,
 * and their recordings play (HEAD answers headers only, unaudited). A second
 * start posts nothing new and samples nothing again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HISTORY_DAYS, DemoService, createUser } from '@callboard/api';
import { type RunningApp, startApp, until } from '../support/app.js';
import { type Client, PASSWORD, login } from '../support/auth.js';

const TZ = 'Asia/Shanghai';
const dir = mkdtempSync(path.join(os.tmpdir(), 'callboard-qa-demo-'));
let app: RunningApp | undefined;

interface Evaluation {
  id: string;
  callId: string;
  status: string;
  offeredAt: string;
  reviewerId: string;
}

async function startDemo(): Promise<RunningApp> {
  const demo = await startApp({ CALLBOARD_DATA_DIR: dir, CALLBOARD_DEMO: '1', CALLBOARD_TZ: TZ });
  await Promise.race([
    demo.get(DemoService).historyDone(),
    new Promise((_, reject) => setTimeout(() => reject(new Error('the demo history took over 4 minutes')), 240_000).unref()),
  ]);
  return demo;
}

/** Events before today by local day. */
async function pastEvents(demo: RunningApp): Promise<{ day: string; n: number }[]> {
  const midnight = DateTime.now().setZone(TZ).startOf('day').toJSDate();
  const r = await demo.db.query<{ day: string; n: number }>(
    `SELECT to_char(ts AT TIME ZONE '${TZ}', 'YYYY-MM-DD') AS day, count(*)::int AS n FROM events WHERE ts < $1 GROUP BY 1 ORDER BY 1`,
    [midnight],
  );
  return r.rows.map((x) => ({ day: x.day, n: Number(x.n) }));
}

async function evaluations(client: Client): Promise<Evaluation[]> {
  const r = await client.get('/api/v1/qa/evaluations?limit=1000');
  expect(r.status).toBe(200);
  return r.body.evaluations as Evaluation[];
}

function byStatus(list: Evaluation[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of list) out[e.status] = (out[e.status] ?? 0) + 1;
  return out;
}

async function plays(demo: RunningApp, callId: string): Promise<number> {
  const r = await demo.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE action = 'recording.played' AND target = $1`,
    [callId],
  );
  return Number(r.rows[0]!.n);
}

function recording(client: Client, callId: string, method: 'GET' | 'HEAD', range?: string): Promise<Response> {
  return fetch(`${client.url}/api/v1/qa/calls/${encodeURIComponent(callId)}/recording`, {
    method,
    headers: { cookie: client.cookie!, ...(range ? { range } : {}) },
  });
}

beforeAll(async () => {
  // The QA accounts exist before the demo, with passwords the test knows; the demo keeps them.
  const before = await startApp({ CALLBOARD_DATA_DIR: dir, CALLBOARD_TZ: TZ });
  await createUser(before.db, { username: 'qalead', password: PASSWORD, role: 'qa_lead', displayName: 'QA lead' });
  await createUser(before.db, { username: 'reviewer', password: PASSWORD, role: 'qa_reviewer', displayName: 'Reviewer' });
  await before.close();
}, 60_000);

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo start', () => {
  const today = DateTime.now().setZone(TZ).startOf('day');
  const week = Array.from({ length: DEMO_HISTORY_DAYS }, (_, i) => today.minus({ days: DEMO_HISTORY_DAYS - i }).toISODate()!);
  let first: { day: string; n: number }[];
  let seeded: Evaluation[];

  it('stores the last seven complete days and samples them with evaluations in every state', async () => {
    app = await startDemo();
    first = await pastEvents(app);
    // Each of the seven days holds a day's traffic (thousands of events); nothing older.
    expect(first.map((d) => d.day)).toEqual(week);
    for (const d of first) expect(d.n).toBeGreaterThan(1000);

    const lead = await login(app.url, 'qalead', PASSWORD);
    seeded = await evaluations(lead);
    const n = seeded.length;
    // Two calls per agent who answered in the week: a few dozen.
    expect(n).toBeGreaterThan(10);
    // Every fourth is left for its reviewer; of the scored ones the 1st, 4th, 7th … are acknowledged, the next two disputed.
    const open = Math.floor(n / 4);
    const scored = n - open;
    const acknowledged = Math.ceil(scored / 3);
    expect(byStatus(seeded)).toEqual({ assigned: open, acknowledged, disputed: 2, submitted: scored - acknowledged - 2 });
    for (const e of seeded) {
      const day = DateTime.fromISO(e.offeredAt).setZone(TZ).toISODate()!;
      expect(week).toContain(day);
    }

    // The only active reviewer was assigned every one of them and sees the same.
    const reviewer = await login(app.url, 'reviewer', PASSWORD);
    const mine = await evaluations(reviewer);
    expect(byStatus(mine)).toEqual(byStatus(seeded));
    expect(new Set(mine.map((e) => e.reviewerId))).toEqual(new Set([reviewer.session!.user!.id]));
  }, 300_000);

  it('leaves each demo account something to do: open reviews due on different days, a score to acknowledge, a calibration', async () => {
    const reviewer = await login(app!.url, 'reviewer', PASSWORD);
    const lead = await login(app!.url, 'qalead', PASSWORD);
    const queue = (await reviewer.get('/api/v1/qa/evaluations?status=assigned&limit=1000')).body.evaluations as (Evaluation & {
      dueAt: string;
      agentId: string;
    })[];
    // Soonest due first; the three runs fall due on three different days.
    expect(queue.map((e) => e.dueAt)).toEqual([...queue.map((e) => e.dueAt)].sort());
    expect(new Set(queue.map((e) => e.dueAt)).size).toBe(3);
    // Telling: a transcript, a recording and a failed auto-check. The queue opens on one.
    const telling: boolean[] = [];
    for (const e of queue) {
      const d = (await reviewer.get(`/api/v1/qa/evaluations/${e.id}`)).body;
      telling.push(d.transcript?.length > 0 && d.recording !== null && d.findings.some((f: { passed: boolean }) => !f.passed));
    }
    expect(telling.filter(Boolean).length).toBeGreaterThanOrEqual(3);
    expect(telling[0]).toBe(true);
    const agentId = (await app!.db.query<{ agent_id: string }>(`SELECT agent_id FROM users WHERE username = 'agent'`)).rows[0]!.agent_id;
    const own = (await lead.get(`/api/v1/qa/evaluations?agent=${agentId}&limit=1000`)).body.evaluations as Evaluation[];
    expect(own.map((e) => e.status)).toEqual(expect.arrayContaining(['assigned', 'submitted']));
    const calibrations = (await lead.get('/api/v1/qa/calibrations')).body.calibrations;
    expect(calibrations).toHaveLength(1);
    expect(calibrations[0]).toMatchObject({
      leadId: lead.session!.user!.id,
      reviewers: [reviewer.session!.user!.id],
      submitted: [lead.session!.user!.id],
      complete: false,
    });
  }, 60_000);

  it("answers HEAD for a sampled call's recording with headers only and no audit entry, and plays it with a range", async () => {
    const reviewer = await login(app!.url, 'reviewer', PASSWORD);
    const callId = seeded.find((e) => e.status === 'disputed')!.callId;
    const other = seeded.find((e) => e.status === 'acknowledged')!.callId;

    const head = await recording(reviewer, callId, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('audio/wav');
    const total = Number(head.headers.get('content-length'));
    // A 44-byte header and 8,000 one-byte samples a second of talk: a call of at least a second.
    expect(total).toBeGreaterThan(44 + 8_000);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const headPart = await recording(reviewer, callId, 'HEAD', 'bytes=100-199');
    expect(headPart.status).toBe(206);
    expect(headPart.headers.get('content-length')).toBe('100');
    expect(headPart.headers.get('content-range')).toBe(`bytes 100-199/${total}`);
    expect((await headPart.arrayBuffer()).byteLength).toBe(0);
    // Another call's play is audited after the HEADs: an entry of theirs would be stored by then.
    await (await recording(reviewer, other, 'GET', 'bytes=0-0')).arrayBuffer();
    await until('the other play is audited', async () => (await plays(app!, other)) === 1);
    expect(await plays(app!, callId)).toBe(0);

    const part = await recording(reviewer, callId, 'GET', 'bytes=0-43');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-type')).toBe('audio/wav');
    expect(part.headers.get('content-range')).toBe(`bytes 0-43/${total}`);
    const header = Buffer.from(await part.arrayBuffer());
    expect(header.length).toBe(44);
    expect(header.toString('ascii', 0, 4)).toBe('RIFF');
    expect(header.toString('ascii', 8, 12)).toBe('WAVE');
    expect(header.readUInt32LE(4)).toBe(total - 8);
    expect(header.readUInt32LE(40)).toBe(total - 44);
    await until('the play is audited', async () => (await plays(app!, callId)) === 1);
  }, 60_000);

  it('posts no day again and samples nothing again on the next start', async () => {
    await app!.close();
    app = undefined;
    app = await startDemo();
    expect(await pastEvents(app)).toEqual(first);
    const lead = await login(app.url, 'qalead', PASSWORD);
    const again = await evaluations(lead);
    expect(again.map((e) => [e.id, e.status]).sort()).toEqual(seeded.map((e) => [e.id, e.status]).sort());
  }, 300_000);
});
