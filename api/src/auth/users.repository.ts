/** People who sign in. Usernames are unique regardless of case. */
import type { Queryable } from '@callboard/db';
import { ApiError } from '../common/errors.js';
import type { Scope, UserRole } from './access.js';
import type { CreateUserRequest, UpdateUserRequest, UserView } from './auth.wire.js';
import { hashPassword } from './passwords.js';
import { newId } from './secrets.js';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: UserRole;
  password_hash: string;
  scope_queues: string[] | null;
  scope_teams: string[] | null;
  agent_id: string | null;
  created_at: Date;
  last_login_at: Date | null;
  disabled_at: Date | null;
}

const COLUMNS = `id, username, display_name, role, password_hash, scope_queues, scope_teams, agent_id, created_at, last_login_at, disabled_at`;

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

/** What creating a user takes: the body of `POST /api/v1/users`. */
export type NewUser = CreateUserRequest;

/**
 * A supervisor without a stored scope would see nothing; one created without
 * a scope is given none explicitly, so an admin has to grant queues.
 */
const defaultScope = (role: UserRole): Scope => (role === 'supervisor' ? { queues: [], teams: [] } : { queues: null, teams: null });

export async function createUser(db: Queryable, u: NewUser): Promise<UserRow> {
  const scope = u.scope ?? defaultScope(u.role);
  const hash = await hashPassword(u.password);
  const r = await db.query<UserRow>(
    `INSERT INTO users (id, username, display_name, role, password_hash, scope_queues, scope_teams, agent_id)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8
      WHERE NOT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower($2))
     RETURNING ${COLUMNS}`,
    [newId(), u.username, u.displayName ?? u.username, u.role, hash, scope.queues, scope.teams, u.agentId ?? null],
  );
  if (r.rows.length === 0) throw new ApiError(409, 'CONFLICT', `username "${u.username}" is taken`, 'username');
  return r.rows[0]!;
}

export async function findUserByName(db: Queryable, username: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE lower(username) = lower($1)`, [username])).rows[0];
}

export async function findUser(db: Queryable, id: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id])).rows[0];
}

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return (await db.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY lower(username)`)).rows;
}

/** What can change: the body of `PATCH /api/v1/users/:id`. */
export type UserChanges = UpdateUserRequest;

export async function updateUser(db: Queryable, id: string, c: UserChanges): Promise<UserRow | undefined> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (c.displayName !== undefined) set('display_name', c.displayName);
  if (c.role !== undefined) set('role', c.role);
  if (c.scope !== undefined) {
    set('scope_queues', c.scope.queues);
    set('scope_teams', c.scope.teams);
  }
  if (c.agentId !== undefined) set('agent_id', c.agentId);
  if (c.password !== undefined) set('password_hash', await hashPassword(c.password));
  if (c.disabled === true) sets.push('disabled_at = coalesce(disabled_at, now())');
  if (c.disabled === false) sets.push('disabled_at = NULL');
  sets.push('updated_at = now()');
  const r = await db.query<UserRow>(`UPDATE users SET ${sets.join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`, params);
  return r.rows[0];
}

export async function recordLogin(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [id]);
}
