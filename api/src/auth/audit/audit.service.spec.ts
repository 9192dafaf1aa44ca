import { type Mock, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Mocked, automock } from '../../testing/automock.js';
import { AuditRepository, type AuditRow } from './audit.repository.js';
import { AuditService, FLUSH_MS, MAX_BUFFER } from './audit.service.js';

const T0 = Date.parse('2026-03-02T02:00:00.000Z');
const ADMIN = { kind: 'user' as const, id: 'u1', name: 'admin', role: 'admin' as const, scope: { queues: null, teams: null } };

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

const row = (r: Partial<AuditRow> & { seq: number }): AuditRow & { seq: number } => ({
  ts: new Date(T0),
  action: 'auth.login',
  outcome: 'ok',
  actor_kind: 'user',
  actor_id: 'u1',
  actor_name: 'admin',
  target: 'admin',
  ip: '10.0.0.7',
  detail: {},
  ...r,
});

describe('AuditService.record', () => {
  it('writes the entries of half a second in one insert, with who, from where and what', async () => {
    audit.record({ action: 'key.created', actor: ADMIN, target: 'k1', ip: '10.0.0.7', detail: { name: 'pbx' } });
    audit.record({ action: 'auth.login', outcome: 'failed', actor: { kind: 'anonymous', name: 'mallory' }, target: 'mallory', ip: null });
    expect(repository.insert).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(FLUSH_MS);
    expect(repository.insert).toHaveBeenCalledExactlyOnceWith([
      {
        ts: new Date(T0),
        action: 'key.created',
        outcome: 'ok',
        actor_kind: 'user',
        actor_id: 'u1',
        actor_name: 'admin',
        target: 'k1',
        ip: '10.0.0.7',
        detail: { name: 'pbx' },
      },
      {
        ts: new Date(T0),
        action: 'auth.login',
        outcome: 'failed',
        actor_kind: 'anonymous',
        actor_id: null,
        actor_name: 'mallory',
        target: 'mallory',
        ip: null,
        detail: {},
      },
    ]);
  });

  it('writes at once when the batch is full', async () => {
    // From as many addresses: each refusal is its sender's first this minute.
    for (let i = 0; i < MAX_BUFFER; i++) audit.record({ action: 'access.denied', outcome: 'denied', ip: `10.0.0.${i}` });
    await vi.advanceTimersByTimeAsync(0);
    expect(repository.insert).toHaveBeenCalledOnce();
    expect(repository.insert.mock.calls[0]![0]).toHaveLength(200);
  });

  it('logs the entries it could not write instead of failing the request', async () => {
    repository.insert.mockRejectedValueOnce(new Error('database away'));
    audit.record({ action: 'user.created', actor: ADMIN, target: 'lin' });
    await audit.flush();
    expect(logger.error).toHaveBeenCalledExactlyOnceWith({
      msg: 'audit log write failed',
      err: 'database away',
      entries: ['user.created:ok:u1'],
    });
  });
});

describe('AuditService.list', () => {
  it('writes pending entries first, then asks for one entry more than the page to know whether another follows', async () => {
    audit.record({ action: 'auth.logout', actor: ADMIN });
    repository.find.mockResolvedValue([
      row({ seq: 3 }),
      row({ seq: 2, ts: new Date(T0 - 1000) }),
      row({ seq: 1, ts: new Date(T0 - 2000) }),
    ]);
    const page = await audit.list({ action: 'auth.*', limit: 2 });
    expect(repository.insert).toHaveBeenCalledOnce();
    expect(repository.find).toHaveBeenCalledWith({ action: 'auth.*', before: undefined, limit: 3 });
    expect(page.entries.map((e) => e.ts)).toEqual(['2026-03-02T02:00:00.000Z', '2026-03-02T01:59:59.000Z']);
    // The cursor is the last entry shown: its time and sequence number.
    expect(page.next).toBe('2026-03-02T01:59:59.000Z~2');
  });

  it('reads the cursor of the previous page, and ends with next null', async () => {
    repository.find.mockResolvedValue([row({ seq: 1, detail: '{"reason":"wrong password"}' })]);
    const page = await audit.list({ before: '2026-03-02T01:59:59.000Z~2', limit: 2 });
    expect(repository.find).toHaveBeenCalledWith({ before: { ts: new Date('2026-03-02T01:59:59.000Z'), seq: 2 }, limit: 3 });
    expect(page).toEqual({
      entries: [
        {
          ts: '2026-03-02T02:00:00.000Z',
          action: 'auth.login',
          outcome: 'ok',
          actorKind: 'user',
          actorId: 'u1',
          actorName: 'admin',
          target: 'admin',
          ip: '10.0.0.7',
          detail: { reason: 'wrong password' },
        },
      ],
      next: null,
    });
  });

  it('refuses a cursor that no page gave with 400', async () => {
    await expect(audit.list({ before: 'yesterday', limit: 10 })).rejects.toMatchObject({ status: 400 });
    expect(repository.find).not.toHaveBeenCalled();
  });
});
