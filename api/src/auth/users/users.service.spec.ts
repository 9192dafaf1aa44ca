import { beforeEach, describe, expect, it } from 'vitest';
import { type Mocked, automock } from '../../testing/automock.js';
import type { Principal } from '../access/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { verifyPassword } from '../credentials/passwords.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { type UserRow, UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

const ADMIN: Principal = { kind: 'user', id: 'a1', name: 'admin', role: 'admin', scope: { queues: null, teams: null } };
const BY = { actor: ADMIN, ip: '10.0.0.7' };

const user = (r: Partial<UserRow>): UserRow => ({
  id: 'u1',
  username: 'lin',
  display_name: 'Lin Wei',
  role: 'supervisor',
  password_hash: 'stored hash',
  scope_queues: [],
  scope_teams: [],
  agent_id: null,
  created_at: new Date('2026-03-01T00:00:00.000Z'),
  last_login_at: null,
  disabled_at: null,
  ...r,
});

let users: Mocked<UsersRepository>;
let sessions: Mocked<SessionsService>;
let audit: Mocked<AuditService>;
let service: UsersService;

beforeEach(() => {
  users = automock(UsersRepository);
  users.insert.mockImplementation(async (u) =>
    user({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      password_hash: u.passwordHash,
      scope_queues: u.scope.queues,
      scope_teams: u.scope.teams,
    }),
  );
  users.update.mockImplementation(async (id, c) => user({ id, ...(c.role ? { role: c.role } : {}) }));
  sessions = automock(SessionsService);
  audit = automock(AuditService);
  service = new UsersService(users, sessions, audit);
});

describe('UsersService.create', () => {
  it('gives a supervisor created without a scope no queues, stores a hash of the password and audits the scope', async () => {
    const view = await service.create({ username: 'lin', password: 'lins-password-1', role: 'supervisor' }, BY);
    const stored = users.insert.mock.calls[0]![0];
    expect(stored).toMatchObject({ username: 'lin', displayName: 'lin', scope: { queues: [], teams: [] }, agentId: null });
    expect(await verifyPassword(stored.passwordHash, 'lins-password-1')).toBe(true);
    expect(view).toMatchObject({
      username: 'lin',
      role: 'supervisor',
      scope: { queues: [], teams: [] },
      createdAt: '2026-03-01T00:00:00.000Z',
    });
    expect(audit.record).toHaveBeenCalledExactlyOnceWith({
      action: 'user.created',
      actor: ADMIN,
      ip: '10.0.0.7',
      target: 'lin',
      detail: { id: stored.id, role: 'supervisor', scope: { queues: [], teams: [] } },
    });
  });

  it('gives other roles every queue by default', async () => {
    await service.create({ username: 'zhao', password: 'zhaos-password-1', role: 'qa_reviewer' }, BY);
    expect(users.insert.mock.calls[0]![0].scope).toEqual({ queues: null, teams: null });
  });

  it('answers 409 when the username is taken in any case', async () => {
    users.insert.mockResolvedValue(undefined);
    await expect(service.create({ username: 'LIN', password: 'lins-password-1', role: 'agent' }, BY)).rejects.toMatchObject({
      status: 409,
      message: 'username "LIN" is taken',
    });
    expect(audit.record).not.toHaveBeenCalled();
  });
});

describe('UsersService.update', () => {
  it('refuses to disable or demote the last active admin', async () => {
    const only = user({ id: 'a1', username: 'admin', role: 'admin' });
    users.find.mockResolvedValue(only);
    users.list.mockResolvedValue([only, user({ id: 'a2', username: 'old', role: 'admin', disabled_at: new Date(0) })]);
    await expect(service.update('a1', { disabled: true }, BY)).rejects.toMatchObject({
      status: 409,
      response: { code: 'LAST_ADMIN', field: 'disabled' },
    });
    await expect(service.update('a1', { role: 'manager' }, BY)).rejects.toMatchObject({ status: 409, response: { field: 'role' } });
    expect(users.update).not.toHaveBeenCalled();
  });

  it('lets an admin go when another active admin remains', async () => {
    const one = user({ id: 'a1', username: 'admin', role: 'admin' });
    users.find.mockResolvedValue(one);
    users.list.mockResolvedValue([one, user({ id: 'a2', username: 'second', role: 'admin' })]);
    expect((await service.update('a1', { role: 'manager' }, BY)).role).toBe('manager');
  });

  it('ends sessions for anything but a new display name or re-enabling', async () => {
    users.find.mockResolvedValue(user({}));
    await service.update('u1', { displayName: 'Lin W.' }, BY);
    await service.update('u1', { disabled: false }, BY);
    expect(sessions.endUser).not.toHaveBeenCalled();
    await service.update('u1', { scope: { queues: ['general'], teams: null } }, BY);
    expect(sessions.endUser).toHaveBeenCalledExactlyOnceWith('u1');
    expect(audit.record.mock.calls.map(([r]) => r.action)).toEqual(['user.updated', 'user.enabled', 'user.updated']);
  });

  it('stores a hash of a new password and audits only that it was reset', async () => {
    users.find.mockResolvedValue(user({}));
    await service.update('u1', { password: 'a new password 2' }, BY);
    const changes = users.update.mock.calls[0]![1];
    expect(await verifyPassword(changes.passwordHash!, 'a new password 2')).toBe(true);
    expect(audit.record).toHaveBeenCalledExactlyOnceWith({
      action: 'user.updated',
      actor: ADMIN,
      ip: '10.0.0.7',
      target: 'lin',
      detail: { id: 'u1', password: 'reset', sessionsEnded: true },
    });
  });

  it('answers 404 for an unknown user', async () => {
    await expect(service.update('nobody', { displayName: 'x' }, BY)).rejects.toMatchObject({ status: 404, message: 'no user nobody' });
  });
});
