import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../auth/audit.service.js';
import { Allow } from '../auth/policy.js';
import { clientIp, principalOf } from '../auth/principal.js';
import { parseInput } from '../common/validation.js';
import { queueParamSchema, updateNotReadyLimitsSchema, updateQueueRulesSchema } from './settings.schemas.js';
import { SettingsService } from './settings.service.js';
import type { NotReadyLimitList, QueueSettings, QueueSettingsList } from './settings.wire.js';

/** Queue rules and not-ready limits: read by every wallboard, changed by admins, each change audited. */
@Controller('api/v1/settings')
export class SettingsController {
  constructor(
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  @Get('queues')
  @Allow('wallboard')
  async queues(@Req() req: FastifyRequest): Promise<QueueSettingsList> {
    return { queues: await this.settings.queueSettings(principalOf(req)!.scope.queues) };
  }

  @Put('queues/:queue')
  @Allow('admin')
  async updateQueue(@Param('queue') queue: string, @Body() body: unknown, @Req() req: FastifyRequest): Promise<QueueSettings> {
    const input = parseInput(updateQueueRulesSchema, body);
    const name = parseInput(queueParamSchema, { queue }, 'query').queue;
    const { before, after } = await this.settings.setQueueRules(name, input);
    this.audit.record({ action: 'settings.queue', actor: principalOf(req), target: name, ip: clientIp(req), detail: { before, after } });
    return after;
  }

  @Get('not-ready-limits')
  @Allow('wallboard')
  notReadyLimits(): NotReadyLimitList {
    return { limits: this.settings.notReadyLimits() };
  }

  @Put('not-ready-limits')
  @Allow('admin')
  async updateNotReadyLimits(@Body() body: unknown, @Req() req: FastifyRequest): Promise<NotReadyLimitList> {
    const input = parseInput(updateNotReadyLimitsSchema, body);
    const { before, after } = await this.settings.setNotReadyLimits(input);
    this.audit.record({
      action: 'settings.not_ready_limits',
      actor: principalOf(req),
      target: after.map((l) => l.reason).join(', '),
      ip: clientIp(req),
      detail: { before, after },
    });
    return { limits: this.settings.notReadyLimits() };
  }
}
