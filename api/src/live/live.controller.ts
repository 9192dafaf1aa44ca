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
import { parseInput } from '../common/validation.js';
import { DRILL_DEFAULT_LIMIT, DRILL_FIGURES, DRILL_MAX_LIMIT } from './live.wire.js';
import { LiveGateway } from './live.gateway.js';
import { LiveService } from './live.service.js';
import type { LiveCallsPage, LiveSnapshot, Subscription } from './live.wire.js';

const list = z
  .string()
  .max(4000)
  .transform((v) => v.split(',').map((q) => q.trim()).filter(Boolean));

const liveQuery = z.strictObject({
  /** One queue, or several comma-separated; default: every queue in scope. */
  queue: list.optional(),
  /** Teams whose agents to include; default: every team in scope. */
  team: list.optional(),
});

const callsQuery = z.strictObject({
  figure: z.enum(DRILL_FIGURES),
  queue: list.optional(),
  callType: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(DRILL_MAX_LIMIT).default(DRILL_DEFAULT_LIMIT),
  /** The `next` cursor of the previous page. */
  before: z.string().max(300).optional(),
});

function decodeCursor(cursor: string): { offeredMs: number; callId: string } {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const at = raw.indexOf(':');
  const offeredMs = Number(raw.slice(0, at));
  if (at < 1 || !Number.isFinite(offeredMs)) throw new ApiError(400, 'BAD_REQUEST', 'before: not a cursor this API issued', 'before');
  return { offeredMs, callId: raw.slice(at + 1) };
}

const encodeCursor = (offeredMs: number, callId: string) => Buffer.from(`${offeredMs}:${callId}`, 'utf8').toString('base64url');

@Controller('api/v1/live')
export class LiveController {
  constructor(
    private readonly live: LiveService,
    private readonly gateway: LiveGateway,
  ) {}

  @Get()
  @Allow('wallboard')
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
  calls(@Query() query: unknown, @Req() req: FastifyRequest): LiveCallsPage {
    const q = parseInput(callsQuery, query, 'query');
    const principal = principalOf(req)!;
    assertInScope(principal.scope, { queues: q.queue });
    const nowMs = this.live.now();
    const state = this.live.state;
    const { rows, total } = state.drill(
      { queues: q.queue ?? principal.scope.queues, figure: q.figure, callType: q.callType },
      nowMs,
      { limit: q.limit, before: q.before ? decodeCursor(q.before) : undefined },
    );
    const iso = (d: Date | null) => (d === null ? null : this.live.clock.iso(d.getTime()));
    const last = rows.at(-1);
    return {
      figure: q.figure,
      total,
      next: last && rows.length === q.limit ? encodeCursor(last.offeredAt.getTime(), last.callId) : null,
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
