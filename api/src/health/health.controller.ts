import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Public } from '../auth/access/policy.js';
import { bearerOf } from '../auth/credentials/api-key.verifier.js';
import { sessionCookieOf } from '../auth/sessions/cookies.js';
import { ApiOperation } from '../docs/api-operation.js';
import { HealthService } from './health.service.js';
import { type Health, type PublicHealth, healthSchema, publicHealthSchema } from './health.wire.js';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Open to load balancers and orchestrators; the figures and failure text only with an admin session or a metrics key. */
  @Get()
  @Public()
  @ApiOperation({
    summary: 'Whether the database and the log answer; for admins and metrics keys also the writer lag and the live state',
    response: z.union([publicHealthSchema, healthSchema]),
    responseDescription: 'All parts answer',
    errors: { 503: 'The database or the log does not answer' },
  })
  async check(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<Health | PublicHealth> {
    const health = await this.health.report({ bearer: bearerOf(req.headers.authorization), sessionToken: sessionCookieOf(req) });
    void reply.status(health.status === 'ok' ? 200 : 503);
    return health;
  }
}
