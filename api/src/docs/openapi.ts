/**
 * The OpenAPI document of every HTTP route, served at /api/docs. A test walks
 * the app's registered routes and fails when one is missing here.
 */
const error = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', description: 'Stable machine-readable code' },
    message: { type: 'string' },
    field: { type: 'string', description: 'The field to blame, when there is one' },
  },
};
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

const figures = {
  type: 'object',
  properties: {
    offered: { type: 'integer' },
    answered: { type: 'integer' },
    answeredInThreshold: { type: 'integer', description: 'answered with wait ≤ the queue threshold (rings × ring cycle) in force at offer time' },
    abandoned: { type: 'integer' },
    shortAbandoned: { type: 'integer', description: 'abandoned with wait < shortAbandonS' },
    timedOut: { type: 'integer' },
    waiting: { type: 'integer', description: 'calls in the queue now' },
    threeRingRate: { type: ['number', 'null'], description: 'answeredInThreshold ÷ (answered + abandoned − shortAbandoned + timedOut); null when the denominator is 0' },
    asaS: { type: ['number', 'null'], description: 'mean wait of answered calls, seconds' },
    abandonRate: { type: ['number', 'null'], description: '(abandoned − shortAbandoned) ÷ (offered − shortAbandoned)' },
  },
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Callboard API',
    version: '1.0.0',
    description: 'Real-time call-center wallboard and QA. Events in, figures out. Times are UTC ISO 8601 unless a field says local.',
  },
  components: {
    securitySchemes: {
      ingestKey: { type: 'http', scheme: 'bearer', description: 'An ingest API key (`npx callboard keys create`) or CALLBOARD_INGEST_KEY' },
    },
    schemas: {
      Error: error,
      Event: {
        type: 'object',
        required: ['id', 'type', 'ts', 'source', 'payload'],
        description: 'A canonical event (SPEC §2). Payload fields may also be given beside the envelope instead of under `payload`.',
        properties: {
          id: { type: 'string', description: 'Unique id, the idempotency key' },
          type: {
            type: 'string',
            enum: [
              'call.offered', 'call.ringing', 'call.answered', 'call.held', 'call.resumed', 'call.transferred', 'call.abandoned',
              'call.timed_out', 'call.ended', 'call.dispositioned', 'call.recording', 'call.transcript', 'agent.state',
              'case.opened', 'case.replied', 'case.resolved', 'case.closed', 'case.followed_up',
            ],
          },
          ts: { type: 'string', format: 'date-time', description: 'ISO 8601 with offset, at most millisecond precision' },
          source: { type: 'string' },
          payload: { type: 'object' },
        },
      },
      IngestResult: {
        type: 'object',
        required: ['accepted', 'duplicates', 'rejected'],
        properties: {
          accepted: { type: 'integer', description: 'events newly in the log' },
          duplicates: { type: 'integer', description: 'events whose id the log already held' },
          rejected: {
            type: 'array',
            items: { type: 'object', required: ['index', 'error'], properties: { index: { type: 'integer' }, error: { type: 'string', description: '"<field path>: <reason>"' } } },
          },
        },
      },
      TodayFigures: figures,
    },
  },
  paths: {
    '/api/v1/events': {
      post: {
        summary: 'Post canonical events',
        description: 'A JSON array of at most 5,000 events and 5 MB. Valid items are accepted even when others are rejected. 202 is sent only once the accepted events are in the log.',
        security: [{ ingestKey: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'array', maxItems: 5000, items: { $ref: '#/components/schemas/Event' } } } } },
        responses: {
          '202': { description: 'Accepted into the log', content: { 'application/json': { schema: { $ref: '#/components/schemas/IngestResult' } } } },
          '400': errorResponse('The body is not a JSON array'),
          '401': errorResponse('No or malformed Authorization header'),
          '403': errorResponse('Unknown or revoked key'),
          '413': errorResponse('More than 5,000 events or 5 MB'),
          '503': errorResponse('The log is unavailable; nothing was accepted'),
        },
      },
    },
    '/api/v1/today': {
      get: {
        summary: "Today's counts per queue from the database",
        description: "Since local midnight in CALLBOARD_TZ, read from the calls_15m continuous aggregate.",
        responses: {
          '200': {
            description: 'Counts per queue and in total',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    asOf: { type: 'string', format: 'date-time' },
                    tz: { type: 'string' },
                    day: { type: 'string', format: 'date', description: 'local date' },
                    demo: { type: 'boolean', description: 'true when the simulator feeds this instance' },
                    queues: { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/TodayFigures' }, { type: 'object', properties: { queue: { type: 'string' } } }] } },
                    totals: { $ref: '#/components/schemas/TodayFigures' },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/health': {
      get: {
        summary: 'Health of database, log and writer',
        responses: { '200': { description: 'All parts answer' }, '503': { description: 'The database or the log does not answer' } },
      },
    },
    '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': { description: 'text/plain exposition format' } } } },
    '/api/docs': { get: { summary: 'This OpenAPI document', responses: { '200': { description: 'OpenAPI 3.1 JSON' } } } },
  },
} as const;
