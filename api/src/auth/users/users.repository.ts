/** The SQL of the people who sign in. Usernames are unique regardless of case. */
import { Inject, Injectable } from '@nestjs/common';
import type { Queryable } from '@callboard/db';
import { DB } from '../../database/database.module.js';
import type { Scope, UserRole } from '../access/roles.js';

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

export interface NewUserRow {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  passwordHash: string;
  scope: Scope;
  agentId: string | null;
}

/** Columns to change; absent ones stay. `disabled` sets or clears disabled_at. */
export interface UserRowChanges {
  displayName?: string;
  role?: UserRole;
  scope?: Scope;
  agentId?: string | null;
  passwordHash?: string;
  disabled?: boolean;
}

const COLUMNS = `id, username, display_name, role, password_hash, scope_queues, scope_teams, agent_id, created_at, last_login_at, disabled_at`;

@Injectable()
export class UsersRepository {
  constructor(@Inject(DB) private readonly db: Queryable) {}

  /** Undefined when the username is taken (in any case). */
  async insert(u: NewUserRow): Promise<UserRow | undefined> {
    const r = await this.db.query<UserRow>(
      `INSERT INTO users (id, username, display_name, role, password_hash, scope_queues, scope_teams, agent_id)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8
        WHERE NOT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower($2))
       RETURNING ${COLUMNS}`,
      [u.id, u.username, u.displayName, u.role, u.passwordHash, u.scope.queues, u.scope.teams, u.agentId],
    );
    return r.rows[0];
  }

  async findByName(username: string): Promise<UserRow | undefined> {
    return (await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE lower(username) = lower($1)`, [username])).rows[0];
  }

  async find(id: string): Promise<UserRow | undefined> {
    return (await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id])).rows[0];
  }

  /** By username, case-insensitively. */
  async list(): Promise<UserRow[]> {
    return (await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY lower(username)`)).rows;
  }

  async update(id: string, c: UserRowChanges): Promise<UserRow | undefined> {
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
    if (c.passwordHash !== undefined) set('password_hash', c.passwordHash);
    if (c.disabled === true) sets.push('disabled_at = coalesce(disabled_at, now())');
    if (c.disabled === false) sets.push('disabled_at = NULL');
    sets.push('updated_at = now()');
    return (await this.db.query<UserRow>(`UPDATE users SET ${sets.join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`, params)).rows[0];
  }

  async recordLogin(id: string): Promise<void> {
    await this.db.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [id]);
  }

  /** Queues with rules or calls in the last 35 days, and teams with agent states in them, by name. */
  async knownScopes(): Promise<{ queues: string[]; teams: string[] }> {
    const [queues, teams] = await Promise.all([
      this.db.query<{ v: string }>(
        `SELECT queue AS v FROM queue_rules WHERE queue <> '*' UNION SELECT DISTINCT queue FROM calls WHERE offered_at > now() - INTERVAL '35 days' ORDER BY 1`,
      ),
      this.db.query<{ v: string }>(
        `SELECT DISTINCT team AS v FROM agent_states WHERE team IS NOT NULL AND started_at > now() - INTERVAL '35 days' ORDER BY 1`,
      ),
    ]);
    return { queues: queues.rows.map((r) => r.v), teams: teams.rows.map((r) => r.v) };
  }
}
