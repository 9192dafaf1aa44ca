/**
 * Messages of the live wallboard: the `/live` namespace and `GET /api/v1/live`
 * (SPEC §3, §4, §6). Times are ISO 8601 with the center's offset; durations in
 * seconds; rates are fractions 0..1 and null when their denominator is 0.
 *
 * The zod schemas are the contract: the TypeScript types below are inferred
 * from them, and the OpenAPI document (`/api/docs`) is generated from them.
 * The wallboard imports the types only; the run-time values it needs are in
 * `live.constants.ts`, which has no zod.
 */
import { z } from 'zod';
import type { SocketNamespaceSpec } from '../docs/socket-events.js';
import { AGENT_STATES } from '../events/event.schema.js';

export * from './live.constants.js';

const ts = z.iso.datetime({ offset: true });
const count = z.number().int();
const seconds = z.number();
const rate = (definition: string) => z.number().nullable().describe(`${definition}; 0..1, null when the denominator is 0`);

export const figuresSchema = z
  .object({
    offered: count,
    answered: count,
    answeredInThreshold: count.describe('answered with wait ≤ slThresholdS (three rings) in force at offer time'),
    abandoned: count,
    shortAbandoned: count.describe('abandoned with wait < shortAbandonS; included in abandoned'),
    abandonedInThreshold: count.describe('abandoned with wait ≤ slThresholdS (the abandon-neutral variant counts them as in time)'),
    timedOut: count,
    transferredOut: count.describe('left the queue by a transfer before an answer'),
    handled: count.describe("answered calls that have ended: AHT's denominator"),
    threeRingRate: rate('answeredInThreshold ÷ (answered + abandoned − shortAbandoned + timedOut)'),
    slAnsweredOnly: rate('answeredInThreshold ÷ answered'),
    slAbandonNeutral: rate('(answeredInThreshold + abandonedInThreshold) ÷ (answered + abandoned)'),
    asaS: seconds.nullable().describe('answeredWaitS ÷ answered: mean wait of answered calls, seconds'),
    abandonRate: rate('(abandoned − shortAbandoned) ÷ (offered − shortAbandoned)'),
    ahtS: seconds.nullable().describe('handleS ÷ handled (talk + hold + wrap-up), seconds'),
    occupancy: rate('busyS ÷ (busyS + availableS), today, of the agents counted'),
    answeredWaitS: seconds.describe('sum behind ASA'),
    handleS: seconds.describe('sum behind AHT'),
    busyS: seconds.describe('on call or in wrap-up today; sum behind occupancy'),
    availableS: seconds.describe('available today; sum behind occupancy'),
  })
  .meta({ id: 'Figures', description: 'SPEC §6 Figures, with the raw counts and sums every rate is computed from' });
export type Figures = z.infer<typeof figuresSchema>;

export const liveQueueRulesSchema = z
  .object({
    rings: count,
    ringCycleS: seconds,
    slThresholdS: seconds.describe('rings × ringCycleS'),
    shortAbandonS: seconds,
    slTarget: z.number().describe('three-ring rate target, 0..1'),
    asaTargetS: seconds.nullable().describe('ASA target in seconds, if set'),
    abandonTarget: z.number().nullable().describe('abandon-rate target (a ceiling), 0..1, if set'),
  })
  .meta({ id: 'LiveQueueRules', description: "The rules a queue's new calls are measured by (SPEC §3) and its targets" });
export type LiveQueueRules = z.infer<typeof liveQueueRulesSchema>;

export const waitingCallSchema = z
  .object({
    callId: z.string(),
    callType: z.string().nullable(),
    offeredAt: ts,
    waitS: seconds,
    ringing: z.boolean().describe('ringing at an agent right now'),
  })
  .meta({ id: 'WaitingCall', description: 'A call waiting in the queue (no caller number)' });
export type WaitingCall = z.infer<typeof waitingCallSchema>;

export const hourVolumeSchema = z
  .object({
    hour: ts.describe('local start of the hour, with offset'),
    byCallType: z.record(z.string(), count).describe('calls offered in that hour, per call type'),
    offered: count,
    answered: count,
    answeredInThreshold: count,
    abandoned: count,
    shortAbandoned: count,
    timedOut: count,
    threeRingRate: rate("the hour's answeredInThreshold ÷ (answered + abandoned − shortAbandoned + timedOut)"),
  })
  .meta({ id: 'HourVolume', description: "One hour's calls (all types): the counts behind its three-ring rate" });
export type HourVolume = z.infer<typeof hourVolumeSchema>;

