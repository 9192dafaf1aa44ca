import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditService } from '../auth/audit/audit.service.js';
import { LocalBroadcast } from '../infra/broadcast.js';
import { type Mocked, automock } from '../testing/automock.js';
import type { NotReadyLimitRow, QueueRulesRow, RulesBook } from './rules-book.js';
import { SettingsRepository } from './settings.repository.js';
import { SettingsService, type SettingsChanged } from './settings.service.js';
import { defaultRulesRow } from '../testing/rules.fixture.js';

const DEFAULT = defaultRulesRow();
const logger = { error: vi.fn(), warn: vi.fn() };
const config = { CALLBOARD_TZ: 'Asia/Shanghai' };
const ADMIN = { actor: { kind: 'system' as const, name: 'cli:test' }, ip: null };

// The database behind the fake repository: rows it reads and appends to, stamped with `now`.
let stored: { rules: QueueRulesRow[]; limits: NotReadyLimitRow[]; now: number };
let repository: Mocked<SettingsRepository>;
let audit: Mocked<AuditService>;
let bus: LocalBroadcast<SettingsChanged>;
let service: SettingsService;

beforeEach(async () => {
  stored = { rules: [DEFAULT], limits: [], now: Date.parse('2026-03-02T02:00:00.000Z') };
  const rows = () => ({ rules: [...stored.rules], limits: [...stored.limits] });
  repository = automock(SettingsRepository);
  repository.rows.mockImplementation(async () => rows());
  repository.appendQueueRules.mockImplementation(async (r) => {
    const before = rows();
    stored.rules.push({ ...r, effectiveFromMs: stored.now });
    return { before, effectiveFromMs: stored.now };
  });
  repository.appendNotReadyLimits.mockImplementation(async (limits) => {
    const before = rows();
    stored.limits.push(...limits.map((l) => ({ ...l, effectiveFromMs: stored.now })));
    return { before };
  });
  repository.queuesOfferedSince.mockResolvedValue(['support', 'billing']);
  audit = automock(AuditService);
  bus = new LocalBroadcast<SettingsChanged>();
  service = new SettingsService(repository, bus, config, logger, audit);
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
    const { before, after } = await service.setQueueRules('billing', billing, ADMIN);

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

  it('audits a change of rules with the rules before and after, and who made it', async () => {
    await service.setQueueRules('billing', billing, ADMIN);
    // billing has no rows of its own: before, the '*' default, 3 rings × 5 s = 15 s; after, its own 2 × 5 s = 10 s.
    expect(audit.record).toHaveBeenCalledExactlyOnceWith({
      action: 'settings.queue',
      actor: { kind: 'system', name: 'cli:test' },
      ip: null,
      target: 'billing',
      detail: {
        before: {
          queue: 'billing',
          source: 'default',
          effectiveFrom: null,
          rules: { rings: 3, ringCycleS: 5, slThresholdS: 15, shortAbandonS: 5, slTarget: 0.8, asaTargetS: null, abandonTarget: null },
        },
        after: {
          queue: 'billing',
          source: 'queue',
          effectiveFrom: '2026-03-02T02:00:00.000Z',
          rules: { rings: 2, ringCycleS: 5, slThresholdS: 10, shortAbandonS: 5, slTarget: 0.8, asaTargetS: null, abandonTarget: null },
        },
      },
    });
  });

  it('audits the limits of the reasons listed only, and answers every limit in force', async () => {
    stored.limits.push(
      { reason: 'break', effectiveFromMs: -Infinity, limitS: 900 },
      { reason: 'lunch', effectiveFromMs: -Infinity, limitS: 3600 },
    );
    await service.reload();
    const limits = await service.setNotReadyLimits({ limits: [{ reason: 'break', limitS: 1200 }] }, ADMIN);
    expect(limits).toEqual([
      { reason: 'break', limitS: 1200, effectiveFrom: '2026-03-02T02:00:00.000Z' },
      { reason: 'lunch', limitS: 3600, effectiveFrom: null },
    ]);
    expect(audit.record).toHaveBeenCalledExactlyOnceWith({
      action: 'settings.not_ready_limits',
      actor: { kind: 'system', name: 'cli:test' },
      ip: null,
      target: 'break',
      detail: {
        before: [{ reason: 'break', limitS: 900, effectiveFrom: null }],
        after: [{ reason: 'break', limitS: 1200, effectiveFrom: '2026-03-02T02:00:00.000Z' }],
      },
    });
  });

  it('announces a change to the other processes', async () => {
    const announced: SettingsChanged[] = [];
    bus.on((m) => announced.push(m));
    await service.setQueueRules('billing', billing, ADMIN);
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
    repository.rows.mockRejectedValueOnce(new Error('database away'));
    await expect(service.reload()).rejects.toThrow('database away');
    expect(service.book()).toBe(before);

    await service.setQueueRules('billing', billing, ADMIN);
    expect(second).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith({ msg: 'settings listener failed', err: 'listener bug' });
  });

  it('still stores a change when announcing it fails', async () => {
    vi.spyOn(bus, 'publish').mockRejectedValue(new Error('redis away'));
    const { after } = await service.setQueueRules('billing', billing, ADMIN);
    expect(after.rules.slThresholdS).toBe(10);
    await vi.waitFor(() => expect(logger.error).toHaveBeenCalledWith({ msg: 'settings change not announced', err: 'redis away' }));
  });

  it('lists the default first, then known queues in scope by name', async () => {
    await service.setQueueRules('vip', billing, ADMIN);
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
