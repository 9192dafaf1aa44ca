import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SocketNamespaceSpec } from './socket-events.js';
import { buildOpenApiDocument, type DocumentedRoute } from './openapi.builder.js';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const INVALID = error('The input is invalid (field names it)');
const UNAUTHENTICATED = error('Not signed in, or the session expired (code UNAUTHENTICATED / SESSION_EXPIRED)');
const FORBIDDEN = error('The role may not do this (FORBIDDEN), or a state-changing request lacks the X-CSRF-Token header (CSRF)');

const widgetSchema = z
  .object({ id: z.string(), size: z.number().int().describe('in millimetres'), madeAt: z.iso.datetime({ offset: true }) })
  .meta({ id: 'SpecWidget', description: 'A widget' });

const patchWidget: DocumentedRoute = {
  method: 'patch',
  path: '/api/v1/widgets/{id}',
  status: 200,
  policy: { kind: 'capability', capability: 'admin' },
  operation: {
    summary: 'Resize a widget',
    params: z.object({ id: z.string().describe('widget id') }),
    query: z.strictObject({ dryRun: z.enum(['yes', 'no']).optional() }),
    body: z.strictObject({ size: z.number().int().min(1) }),
    response: widgetSchema,
    errors: { 404: 'No such widget' },
  },
};

const opOf = (doc: ReturnType<typeof buildOpenApiDocument>, path: string, method: string) =>
  (doc.paths?.[path] as Record<string, Record<string, unknown>>)[method]!;

