import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { IngestKeyGuard } from './ingest.guard.js';
import { type IngestResult, IngestService } from './ingest.service.js';

@Controller('api/v1/events')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Post()
  @HttpCode(202)
  @UseGuards(IngestKeyGuard)
  post(@Body() body: unknown): Promise<IngestResult> {
    return this.ingest.ingest(body);
  }
}
