/**
 * Two API processes on one Redis (ARCHITECTURE.md: every process tails the
 * whole log and derives the same state). Events are posted to either; both
 * must show the same snapshot, also after one of them is stopped mid-stream
 * and started again (rebuilt from its database plus the log's tail).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CanonicalEvent, type LiveSnapshot, simulate } from '@callboard/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, INGEST_KEY, postEvents, until } from '../support/app.js';
import { login } from '../support/auth.js';
import { middayZone } from '../support/live-scenario.js';
import { type ApiProcess, startApiProcess } from '../support/process.js';
import { dropRedisKeys } from '../support/redis.js';
import { comparableSnapshot } from '../support/live-follower.js';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TZ = middayZone();
const prefix = `cluster-${process.pid}-${Date.now().toString(36)}`;
const dirs = { a: mkdtempSync(path.join(os.tmpdir(), 'callboard-a-')), b: mkdtempSync(path.join(os.tmpdir(), 'callboard-b-')) };
const env = (dir: string) => ({
  REDIS_URL: REDIS,
  CALLBOARD_REDIS_PREFIX: prefix,
  CALLBOARD_DATA_DIR: dir,
  CALLBOARD_TZ: TZ,
  CALLBOARD_DEMO: '0',
  CALLBOARD_INGEST_KEY: INGEST_KEY,
  CALLBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
});
let a: ApiProcess;
let b: ApiProcess;

// Forty minutes of a busy center ending 20 minutes ago: breaches that ended are off the live list, nothing is at risk.
const now = Date.now();
const events: CanonicalEvent[] = [...simulate({ seed: 11, tz: TZ, rate: 4 }, now - 60 * 60_000, now - 20 * 60_000)].map((e) => ({
  ...e,
  id: `${prefix}-${e.id}`,
}));
const third = Math.floor(events.length / 3);
const parts = [events.slice(0, third), events.slice(third, 2 * third), events.slice(2 * third)];

beforeAll(async () => {
  [a, b] = await Promise.all([startApiProcess(env(dirs.a)), startApiProcess(env(dirs.b))]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await dropRedisKeys(prefix, REDIS);
  rmSync(dirs.a, { recursive: true, force: true });
  rmSync(dirs.b, { recursive: true, force: true });
});

async function post(url: string, batch: CanonicalEvent[]): Promise<void> {
  for (let i = 0; i < batch.length; i += 1000) {
    const r = await postEvents(url, batch.slice(i, i + 1000));
    expect(r.status).toBe(202);
  }
}

async function snapshots(): Promise<[LiveSnapshot, LiveSnapshot]> {
  const [ca, cb] = await Promise.all([login(a.url, 'admin', ADMIN_PASSWORD), login(b.url, 'admin', ADMIN_PASSWORD)]);
  const [ra, rb] = await Promise.all([ca.get('/api/v1/live'), cb.get('/api/v1/live')]);
  return [ra.body, rb.body];
}

async function converged(minOffered: number): Promise<[LiveSnapshot, LiveSnapshot]> {
  const pair = await until(
    'both processes to show the same figures',
    async () => {
      const [sa, sb] = await snapshots();
      if (sa.totals.offered < minOffered) return undefined;
      return JSON.stringify(comparableSnapshot(sa)) === JSON.stringify(comparableSnapshot(sb))
        ? ([sa, sb] as [LiveSnapshot, LiveSnapshot])
        : undefined;
    },
    30_000,
  ).catch(async () => snapshots());
  expect(comparableSnapshot(pair[1])).toEqual(comparableSnapshot(pair[0]));
  return pair;
}

const offers = (list: CanonicalEvent[]) => list.filter((e) => e.type === 'call.offered').length;

describe('two API processes on one Redis', () => {
  it('show the same snapshot whichever process received the events', async () => {
    const half = Math.floor(parts[0]!.length / 2);
    await Promise.all([post(a.url, parts[0]!.slice(0, half)), post(b.url, parts[0]!.slice(half))]);
    const [sa] = await converged(1);
    expect(sa.queues.length).toBeGreaterThan(1);
    expect(sa.agents.length).toBeGreaterThan(5);
  }, 60_000);

  it('one stopped mid-stream and started again ends equal', async () => {
    await b.stop();
    await post(a.url, parts[1]!);
    b = await startApiProcess(env(dirs.b));
    await post(b.url, parts[2]!);
    const [sa, sb] = await converged(offers(events) * 0.9);
    // Every offer is a leg unless it repeats an open one: the simulator's transfers re-offer to a second queue.
    expect(sb.totals.offered).toBeGreaterThanOrEqual(offers(events) * 0.9);
    expect(sb.totals.offered).toBeLessThanOrEqual(offers(events));
    expect(sa.totals.answered + sa.totals.abandoned + sa.totals.timedOut + sa.totals.transferredOut).toBeGreaterThan(0);
  }, 120_000);
});
