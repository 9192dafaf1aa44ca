/**
 * How the `/live` gateway paces its rounds of patches against the live
 * engine's flushes: a round that took d ms is followed by 2·d ms in which the
 * flushes' changes are gathered, then sent together in one round. The rounds
 * themselves (`patch.ts` builds each room's patch) are replaced by a fake that
 * takes a set time.
 */
import { Logger } from 'nestjs-pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditService } from '../auth/audit/audit.service.js';
import { SessionsService } from '../auth/sessions/sessions.service.js';
import { loadConfig } from '../config/config.js';
import { type Mocked, automock } from '../testing/automock.js';
import type { DirtySet } from './live-state.js';
import { LiveGateway } from './live.gateway.js';
import type { FlushListener, LiveFlush } from './live.service.js';
import { LiveService } from './live.service.js';

const NOW = Date.parse('2026-03-02T02:00:00Z');
/** How long each round takes. */
const ROUND_MS = 10;

let gateway: LiveGateway;
let live: Mocked<LiveService>;
let flush: FlushListener;
let rounds: { nowMs: number; queues: string[]; agents: string[]; reset: boolean }[];

const dirty = (queues: string[], agents: string[] = [], all = false): DirtySet => ({
  queues: new Set(queues),
  agents: new Set(agents),
  all,
});
const flushOf = (d: DirtySet, reset = false): LiveFlush => ({ nowMs: Date.now(), dirty: d, reset });

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
  rounds = [];
  live = automock(LiveService);
  live.onFlush.mockImplementation((l) => void (flush = l));
  live.now = vi.fn(() => Date.now()) as typeof live.now;
  const sessions = automock(SessionsService);
  gateway = new LiveGateway(loadConfig({ CALLBOARD_DEMO: '0' }), sessions, automock(AuditService), live, automock(Logger));
  vi.spyOn(gateway as unknown as { patch: (f: LiveFlush) => void }, 'patch').mockImplementation((f: LiveFlush) => {
    rounds.push({ nowMs: f.nowMs, queues: [...f.dirty.queues].sort(), agents: [...f.dirty.agents].sort(), reset: f.reset });
    vi.advanceTimersByTime(ROUND_MS);
  });
  gateway.afterInit({ use: vi.fn() } as never);
});

afterEach(() => {
  gateway.onModuleDestroy();
  vi.useRealTimers();
});

describe('LiveGateway rounds of patches', () => {
  it('sends at once after a quiet spell, then gathers the changes of twice the last round into the next', () => {
    flush(flushOf(dirty(['billing'])));
    expect(rounds).toEqual([{ nowMs: NOW, queues: ['billing'], agents: [], reset: false }]);

    // The round took 10 ms: until 20 ms after it, flushes are gathered.
    vi.advanceTimersByTime(5);
    flush(flushOf(dirty(['sales'], ['a1'])));
    vi.advanceTimersByTime(5);
    flush(flushOf(dirty(['billing'], ['a2'])));
    expect(rounds).toHaveLength(1);

    vi.advanceTimersByTime(9);
    expect(rounds).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(rounds).toEqual([
      { nowMs: NOW, queues: ['billing'], agents: [], reset: false },
      { nowMs: NOW + ROUND_MS + 2 * ROUND_MS, queues: ['billing', 'sales'], agents: ['a1', 'a2'], reset: false },
    ]);
  });

  it('compares breaches on a flush with nothing dirty: a round all the same', () => {
    flush(flushOf(dirty([])));
    expect(rounds).toEqual([{ nowMs: NOW, queues: [], agents: [], reset: false }]);
  });

  it('sends a new day at once, dropping what was gathered: the snapshots hold it', () => {
    flush(flushOf(dirty(['billing'])));
    flush(flushOf(dirty(['sales'])));
    flush(flushOf(dirty([], [], true), true));
    expect(rounds.map((r) => r.reset)).toEqual([false, true]);
    vi.advanceTimersByTime(1000);
    expect(rounds).toHaveLength(2);
  });
});
