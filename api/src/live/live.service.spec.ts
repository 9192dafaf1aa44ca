/**
 * The live engine's shell against typed fakes of its repository, the event log,
 * the settings and the logger: how it rebuilds today, what it asks the
 * database for, how it merges the log's tail, and when it announces changes.
 * The events are the live scenario's hour (`testing/live.scenario.ts`, queue
 * billing, 09:00–10:00 in Shanghai); its figures are worked out there.
 */
import { Logger } from 'nestjs-pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/config.js';
import type { CanonicalEvent } from '../events/event.schema.js';
import type { EventLog, LogListener } from '../log/event-log.js';
import { SettingsService } from '../settings/settings.service.js';
import { type Mocked, automock } from '../testing/automock.js';
import { liveScenario } from '../testing/live.scenario.js';
import { LiveRepository } from './live.repository.js';
import { type LiveFlush, LiveService } from './live.service.js';
import type { HourVolume } from './live.wire.js';
import { defaultRulesBook } from '../testing/rules.fixture.js';

/** 10:00 on Monday 2026-03-02 in Shanghai. */
const NOW = Date.parse('2026-03-02T02:00:00Z');
/** Four hours before local midnight (2026-03-01T16:00Z). */
const WINDOW_START = Date.parse('2026-03-01T12:00:00Z');
const COALESCE_MS = 40;
const events = liveScenario(Date.parse('2026-03-02T01:00:00Z'), { queue: 'billing', prefix: '' });
const offerOf = (callId: string) => events.find((e) => e.type === 'call.offered' && e.payload.callId === callId)!;
const book = defaultRulesBook();
const flushMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));

let repo: Mocked<LiveRepository>;
let logger: Mocked<Logger>;
let log: EventLog & { follow: ReturnType<typeof vi.fn> };
/** What the log hands the engine, as it would from another process's appends. */
let deliver: LogListener;
let live: LiveService;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  repo = automock(LiveRepository);
  repo.statesAt.mockResolvedValue([]);
  repo.agentDirectory.mockResolvedValue([{ agentId: 'a2', name: '王芳', team: 'team-a' }]);
  repo.hourlyVolume.mockResolvedValue(new Map());
  log = {
    kind: 'embedded',
    append: vi.fn(),
    follow: vi.fn((_sinceMs: number, listener: LogListener) => {
      deliver = listener;
    }),
    health: vi.fn(),
    close: vi.fn(),
  };
  const settings = automock(SettingsService);
  settings.book.mockReturnValue(book);
  logger = automock(Logger);
  const config = loadConfig({ CALLBOARD_TZ: 'Asia/Shanghai', CALLBOARD_DEMO: '0', CALLBOARD_LIVE_COALESCE_MS: String(COALESCE_MS) });
  live = new LiveService(config, repo, log, settings, logger);
});

afterEach(() => {
  live.onApplicationShutdown();
  vi.useRealTimers();
});

describe('LiveService start-up', () => {
  it('follows the log before reading today from the database, and counts what arrived meanwhile once', async () => {
    // The log delivers c9's and c10's offers, and c1's again, while the database is read; the database has all but those two.
    const fromLog = [offerOf('c1'), offerOf('c9'), offerOf('c10')];
    repo.windowEvents.mockImplementation(async () => {
      deliver(fromLog);
      return events.filter((e) => e !== fromLog[1] && e !== fromLog[2]);
    });

    await live.onApplicationBootstrap();

    expect(log.follow).toHaveBeenCalledWith(WINDOW_START, expect.any(Function));
    expect(log.follow.mock.invocationCallOrder[0]).toBeLessThan(repo.windowEvents.mock.invocationCallOrder[0]!);
    expect(repo.statesAt).toHaveBeenCalledWith(new Date(WINDOW_START));
    expect(repo.windowEvents).toHaveBeenCalledWith(new Date(WINDOW_START));
    // Names over five weeks: 35 days before 2026-03-01T12:00Z.
    expect(repo.agentDirectory).toHaveBeenCalledWith(new Date('2026-01-25T12:00:00Z'));
    expect(live.health()).toEqual({
      ready: true,
      day: '2026-03-02',
      // c10 was offered at +3587 s: 09:59:47.
      lastEventAt: '2026-03-02T09:59:47.000+08:00',
      events: events.length,
      calls: 10,
      // a1 and a3 sent states; a2 only answered calls.
      agents: 3,
      flushes: 0,
      workMs: expect.any(Number),
    });
    const billing = live.snapshot({ queues: ['billing'], teams: null }, 0).queues[0]!;
    // c1, c2, c4, c5, c6, c8, c9, c10 offered; c9 and c10 still waiting.
    expect([billing.today.offered, billing.waiting]).toEqual([8, 2]);
    // a2 never sent a state: the name comes from the directory.
    expect(live.state.agentName('a2')).toBe('王芳');
  });

  it('compares with the same weekday last week, and keeps that line empty when it cannot be read', async () => {
    const volume: HourVolume[] = [];
    repo.windowEvents.mockResolvedValue(events);
    repo.hourlyVolume.mockResolvedValue(new Map([['billing', volume]]));
    await live.onApplicationBootstrap();
    await flushMicrotasks();
    expect(repo.hourlyVolume).toHaveBeenCalledWith(live.clock, {
      day: '2026-02-23',
      startMs: Date.parse('2026-02-22T16:00:00Z'),
      endMs: Date.parse('2026-02-23T16:00:00Z'),
    });
    expect(live.snapshot({ queues: ['billing'], teams: null }, 0).queues[0]!.lastWeek).toBe(volume);

    const other = new LiveService(
      loadConfig({ CALLBOARD_TZ: 'Asia/Shanghai' }),
      repo,
      log,
      automock(SettingsService, { book: () => book }),
      logger,
    );
    repo.hourlyVolume.mockRejectedValue(new Error('connection refused'));
    await other.onApplicationBootstrap();
    await flushMicrotasks();
    expect(logger.warn).toHaveBeenCalledWith({
      msg: "last week's volume could not be read; the comparison line stays empty",
      err: 'connection refused',
    });
    expect(other.snapshot({ queues: ['billing'], teams: null }, 0).queues[0]!.lastWeek).toEqual([]);
    other.onApplicationShutdown();
  });
});

describe('LiveService announcements', () => {
  it('announces what changed once per coalescing window, and nothing for events it already holds', async () => {
    repo.windowEvents.mockResolvedValue(events.filter((e) => e !== offerOf('c10')));
    await live.onApplicationBootstrap();
    await flushMicrotasks();
    // The start-up's own announcement (names and last week read): everything is new.
    const flushes: LiveFlush[] = [];
    live.onFlush((f) => flushes.push(f));
    vi.advanceTimersByTime(COALESCE_MS);
    expect(flushes.map((f) => f.dirty.all)).toEqual([true]);
    flushes.length = 0;

    deliver([offerOf('c9')]);
    vi.advanceTimersByTime(COALESCE_MS);
    expect(flushes).toEqual([]);

    deliver([offerOf('c10')]);
    deliver([{ ...offerOf('c10') } as CanonicalEvent]);
    vi.advanceTimersByTime(COALESCE_MS - 1);
    expect(flushes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(flushes).toHaveLength(1);
    expect(flushes[0]!.nowMs).toBe(NOW + 3 * COALESCE_MS);
    expect([...flushes[0]!.dirty.queues]).toEqual(['billing']);
    expect(flushes[0]!.reset).toBe(false);
    expect(live.snapshot({ queues: ['billing'], teams: null }, 0).queues[0]!.waiting).toBe(2);
  });
});
