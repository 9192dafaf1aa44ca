/**
 * `GET /api/v1/live`: the snapshot a wallboard gets on connect (SPEC §6), and
 * `GET /api/v1/live/calls`: the calls behind a figure, from the same live state
 * the figures are counted from.
 */
import { Controller, Get, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Allow } from '../auth/access/policy.js';
import { principalOf } from '../auth/access/principal.js';
import { assertInScope } from '../auth/access/scope.js';
import { ApiError } from '../common/errors.js';
import { callerFor } from '../common/mask.js';
import { commaList, parseInput } from '../common/validation.js';
import { type DrillCursor, decodeCursor, encodeCursor } from './drill.js';
import { ApiOperation } from '../docs/api-operation.js';
import { DRILL_DEFAULT_LIMIT, DRILL_FIGURES, DRILL_MAX_LIMIT } from './live.wire.js';
import { LiveGateway } from './live.gateway.js';
import { LiveService } from './live.service.js';
import { type LiveCallsPage, type LiveSnapshot, type Subscription, liveCallsPageSchema, liveSnapshotSchema } from './live.wire.js';

const list = commaList(4000);

const liveQuery = z.strictObject({
  queue: list.optional().describe('one queue, or several comma-separated; default: every queue in scope'),
  team: list.optional().describe('the teams whose agents to include, comma-separated; default: every team in scope'),
});

const callsQuery = z.strictObject({
  figure: z.enum(DRILL_FIGURES),
  queue: list.optional().describe('one queue, or several comma-separated; default: every queue in scope'),
  callType: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(DRILL_MAX_LIMIT).default(DRILL_DEFAULT_LIMIT),
  before: z
    .string()
    .max(800)
    .optional()
    .describe('the `next` cursor of the previous page (call id and queue are up to 200 characters each)'),
});

function cursorOf(before: string): DrillCursor {
  const cursor = decodeCursor(before);
  if (!cursor) throw new ApiError(400, 'BAD_REQUEST', 'before: not a cursor this API issued', 'before');
  return cursor;
}

@Controller('api/v1/live')
export class LiveController {
  constructor(
    private readonly live: LiveService,
    private readonly gateway: LiveGateway,
  ) {}

  @Get()
  @Allow('wallboard')
  @ApiOperation({
    summary: "Today's live state: what a wallboard gets on connect",
    description:
      "The same snapshot the /live socket sends after `subscribe` (SPEC §6): per queue today's figures (since local midnight in CALLBOARD_TZ) in total, by call type and by hour, the same weekday last week, waiting calls, agents serving it and staffing by Erlang C and A; the agents of the teams in scope; live SLA items. Without `queue`/`team`: the caller's whole scope; outside it: 403.",
    query: liveQuery,
    response: liveSnapshotSchema,
    responseDescription: 'The snapshot',
    errors: { 400: 'An unknown parameter' },
  })
  snapshot(@Query() query: unknown, @Req() req: FastifyRequest): LiveSnapshot {
    const { queue, team } = parseInput(liveQuery, query, 'query');
    const scope = principalOf(req)!.scope;
    assertInScope(scope, { queues: queue, teams: team });
    const sub: Subscription = { queues: queue ?? scope.queues, teams: team ?? scope.teams };
    return this.live.snapshot(sub, this.gateway.seqOf(sub));
  }

  /** Caller numbers in full for admins only, masked for everyone else. */
  @Get('calls')
  @Allow('agentDetail')
  @ApiOperation({
    summary: 'The calls behind a live figure, newest offer first',
    description:
      "Today's call legs counted in a figure (the same ones the live figures count), e.g. the abandoned calls of a queue or the breached ones. A call's agent (id and name) is null when the agent is outside the caller's teams. Paged: pass `next` as `before`.",
    query: callsQuery,
    response: liveCallsPageSchema,
    responseDescription: 'A page of calls',
    errors: { 400: 'A missing or unknown figure, a bad limit or cursor (field names it)' },
  })
  calls(@Query() query: unknown, @Req() req: FastifyRequest): LiveCallsPage {
    const q = parseInput(callsQuery, query, 'query');
    const principal = principalOf(req)!;
    assertInScope(principal.scope, { queues: q.queue });
    const nowMs = this.live.now();
    const state = this.live.state;
    const { rows, total } = state.drill(
      { queues: q.queue ?? principal.scope.queues, figure: q.figure, callType: q.callType },
      nowMs,
      { limit: q.limit, before: q.before ? cursorOf(q.before) : undefined },
      principal.scope.teams,
    );
    const iso = (d: Date | null) => (d === null ? null : this.live.clock.iso(d.getTime()));
    const last = rows.at(-1);
    return {
      figure: q.figure,
      total,
      next: last && rows.length === q.limit ? encodeCursor(last) : null,
      rows: rows.map((r) => ({
        callId: r.callId,
        queue: r.queue,
        callType: r.callType,
        caller: callerFor(principal.role, state.callerOf(r.callId)),
        offeredAt: iso(r.offeredAt)!,
        answeredAt: iso(r.answeredAt),
        endedAt: iso(r.endedAt),
        outcome: r.outcome,
        waitS: r.outcome === 'waiting' || r.outcome === 'ringing' ? Math.max(0, nowMs - r.offeredAt.getTime()) / 1000 : r.waitS,
        talkS: r.talkS,
        holdS: r.holdS,
        wrapS: r.wrapS,
        agentId: r.agentId,
        agentName: r.agentId === null ? null : state.agentName(r.agentId),
        slThresholdS: r.slThresholdS,
        answeredInThreshold: r.answeredInThreshold,
        shortAbandon: r.shortAbandon,
        transferred: r.transferred,
        transferTarget: r.transferTarget,
        category: r.category,
      })),
    };
  }
}
