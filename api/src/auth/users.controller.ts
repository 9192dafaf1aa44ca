import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import type { Db } from '@callboard/db';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors.js';
import { parseInput } from '../common/validation.js';
import { DB } from '../database/database.module.js';
import { AuditService } from './audit.service.js';
import type { KnownScopes, UserView } from './auth.wire.js';
import { Allow } from './policy.js';
import { clientIp, principalOf } from './principal.js';
import { createUserSchema, updateUserSchema } from './schemas.js';
import { SessionsService } from './sessions.service.js';
import { createUser, findUser, listUsers, updateUser, userView } from './users.repository.js';

@Controller('api/v1')
export class UsersController {
  constructor(
    @Inject(DB) private readonly db: Db,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  @Get('users')
  @Allow('admin')
  async list(): Promise<{ users: UserView[] }> {
    return { users: (await listUsers(this.db)).map(userView) };
  }

  @Post('users')
  @HttpCode(201)
  @Allow('admin')
  async create(@Body() body: unknown, @Req() req: FastifyRequest): Promise<UserView> {
    const input = parseInput(createUserSchema, body);
    const user = await createUser(this.db, input);
    this.audit.record({
      action: 'user.created',
      actor: principalOf(req),
      target: user.username,
      ip: clientIp(req),
      detail: { id: user.id, role: user.role, scope: { queues: user.scope_queues, teams: user.scope_teams } },
    });
    return userView(user);
  }

  /**
   * Changing anything but the display name ends the user's sessions (and
   * sockets): a new role, scope or password applies at once.
   */
  @Patch('users/:id')
  @Allow('admin')
  async update(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest): Promise<UserView> {
    const changes = parseInput(updateUserSchema, body);
    const before = await findUser(this.db, id);
    if (!before) throw new ApiError(404, 'NOT_FOUND', `no user ${id}`, 'id');
    const demoted = (changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true;
    if (before.role === 'admin' && !before.disabled_at && demoted) {
      const admins = (await listUsers(this.db)).filter((u) => u.role === 'admin' && !u.disabled_at);
      if (admins.length <= 1) throw new ApiError(409, 'LAST_ADMIN', 'the last active admin cannot be disabled or given another role', changes.disabled ? 'disabled' : 'role');
    }
    const user = (await updateUser(this.db, id, changes))!;
    const { password, ...shown } = changes;
    // Re-enabling or renaming leaves sessions alone; anything else ends them.
    const endsSessions = Object.entries(changes).some(([k, v]) => k !== 'displayName' && !(k === 'disabled' && v === false));
    if (endsSessions) await this.sessions.endUser(id);
    const action = changes.disabled === true ? 'user.disabled' : changes.disabled === false ? 'user.enabled' : 'user.updated';
    this.audit.record({
      action,
      actor: principalOf(req),
      target: user.username,
      ip: clientIp(req),
      detail: { id, ...shown, ...(password !== undefined ? { password: 'reset' } : {}), sessionsEnded: endsSessions },
    });
    return userView(user);
  }

  /** Queues and teams seen in the data, to pick scopes from. */
  @Get('scopes')
  @Allow('admin')
  async scopes(): Promise<KnownScopes> {
    const [queues, teams] = await Promise.all([
      this.db.query<{ v: string }>(`SELECT queue AS v FROM queue_rules WHERE queue <> '*' UNION SELECT DISTINCT queue FROM calls WHERE offered_at > now() - INTERVAL '35 days' ORDER BY 1`),
      this.db.query<{ v: string }>(`SELECT DISTINCT team AS v FROM agent_states WHERE team IS NOT NULL AND started_at > now() - INTERVAL '35 days' ORDER BY 1`),
    ]);
    return { queues: queues.rows.map((r) => r.v), teams: teams.rows.map((r) => r.v) };
  }
}
