import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/access/policy.js';
import { principalOf } from '../auth/access/principal.js';
import { changedBy } from '../auth/audit/audit.service.js';
import { parseInput } from '../common/validation.js';
import { ApiOperation } from '../docs/api-operation.js';
import { queueParamSchema, updateNotReadyLimitsSchema, updateQueueRulesSchema } from './settings.schemas.js';
import { SettingsService } from './settings.service.js';
import {
  type NotReadyLimitList,
  type QueueSettings,
  type QueueSettingsList,
  notReadyLimitListSchema,
  queueSettingsListSchema,
  queueSettingsSchema,
} from './settings.wire.js';

/** Queue rules and not-ready limits: read by every wallboard, changed by admins, each change audited. */
@Controller('api/v1/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get('queues')
  @Allow('wallboard')
  @ApiOperation({
    summary: 'Queue rules and targets in force',
    description:
      "The rules calls offered from now on are measured by: '*' (the default) and every known queue — with rules of its own, or with calls today — in the caller's scope.",
    response: queueSettingsListSchema,
    responseDescription: 'Rules per queue',
  })
  async queues(@Req() req: FastifyRequest): Promise<QueueSettingsList> {
    return { queues: await this.settings.queueSettings(principalOf(req)!.scope.queues) };
  }

  @Put('queues/:queue')
  @Allow('admin')
  @ApiOperation({
    summary: "Change a queue's rules and targets",
    description:
      "Stored as new rules effective now (the database's clock): calls offered from then on are measured by them, earlier calls keep theirs. Queue '*' is the default of every queue without rules of its own. Audited as settings.queue.",
    params: queueParamSchema,
    body: updateQueueRulesSchema,
    response: queueSettingsSchema,
    responseDescription: 'The rules now in force',
    errors: { 400: 'A field is invalid or out of bounds (field names it)' },
  })
  async updateQueue(@Param('queue') queue: string, @Body() body: unknown, @Req() req: FastifyRequest): Promise<QueueSettings> {
    const input = parseInput(updateQueueRulesSchema, body);
    const name = parseInput(queueParamSchema, { queue }, 'query').queue;
    return (await this.settings.setQueueRules(name, input, changedBy(req))).after;
  }

  @Get('not-ready-limits')
  @Allow('wallboard')
  @ApiOperation({
    summary: 'Limits of not-ready reasons',
    description:
      'How long an agent may stay in each not-ready reason before the not_ready_overrun breach; reasons without a row have no limit.',
    response: notReadyLimitListSchema,
    responseDescription: 'Limits by reason',
  })
  notReadyLimits(): NotReadyLimitList {
    return { limits: this.settings.notReadyLimits() };
  }

  @Put('not-ready-limits')
  @Allow('admin')
  @ApiOperation({
    summary: 'Change limits of not-ready reasons',
    description:
      'The reasons listed get the new limit effective now (null: no limit from now on); the others stay. Answers every limit now in force. Audited as settings.not_ready_limits.',
    body: updateNotReadyLimitsSchema,
    response: notReadyLimitListSchema,
    responseDescription: 'Every limit now in force',
    errors: { 400: 'A field is invalid, out of bounds or a reason is listed twice (field names it)' },
  })
  async updateNotReadyLimits(@Body() body: unknown, @Req() req: FastifyRequest): Promise<NotReadyLimitList> {
    return { limits: await this.settings.setNotReadyLimits(parseInput(updateNotReadyLimitsSchema, body), changedBy(req)) };
  }
}