describe('buildOpenApiDocument', () => {
  it('gives a route exactly its parameters, body, success, input and policy failures, and access', () => {
    const doc = buildOpenApiDocument([patchWidget]);
    expect(opOf(doc, '/api/v1/widgets/{id}', 'patch')).toEqual({
      tags: ['widgets'],
      'x-access': 'admin',
      security: [{ sessionCookie: [] }],
      summary: 'Resize a widget',
      parameters: [
        { in: 'path', name: 'id', required: true, description: 'widget id', schema: { type: 'string', description: 'widget id' } },
        { in: 'query', name: 'dryRun', schema: { type: 'string', enum: ['yes', 'no'] } },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { size: { type: 'integer', minimum: 1 } },
              required: ['size'],
              additionalProperties: false,
            },
          },
        },
      },
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/SpecWidget' } } } },
        400: INVALID,
        401: UNAUTHENTICATED,
        403: FORBIDDEN,
        404: error('No such widget'),
      },
    });
  });

  it('puts schemas with an id under components once, with their descriptions', () => {
    const listWidgets: DocumentedRoute = {
      method: 'get',
      path: '/api/v1/widgets',
      status: 200,
      policy: { kind: 'session' },
      operation: { summary: 'All widgets', response: z.object({ widgets: z.array(widgetSchema) }) },
    };
    const doc = buildOpenApiDocument([patchWidget, listWidgets]);
    expect(doc.components?.schemas?.SpecWidget).toEqual({
      type: 'object',
      description: 'A widget',
      properties: {
        id: { type: 'string' },
        size: { type: 'integer', description: 'in millimetres' },
        madeAt: { type: 'string', format: 'date-time' },
      },
      required: ['id', 'size', 'madeAt'],
    });
    expect(opOf(doc, '/api/v1/widgets', 'get').responses).toEqual({
      200: {
        description: 'OK',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { widgets: { type: 'array', items: { $ref: '#/components/schemas/SpecWidget' } } },
              required: ['widgets'],
            },
          },
        },
      },
      401: UNAUTHENTICATED,
      403: FORBIDDEN,
    });
    expect(Object.keys(doc.components?.schemas ?? {}).sort()).toEqual(['Error', 'SpecWidget']);
    expect(doc.components?.schemas?.Error).toEqual({
      type: 'object',
      description: 'A failed request',
      properties: {
        statusCode: { type: 'integer' },
        code: { type: 'string', description: 'stable machine-readable code' },
        message: { type: 'string' },
        field: { type: 'string', description: 'the field to blame, when there is one' },
      },
      required: ['statusCode', 'code', 'message'],
    });
  });

  it('asks no credentials of a public route and answers it without 401 or 403', () => {
    const doc = buildOpenApiDocument([
      { method: 'get', path: '/health', status: 200, policy: { kind: 'public' }, operation: { summary: 'Health' } },
    ]);
    expect(opOf(doc, '/health', 'get')).toEqual({
      tags: ['health'],
      'x-access': 'public',
      summary: 'Health',
      responses: { 200: { description: 'OK' } },
    });
  });

  it('accepts the key of a key role, and the session of a person, for a capability', () => {
    const doc = buildOpenApiDocument([
      {
        method: 'post',
        path: '/api/v1/events',
        status: 202,
        policy: { kind: 'capability', capability: 'ingest' },
        operation: { summary: 'Post events' },
      },
      {
        method: 'get',
        path: '/metrics',
        status: 200,
        policy: { kind: 'capability', capability: 'metrics' },
        operation: { summary: 'Metrics', contentType: 'text/plain' },
      },
    ]);
    const events = opOf(doc, '/api/v1/events', 'post');
    expect(events.security).toEqual([{ ingestKey: [] }]);
    expect(events.responses).toEqual({ 202: { description: 'Accepted' }, 401: UNAUTHENTICATED, 403: FORBIDDEN });
    const metrics = opOf(doc, '/metrics', 'get');
    expect(metrics['x-access']).toBe('metrics');
    expect(metrics.security).toEqual([{ metricsKey: [] }, { sessionCookie: [] }]);
    expect((metrics.responses as Record<string, unknown>)[200]).toEqual({
      description: 'OK',
      content: { 'text/plain': { schema: { type: 'string' } } },
    });
    expect(Object.keys(doc.components?.securitySchemes ?? {}).sort()).toEqual(['ingestKey', 'metricsKey', 'sessionCookie']);
  });

  it('lists a route without a contract as undocumented, and one without a policy without x-access', () => {
    const doc = buildOpenApiDocument([{ method: 'delete', path: '/api/v1/widgets/{id}', status: 200 }]);
    expect(opOf(doc, '/api/v1/widgets/{id}', 'delete')).toEqual({
      tags: ['widgets'],
      summary: 'Undocumented',
      'x-undocumented': true,
      parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string' } }],
      responses: { default: { description: 'Not documented' } },
    });
  });

  it('lists every parameter of the path, as a string where params does not declare it', () => {
    const route: DocumentedRoute = {
      method: 'get',
      path: '/api/v1/queues/{queue}/agents/{agentId}',
      status: 200,
      policy: { kind: 'public' },
      operation: { summary: 'An agent of a queue', params: z.object({ queue: z.string().max(100) }) },
    };
    expect(opOf(buildOpenApiDocument([route]), route.path, 'get').parameters).toEqual([
      { in: 'path', name: 'queue', required: true, schema: { type: 'string', maxLength: 100 } },
      { in: 'path', name: 'agentId', required: true, schema: { type: 'string' } },
    ]);
  });

  it('refuses a documented status the route does not answer with', () => {
    const route: DocumentedRoute = {
      method: 'post',
      path: '/api/v1/widgets',
      status: 201,
      policy: { kind: 'public' },
      operation: { summary: 'Add', status: 202 },
    };
    expect(() => buildOpenApiDocument([route])).toThrow('POST /api/v1/widgets: documented as 202, but the route answers 201');
  });

  it('describes socket events by reference to the schemas of their payloads and acknowledgements', () => {
    const hello = z.object({ name: z.string() }).meta({ id: 'SpecHello' });
    const welcome = z.object({ ok: z.boolean() }).meta({ id: 'SpecWelcome' });
    const news = z.object({ text: z.string() }).meta({ id: 'SpecNews' });
    const spec: SocketNamespaceSpec<
      { news: (n: { text: string }) => void },
      { hello: (h: { name: string }, ack: (w: { ok: boolean }) => void) => void }
    > = {
      namespace: '/spec',
      description: 'A namespace',
      clientToServer: { hello: { description: 'Says hello', payload: hello, ack: welcome } },
      serverToClient: { news: { description: 'Tells news', payload: news } },
    };
    const doc = buildOpenApiDocument([], [spec]);
    expect(doc['x-socket-events']).toEqual({
      '/spec': {
        description: 'A namespace',
        clientToServer: {
          hello: {
            description: 'Says hello',
            payload: { $ref: '#/components/schemas/SpecHello' },
            ack: { $ref: '#/components/schemas/SpecWelcome' },
          },
        },
        serverToClient: { news: { description: 'Tells news', payload: { $ref: '#/components/schemas/SpecNews' } } },
      },
    });
    expect(doc.components?.schemas?.SpecNews).toEqual({ type: 'object', properties: { text: { type: 'string' } }, required: ['text'] });
  });

  it('refuses a socket payload without an id, which could not be referenced', () => {
    const spec = {
      namespace: '/spec',
      description: 'A namespace',
      clientToServer: {},
      serverToClient: { news: { description: 'Tells news', payload: z.object({ text: z.string() }) } },
    };
    expect(() => buildOpenApiDocument([], [spec])).toThrow('/spec news: the schema needs an id');
  });
});
