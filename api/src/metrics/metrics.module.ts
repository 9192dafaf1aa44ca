import { Controller, Get, Global, Header, Inject, Module } from '@nestjs/common';
import { Allow } from '../auth/access/policy.js';
import { ApiOperation } from '../docs/api-operation.js';
import { EVENT_LOG, type EventLog } from '../log/event-log.js';
import { MetricsService } from './metrics.service.js';

@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(EVENT_LOG) private readonly log: EventLog,
  ) {}

  /** Admins, and API keys with role `metrics` (a Prometheus scraper). */
  @Get('metrics')
  @Allow('metrics')
  @ApiOperation({ summary: 'Prometheus metrics', contentType: 'text/plain', responseDescription: 'text/plain exposition format' })
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    const h = await this.log.health();
    this.metrics.lagEntries.set(h.lagEntries);
    this.metrics.lagSeconds.set(h.lagSeconds);
    return this.metrics.registry.metrics();
  }
}

@Global()
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}

@Module({ controllers: [MetricsController] })
export class MetricsHttpModule {}
