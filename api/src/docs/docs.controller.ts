import { Controller, Get } from '@nestjs/common';
import type { oas31 } from 'zod-openapi';
import { Public } from '../auth/access/policy.js';
import { ApiOperation } from './api-operation.js';
import { DocsService } from './docs.service.js';

@Controller('api/docs')
export class DocsController {
  constructor(private readonly docs: DocsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'This OpenAPI document', responseDescription: 'OpenAPI 3.1 JSON' })
  document(): oas31.OpenAPIObject {
    return this.docs.document;
  }
}