export const staffingSchema = z
  .object({
    windowMin: z.number().describe('the window arrivals are counted in, minutes (30)'),
    offeredInWindow: count.describe('calls offered in the window'),
    arrivalsPerHour: z.number().describe('the hourly rate those make'),
    ahtS: seconds.nullable().describe("AHT of calls handled in the window (today's AHT when none ended in it)"),
    ahtFrom: z.enum(['window', 'today']).nullable(),
    trafficErlangs: z.number().nullable().describe('offered load: arrival rate × AHT, in Erlangs'),
    slTarget: z.number().describe('the target: slTarget of calls answered within slThresholdS'),
    slThresholdS: seconds,
    requiredErlangC: count.nullable().describe('agents needed by Erlang C (no abandonment)'),
    slErlangC: z.number().nullable().describe('the service level requiredErlangC agents give'),
    patienceS: seconds.nullable().describe('mean patience observed today: waiting time of all calls ÷ abandons'),
    requiredErlangA: count.nullable().describe('agents needed by Erlang A (M/M/n+M) with that patience'),
    slErlangA: z.number().nullable(),
    staffed: count.describe('agents working the queue now: logged in and not in not-ready'),
    available: count,
    gapErlangC: count.nullable().describe('staffed − requiredErlangC; negative: short of agents'),
    gapErlangA: count.nullable().describe('staffed − requiredErlangA'),
  })
  .meta({ id: 'Staffing', description: 'Agents needed now for the three-ring target, with every input shown' });
export type Staffing = z.infer<typeof staffingSchema>;

export const agentCountsSchema = z
  .object({ loggedIn: count, available: count, ringing: count, onCall: count, wrapUp: count, notReady: count })
  .meta({ id: 'AgentCounts', description: 'Agents by state now' });
export type AgentCounts = z.infer<typeof agentCountsSchema>;

export const liveQueueSchema = z
  .object({
    queue: z.string(),
    rules: liveQueueRulesSchema,
    waiting: count.describe('calls in the queue now'),
    longestWaitS: seconds.nullable().describe("as of the snapshot's asOf; clients tick it forward from oldestOfferedAt"),
    oldestOfferedAt: ts.nullable(),
    waitingCalls: z.array(waitingCallSchema).describe('the longest-waiting calls first, at most 50 (caller numbers are never sent live)'),
    today: figuresSchema,
    byCallType: z.record(z.string(), figuresSchema),
    byHour: z.array(hourVolumeSchema).describe("today's hours from local midnight to the current hour (23 or 25 on a DST day)"),
    lastWeek: z.array(hourVolumeSchema).describe('the same weekday last week, every hour of that day'),
    agents: agentCountsSchema,
    staffing: staffingSchema,
  })
  .meta({
    id: 'LiveQueue',
    description:
      "A queue's figures today, its waiting calls, staffing, and its agents: those seen serving it today (offered or answered one of its calls), by state now",
  });
export type LiveQueue = z.infer<typeof liveQueueSchema>;

export const liveAgentSchema = z
  .object({
    agentId: z.string(),
    name: z.string().describe('display name (the agent id when the phone system never sent one)'),
    team: z.string().nullable(),
    state: z.enum(AGENT_STATES),
    reason: z.string().nullable(),
    since: ts.describe('start of the current state'),
    handledToday: count.describe('calls answered today that have ended'),
    limitS: seconds.nullable().describe("the not-ready reason's limit, when one applies"),
    overrun: z.boolean().describe("in not-ready longer than the reason's limit"),
  })
  .meta({ id: 'LiveAgent', description: 'An agent of a team in scope, by state now' });
export type LiveAgent = z.infer<typeof liveAgentSchema>;

export const breachRuleSchema = z.enum(['answer', 'not_ready_overrun']).meta({ id: 'BreachRule' });
export type BreachRule = z.infer<typeof breachRuleSchema>;

export const liveBreachSchema = z
  .object({
    id: z.string().describe('`<rule>:<subject>:<start ms>`, stable while the item lives'),
    rule: breachRuleSchema,
    subject: z.string().describe('`call:<callId>` or `agent:<agentId>`'),
    queue: z.string().nullable(),
    agentId: z.string().nullable().describe("the agent of the item; null for a call's item when its agent is outside the teams in scope"),
    startedAt: ts.describe('when the clock started: offer, or entering not-ready'),
    dueAt: ts,
    breachedAt: ts.nullable(),
    endedAt: ts.nullable(),
    status: z.enum(['at_risk', 'breached', 'ended']),
  })
  .meta({
    id: 'LiveBreach',
    description:
      'An SLA item (SPEC §4): at_risk within 20 % of its deadline, breached past it and still open, ended breached and since closed (answered, abandoned, back from not-ready); ended items stay listed for 15 minutes, and in the counts all day',
  });
export type LiveBreach = z.infer<typeof liveBreachSchema>;

