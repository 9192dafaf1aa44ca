import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { parseInput } from '../../common/validation.js';
import { ApiOperation } from '../../docs/api-operation.js';
import { Allow } from '../access/policy.js';
import { changedBy } from '../audit/audit.service.js';
import { createUserSchema, updateUserSchema, userIdParamSchema } from './users.schemas.js';
import { UsersService } from './users.service.js';
import { type KnownScopes, type UserView, knownScopesSchema, userListSchema, userSchema } from './users.wire.js';

@Controller('api/v1')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  @Allow('admin')
  @ApiOperation({ summary: 'List users', response: userListSchema, responseDescription: 'Users' })
  async list(): Promise<{ users: UserView[] }> {
    return { users: await this.users.list() };
  }

  @Post('users')
  @HttpCode(201)
  @Allow('admin')
  @ApiOperation({
    summary: 'Add a user',
    body: createUserSchema,
    status: 201,
    response: userSchema,
    errors: { 409: 'The username is taken' },
  })
  create(@Body() body: unknown, @Req() req: FastifyRequest): Promise<UserView> {
    return this.users.create(parseInput(createUserSchema, body), changedBy(req));
  }

  @Patch('users/:id')
  @Allow('admin')
  @ApiOperation({
    summary: 'Change a user',
    description:
      "Any change but the display name ends the user's sessions and sockets. `disabled: true` disables the user. The last active admin cannot be disabled or demoted (409).",
    params: userIdParamSchema,
    body: updateUserSchema,
    response: userSchema,
    errors: { 404: 'No such user', 409: 'Last active admin' },
  })
  update(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest): Promise<UserView> {
    return this.users.update(id, parseInput(updateUserSchema, body), changedBy(req));
  }

  @Get('scopes')
  @Allow('admin')
  @ApiOperation({
    summary: 'Queues and teams seen in the data',
    description: 'For scope pickers.',
    response: knownScopesSchema,
    responseDescription: 'Known queues and teams',
  })
  scopes(): Promise<KnownScopes> {
    return this.users.knownScopes();
  }
}
