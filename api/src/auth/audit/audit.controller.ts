import { Controller, Get, Query } from '@nestjs/common';
import { parseInput } from '../../common/validation.js';
import { ApiOperation } from '../../docs/api-operation.js';
import { Allow } from '../access/policy.js';
import { auditQuerySchema } from './audit.schemas.js';
import { AuditService } from './audit.service.js';
import { type AuditPage, auditPageSchema } from './audit.wire.js';

@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Allow('admin')
  @ApiOperation({
    summary: 'The audit log',
    description: 'Newest first. Pass `next` of a page as `before` for the following one.',
    query: auditQuerySchema,
    response: auditPageSchema,
    responseDescription: 'A page of entries',
  })
  list(@Query() query: unknown): Promise<AuditPage> {
    return this.audit.list(parseInput(auditQuerySchema, query, 'query'));
  }
}
