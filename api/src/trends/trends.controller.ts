/** `GET /api/v1/trends`: the figures of every local bucket of a range of days; `/heatmap`: its weekday × hour grid. */
import { Controller, Get, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/access/policy.js';
import { principalOf } from '../auth/access/principal.js';
import { assertInScope } from '../auth/access/scope.js';
import { parseInput } from '../common/validation.js';
import { ApiOperation } from '../docs/api-operation.js';
import { type TrendsHeatmapQuery, trendsHeatmapQuerySchema, trendsQuerySchema } from './trends.schemas.js';
import type { TrendFilter } from './trends.repository.js';
import { TrendsService } from './trends.service.js';
import { type TrendsHeatmapResponse, type TrendsResponse, trendsHeatmapResponseSchema, trendsResponseSchema } from './trends.wire.js';

@Controller('api/v1/trends')
export class TrendsController {
  constructor(private readonly service: TrendsService) {}

  @Get()
  @Allow('trends')
  @ApiOperation({
    summary: 'Figures per local bucket over a range of days, with an optional comparison',
    description:
      "Buckets are local to CALLBOARD_TZ: 15 minutes and hours follow the instants across a DST change (a 23- or 25-hour day), days and months start at local midnight, weeks on Monday (ISO); the first week or month bucket may start before `from`, and counts only the days of the range. Every bucket is present, empty ones with zero counts and null rates. Counts come from the coarsest continuous aggregate that fits the granularity (calls_15m; the hourly or daily ones), and of those the one with the fewest rows that has the filtered columns (…_total without a filter, …_queue for queues, calls_hourly / calls_daily with a call type; real-time, so the newest calls count), or from the calls themselves (`source: 'calls'`) with an agent or team filter (an agent's team: the latest one their agent states name) and for the 15-minute or hourly buckets of a day whose local times repeat (that day only: the aggregates' local buckets merge the repeated hour). Rates come from the summed raw counts. `metric=occupancy` adds the agents' busy (on call, wrap-up) and available seconds per bucket from their agent states, and occupancy from them (all agents, or those an agent or team filter selects; null with a queue or call-type filter, and with other metrics). `breaches` counts the SLA breach records by the bucket they began to be in breach in; `qaScore` is the mean of the scored QA evaluations by the offer time of their call. Limits: 15m at most 31 days, hour 400 days. `compare=previous`: the same number of days right before; `last_year`: the same local days a year earlier (29 February → 28 February); compared rows align with `rows` by position. A queue or team outside the caller's scope is refused with 403.",
    query: trendsQuerySchema,
    response: trendsResponseSchema,
    responseDescription: 'The rows of the range and of the compared range',
  })
  async trends(@Query() query: unknown, @Req() req: FastifyRequest): Promise<TrendsResponse> {
    const q = parseInput(trendsQuerySchema, query, 'query');
    return this.service.trends({
      metric: q.metric,
      granularity: q.granularity,
      from: q.from,
      to: q.to,
      compare: q.compare,
      filter: filterOf(q, req),
    });
  }

  @Get('heatmap')
  @Allow('trends')
  @ApiOperation({
    summary: 'The weekday × hour grid of a range of days',
    description:
      "Every local hour of the range (CALLBOARD_TZ) summed into its weekday (Monday first) and hour of day: 168 cells, each with the raw counts and the rates computed from them, and how many hours it sums. The hourly counts are read as for GET /api/v1/trends?granularity=hour (same filters, same sources, at most 400 days); a fall-back night's repeated hour counts in its hour of day twice. A queue or team outside the caller's scope is refused with 403.",
    query: trendsHeatmapQuerySchema,
    response: trendsHeatmapResponseSchema,
    responseDescription: 'The 168 cells of the range',
  })
  async heatmap(@Query() query: unknown, @Req() req: FastifyRequest): Promise<TrendsHeatmapResponse> {
    const q = parseInput(trendsHeatmapQuerySchema, query, 'query');
    return this.service.heatmap({ from: q.from, to: q.to, filter: filterOf(q, req) });
  }
}

/** The filters of a request held to the caller's scope: a queue or team outside it is refused, none asked means the scope's. */
function filterOf(q: TrendsHeatmapQuery, req: FastifyRequest): TrendFilter {
  const scope = principalOf(req)!.scope;
  assertInScope(scope, { queues: q.queue, teams: q.team });
  const list = (v: string[] | undefined) => (v && v.length > 0 ? v : null);
  return {
    queues: list(q.queue) ?? scope.queues,
    callTypes: list(q.callType),
    agents: list(q.agent),
    teams: list(q.team) ?? scope.teams,
  };
}
