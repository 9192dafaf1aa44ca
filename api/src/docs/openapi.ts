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

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ok = (description: string, schema: object) => ({ description, content: json(schema) });
const body = (schema: object) => ({ required: true, content: json(schema) });
const idParam = (what: string) => [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: what }];

/** Who may call an operation (SPEC §1), shown in the document as `x-access`. */
const session = [{ sessionCookie: [] }];
const admin = { security: session, 'x-access': 'admin' };
const denied = {
  '401': errorResponse('Not signed in, or the session expired (code UNAUTHENTICATED / SESSION_EXPIRED)'),
  '403': errorResponse('The role may not do this (FORBIDDEN), or a state-changing request lacks the X-CSRF-Token header (CSRF)'),
};
const nullableList = { type: ['array', 'null'], items: { type: 'string' } };
const scope = {
  type: 'object',
  required: ['queues', 'teams'],
  description: 'null: every queue / team; an empty list: none',
  properties: { queues: nullableList, teams: nullableList },
};
const role = { type: 'string', enum: ['admin', 'manager', 'supervisor', 'qa_lead', 'qa_reviewer', 'agent'] };
const ts = { type: 'string', format: 'date-time' };
const tsOrNull = { type: ['string', 'null'], format: 'date-time' };

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

const num = { type: 'number' };
const rate = (definition: string) => ({ type: ['number', 'null'], description: `${definition}; 0..1, null when the denominator is 0` });
const liveFigures = {
  type: 'object',
  description: 'SPEC §6 Figures with the raw counts and sums every rate is computed from',
  properties: {
    offered: { type: 'integer' },
    answered: { type: 'integer' },
    answeredInThreshold: { type: 'integer', description: 'answered with wait ≤ slThresholdS in force at offer time' },
    abandoned: { type: 'integer' },
    shortAbandoned: { type: 'integer', description: 'abandoned with wait < shortAbandonS' },
    abandonedInThreshold: { type: 'integer', description: 'abandoned with wait ≤ slThresholdS' },
    timedOut: { type: 'integer' },
    transferredOut: { type: 'integer', description: 'left the queue by a transfer before an answer' },
    handled: { type: 'integer', description: 'answered and ended' },
    threeRingRate: rate('answeredInThreshold ÷ (answered + abandoned − shortAbandoned + timedOut)'),
    slAnsweredOnly: rate('answeredInThreshold ÷ answered'),
    slAbandonNeutral: rate('(answeredInThreshold + abandonedInThreshold) ÷ (answered + abandoned)'),
    asaS: { type: ['number', 'null'], description: 'answeredWaitS ÷ answered, seconds' },
    abandonRate: rate('(abandoned − shortAbandoned) ÷ (offered − shortAbandoned)'),
    ahtS: { type: ['number', 'null'], description: 'handleS ÷ handled (talk + hold + wrap-up), seconds' },
    occupancy: rate('busyS ÷ (busyS + availableS), today, of the agents serving the queue'),
    answeredWaitS: num,
    handleS: num,
    busyS: { type: 'number', description: 'on call or in wrap-up today' },
    availableS: num,
  },
};
const agentCounts = {
  type: 'object',
  properties: Object.fromEntries(['loggedIn', 'available', 'ringing', 'onCall', 'wrapUp', 'notReady'].map((k) => [k, { type: 'integer' }])),
};
const hourVolume = {
  type: 'object',
  properties: {
    hour: { ...ts, description: 'local start of the hour, with offset' },
    byCallType: { type: 'object', additionalProperties: { type: 'integer' }, description: 'offered per call type' },
    ...Object.fromEntries(['offered', 'answered', 'answeredInThreshold', 'abandoned', 'shortAbandoned', 'timedOut'].map((k) => [k, { type: 'integer' }])),
    threeRingRate: rate("the hour's answeredInThreshold ÷ (answered + abandoned − shortAbandoned + timedOut)"),
  },
};
const liveQueue = {
  type: 'object',
  properties: {
    queue: { type: 'string' },
    rules: {
      type: 'object',
      description: 'what calls offered now are measured by',
      properties: {
        rings: { type: 'integer' }, ringCycleS: num, slThresholdS: num, shortAbandonS: num, slTarget: num,
        asaTargetS: { type: ['number', 'null'] }, abandonTarget: { type: ['number', 'null'] },
      },
    },
    waiting: { type: 'integer' },
    longestWaitS: { type: ['number', 'null'], description: 'as of asOf; tick it forward from oldestOfferedAt' },
    oldestOfferedAt: tsOrNull,
    waitingCalls: {
      type: 'array',
      description: 'longest waiting first, at most 50; no caller numbers',
      items: { type: 'object', properties: { callId: { type: 'string' }, callType: { type: ['string', 'null'] }, offeredAt: ts, waitS: num, ringing: { type: 'boolean' } } },
    },
    today: { $ref: '#/components/schemas/Figures' },
    byCallType: { type: 'object', additionalProperties: { $ref: '#/components/schemas/Figures' } },
    byHour: { type: 'array', items: hourVolume, description: 'local midnight to the current hour (23 or 25 hours on a DST day)' },
    lastWeek: { type: 'array', items: hourVolume, description: 'the same weekday last week, every hour' },
    agents: { ...agentCounts, description: 'agents seen serving the queue today, by state now' },
    staffing: {
      type: 'object',
      description: 'agents needed now for the three-ring target, with the inputs: arrivals of the last 30 minutes, AHT, patience',
      properties: {
        windowMin: num, offeredInWindow: { type: 'integer' }, arrivalsPerHour: num, ahtS: { type: ['number', 'null'] },
        ahtFrom: { type: ['string', 'null'], enum: ['window', 'today', null] }, trafficErlangs: { type: ['number', 'null'] },
        slTarget: num, slThresholdS: num,
        requiredErlangC: { type: ['integer', 'null'] }, slErlangC: { type: ['number', 'null'] },
        patienceS: { type: ['number', 'null'], description: 'all waiting time ÷ abandons, today' },
        requiredErlangA: { type: ['integer', 'null'] }, slErlangA: { type: ['number', 'null'] },
        staffed: { type: 'integer', description: 'logged in and not in not-ready' }, available: { type: 'integer' },
        gapErlangC: { type: ['integer', 'null'], description: 'staffed − requiredErlangC; negative: short' },
        gapErlangA: { type: ['integer', 'null'] },
      },
    },
  },
};
const liveSnapshot = {
  type: 'object',
  required: ['seq', 'asOf', 'tz', 'day', 'queues', 'agents', 'breaches'],
  properties: {
    seq: { type: 'integer', description: 'patches on /live continue with seq + 1' },
    asOf: ts,
    tz: { type: 'string' },
    day: { type: 'string', format: 'date', description: 'the local day the figures cover' },
    demo: { type: 'boolean' },
    lastEventAt: { ...tsOrNull, description: 'ts of the newest event applied' },
    subscription: { $ref: '#/components/schemas/Scope' },
    queues: { type: 'array', items: liveQueue },
    totals: { $ref: '#/components/schemas/Figures' },
    totalsAgents: agentCounts,
    agents: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          agentId: { type: 'string' }, name: { type: 'string' }, team: { type: ['string', 'null'] },
          state: { type: 'string', enum: ['offline', 'available', 'ringing', 'on_call', 'wrap_up', 'not_ready'] },
          reason: { type: ['string', 'null'] }, since: ts, handledToday: { type: 'integer' },
          limitS: { type: ['number', 'null'], description: "the not-ready reason's limit" }, overrun: { type: 'boolean' },
        },
      },
    },
    breaches: {
      type: 'array',
      description: 'SLA items: at_risk within 20 % of the deadline, breached past it, ended breached and closed in the last 15 minutes',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' }, rule: { type: 'string', enum: ['answer', 'not_ready_overrun'] }, subject: { type: 'string', description: 'call:<callId> or agent:<agentId>' },
          queue: { type: ['string', 'null'] }, agentId: { type: ['string', 'null'] }, startedAt: ts, dueAt: ts, breachedAt: tsOrNull, endedAt: tsOrNull,
          status: { type: 'string', enum: ['at_risk', 'breached', 'ended'] },
        },
      },
    },
    breachCounts: { type: 'object', properties: { answer: { type: 'integer' }, not_ready_overrun: { type: 'integer' }, atRisk: { type: 'integer' } }, description: 'breached today per rule; at risk now' },
  },
};
const liveCall = {
  type: 'object',
  properties: {
    callId: { type: 'string' }, queue: { type: 'string' }, callType: { type: ['string', 'null'] },
    caller: { type: ['string', 'null'], description: 'in full for admins, masked to the last 4 digits for everyone else' },
    offeredAt: ts, answeredAt: tsOrNull, endedAt: tsOrNull,
    outcome: { type: 'string', enum: ['waiting', 'ringing', 'answered', 'abandoned', 'timed_out', 'transferred_out'] },
    waitS: { type: ['number', 'null'] }, talkS: { type: ['number', 'null'] }, holdS: num, wrapS: { type: ['number', 'null'] },
    agentId: { type: ['string', 'null'] }, agentName: { type: ['string', 'null'] }, slThresholdS: num,
    answeredInThreshold: { type: 'boolean' }, shortAbandon: { type: 'boolean' }, transferred: { type: 'boolean' },
    transferTarget: { type: ['string', 'null'] }, category: { type: ['string', 'null'] },
  },
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Callboard API',
    version: '1.0.0',
    description:
      'Real-time call-center wallboard and QA. Events in, figures out. Times are UTC ISO 8601 unless a field says local. Every operation states who may call it in `x-access`; the live wallboard socket is the Socket.IO namespace /live (session cookie or auth.token on the handshake; `subscribe {queues?, teams?}` → ack `{ok, seq}`, then `snapshot` (as GET /api/v1/live) and `patch {seq, asOf, lastEventAt, queues?, totals?, agents?, breaches?, breachCounts?}` numbered seq + 1, seq + 2 …: each changed queue (without rules and lastWeek while those stay the same, and with byHourTail, the current hour replacing or appending by hour, instead of byHour while earlier hours stay the same; merged into the client copy), whole agents replacing theirs by agentId, the whole breach list when it changed; on a gap in seq, emit `subscribe` again for a fresh snapshot).',
  },
  components: {
    securitySchemes: {
      ingestKey: { type: 'http', scheme: 'bearer', description: 'An API key with role ingest (`npx callboard keys create`, the admin pages) or CALLBOARD_INGEST_KEY' },
      metricsKey: { type: 'http', scheme: 'bearer', description: 'An API key with role metrics' },
      sessionCookie: {
        type: 'apiKey',
        in: 'cookie',
        name: 'cb_session',
        description:
          'Set by POST /api/v1/auth/login or /api/v1/auth/kiosk: a short-lived signed token, httpOnly, SameSite=Strict. POST, PATCH, PUT and DELETE also need the header X-CSRF-Token with the csrfToken of the session.',
      },
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
      Figures: liveFigures,
      LiveSnapshot: liveSnapshot,
      LiveCall: liveCall,
      Scope: scope,
      SessionInfo: {
        type: 'object',
        required: ['kind', 'role', 'scope', 'capabilities', 'tz', 'csrfToken', 'expiresAt', 'absoluteExpiresAt', 'user', 'kiosk'],
        properties: {
          kind: { type: 'string', enum: ['user', 'kiosk'] },
          role: { type: 'string' },
          scope: ref('Scope'),
          capabilities: { type: 'array', items: { type: 'string' }, description: 'what the role may do: wallboard, agentDetail, trends, qaResults, qaReview, qaManage, admin, metrics, self' },
          tz: { type: 'string', description: "the center's time zone (CALLBOARD_TZ)" },
          csrfToken: { type: 'string', description: 'send as X-CSRF-Token with state-changing requests' },
          expiresAt: { ...ts, description: 'the session ends then unless used (each request extends it)' },
          absoluteExpiresAt: { ...tsOrNull, description: 'the latest it can last; null for kiosk displays' },
          user: { type: ['object', 'null'], properties: { id: { type: 'string' }, username: { type: 'string' }, displayName: { type: 'string' }, role, agentId: { type: ['string', 'null'] } } },
          kiosk: { type: ['object', 'null'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
        },
      },
      User: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          username: { type: 'string' },
          displayName: { type: 'string' },
          role,
          scope: ref('Scope'),
          agentId: { type: ['string', 'null'] },
          createdAt: ts,
          lastLoginAt: tsOrNull,
          disabledAt: tsOrNull,
        },
      },
      ApiKey: {
        type: 'object',
        properties: { id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', enum: ['ingest', 'metrics'] }, createdAt: ts, createdBy: { type: ['string', 'null'] }, lastUsedAt: tsOrNull, revokedAt: tsOrNull },
      },
      KioskToken: {
        type: 'object',
        properties: { id: { type: 'string' }, name: { type: 'string' }, scope: ref('Scope'), createdAt: ts, createdBy: { type: ['string', 'null'] }, lastUsedAt: tsOrNull, revokedAt: tsOrNull },
      },
      AuditEntry: {
        type: 'object',
        properties: {
          ts,
          action: { type: 'string', description: 'auth.login, auth.logout, auth.kiosk, access.denied, socket.denied, user.created, user.updated, user.disabled, user.enabled, user.password, key.created, key.revoked, kiosk.created, kiosk.revoked, settings.queue, settings.not_ready_limits' },
          outcome: { type: 'string', enum: ['ok', 'denied', 'failed'] },
          actorKind: { type: 'string', enum: ['user', 'kiosk', 'key', 'anonymous', 'system'] },
          actorId: { type: ['string', 'null'] },
          actorName: { type: ['string', 'null'] },
          target: { type: ['string', 'null'] },
          ip: { type: ['string', 'null'] },
          detail: { type: 'object' },
        },
      },
      QueueSettings: {
        type: 'object',
        required: ['queue', 'source', 'rules', 'effectiveFrom'],
        properties: {
          queue: { type: 'string', description: "'*' is the default of every queue without rules of its own" },
          source: { type: 'string', enum: ['queue', 'default', 'built-in'], description: "queue: set for this queue; default: the '*' rules apply; built-in: nothing stored (SPEC §3 defaults)" },
          rules: {
            type: 'object',
            required: ['rings', 'ringCycleS', 'slThresholdS', 'shortAbandonS', 'slTarget', 'asaTargetS', 'abandonTarget'],
            properties: {
              rings: { type: 'integer' },
              ringCycleS: { type: 'number' },
              slThresholdS: { type: 'number', description: 'rings × ringCycleS: answered within it counts toward the three-ring rate' },
              shortAbandonS: { type: 'number', description: 'abandons with a shorter wait are short' },
              slTarget: { type: 'number', description: 'target three-ring rate, 0..1' },
              asaTargetS: { type: ['number', 'null'], description: 'target ASA in seconds; null: none' },
              abandonTarget: { type: ['number', 'null'], description: 'highest acceptable abandon rate, 0..1; null: none' },
            },
          },
          effectiveFrom: { ...tsOrNull, description: 'when these rules took effect; null for defaults that have always applied' },
        },
      },
      QueueRulesInput: {
        type: 'object',
        required: ['rings', 'ringCycleS', 'shortAbandonS', 'slTarget'],
        additionalProperties: false,
        properties: {
          rings: { type: 'integer', minimum: 1, maximum: 20 },
          ringCycleS: { type: 'number', minimum: 1, maximum: 30 },
          shortAbandonS: { type: 'number', minimum: 0, maximum: 60 },
          slTarget: { type: 'number', minimum: 0, maximum: 1 },
          asaTargetS: { type: ['number', 'null'], minimum: 1, maximum: 3600, description: 'left out or null: no target' },
          abandonTarget: { type: ['number', 'null'], minimum: 0, maximum: 1, description: 'left out or null: no target' },
        },
      },
      NotReadyLimit: {
        type: 'object',
        required: ['reason', 'limitS', 'effectiveFrom'],
        properties: {
          reason: { type: 'string', description: "the agent.state reason; '*' covers reasons without a limit of their own" },
          limitS: { type: ['number', 'null'], description: 'seconds; null: no limit' },
          effectiveFrom: tsOrNull,
        },
      },
    },
  },
  paths: {
    '/api/v1/events': {
      post: {
        summary: 'Post canonical events',
        description: 'A JSON array of at most 5,000 events and 5 MB. Valid items are accepted even when others are rejected. 202 is sent only once the accepted events are in the log.',
        security: [{ ingestKey: [] }],
        'x-access': 'API key with role ingest',
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
        description:
          'Since local midnight in CALLBOARD_TZ, read from the calls_15m continuous aggregate. Without `queue`: every queue in the caller\'s scope. A queue outside the scope is refused with 403.',
        security: session,
        'x-access': 'admin, manager, supervisor (own queues), kiosk (its queues)',
        parameters: [{ name: 'queue', in: 'query', required: false, schema: { type: 'string' }, description: 'one queue, or several comma-separated' }],
        responses: {
          ...denied,
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
    '/api/v1/live': {
      get: {
        summary: "Today's live state: what a wallboard gets on connect",
        description:
          "The same snapshot the /live socket sends after `subscribe` (SPEC §6): per queue today's figures (since local midnight in CALLBOARD_TZ) in total, by call type and by hour, the same weekday last week, waiting calls, agents serving it and staffing by Erlang C and A; the agents of the teams in scope; live SLA items. Without `queue`/`team`: the caller's whole scope; outside it: 403.",
        security: session,
        'x-access': 'admin, manager, supervisor (own queues and teams), kiosk (its scope)',
        parameters: [
          { name: 'queue', in: 'query', required: false, schema: { type: 'string' }, description: 'one queue, or several comma-separated' },
          { name: 'team', in: 'query', required: false, schema: { type: 'string' }, description: 'the teams whose agents to include, comma-separated' },
        ],
        responses: { ...denied, '400': errorResponse('An unknown parameter'), '200': ok('The snapshot', ref('LiveSnapshot')) },
      },
    },
    '/api/v1/live/calls': {
      get: {
        summary: 'The calls behind a live figure, newest offer first',
        description:
          "Today's call legs counted in a figure (the same ones the live figures count), e.g. the abandoned calls of a queue or the breached ones. Paged: pass `next` as `before`.",
        security: session,
        'x-access': 'admin, manager, supervisor (own queues)',
        parameters: [
          {
            name: 'figure', in: 'query', required: true,
            schema: { type: 'string', enum: ['offered', 'answered', 'answered_in_threshold', 'answered_late', 'abandoned', 'short_abandoned', 'timed_out', 'transferred_out', 'waiting', 'breached'] },
          },
          { name: 'queue', in: 'query', required: false, schema: { type: 'string' }, description: 'one queue, or several comma-separated; default: the scope' },
          { name: 'callType', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
          { name: 'before', in: 'query', required: false, schema: { type: 'string' }, description: 'the `next` cursor of the previous page' },
        ],
        responses: {
          ...denied,
          '400': errorResponse('A missing or unknown figure, a bad limit or cursor (field names it)'),
          '200': ok('A page of calls', {
            type: 'object',
            properties: { figure: { type: 'string' }, total: { type: 'integer' }, rows: { type: 'array', items: ref('LiveCall') }, next: { type: ['string', 'null'] } },
          }),
        },
      },
    },
    '/health': {
      get: {
        summary: 'Health of database, log, writer and the live state (day held, newest event, events in memory)',
        'x-access': 'public',
        responses: { '200': { description: 'All parts answer' }, '503': { description: 'The database or the log does not answer' } },
      },
    },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics',
        security: [{ metricsKey: [] }, { sessionCookie: [] }],
        'x-access': 'admin, API key with role metrics',
        responses: { '200': { description: 'text/plain exposition format' }, ...denied },
      },
    },
    '/api/docs': { get: { summary: 'This OpenAPI document', 'x-access': 'public', responses: { '200': { description: 'OpenAPI 3.1 JSON' } } } },
    '/api/v1/auth/login': {
      post: {
        summary: 'Sign in',
        description: 'Sets the session cookie. Failed attempts are limited per username and address (CALLBOARD_LOGIN_MAX_FAILURES, then a pause).',
        'x-access': 'public',
        requestBody: body({ type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } }),
        responses: {
          '200': ok('Signed in', ref('SessionInfo')),
          '400': errorResponse('A field is missing'),
          '401': errorResponse('Wrong username or password, or the user is disabled (BAD_CREDENTIALS)'),
          '429': errorResponse('Too many failed attempts (TOO_MANY_ATTEMPTS); Retry-After says when to try again'),
        },
      },
    },
    '/api/v1/auth/kiosk': {
      post: {
        summary: 'Sign in a kiosk display with its token',
        description: 'The token is the fragment of a kiosk link (/kiosk#cbt_…). Sets a read-only session fixed to the token\'s scope, lasting until the token is revoked.',
        'x-access': 'public',
        requestBody: body({ type: 'object', required: ['token'], properties: { token: { type: 'string' } } }),
        responses: { '200': ok('Signed in', ref('SessionInfo')), '401': errorResponse('Unknown or revoked token (BAD_TOKEN)'), '429': errorResponse('Too many failed attempts') },
      },
    },
    '/api/v1/auth/session': {
      get: {
        summary: 'The current session',
        description: 'Also extends it; a wallboard left open calls this every few minutes.',
        security: session,
        'x-access': 'any session',
        responses: { '200': ok('The session', ref('SessionInfo')), ...denied },
      },
    },
    '/api/v1/auth/logout': {
      post: { summary: 'Sign out', description: 'Ends the session and disconnects its sockets.', security: session, 'x-access': 'any session', responses: { '204': { description: 'Signed out' }, ...denied } },
    },
    '/api/v1/auth/password': {
      post: {
        summary: 'Change your own password',
        description: 'Ends your other sessions.',
        security: session,
        'x-access': 'every person (not kiosks)',
        requestBody: body({ type: 'object', required: ['currentPassword', 'newPassword'], properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string', minLength: 8 } } }),
        responses: { '204': { description: 'Changed' }, '400': errorResponse('newPassword too short'), ...denied },
      },
    },
    '/api/v1/users': {
      get: { summary: 'List users', ...admin, responses: { '200': ok('Users', { type: 'object', properties: { users: { type: 'array', items: ref('User') } } }), ...denied } },
      post: {
        summary: 'Add a user',
        ...admin,
        requestBody: body({
          type: 'object',
          required: ['username', 'password', 'role'],
          properties: { username: { type: 'string' }, password: { type: 'string', minLength: 8 }, role, displayName: { type: 'string' }, scope: ref('Scope'), agentId: { type: ['string', 'null'] } },
        }),
        responses: { '201': ok('Added', ref('User')), '400': errorResponse('A field is invalid'), '409': errorResponse('The username is taken'), ...denied },
      },
    },
    '/api/v1/users/{id}': {
      patch: {
        summary: 'Change a user',
        description: 'Any change but the display name ends the user\'s sessions and sockets. `disabled: true` disables the user. The last active admin cannot be disabled or demoted (409).',
        ...admin,
        parameters: idParam('user id'),
        requestBody: body({
          type: 'object',
          properties: { displayName: { type: 'string' }, role, scope: ref('Scope'), agentId: { type: ['string', 'null'] }, password: { type: 'string', minLength: 8 }, disabled: { type: 'boolean' } },
        }),
        responses: { '200': ok('Changed', ref('User')), '400': errorResponse('A field is invalid'), '404': errorResponse('No such user'), '409': errorResponse('Last active admin'), ...denied },
      },
    },
    '/api/v1/scopes': {
      get: {
        summary: 'Queues and teams seen in the data',
        description: 'For scope pickers.',
        ...admin,
        responses: { '200': ok('Known queues and teams', { type: 'object', properties: { queues: { type: 'array', items: { type: 'string' } }, teams: { type: 'array', items: { type: 'string' } } } }), ...denied },
      },
    },
    '/api/v1/keys': {
      get: { summary: 'List API keys', ...admin, responses: { '200': ok('Keys (without secrets)', { type: 'object', properties: { keys: { type: 'array', items: ref('ApiKey') } } }), ...denied } },
      post: {
        summary: 'Create an API key',
        description: 'The secret is in this answer only; only its hash is stored.',
        ...admin,
        requestBody: body({ type: 'object', required: ['name'], properties: { name: { type: 'string' }, role: { type: 'string', enum: ['ingest', 'metrics'], default: 'ingest' } } }),
        responses: { '201': ok('Created', { type: 'object', properties: { key: ref('ApiKey'), secret: { type: 'string' } } }), '400': errorResponse('A field is invalid'), ...denied },
      },
    },
    '/api/v1/keys/{id}': {
      delete: { summary: 'Revoke an API key', ...admin, parameters: idParam('key id'), responses: { '204': { description: 'Revoked' }, '404': errorResponse('No active key with this id'), ...denied } },
    },
    '/api/v1/kiosk-tokens': {
      get: { summary: 'List kiosk display tokens', ...admin, responses: { '200': ok('Tokens (without secrets)', { type: 'object', properties: { tokens: { type: 'array', items: ref('KioskToken') } } }), ...denied } },
      post: {
        summary: 'Create a kiosk display token',
        description: 'Answers the link a TV opens (/kiosk#<token>), in this answer only.',
        ...admin,
        requestBody: body({ type: 'object', required: ['name', 'scope'], properties: { name: { type: 'string' }, scope: ref('Scope') } }),
        responses: {
          '201': ok('Created', { type: 'object', properties: { token: ref('KioskToken'), secret: { type: 'string' }, url: { type: 'string' } } }),
          '400': errorResponse('A field is invalid'),
          ...denied,
        },
      },
    },
    '/api/v1/kiosk-tokens/{id}': {
      delete: {
        summary: 'Revoke a kiosk display token',
        description: 'Its displays are signed out and their sockets disconnected.',
        ...admin,
        parameters: idParam('token id'),
        responses: { '204': { description: 'Revoked' }, '404': errorResponse('No active token with this id'), ...denied },
      },
    },
    '/api/v1/audit': {
      get: {
        summary: 'The audit log',
        description: 'Newest first. Pass `next` of a page as `before` for the following one.',
        ...admin,
        parameters: [
          { name: 'from', in: 'query', schema: ts },
          { name: 'to', in: 'query', schema: ts },
          { name: 'action', in: 'query', schema: { type: 'string' }, description: 'exact, or a prefix ending in * (user.*)' },
          { name: 'actor', in: 'query', schema: { type: 'string' }, description: 'actor id or name' },
          { name: 'outcome', in: 'query', schema: { type: 'string', enum: ['ok', 'denied', 'failed'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
          { name: 'before', in: 'query', schema: { type: 'string' } },
        ],
        responses: { '200': ok('A page of entries', { type: 'object', properties: { entries: { type: 'array', items: ref('AuditEntry') }, next: { type: ['string', 'null'] } } }), '400': errorResponse('A parameter is invalid'), ...denied },
      },
    },
    '/api/v1/settings/queues': {
      get: {
        summary: 'Queue rules and targets in force',
        description:
          "The rules calls offered from now on are measured by: '*' (the default) and every known queue — with rules of its own, or with calls today — in the caller's scope.",
        security: session,
        'x-access': 'admin, manager, supervisor (own queues), kiosk (its queues)',
        responses: { '200': ok('Rules per queue', { type: 'object', properties: { queues: { type: 'array', items: ref('QueueSettings') } } }), ...denied },
      },
    },
    '/api/v1/settings/queues/{queue}': {
      put: {
        summary: "Change a queue's rules and targets",
        description:
          "Stored as new rules effective now (the database's clock): calls offered from then on are measured by them, earlier calls keep theirs. Queue '*' is the default of every queue without rules of its own. Audited as settings.queue.",
        ...admin,
        parameters: [{ name: 'queue', in: 'path', required: true, schema: { type: 'string' }, description: "queue name, or '*' for the default" }],
        requestBody: body(ref('QueueRulesInput')),
        responses: { '200': ok('The rules now in force', ref('QueueSettings')), '400': errorResponse('A field is invalid or out of bounds (field names it)'), ...denied },
      },
    },
    '/api/v1/settings/not-ready-limits': {
      get: {
        summary: 'Limits of not-ready reasons',
        description: 'How long an agent may stay in each not-ready reason before the not_ready_overrun breach; reasons without a row have no limit.',
        security: session,
        'x-access': 'admin, manager, supervisor, kiosk',
        responses: { '200': ok('Limits by reason', { type: 'object', properties: { limits: { type: 'array', items: ref('NotReadyLimit') } } }), ...denied },
      },
      put: {
        summary: 'Change limits of not-ready reasons',
        description: 'The reasons listed get the new limit effective now (null: no limit from now on); the others stay. Answers every limit now in force. Audited as settings.not_ready_limits.',
        ...admin,
        requestBody: body({
          type: 'object',
          required: ['limits'],
          properties: {
            limits: {
              type: 'array',
              minItems: 1,
              maxItems: 200,
              items: {
                type: 'object',
                required: ['reason', 'limitS'],
                properties: { reason: { type: 'string', maxLength: 100 }, limitS: { type: ['number', 'null'], minimum: 60, maximum: 86400 } },
              },
            },
          },
        }),
        responses: {
          '200': ok('Every limit now in force', { type: 'object', properties: { limits: { type: 'array', items: ref('NotReadyLimit') } } }),
          '400': errorResponse('A field is invalid, out of bounds or a reason is listed twice (field names it)'),
          ...denied,
        },
      },
    },
  },
} as const;
