import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Allow, Public, SignedIn } from '../auth/access/policy.js';
import { ApiOperation } from './api-operation.js';
import { DocsService, openApiPath } from './docs.service.js';

const listWidgets = { summary: 'All widgets', response: z.object({ widgets: z.array(z.string()) }) };

@Controller('api/v1/widgets')
@SignedIn()
class WidgetsController {
  @Get()
  @ApiOperation(listWidgets)
  list() {
    return { widgets: [] };
  }

  @Post()
  @Allow('admin')
  add() {}

  @Delete(':id')
  @HttpCode(204)
  @Public()
  remove() {}

  helper() {}
}

describe('DocsService', () => {
  it('finds each route with its OpenAPI path, success status, policy (the method before the class) and contract', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      controllers: [WidgetsController],
      providers: [DocsService],
    }).compile();
    const routes = moduleRef.get(DocsService).routes();
    expect(routes).toEqual([
      { method: 'get', path: '/api/v1/widgets', status: 200, policy: { kind: 'session' }, operation: listWidgets },
      { method: 'post', path: '/api/v1/widgets', status: 201, policy: { kind: 'capability', capability: 'admin' }, operation: undefined },
      { method: 'delete', path: '/api/v1/widgets/{id}', status: 204, policy: { kind: 'public' }, operation: undefined },
    ]);
  });

  it('joins controller and route paths in OpenAPI form', () => {
    expect(openApiPath('api/v1/settings', 'queues/:queue')).toBe('/api/v1/settings/queues/{queue}');
    expect(openApiPath('/health', '/')).toBe('/health');
    expect(openApiPath('', '')).toBe('/');
  });
});
