/**
 * The OpenAPI 3.1 document, built from what the routes declare: their path
 * and method, their access policy (`auth/policy.ts`) and their contract
 * (`@ApiOperation`, zod schemas). A pure function of its input, so the whole
 * document can be checked without starting the app.
 */
import { z } from 'zod';
import {
  createDocument,
  type oas31,
  type ZodOpenApiOperationObject,
  type ZodOpenApiOverride,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';
import { CAPABILITIES, KEY_ROLES, type KeyRole } from '../auth/access/roles.js';
import type { RoutePolicy } from '../auth/access/policy.js';
import { apiErrorSchema } from '../common/errors.wire.js';
import type { ApiOperationSpec } from './api-operation.js';
import type { SocketNamespaceDoc } from './socket-events.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface DocumentedRoute {
  method: HttpMethod;
  /** In OpenAPI form: `/api/v1/users/{id}`. */
  path: string;
  /** The status the route answers a success with (`@HttpCode`, else 201 for POST and 200 otherwise). */
  status: number;
  /** Absent: the route declares no policy (the guard refuses every call to it). */
  policy?: RoutePolicy;
  /** Absent: the route declares no contract; it is listed with `x-undocumented: true`. */
  operation?: ApiOperationSpec;
}

const DESCRIPTION =
  'Real-time call-center wallboard and QA. Events in, figures out. Times are UTC ISO 8601 unless a field says local. Every operation states who may call it in `x-access`: `public`, `session` (any signed-in user or kiosk display) or the capability the role must have (SPEC §1). The live wallboard socket, the Socket.IO namespace /live, is described with its events and their schemas in `x-socket-events`.';

const KEY_SCHEMES: Record<KeyRole, string> = {
  ingest: 'An API key with role ingest (`npx callboard keys create`, the admin pages) or CALLBOARD_INGEST_KEY',
  metrics: 'An API key with role metrics',
};
const keyScheme = (role: KeyRole) => `${role}Key`;

const SECURITY_SCHEMES: Record<string, oas31.SecuritySchemeObject> = {
  ...Object.fromEntries(KEY_ROLES.map((role) => [keyScheme(role), { type: 'http', scheme: 'bearer', description: KEY_SCHEMES[role] }])),
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'cb_session',
    description:
      'Set by POST /api/v1/auth/login or /api/v1/auth/kiosk: a short-lived signed token, httpOnly, SameSite=Strict. POST, PATCH, PUT and DELETE also need the header X-CSRF-Token with the csrfToken of the session.',
  },
};

const DEFAULT_ERRORS = {
  400: 'The input is invalid (field names it)',
  401: 'Not signed in, or the session expired (code UNAUTHENTICATED / SESSION_EXPIRED)',
  403: 'The role may not do this (FORBIDDEN), or a state-changing request lacks the X-CSRF-Token header (CSRF)',
} as const;

const SUCCESS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content' };

const SESSION = { sessionCookie: [] };

/** Who may call a route, as the document says it: `x-access` and the credentials that can carry that right. */
function access(policy: RoutePolicy): { xAccess: string; security?: oas31.SecurityRequirementObject[] } {
  switch (policy.kind) {
    case 'public':
      return { xAccess: 'public' };
    case 'session':
      return { xAccess: 'session', security: [SESSION] };
    case 'capability': {
      const roles: readonly string[] = CAPABILITIES[policy.capability];
      const keys = KEY_ROLES.filter((role) => roles.includes(role)).map((role) => ({ [keyScheme(role)]: [] }));
      const people = roles.some((role) => !(KEY_ROLES as readonly string[]).includes(role));
      return { xAccess: policy.capability, security: people ? [...keys, SESSION] : keys };
    }
  }
}

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, content: json(apiErrorSchema) });

/** `/api/v1/live/calls` → `live`, `/health` → `health`. */
const defaultTag = (path: string) => path.split('/').filter((s) => s !== '' && s !== 'api' && !/^v\d+$/.test(s))[0] ?? 'api';

/**
 * Every `{name}` of the path, as `params` declares it or else as a string:
 * OpenAPI requires each path parameter to be listed.
 */
function pathParams(route: DocumentedRoute): z.ZodObject | undefined {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const declared = route.operation?.params?.shape ?? {};
  return names.length > 0 ? z.object(Object.fromEntries(names.map((name) => [name, declared[name] ?? z.string()]))) : undefined;
}

