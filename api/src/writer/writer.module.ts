import { Module } from '@nestjs/common';
import { WriterRepository } from './writer.repository.js';
import { WriterService } from './writer.service.js';

@Module({ providers: [WriterService, WriterRepository], exports: [WriterService] })
export class WriterModule {}