export const breachCountsSchema = z
  .object({
    answer: count.describe('items breached today (open and ended)'),
    not_ready_overrun: count.describe('items breached today (open and ended)'),
    atRisk: count.describe('items at risk right now'),
  })
  .meta({ id: 'BreachCounts', description: 'Breached today per rule; at risk now' });
export type BreachCounts = z.infer<typeof breachCountsSchema>;

const scopeList = z.array(z.string()).nullable();
export const subscriptionSchema = z
  .object({ queues: scopeList, teams: scopeList })
  .meta({ id: 'Subscription', description: 'The queues and teams a snapshot covers; null: every one in scope, an empty list: none' });
export type Subscription = z.infer<typeof subscriptionSchema>;

const subscribeList = z.array(z.string().min(1).max(100)).max(500);
export const subscribeRequestSchema = z
  .strictObject({ queues: subscribeList.optional(), teams: subscribeList.optional() })
  .meta({ id: 'SubscribeRequest', description: '`subscribe`: omitted lists mean the whole scope' });
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

export const subscribeAckSchema = z
  .discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), seq: count, subscription: subscriptionSchema }),
    z.object({
      ok: z.literal(false),
      error: z.object({
        code: z.enum(['BAD_REQUEST', 'FORBIDDEN', 'SESSION_EXPIRED', 'RATE_LIMITED']),
        message: z.string(),
        field: z.string().optional(),
        retryAfterMs: count.optional().describe('RATE_LIMITED: how long until a subscribe is accepted again'),
      }),
    }),
  ])
  .meta({
    id: 'SubscribeAck',
    description:
      'The answer to `subscribe`: the seq of the snapshot that follows, or why it is refused (RATE_LIMITED: a burst of 5, then 1 per second per socket; no snapshot follows)',
  });
export type SubscribeAck = z.infer<typeof subscribeAckSchema>;

export const liveSnapshotSchema = z
  .object({
    seq: count.describe('patches that follow carry seq + 1, seq + 2, …'),
    asOf: ts,
    tz: z.string(),
    day: z.iso.date().describe('the local day the figures cover'),
    demo: z.boolean().describe('true when the simulator feeds this instance'),
    lastEventAt: ts.nullable().describe('ts of the newest event applied (null before the first), for staleness checks'),
    subscription: subscriptionSchema,
    queues: z.array(liveQueueSchema),
    totals: figuresSchema,
    totalsAgents: agentCountsSchema,
    agents: z.array(liveAgentSchema),
    breaches: z.array(liveBreachSchema),
    breachCounts: breachCountsSchema,
  })
  .meta({
    id: 'LiveSnapshot',
    description:
      'The whole state of a scope: sent on subscribe, after a gap, and by GET /api/v1/live; totals are the subscribed queues together',
  });
export type LiveSnapshot = z.infer<typeof liveSnapshotSchema>;

const figuresPatchSchema = figuresSchema
  .partial()
  .meta({ id: 'FiguresPatch', description: 'The Figures that changed since the previous message of the scope; merge into the held copy' });

const hourVolumePatchSchema = hourVolumeSchema.partial().extend({ hour: hourVolumeSchema.shape.hour }).meta({
  id: 'HourVolumePatch',
  description:
    "An hour's counts that changed (byCallType: the call types whose count changed); an hour the client does not have yet comes whole",
});

export const liveQueuePatchSchema = liveQueueSchema
  .partial()
  .extend({
    queue: z.string(),
    today: figuresPatchSchema.optional(),
    byCallType: z
      .record(z.string(), figuresPatchSchema)
      .optional()
      .describe('the call types whose figures changed, each with the figures that did; a call type new to the client comes whole'),
    agents: agentCountsSchema.partial().optional().describe('the counts that changed'),
    staffing: staffingSchema.partial().optional().describe('the fields that changed'),
    byHourTail: z
      .array(hourVolumePatchSchema)
      .optional()
      .describe(
        "instead of byHour when only the current hour changed (the earlier ones stay what the client has): each entry merges into the client's entry of the same hour, or is appended (then whole)",
      ),
  })
  .meta({
    id: 'LiveQueuePatch',
    description:
      "A queue in a patch: only what changed since the previous message of the scope, merged key by key into the client's copy (an absent key: unchanged; objects merge, values and lists replace). rules and lastWeek come whole when they changed, byHour whole when an earlier hour changed, else byHourTail; a queue the client does not have yet comes whole",
  });
export type LiveQueuePatch = z.infer<typeof liveQueuePatchSchema>;

export const liveAgentPatchSchema = liveAgentSchema.partial().extend({ agentId: z.string() }).meta({
  id: 'LiveAgentPatch',
  description:
    "An agent's fields that changed, merged into the client's copy by agentId; an agent the client does not have yet comes whole",
});
export type LiveAgentPatch = z.infer<typeof liveAgentPatchSchema>;

