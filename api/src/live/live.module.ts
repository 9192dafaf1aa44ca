import { Module } from '@nestjs/common';
import { LiveController } from './live.controller.js';
import { LiveGateway } from './live.gateway.js';
import { LiveRepository } from './live.repository.js';
import { LiveService } from './live.service.js';

@Module({ providers: [LiveService, LiveRepository, LiveGateway], controllers: [LiveController], exports: [LiveService] })
export class LiveModule {}
