import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access/policy.js';
import { ApiOperation } from '../docs/api-operation.js';
import { HealthService } from './health.service.js';
import { type Health, healthSchema } from './health.wire.js';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Open to load balancers and orchestrators: no personal data, no secrets. */
  @Get()
  @Public()
  @ApiOperation({
    summary: 'Health of database, log, writer and the live state (day held, newest event, events in memory)',
    response: healthSchema,
    responseDescription: 'All parts answer',
    errors: { 503: 'The database or the log does not answer' },
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    const health = await this.health.check();
    void reply.status(health.status === 'ok' ? 200 : 503);
    return health;
  }
}
