import { Module } from '@nestjs/common';
import { TodayController } from './today.controller.js';
import { TodayRepository } from './today.repository.js';
import { TodayService } from './today.service.js';

@Module({ providers: [TodayService, TodayRepository], controllers: [TodayController] })
export class TodayModule {}
