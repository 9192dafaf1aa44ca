import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Allow } from '../auth/access/policy.js';
import { type IngestResult, IngestService } from './ingest.service.js';

@Controller('api/v1/events')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  /** Only an API key with role `ingest` (SPEC §1). */
  @Post()
  @HttpCode(202)
  @Allow('ingest')
  post(@Body() body: unknown): Promise<IngestResult> {
    return this.ingest.ingest(body);
  }
}