export const livePatchSchema = z
  .object({
    seq: count,
    asOf: ts,
    lastEventAt: ts.nullable(),
    queues: z
      .array(liveQueuePatchSchema)
      .optional()
      .describe('each queue with something changed; a queue the client does not have yet comes whole'),
    totals: figuresPatchSchema.optional(),
    totalsAgents: agentCountsSchema.partial().optional().describe('the counts that changed'),
    agents: z.array(liveAgentPatchSchema).optional().describe('each agent with something changed'),
    breaches: z.array(liveBreachSchema).optional().describe('when present, the whole list'),
    breachCounts: breachCountsSchema.optional(),
  })
  .meta({
    id: 'LivePatch',
    description:
      'What changed since the previous message of the scope, and only that: numbers that stayed the same are left out. A client that sees seq ≠ last + 1 asks for a fresh snapshot (emits subscribe again)',
  });
export type LivePatch = z.infer<typeof livePatchSchema>;

export const liveCallRowSchema = z
  .object({
    callId: z.string(),
    queue: z.string(),
    callType: z.string().nullable(),
    caller: z.string().nullable().describe('in full for admins, masked to the last four digits for everyone else'),
    offeredAt: ts,
    answeredAt: ts.nullable(),
    endedAt: ts.nullable(),
    outcome: z.enum(['waiting', 'ringing', 'answered', 'abandoned', 'timed_out', 'transferred_out']),
    waitS: seconds.nullable().describe('until answer or exit; for a call still waiting, so far'),
    talkS: seconds.nullable(),
    holdS: seconds,
    wrapS: seconds.nullable(),
    agentId: z.string().nullable().describe("null when no agent took the call, or the agent is outside the caller's teams"),
    agentName: z.string().nullable(),
    slThresholdS: seconds.describe('the threshold in force when the call was offered'),
    answeredInThreshold: z.boolean(),
    shortAbandon: z.boolean(),
    transferred: z.boolean(),
    transferTarget: z.string().nullable(),
    category: z.string().nullable(),
  })
  .meta({ id: 'LiveCallRow', description: 'A call leg behind a figure' });
export type LiveCallRow = z.infer<typeof liveCallRowSchema>;

export const liveCallsPageSchema = z
  .object({
    figure: z.string(),
    total: count.describe('rows matching in all (every page)'),
    rows: z.array(liveCallRowSchema),
    next: z.string().nullable().describe('pass as `before` for the next (older) page; null on the last'),
  })
  .meta({ id: 'LiveCallsPage', description: 'A page of the calls behind a live figure, newest offer first' });
export type LiveCallsPage = z.infer<typeof liveCallsPageSchema>;

export const sessionEndedSchema = z
  .object({ reason: z.string() })
  .meta({ id: 'SessionEnded', description: 'Sent before the server disconnects a socket whose session ended' });
export type SessionEnded = z.infer<typeof sessionEndedSchema>;

/** What the server emits on `/live` (socket.io `EventsMap`). */
export interface LiveServerToClientEvents {
  snapshot: (snapshot: LiveSnapshot) => void;
  patch: (patch: LivePatch) => void;
  session_ended: (ended: SessionEnded) => void;
}

/** What a client emits on `/live`, with the acknowledgement it gets back. */
export interface LiveClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (response: SubscribeAck) => void) => void;
}

/** The `/live` protocol for the OpenAPI document: the event maps above, each event with its schema. */
export const liveSocketSpec: SocketNamespaceSpec<LiveServerToClientEvents, LiveClientToServerEvents> = {
  namespace: '/live',
  description:
    'The live wallboard (SPEC §6). Authenticated on the handshake by the session cookie or `auth.token`; a refused handshake fails with `connect_error` whose `data.code` is UNAUTHENTICATED, SESSION_EXPIRED, FORBIDDEN, ORIGIN or TOO_MANY_SOCKETS (the session already holds CALLBOARD_LIVE_SOCKETS sockets; retry later). After `subscribe` the client gets a `snapshot`, then `patch`es numbered seq + 1, seq + 2, …; on a gap in seq it emits `subscribe` again for a fresh snapshot.',
  clientToServer: {
    subscribe: {
      description: 'Asks for the live state of queues and teams inside the scope; asked again after a reconnect or a gap in seq',
      payload: subscribeRequestSchema,
      ack: subscribeAckSchema,
    },
  },
  serverToClient: {
    snapshot: {
      description: 'After each accepted subscribe, and when a slow connection caught up: as GET /api/v1/live',
      payload: liveSnapshotSchema,
    },
    patch: { description: 'What changed, at least every 2 s (an empty patch is a heartbeat)', payload: livePatchSchema },
    session_ended: {
      description: 'The session ended (logout, disabled user, revoked kiosk token, expiry); the server disconnects next',
      payload: sessionEndedSchema,
    },
  },
};
