/**
 * People who sign in: added, changed, disabled by admins in the app and from
 * the shell, every change audited. A change to anything but the display name
 * ends the user's sessions (and sockets), so a new role, scope or password
 * applies at once; the last active admin cannot be disabled or demoted.
 */
import { Injectable } from '@nestjs/common';
import type { Queryable } from '@callboard/db';
import { ApiError } from '../../common/errors.js';
import type { Scope, UserRole } from '../access/roles.js';
import { AuditService, type ChangedBy } from '../audit/audit.service.js';
import { hashPassword } from '../credentials/passwords.js';
import { newId } from '../credentials/secrets.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { type UserRow, UsersRepository } from './users.repository.js';
import type { CreateUserRequest, UpdateUserRequest } from './users.schemas.js';
import type { KnownScopes, UserView } from './users.wire.js';

export const userScope = (r: Pick<UserRow, 'scope_queues' | 'scope_teams'>): Scope => ({ queues: r.scope_queues, teams: r.scope_teams });

export const userView = (r: UserRow): UserView => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  scope: userScope(r),
  agentId: r.agent_id,
  createdAt: r.created_at.toISOString(),
  lastLoginAt: r.last_login_at?.toISOString() ?? null,
  disabledAt: r.disabled_at?.toISOString() ?? null,
});

/**
 * A supervisor without a stored scope would see nothing; one created without
 * a scope is given none explicitly, so an admin has to grant queues.
 */
export const defaultScope = (role: UserRole): Scope => (role === 'supervisor' ? { queues: [], teams: [] } : { queues: null, teams: null });

/** Stores a new user (409 when the username is taken in any case). */
export async function addUser(users: UsersRepository, u: CreateUserRequest): Promise<UserRow> {
  const row = await users.insert({
    id: newId(),
    username: u.username,
    displayName: u.displayName ?? u.username,
    role: u.role,
    passwordHash: await hashPassword(u.password),
    scope: u.scope ?? defaultScope(u.role),
    agentId: u.agentId ?? null,
  });
  if (!row) throw new ApiError(409, 'CONFLICT', `username "${u.username}" is taken`, 'username');
  return row;
}

/** A user made straight in the database (tests, benches): not audited. */
export const createUser = (db: Queryable, u: CreateUserRequest): Promise<UserRow> => addUser(new UsersRepository(db), u);

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(userView);
  }

  async byName(username: string): Promise<UserView | undefined> {
    const row = await this.users.findByName(username);
    return row && userView(row);
  }

  async create(input: CreateUserRequest, by: ChangedBy): Promise<UserView> {
    const user = await addUser(this.users, input);
    this.audit.record({
      action: 'user.created',
      ...by,
      target: user.username,
      detail: { id: user.id, role: user.role, scope: userScope(user) },
    });
    return userView(user);
  }

  async update(id: string, changes: UpdateUserRequest, by: ChangedBy): Promise<UserView> {
    const before = await this.users.find(id);
    if (!before) throw new ApiError(404, 'NOT_FOUND', `no user ${id}`, 'id');
    const demoted = (changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true;
    if (before.role === 'admin' && !before.disabled_at && demoted) {
      const admins = (await this.users.list()).filter((u) => u.role === 'admin' && !u.disabled_at);
      if (admins.length <= 1) {
        const field = changes.disabled ? 'disabled' : 'role';
        throw new ApiError(409, 'LAST_ADMIN', 'the last active admin cannot be disabled or given another role', field);
      }
    }
    const { password, ...shown } = changes;
    const user = (await this.users.update(id, {
      ...shown,
      passwordHash: password === undefined ? undefined : await hashPassword(password),
    }))!;
    // Re-enabling or renaming leaves sessions alone; anything else ends them.
    const endsSessions = Object.entries(changes).some(([k, v]) => k !== 'displayName' && !(k === 'disabled' && v === false));
    if (endsSessions) await this.sessions.endUser(id);
    const action = changes.disabled === true ? 'user.disabled' : changes.disabled === false ? 'user.enabled' : 'user.updated';
    this.audit.record({
      action,
      ...by,
      target: user.username,
      detail: { id, ...shown, ...(password !== undefined ? { password: 'reset' } : {}), sessionsEnded: endsSessions },
    });
    return userView(user);
  }

  knownScopes(): Promise<KnownScopes> {
    return this.users.knownScopes();
  }
}
