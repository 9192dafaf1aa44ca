import { type Mock, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Mocked, automock } from '../../testing/automock.js';
import { AuditRepository, type AuditRow } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { RefusalBudget } from './refusal-budget.js';
import type { Principal } from '../access/principal.js';

// 10:00:30 in Shanghai: the flood below starts half-way through a minute.
const T0 = Date.parse('2026-03-02T02:00:30.000Z');
const MALLORY = { kind: 'user' as const, id: 'u9', name: 'mallory', role: 'agent' as const, scope: { queues: [], teams: [] } };
const LIN = { kind: 'user' as const, id: 'u2', name: 'lin', role: 'supervisor' as const, scope: { queues: ['billing'], teams: [] } };

let repository: Mocked<AuditRepository>;
let logger: { error: Mock<(entry: unknown, message: string) => void> };
let audit: AuditService;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  repository = automock(AuditRepository);
  repository.insert.mockResolvedValue(undefined);
  logger = { error: vi.fn() };
  audit = new AuditService(repository, logger);
});
afterEach(() => {
  vi.useRealTimers();
});

/** The count a summary row holds (undefined on a row written on its own). */
const suppressedOf = (r: AuditRow | undefined): unknown => (r && typeof r.detail === 'object' ? r.detail.suppressed : undefined);
const written = (): AuditRow[] => repository.insert.mock.calls.flatMap(([rows]) => rows);
const forbidden = (actor: Principal = MALLORY, target = 'GET /api/v1/users') =>
  audit.record({ action: 'access.denied', outcome: 'denied', actor, target, ip: '10.0.0.9', detail: { code: 'FORBIDDEN', message: 'no' } });

describe('refusals beyond 10 a minute per sender and route', () => {
  it('writes 10 entries of 1,000 refusals and one summary counting the other 990 when the minute ends', async () => {
    for (let i = 0; i < 1000; i++) forbidden();
    await vi.advanceTimersByTimeAsync(500);
    expect(written()).toHaveLength(10);
    expect(written().every((r) => r.action === 'access.denied' && r.actor_id === 'u9')).toBe(true);

    // 10:01:00: the minute is over.
    await vi.advanceTimersByTimeAsync(29_500);
    const rows = written();
    expect(rows).toHaveLength(11);
    expect(rows[10]).toEqual({
      ts: new Date('2026-03-02T02:01:00.000Z'),
      action: 'access.denied',
      outcome: 'denied',
      actor_kind: 'user',
      actor_id: 'u9',
      actor_name: 'mallory',
      target: 'GET /api/v1/users',
      ip: '10.0.0.9',
      detail: {
        code: 'FORBIDDEN',
        suppressed: 990,
        from: '2026-03-02T02:00:30.000Z',
        to: '2026-03-02T02:00:30.000Z',
        note: '990 more like this, beyond 10 a minute, counted here instead of written one by one',
      },
    });
  });

  it('leaves other senders, other routes and everything that succeeded alone', async () => {
    for (let i = 0; i < 50; i++) forbidden();
    forbidden(LIN);
    forbidden(MALLORY, 'GET /api/v1/audit');
    audit.record({ action: 'auth.login', actor: LIN, target: 'lin', ip: '10.0.0.2' });
    await audit.flush();
    const rows = written();
    expect(rows.filter((r) => r.actor_id === 'u9' && r.target === 'GET /api/v1/users' && suppressedOf(r) === undefined)).toHaveLength(10);
    expect(rows.filter((r) => r.actor_id === 'u2').map((r) => `${r.action} ${r.outcome}`)).toEqual([
      'access.denied denied',
      'auth.login ok',
    ]);
    expect(rows.filter((r) => r.target === 'GET /api/v1/audit')).toHaveLength(1);
    // A read mid-minute shows the count so far …
    expect(suppressedOf(rows.find((r) => suppressedOf(r) !== undefined))).toBe(40);
    // … and the sender stays over its budget until the minute ends: 5 more are counted, not written.
    for (let i = 0; i < 5; i++) forbidden();
    await audit.flush();
    expect(written().slice(rows.length).map(suppressedOf)).toEqual([5]);
    // In the next minute the budget starts afresh.
    vi.setSystemTime(Date.parse('2026-03-02T02:01:00.000Z'));
    forbidden();
    await audit.flush();
    expect(suppressedOf(written().at(-1))).toBeUndefined();
  });

  it('counts failed sign-ins per address whatever usernames they try, and names none of them in the summary', async () => {
    for (let i = 0; i < 30; i++) {
      audit.record({
        action: 'auth.login',
        outcome: 'failed',
        actor: { kind: 'anonymous', name: `user${i}` },
        target: `user${i}`,
        ip: '203.0.113.5',
        detail: { reason: 'unknown user' },
      });
    }
    await audit.flush();
    const rows = written();
    expect(rows).toHaveLength(11);
    expect(rows.slice(0, 10).map((r) => r.target)).toEqual(Array.from({ length: 10 }, (_, i) => `user${i}`));
    expect(rows[10]).toMatchObject({
      action: 'auth.login',
      outcome: 'failed',
      actor_kind: 'anonymous',
      actor_name: null,
      target: null,
      ip: '203.0.113.5',
      detail: { reason: 'unknown user', suppressed: 20 },
    });
  });
});

describe('RefusalBudget', () => {
  const refusal = (ip: string, ts = new Date(T0)): AuditRow => ({
    ts,
    action: 'socket.denied',
    outcome: 'denied',
    actor_kind: 'anonymous',
    actor_id: null,
    actor_name: null,
    target: '/live',
    ip,
    detail: {},
  });

  it('tracks at most maxSenders senders a minute and counts the refusals of the rest without them', () => {
    const budget = new RefusalBudget(2, 3);
    const admitted = ['a', 'a', 'a', 'b', 'c', 'd', 'e', 'd'].map((ip) => budget.admit(refusal(ip)).write);
    expect(admitted).toEqual([true, true, false, true, true, false, false, false]);
    const summaries = budget.drain(new Date(T0 + 1000));
    expect(summaries.map((r) => [r.action, r.ip, suppressedOf(r)])).toEqual([
      ['socket.denied', 'a', 1],
      ['audit.suppressed', null, 3],
    ]);
    expect(budget.pending).toBe(false);
  });

  it('hands the summaries of the past minute to the first refusal of the next', () => {
    const budget = new RefusalBudget(1, 10);
    budget.admit(refusal('a'));
    budget.admit(refusal('a'));
    const next = budget.admit(refusal('a', new Date(T0 + 30_000)));
    expect(next.write).toBe(true);
    expect(next.rolled.map((r) => [r.ip, suppressedOf(r), r.ts.toISOString()])).toEqual([['a', 1, '2026-03-02T02:01:00.000Z']]);
  });
});
