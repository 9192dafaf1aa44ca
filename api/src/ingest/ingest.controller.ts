import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Allow } from '../auth/access/policy.js';
import { ApiOperation } from '../docs/api-operation.js';
import { IngestService } from './ingest.service.js';
import { type IngestResult, ingestBatchSchema, ingestResultSchema } from './ingest.wire.js';

@Controller('api/v1/events')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  /** Only an API key with role `ingest` (SPEC §1). */
  @Post()
  @HttpCode(202)
  @Allow('ingest')
  @ApiOperation({
    summary: 'Post canonical events',
    description:
      'A JSON array of at most 5,000 events and 5 MB. Valid items are accepted even when others are rejected; an event of today naming a queue or agent beyond the cap of a day (CALLBOARD_LIVE_MAX_QUEUES, CALLBOARD_LIVE_MAX_AGENTS) is rejected like an invalid one. 202 is sent only once the accepted events are in the log.',
    body: ingestBatchSchema,
    response: ingestResultSchema,
    responseDescription: 'Accepted into the log',
    errors: {
      400: 'The body is not valid JSON, is nested deeper than 32 levels (code TOO_DEEP), or is not an array',
      401: 'No or malformed Authorization header',
      403: 'Unknown or revoked key, or a key without role ingest',
      413: 'More than 5,000 events or 5 MB',
      415: 'A Content-Type the server does not read (send application/json)',
      503: 'The log is unavailable; nothing was accepted',
    },
  })
  post(@Body() body: unknown): Promise<IngestResult> {
    return this.ingest.ingest(body);
  }
}
