/** Admin pages' API for machine and display credentials: API keys, kiosk display tokens. */
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { parseInput } from '../../common/validation.js';
import { type AppConfig, CONFIG } from '../../config/config.js';
import { ApiOperation } from '../../docs/api-operation.js';
import { Allow } from '../access/policy.js';
import { changedBy } from '../audit/audit.service.js';
import { createKeySchema, createKioskTokenSchema, keyIdParamSchema, kioskTokenIdParamSchema } from './credentials.schemas.js';
import { CredentialsService, kioskLink } from './credentials.service.js';
import {
  type ApiKeyView,
  type CreatedApiKey,
  type CreatedKioskToken,
  type KioskTokenView,
  apiKeyListSchema,
  createdApiKeySchema,
  createdKioskTokenSchema,
  kioskTokenListSchema,
} from './credentials.wire.js';

@Controller('api/v1')
export class CredentialsController {
  constructor(
    private readonly credentials: CredentialsService,
    @Inject(CONFIG) private readonly config: Pick<AppConfig, 'CALLBOARD_PUBLIC_URL' | 'CALLBOARD_ALLOWED_ORIGINS'>,
  ) {}

  @Get('keys')
  @Allow('admin')
  @ApiOperation({ summary: 'List API keys', response: apiKeyListSchema, responseDescription: 'Keys (without secrets)' })
  async keys(): Promise<{ keys: ApiKeyView[] }> {
    return { keys: await this.credentials.listKeys() };
  }

  @Post('keys')
  @HttpCode(201)
  @Allow('admin')
  @ApiOperation({
    summary: 'Create an API key',
    description: 'The secret is in this answer only; only its hash is stored.',
    body: createKeySchema,
    status: 201,
    response: createdApiKeySchema,
  })
  createKey(@Body() body: unknown, @Req() req: FastifyRequest): Promise<CreatedApiKey> {
    const { name, role } = parseInput(createKeySchema, body);
    return this.credentials.createKey(name, role ?? 'ingest', changedBy(req));
  }

  @Delete('keys/:id')
  @HttpCode(204)
  @Allow('admin')
  @ApiOperation({ summary: 'Revoke an API key', params: keyIdParamSchema, status: 204, errors: { 404: 'No active key with this id' } })
  revokeKey(@Param('id') id: string, @Req() req: FastifyRequest): Promise<void> {
    return this.credentials.revokeKey(id, changedBy(req));
  }

  @Get('kiosk-tokens')
  @Allow('admin')
  @ApiOperation({ summary: 'List kiosk display tokens', response: kioskTokenListSchema, responseDescription: 'Tokens (without secrets)' })
  async kioskTokens(): Promise<{ tokens: KioskTokenView[] }> {
    return { tokens: await this.credentials.listKioskTokens() };
  }

  @Post('kiosk-tokens')
  @HttpCode(201)
  @Allow('admin')
  @ApiOperation({
    summary: 'Create a kiosk display token',
    description:
      "Answers the link a TV opens, in this answer only: absolute from CALLBOARD_PUBLIC_URL, or from the request's origin when it is one of CALLBOARD_ALLOWED_ORIGINS; otherwise relative (`/kiosk#<token>`), to be completed with the address the admin reached Callboard at (the Host header is never trusted on its own).",
    body: createKioskTokenSchema,
    status: 201,
    response: createdKioskTokenSchema,
  })
  async createKioskToken(@Body() body: unknown, @Req() req: FastifyRequest): Promise<CreatedKioskToken> {
    const { name, scope } = parseInput(createKioskTokenSchema, body);
    const { token, secret } = await this.credentials.createKioskToken(name, scope, changedBy(req));
    const url = kioskLink(
      secret,
      { protocol: req.protocol, host: req.headers.host },
      { publicUrl: this.config.CALLBOARD_PUBLIC_URL, allowedOrigins: this.config.CALLBOARD_ALLOWED_ORIGINS },
    );
    return { token, secret, url };
  }

  @Delete('kiosk-tokens/:id')
  @HttpCode(204)
  @Allow('admin')
  @ApiOperation({
    summary: 'Revoke a kiosk display token',
    description: 'Its displays are signed out and their sockets disconnected.',
    params: kioskTokenIdParamSchema,
    status: 204,
    errors: { 404: 'No active token with this id' },
  })
  revokeKioskToken(@Param('id') id: string, @Req() req: FastifyRequest): Promise<void> {
    return this.credentials.revokeKioskToken(id, changedBy(req));
  }
}
