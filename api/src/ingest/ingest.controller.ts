import { Body, Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/access/policy.js';
import { changedBy } from '../auth/audit/audit.service.js';
import { parseInput } from '../common/validation.js';
import { ApiOperation } from '../docs/api-operation.js';
import { ingestQuerySchema } from './ingest.schemas.js';
import { IngestService } from './ingest.service.js';
import { type IngestResult, ingestBatchSchema, ingestResultSchema } from './ingest.wire.js';

@Controller('api/v1/events')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  /** Only an API key with role `ingest` (SPEC §1); a back-fill only with the key's back-fill permission. */
  @Post()
  @HttpCode(202)
  @Allow('ingest')
  @ApiOperation({
    summary: 'Post canonical events',
    description:
      'A JSON array of at most 5,000 events and 5 MB. Valid items are accepted even when others are rejected; an event of today naming a queue or agent beyond the cap of a day (CALLBOARD_LIVE_MAX_QUEUES, CALLBOARD_LIVE_MAX_AGENTS) is rejected like an invalid one. ' +
      'Each ts must lie between CALLBOARD_EVENT_MAX_AGE_D days (35) before and CALLBOARD_EVENT_MAX_AHEAD_MIN minutes (5) after the server clock, both bounds included, read once per request; an item outside is rejected with an error starting `ts: ` that names the bound and the accepted range. ' +
      'Older history (e.g. last year of a queue_log) is posted with `?backfill=true` by a key created with the back-fill permission: any ts from 2000-01-01 up to the same upper bound. Each back-fill request is audited (`events.backfill`: the key, events accepted, earliest and latest ts); back-filled days before today do not change the live figures. ' +
      '202 is sent only once the accepted events are in the log.',
    query: ingestQuerySchema,
    body: ingestBatchSchema,
    response: ingestResultSchema,
    responseDescription: 'Accepted into the log',
    errors: {
      400: 'The body is not valid JSON, is nested deeper than 32 levels (code TOO_DEEP), or is not an array; or backfill is not true or false',
      401: 'No or malformed Authorization header',
      403: 'Unknown or revoked key, or a key without role ingest; or backfill=true from a key without the back-fill permission (code BACKFILL_FORBIDDEN)',
      413: 'More than 5,000 events or 5 MB',
      415: 'A Content-Type the server does not read (send application/json)',
      503: 'The log is unavailable; nothing was accepted',
    },
  })
  post(@Body() body: unknown, @Query() query: unknown, @Req() req: FastifyRequest): Promise<IngestResult> {
    const { backfill } = parseInput(ingestQuerySchema, query, 'query');
    return this.ingest.ingest(body, { backfill, by: changedBy(req) });
  }
}
