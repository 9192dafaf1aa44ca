/** `GET /api/v1/today`: today's counts per queue as the database holds them. */
import { Controller, Get, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/access/policy.js';
import { principalOf } from '../auth/access/principal.js';
import { assertInScope } from '../auth/access/scope.js';
import { parseInput } from '../common/validation.js';
import { ApiOperation } from '../docs/api-operation.js';
import { TodayService } from './today.service.js';
import { type TodayResponse, todayQuerySchema, todayResponseSchema } from './today.wire.js';

@Controller('api/v1/today')
export class TodayController {
  constructor(private readonly service: TodayService) {}

  @Get()
  @Allow('wallboard')
  @ApiOperation({
    summary: "Today's counts per queue from the database",
    description:
      "Since local midnight in CALLBOARD_TZ, read from the calls_15m continuous aggregate. Without `queue`: every queue in the caller's scope. A queue outside the scope is refused with 403.",
    query: todayQuerySchema,
    response: todayResponseSchema,
    responseDescription: 'Counts per queue and in total',
  })
  async today(@Query() query: unknown, @Req() req: FastifyRequest): Promise<TodayResponse> {
    const { queue } = parseInput(todayQuerySchema, query, 'query');
    const scope = principalOf(req)!.scope;
    if (queue) assertInScope(scope, { queues: queue });
    return this.service.today(queue ?? scope.queues);
  }
}
