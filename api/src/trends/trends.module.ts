import { Module } from '@nestjs/common';
import { TrendsController } from './trends.controller.js';
import { TrendsRepository } from './trends.repository.js';
import { TrendsService } from './trends.service.js';

@Module({ providers: [TrendsService, TrendsRepository], controllers: [TrendsController] })
export class TrendsModule {}
