import { Module } from '@nestjs/common';
import { RecordingsController } from './recordings.controller.js';
import { RecordingsRepository } from './recordings.repository.js';
import { RecordingsService } from './recordings.service.js';

/** Call recordings for QA: played through the API from allowlisted origins, by role and scope, each play audited. */
@Module({ providers: [RecordingsRepository, RecordingsService], controllers: [RecordingsController] })
export class RecordingsModule {}