function operationOf(route: DocumentedRoute): ZodOpenApiOperationObject {
  const { operation: op, policy } = route;
  const who = policy && access(policy);
  const path = pathParams(route);
  const base = {
    tags: op?.tags ?? [defaultTag(route.path)],
    ...(who ? { 'x-access': who.xAccess } : {}),
    ...(who?.security ? { security: who.security } : {}),
  };
  if (!op) {
    return {
      ...base,
      summary: 'Undocumented',
      'x-undocumented': true,
      ...(path ? { requestParams: { path } } : {}),
      responses: { default: { description: 'Not documented' } },
    };
  }
  if (op.status !== undefined && op.status !== route.status) {
    throw new Error(`${route.method.toUpperCase()} ${route.path}: documented as ${op.status}, but the route answers ${route.status}`);
  }
  const description = op.responseDescription ?? SUCCESS[route.status] ?? 'Success';
  const success: ZodOpenApiResponseObject = op.response
    ? { description, content: json(op.response) }
    : op.contentType
      ? { description, content: { [op.contentType]: { schema: z.string() } } }
      : { description };
  const errors: Partial<Record<number, string>> = {
    ...(op.params || op.query || op.body ? { 400: DEFAULT_ERRORS[400] } : {}),
    ...(who?.security ? { 401: DEFAULT_ERRORS[401], 403: DEFAULT_ERRORS[403] } : {}),
    ...op.errors,
  };
  const responses: Record<string, ZodOpenApiResponseObject> = { [route.status]: success };
  for (const [code, text] of Object.entries(errors)) if (text !== undefined) responses[code] = errorResponse(text);
  return {
    ...base,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(path || op.query ? { requestParams: { ...(path ? { path } : {}), ...(op.query ? { query: op.query } : {}) } } : {}),
    ...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
    responses,
  };
}

const idOf = (schema: z.ZodType, what: string): string => {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error(`${what}: the schema needs an id (.meta({ id })) to be referenced from x-socket-events`);
  return id;
};

/** The Socket.IO namespaces, each event with a `$ref` to the schema of its payload (and acknowledgement). */
function socketEvents(sockets: SocketNamespaceDoc[]) {
  const schemas: Record<string, z.ZodType> = {};
  const ref = (schema: z.ZodType, what: string) => {
    const id = idOf(schema, what);
    schemas[id] = schema;
    return { $ref: `#/components/schemas/${id}` };
  };
  const doc = Object.fromEntries(
    sockets.map((ns) => [
      ns.namespace,
      {
        description: ns.description,
        clientToServer: Object.fromEntries(
          Object.entries(ns.clientToServer).map(([event, spec]) => [
            event,
            {
              description: spec.description,
              payload: ref(spec.payload, `${ns.namespace} ${event}`),
              ...(spec.ack ? { ack: ref(spec.ack, `${ns.namespace} ${event} ack`) } : {}),
            },
          ]),
        ),
        serverToClient: Object.fromEntries(
          Object.entries(ns.serverToClient).map(([event, spec]) => [
            event,
            { description: spec.description, payload: ref(spec.payload, `${ns.namespace} ${event}`) },
          ]),
        ),
      },
    ]),
  );
  return { doc, schemas };
}

/**
 * What zod writes beyond the contract. Every object it renders for output is
 * closed (`additionalProperties: false`): the document says so only of objects
 * the API itself refuses unknown keys in (`z.strictObject`), and a schema then
 * reads the same as input and output, one component. `.int()` adds the
 * safe-integer range and `z.iso` a pattern restating its format.
 */
const concise: ZodOpenApiOverride = ({ zodSchema, jsonSchema, io }) => {
  const def = zodSchema._zod.def;
  if (io === 'output' && def.type === 'object' && def.catchall === undefined) delete jsonSchema.additionalProperties;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.format === 'date-time' || jsonSchema.format === 'date') delete jsonSchema.pattern;
};

export function buildOpenApiDocument(routes: DocumentedRoute[], sockets: SocketNamespaceDoc[] = []): oas31.OpenAPIObject {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    if (item[route.method]) throw new Error(`${route.method.toUpperCase()} ${route.path} is declared twice`);
    item[route.method] = operationOf(route);
  }
  const events = socketEvents(sockets);
  return createDocument(
    {
      openapi: '3.1.0',
      info: { title: 'Callboard API', version: '1.0.0', description: DESCRIPTION },
      paths,
      components: { securitySchemes: SECURITY_SCHEMES, schemas: { Error: apiErrorSchema, ...events.schemas } },
      ...(sockets.length > 0 ? { 'x-socket-events': events.doc } : {}),
    },
    { override: concise },
  );
}
