import type { Db } from '@callboard/db';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalBroadcast } from '../infra/broadcast.js';
import { type QueueRulesRow, RulesBook } from './rules-book.js';
import { SettingsService, type SettingsChanged } from './settings.service.js';

// The database behind the service: a list of rows the fake repository reads and appends to.
const stored = vi.hoisted(() => ({ rules: [] as QueueRulesRow[], failNextLoad: false, now: 0 }));

vi.mock('./rules-book.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./rules-book.js')>();
  return {
    ...actual,
    loadRulesBook: vi.fn(async () => {
      if (stored.failNextLoad) {
        stored.failNextLoad = false;
        throw new Error('database away');
      }
      return new actual.RulesBook([...stored.rules], []);
    }),
  };
});

vi.mock('./settings.repository.js', () => ({
  insertQueueRules: vi.fn(async (_q: unknown, r: Omit<QueueRulesRow, 'effectiveFromMs'>) => {
    stored.rules.push({ ...r, effectiveFromMs: stored.now });
    return stored.now;
  }),
  insertNotReadyLimits: vi.fn(async () => stored.now),
  queuesOfferedSince: vi.fn(async () => ['support', 'billing']),
}));

const DEFAULT: QueueRulesRow = {
  queue: '*',
  effectiveFromMs: -Infinity,
  rings: 3,
  ringCycleS: 5,
  shortAbandonS: 5,
  slTarget: 0.8,
  asaTargetS: null,
  abandonTarget: null,
};
const db = { transaction: (fn: (tx: unknown) => unknown) => fn({}) } as unknown as Db;
const logger = { error: vi.fn(), warn: vi.fn() };
const config = { CALLBOARD_TZ: 'Asia/Shanghai' };

let bus: LocalBroadcast<SettingsChanged>;
let service: SettingsService;

beforeEach(async () => {
  stored.rules = [DEFAULT];
  stored.now = Date.parse('2026-03-02T02:00:00.000Z');
  bus = new LocalBroadcast<SettingsChanged>();
  service = new SettingsService(db, bus, config, logger);
  await service.start();
});
afterEach(async () => {
  await service.onApplicationShutdown();
  vi.clearAllMocks();
});

const billing = { rings: 2, ringCycleS: 5, shortAbandonS: 5, slTarget: 0.8 };

describe('SettingsService', () => {
  it('has the stored rules once started', () => {
    expect(service.book().configuredQueues()).toEqual([]);
    expect(service.book().thresholds('billing', Date.now())).toEqual({ slThresholdS: 15, shortAbandonS: 5 });
  });

  it('stores a change effective now, answers before and after, and tells listeners once', async () => {
    const heard: RulesBook[] = [];
    service.onChange((book) => heard.push(book));
    const { before, after } = await service.setQueueRules('billing', billing);

    expect(before).toMatchObject({ queue: 'billing', source: 'default', effectiveFrom: null, rules: { slThresholdS: 15 } });
    expect(after).toEqual({
      queue: 'billing',
      source: 'queue',
      effectiveFrom: '2026-03-02T02:00:00.000Z',
      rules: { rings: 2, ringCycleS: 5, slThresholdS: 10, shortAbandonS: 5, slTarget: 0.8, asaTargetS: null, abandonTarget: null },
    });
    expect(heard).toHaveLength(1);
    expect(heard[0]!.thresholds('billing', stored.now)).toEqual({ slThresholdS: 10, shortAbandonS: 5 });
    expect(service.book()).toBe(heard[0]);
  });

  it('announces a change to the other processes', async () => {
    const announced: SettingsChanged[] = [];
    bus.on((m) => announced.push(m));
    await service.setQueueRules('billing', billing);
    expect(announced).toHaveLength(1);
  });

  it('reloads when another process announces a change, and not for its own', async () => {
    const heard = vi.fn();
    service.onChange(heard);
    stored.rules.push({ ...DEFAULT, queue: 'vip', effectiveFromMs: stored.now, rings: 4 });
    await bus.publish({ origin: 'another process' });
    await vi.waitFor(() => expect(service.book().configuredQueues()).toEqual(['vip']));
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('tells no one when a reload finds nothing new', async () => {
    const heard = vi.fn();
    service.onChange(heard);
    await service.reload();
    expect(heard).not.toHaveBeenCalled();
  });

  it('keeps the rules in force when a reload fails, and a failing listener harms no other', async () => {
    const second = vi.fn();
    service.onChange(() => {
      throw new Error('listener bug');
    });
    service.onChange(second);
    const before = service.book();
    stored.failNextLoad = true;
    await expect(service.reload()).rejects.toThrow('database away');
    expect(service.book()).toBe(before);

    await service.setQueueRules('billing', billing);
    expect(second).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith({ err: 'listener bug' }, 'settings listener failed');
  });

  it('still stores a change when announcing it fails', async () => {
    vi.spyOn(bus, 'publish').mockRejectedValue(new Error('redis away'));
    const { after } = await service.setQueueRules('billing', billing);
    expect(after.rules.slThresholdS).toBe(10);
    await vi.waitFor(() => expect(logger.error).toHaveBeenCalledWith({ err: 'redis away' }, 'settings change not announced'));
  });

  it('lists the default first, then known queues in scope by name', async () => {
    await service.setQueueRules('vip', billing);
    expect((await service.queueSettings(null)).map((q) => [q.queue, q.source])).toEqual([
      ['*', 'default'],
      ['billing', 'default'],
      ['support', 'default'],
      ['vip', 'queue'],
    ]);
    expect((await service.queueSettings(['support', 'elsewhere'])).map((q) => q.queue)).toEqual(['*', 'support']);
    expect((await service.queueSettings([])).map((q) => q.queue)).toEqual(['*']);
  });

  it('stops listening at shutdown', async () => {
    const heard = vi.fn();
    service.onChange(heard);
    await service.onApplicationShutdown();
    stored.rules.push({ ...DEFAULT, queue: 'vip', effectiveFromMs: stored.now });
    await bus.publish({ origin: 'another process' });
    expect(heard).not.toHaveBeenCalled();
  });
});
