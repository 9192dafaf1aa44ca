/**
 * Today's counts per queue straight from TimescaleDB, so the pipeline
 * (ingest → log → writer → aggregates) is visible end to end. The live engine
 * will serve the full figures; this endpoint stays as the database's view.
 */
import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { Db } from '@callboard/db';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Allow } from '../auth/access/policy.js';
import { principalOf } from '../auth/access/principal.js';
import { assertInScope } from '../auth/access/scope.js';
import { parseInput } from '../common/validation.js';
import { type AppConfig, CONFIG } from '../config/config.js';
import { DB } from '../database/database.module.js';
import { type TodayResponse } from './today.figures.js';
import { todayForQueues } from './today.service.js';

const querySchema = z.object({
  /** One queue, or several comma-separated. */
  queue: z
    .string()
    .max(2000)
    .transform((v) => v.split(',').map((q) => q.trim()).filter(Boolean))
    .optional(),
});

@Controller('api/v1/today')
export class TodayController {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Without `queue`: every queue in the caller's scope. A queue outside it: 403. */
  @Get()
  @Allow('wallboard')
  async today(@Query() query: unknown, @Req() req: FastifyRequest): Promise<TodayResponse> {
    const { queue } = parseInput(querySchema, query, 'query');
    const scope = principalOf(req)!.scope;
    if (queue) assertInScope(scope, { queues: queue });
    return todayForQueues(this.db, this.config, queue ?? scope.queues);
  }
}
