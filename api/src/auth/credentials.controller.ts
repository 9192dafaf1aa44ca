/** Admin pages' API: API keys for machines, kiosk display tokens for TVs, the audit log. */
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import type { Db } from '@callboard/db';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors.js';
import { parseInput } from '../common/validation.js';
import { type AppConfig, CONFIG } from '../config/config.js';
import { DB } from '../database/database.module.js';
import { ApiKeyVerifier, createApiKey, listApiKeys, revokeApiKey } from './api-keys.js';
import { AuditService } from './audit.service.js';
import type { ApiKeyView, AuditPage, CreatedApiKey, CreatedKioskToken, KioskTokenView } from './auth.wire.js';
import { createKioskToken, kioskUrl, listKioskTokens, revokeKioskToken } from './kiosk-tokens.repository.js';
import { Allow } from './policy.js';
import { clientIp, principalOf } from './principal.js';
import { auditQuerySchema, createKeySchema, createKioskTokenSchema } from './schemas.js';
import { SessionsService } from './sessions.service.js';

@Controller('api/v1')
export class CredentialsController {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(ApiKeyVerifier) private readonly verifier: ApiKeyVerifier,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  @Get('keys')
  @Allow('admin')
  async keys(): Promise<{ keys: ApiKeyView[] }> {
    return { keys: await listApiKeys(this.db) };
  }

  @Post('keys')
  @HttpCode(201)
  @Allow('admin')
  async createKey(@Body() body: unknown, @Req() req: FastifyRequest): Promise<CreatedApiKey> {
    const { name, role } = parseInput(createKeySchema, body);
    const actor = principalOf(req)!;
    const created = await createApiKey(this.db, name, role ?? 'ingest', actor.name);
    this.audit.record({ action: 'key.created', actor, target: created.key.id, ip: clientIp(req), detail: { name, role: created.key.role } });
    return created;
  }

  @Delete('keys/:id')
  @HttpCode(204)
  @Allow('admin')
  async revokeKey(@Param('id') id: string, @Req() req: FastifyRequest): Promise<void> {
    if (!(await revokeApiKey(this.db, id))) throw new ApiError(404, 'NOT_FOUND', `no active API key ${id}`, 'id');
    this.verifier.forget();
    this.audit.record({ action: 'key.revoked', actor: principalOf(req), target: id, ip: clientIp(req) });
  }

  @Get('kiosk-tokens')
  @Allow('admin')
  async kioskTokens(): Promise<{ tokens: KioskTokenView[] }> {
    return { tokens: await listKioskTokens(this.db) };
  }

  @Post('kiosk-tokens')
  @HttpCode(201)
  @Allow('admin')
  async createKioskToken(@Body() body: unknown, @Req() req: FastifyRequest): Promise<CreatedKioskToken> {
    const { name, scope } = parseInput(createKioskTokenSchema, body);
    const actor = principalOf(req)!;
    const { token, secret } = await createKioskToken(this.db, name, scope, actor.name);
    this.audit.record({ action: 'kiosk.created', actor, target: token.id, ip: clientIp(req), detail: { name, scope } });
    const base = this.config.CALLBOARD_PUBLIC_URL ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    return { token, secret, url: kioskUrl(base, secret) };
  }

  /** Revoking a kiosk token ends the displays' sessions and disconnects their sockets. */
  @Delete('kiosk-tokens/:id')
  @HttpCode(204)
  @Allow('admin')
  async revokeKioskToken(@Param('id') id: string, @Req() req: FastifyRequest): Promise<void> {
    if (!(await revokeKioskToken(this.db, id))) throw new ApiError(404, 'NOT_FOUND', `no active kiosk token ${id}`, 'id');
    await this.sessions.endKiosk(id);
    this.audit.record({ action: 'kiosk.revoked', actor: principalOf(req), target: id, ip: clientIp(req) });
  }

  @Get('audit')
  @Allow('admin')
  auditLog(@Query() query: unknown): Promise<AuditPage> {
    return this.audit.list(parseInput(auditQuerySchema, query, 'query'));
  }
}
