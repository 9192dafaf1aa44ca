import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/access/policy.js';
import { openApiDocument } from './openapi.js';

@Controller('api/docs')
export class DocsController {
  @Get()
  @Public()
  document() {
    return openApiDocument;
  }
}
