/**
 * Finds every route of the app's controllers, with its policy and contract,
 * and builds the OpenAPI document from them once, at start-up.
 */
import { Injectable, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { oas31 } from 'zod-openapi';
import { POLICY, type RoutePolicy } from '../auth/access/policy.js';
import { liveSocketSpec } from '../live/live.wire.js';
import { API_OPERATION, type ApiOperationSpec } from './api-operation.js';
import { buildOpenApiDocument, type DocumentedRoute, type HttpMethod } from './openapi.builder.js';

const METHODS: Partial<Record<RequestMethod, HttpMethod>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

/** `api/v1/users` + `:id` → `/api/v1/users/{id}`. */
export const openApiPath = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .map((s) => s.replace(/^:(\w+)$/, '{$1}'))
    .join('/')}`;

@Injectable()
export class DocsService implements OnModuleInit {
  private built: oas31.OpenAPIObject | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.built = buildOpenApiDocument(this.routes(), [liveSocketSpec]);
  }

  get document(): oas31.OpenAPIObject {
    if (!this.built) throw new Error('the OpenAPI document is built when the module starts');
    return this.built;
  }

  /** Every route of every controller, as Nest registers it. */
  routes(): DocumentedRoute[] {
    const routes: DocumentedRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prefixes = [this.reflector.get<string | string[] | undefined>(PATH_METADATA, controller) ?? ''].flat();
      const prototype = controller.prototype as Record<string, (...args: unknown[]) => unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name]!;
        const requestMethod = this.reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
        if (requestMethod === undefined) continue;
        const method = METHODS[requestMethod];
        if (!method) throw new Error(`${controller.name}.${name}: ${RequestMethod[requestMethod]} routes cannot be documented`);
        const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, handler) ?? (method === 'post' ? 201 : 200);
        const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY, [handler, controller]);
        const operation = this.reflector.get<ApiOperationSpec | undefined>(API_OPERATION, handler);
        const paths = [this.reflector.get<string | string[] | undefined>(PATH_METADATA, handler) ?? ''].flat();
        for (const prefix of prefixes) {
          for (const path of paths) routes.push({ method, path: openApiPath(prefix, path), status, policy, operation });
        }
      }
    }
    return routes;
  }
}
