import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module.js';
import { HealthController } from './health.controller.js';
import { HealthRepository } from './health.repository.js';
import { HealthService } from './health.service.js';

@Module({ imports: [LiveModule], controllers: [HealthController], providers: [HealthRepository, HealthService] })
export class HealthModule {}
