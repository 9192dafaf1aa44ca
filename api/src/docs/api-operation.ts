/**
 * The contract of one HTTP route, declared beside it: the zod schemas that
 * validate its input and describe its output. The OpenAPI document served at
 * `/api/docs` is generated from these declarations and from each route's
 * access policy (`auth/access/policy.ts`), so a route cannot change without its
 * documentation changing with it.
 *
 *   @Get(':id')
 *   @Allow('admin')
 *   @ApiOperation({ summary: 'One user', params: userIdParamSchema, response: userSchema })
 *
 * Schemas that several routes share carry an id (`schema.meta({ id: 'User' })`)
 * and appear once under `components.schemas`.
 */
import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export interface ApiOperationSpec {
  summary: string;
  description?: string;
  /** Groups operations in the document (default: the first path segment after `/api/v1`, e.g. `live`). */
  tags?: string[];
  /** Path parameters, e.g. `{ id }` for `/api/v1/users/{id}`. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * The status of a success (204 has no body). Default: what the route answers
   * (`@HttpCode`, else 201 for POST and 200 otherwise); the document refuses
   * a status the route does not answer with.
   */
  status?: 200 | 201 | 202 | 204;
  /** The success body; omit for 204 or a body that is not JSON (then give `contentType`). */
  response?: z.ZodType;
  /** Media type of a non-JSON success body, e.g. `text/plain` for Prometheus metrics. */
  contentType?: string;
  /** What the success means, when the summary does not say it. */
  responseDescription?: string;
  /**
   * Failures beyond those implied by the route (400 when it takes input,
   * 401/403 from its access policy), each with what it means.
   */
  errors?: Partial<Record<400 | 401 | 403 | 404 | 409 | 413 | 415 | 416 | 429 | 502 | 503, string>>;
}

export const API_OPERATION = 'callboard:operation';

export const ApiOperation = (spec: ApiOperationSpec) => SetMetadata(API_OPERATION, spec);
