/**
 * Generators for the ingest fuzz suite: canonical events of every type (SPEC §2,
 * the limits of `api/src/events/event.schema.ts`), today's calls and agent
 * states for the live figures, and mutations of events, each with the outcome
 * the contract promises for it: accepted, a duplicate, or rejected with an
 * error that starts with the field's path. What is valid is written out here
 * from the contract, not read from the API's schemas.
 */
import fc from 'fast-check';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 86_400 * SECOND;

/* eslint-disable no-control-regex -- finding control characters is the point */
/**
 * What the README promises is refused in names: C0/C1 controls, DEL, bidi embeddings, overrides and isolates, lone
 * surrogates (free text keeps tabs and line breaks, which the generators add on purpose).
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/* eslint-enable no-control-regex */
export const isUnsafe = (s: string): boolean => UNSAFE.test(s);

// ---------------------------------------------------------------- fields

type Kind = 'id' | 'label' | 'text64' | 'text100' | 'text200' | 'free4000' | 'url' | 'duration' | 'bool' | 'segments' | `enum:${string}`;
interface Field {
  name: string;
  kind: Kind;
  required: boolean;
}
const f = (name: string, kind: Kind, required = true): Field => ({ name, kind, required });
const CATEGORY = 'enum:inquiry,complex,complaint,other';
const RESOLUTION = 'enum:resolved,partial,unresolved';

/** SPEC §2's payloads, in the order the schema lists their fields. */
export const TYPES: Record<string, Field[]> = {
  'call.offered': [
    f('callId', 'id'),
    f('queue', 'label'),
    f('callType', 'label', false),
    f('caller', 'text64', false),
    f('channel', 'text64', false),
  ],
  'call.ringing': [f('callId', 'id'), f('agentId', 'label')],
  'call.answered': [f('callId', 'id'), f('agentId', 'label')],
  'call.held': [f('callId', 'id')],
  'call.resumed': [f('callId', 'id')],
  'call.transferred': [f('callId', 'id'), f('toQueue', 'label', false), f('toAgent', 'label', false)],
  'call.abandoned': [f('callId', 'id')],
  'call.timed_out': [f('callId', 'id')],
  'call.ended': [f('callId', 'id'), f('endedBy', 'enum:caller,agent,system')],
  'call.dispositioned': [
    f('callId', 'id'),
    f('agentId', 'label'),
    f('category', CATEGORY),
    f('callType', 'label', false),
    f('summary', 'free4000', false),
  ],
  'call.recording': [f('callId', 'id'), f('url', 'url'), f('durationS', 'duration')],
  'call.transcript': [f('callId', 'id'), f('segments', 'segments')],
  'agent.state': [
    f('agentId', 'label'),
    f('state', 'enum:offline,available,ringing,on_call,wrap_up,not_ready'),
    f('reason', 'text100', false),
    f('name', 'text100', false),
    f('team', 'label', false),
  ],
  'case.opened': [
    f('caseId', 'id'),
    f('callId', 'id', false),
    f('category', CATEGORY),
    f('customerRef', 'text200', false),
    f('foreign', 'bool', false),
  ],
  'case.replied': [f('caseId', 'id'), f('resolution', RESOLUTION, false)],
  'case.resolved': [f('caseId', 'id'), f('resolution', RESOLUTION, false)],
  'case.closed': [f('caseId', 'id'), f('resolution', RESOLUTION, false)],
  'case.followed_up': [f('caseId', 'id'), f('satisfaction', 'enum:satisfied,basic,dissatisfied'), f('note', 'free4000', false)],
};
export const EVENT_TYPES = Object.keys(TYPES);
const MAX: Record<string, number> = { id: 200, label: 100, text64: 64, text100: 100, text200: 200, free4000: 4000, url: 2000 };

/** Names and text that must be taken as they are: CJK, RTL, emoji with joiners, combining marks, fullwidth digits, marks of direction. */
export const ODD_VALID = [
  '账务',
  'שירות לקוחות',
  'خدمة العملاء',
  '👩‍💻 support',
  '👨‍👩‍👧‍👦',
  'e\u0301mail',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗',
  'ＶＩＰ１２３',
  'a\u200db',
  'tab\u200bzero-width',
  '\u200frtl-mark',
  'नमस्ते',
  '🇨🇳',
  '\ufeffbom',
  '\ufffd',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
];
/** Characters a name must not hold, each alone or inside text. */
export const ODD_REFUSED = [
  '\u0000',
  '\u0001',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\ud800',
  '\udc00',
  '\udc00\ud800',
  '\u202e',
  '\u202a',
  '\u2066',
  '\u2069',
];

const plain = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,15}$/);
const unicodeText = (max: number) =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 24) }) },
      { weight: 2, arbitrary: fc.constantFrom(...ODD_VALID) },
      { weight: 2, arbitrary: plain },
    )
    .filter((s) => s.length >= 1 && s.length <= max && !isUnsafe(s));
const freeText = fc
  .tuple(unicodeText(60), fc.constantFrom('', '\t', '\n', '\r\n', ' \t\n'), unicodeText(60))
  .map(([a, sep, b]) => `${a}${sep}${b}`);

function valueOf(field: Field): fc.Arbitrary<unknown> {
  const k = field.kind;
  if (k.startsWith('enum:')) return fc.constantFrom(...k.slice(5).split(','));
  switch (k) {
    case 'id':
      return unicodeText(MAX.id!);
    case 'label':
    case 'text64':
    case 'text100':
    case 'text200':
      return unicodeText(MAX[k]!);
    case 'free4000':
      return freeText;
    case 'url':
      return plain.map((p) => `https://recordings.example.com/${p}.wav`);
    case 'duration':
      return fc.double({ min: 0, max: 86_400, noNaN: true, noDefaultInfinity: true });
    case 'bool':
      return fc.boolean();
    case 'segments':
      return fc.array(
        fc
          .record({
            speaker: fc.constantFrom('agent', 'customer'),
            startS: fc.integer({ min: 0, max: 600 }),
            lenS: fc.integer({ min: 0, max: 60 }),
            text: freeText,
          })
          .map(({ speaker, startS, lenS, text }) => ({ speaker, startS, endS: startS + lenS, text })),
        { minLength: 0, maxLength: 4 },
      );
    default:
      throw new Error(`no generator for ${k}`);
  }
}

// ---------------------------------------------------------------- timestamps

/** How a ts is written: offset in minutes (−15:59 … +15:59, as PostgreSQL takes) and 0–3 fraction digits. */
export interface TsStyle {
  offsetMin: number;
  digits: number;
}
const tsStyle: fc.Arbitrary<TsStyle> = fc.record({
  offsetMin: fc.oneof(fc.constantFrom(0, 480, -300, 330, 345, 840, -840, -720, 959, -959), fc.integer({ min: -959, max: 959 })),
  digits: fc.integer({ min: 0, max: 3 }),
});

/** The instant a ts of this style actually names (fraction digits it cannot write are dropped). */
export const representable = (ms: number, style: TsStyle): number => {
  const unit = 10 ** (3 - style.digits);
  return Math.floor(ms / unit) * unit;
};

/** `ms` written in a style, e.g. 2026-03-02T09:00:00.25+08:00. */
export function writeTs(ms: number, style: TsStyle): string {
  const local = new Date(representable(ms, style) + style.offsetMin * MINUTE).toISOString(); // …T09:00:00.250Z
  const [date, rest] = local.split('T') as [string, string];
  const secs = rest.slice(0, 8);
  const frac = style.digits === 0 ? '' : `.${rest.slice(9, 9 + style.digits)}`;
  const off = style.offsetMin === 0 ? (style.digits % 2 ? 'Z' : '+00:00') : formatOffset(style.offsetMin);
  return `${date}T${secs}${frac}${off}`;
}
const formatOffset = (m: number) =>
  `${m < 0 ? '-' : '+'}${String(Math.floor(Math.abs(m) / 60)).padStart(2, '0')}:${String(Math.abs(m) % 60).padStart(2, '0')}`;

/** Dates the schema refuses whatever the clock says. */
const BAD_TS = [
  '0000-01-01T00:00:00.000Z',
  '2026-03-02T09:00:00+16:00',
  '2026-03-02T09:00:00-16:00',
  '2026-06-30T23:59:60Z',
  '2026-12-31T23:59:60.000+00:00',
  '2026-03-02T09:00:00.1234567+08:00',
  '2026-03-02T09:00:00.1234Z',
  '2026-03-02T09:00:00',
  '2026-03-02 09:00:00Z',
  '2026-02-30T09:00:00Z',
  '2026-03-02T24:00:00Z',
  '2026-03-02T09:00:00+8',
  '1772413200000',
  '',
  'yesterday',
  '２０２６-03-02T09:00:00Z',
  '2026-W10-1T09:00:00Z',
  '+002026-03-02T09:00:00Z',
];
/** Valid dates outside the window every request is checked against: now − 35 days … now + 5 minutes. */
export const outsideWindow = (nowMs: number): string[] => [
  '0001-01-01T00:00:00.000Z',
  '1970-01-01T00:00:00.000Z',
  '1999-12-31T23:59:59.999-14:00',
  '2099-12-31T23:59:59.999+14:00',
  '9999-12-31T23:59:59.999Z',
  writeTs(nowMs - 36 * DAY, { offsetMin: 480, digits: 3 }),
  writeTs(nowMs + 10 * MINUTE, { offsetMin: -959, digits: 0 }),
  writeTs(nowMs + 400 * DAY, { offsetMin: 0, digits: 3 }),
];

// ---------------------------------------------------------------- the case descriptions

/** An event before it gets its id (and, for today's calls, its callId): ids are handed out per post, so a replay never collides. */
export interface EventSpec {
  type: string;
  /** The instant, before the style drops fraction digits. */
  ms: number;
  style: TsStyle;
  source: string;
  payload: Record<string, unknown>;
  /** Payload fields beside the envelope instead of under `payload` (accepted too). */
  flat: boolean;
}

export type Mutation =
  | { m: 'wrongType'; path: string[]; value: unknown }
  | { m: 'missing'; path: string[] }
  | { m: 'tooLong'; path: string[]; length: number }
  | { m: 'unsafe'; path: string[]; char: string; at: 'alone' | 'start' | 'end' }
  | { m: 'deep'; path: string[]; depth: number; shape: 'array' | 'object' }
  | { m: 'unknownType'; value: unknown }
  | { m: 'unknownField'; where: 'payload' | 'event' | 'segment'; key: string }
  | { m: 'badTs'; ts: string }
  | { m: 'badSegment'; fault: 'endBeforeStart' | 'speaker' };

export type ItemSpec =
  /** A call of today in one of the live queues (1–2 events). */
  | { k: 'call'; call: CallSpec }
  /** An agent's state of today. */
  | { k: 'agent'; agent: AgentSpec }
  /** Any event of an earlier day (2–34 days ago), or a case event at the edges of the window. */
  | { k: 'valid'; ev: EventSpec }
  | { k: 'mutant'; ev: EventSpec; mutation: Mutation }
  /** The `back`-th valid event before it in the batch (or of an earlier post), sent again `laterS` seconds later. */
  | { k: 'dup'; back: number; laterS: number }
  /** An item that is not an object at all. */
  | { k: 'notObject'; value: unknown };

export interface CallSpec {
  queue: string;
  callType: string | undefined;
  outcome: 'waiting' | 'answered' | 'abandoned';
  agent: string;
  /** Offered this many seconds before the suite's start. */
  agoS: number;
  waitS: number;
  style: TsStyle;
}
export interface AgentSpec {
  agent: string;
  state: string;
  style: TsStyle;
}

/** Whole requests that are refused as a body (or are empty). */
export type BodyCase =
  | { b: 'notArray'; value: unknown }
  | { b: 'tooDeep'; depth: number }
  | { b: 'malformed'; text: string }
  | { b: 'protoKey' }
  | { b: 'tooMany' }
  | { b: 'tooLarge' }
  | { b: 'form' }
  | { b: 'text' }
  | { b: 'empty' };

export interface RunSpec {
  items: ItemSpec[];
  /** The well-formed sender's batch, posted at the same time. */
  clean: CallSpec[];
  body: BodyCase | undefined;
}

/** Today's live queues, agents answering calls, and agents whose states are sent (kept apart so each agent's state has one source). */
export const LIVE_QUEUES = ['billing', '账务', 'שירות', '👩‍💻 tech', 'ＶＩＰ１２３', 'e\u0301mail'];
export const CALL_TYPES = ['new', '投诉', 'refund'];
export const ANSWERING = ['ans-1', 'ans-2', '客服-3', 'ans-\u200d4'];
export const STATED = ['st-1', 'st-2', 'عميل-3'];
const AGENT_STATES = ['offline', 'available', 'ringing', 'on_call', 'wrap_up', 'not_ready'];

const callSpec: fc.Arbitrary<CallSpec> = fc.record({
  queue: fc.constantFrom(...LIVE_QUEUES),
  callType: fc.option(fc.constantFrom(...CALL_TYPES), { nil: undefined }),
  outcome: fc.constantFrom('waiting', 'answered', 'abandoned'),
  agent: fc.constantFrom(...ANSWERING),
  // Between 50 and 5 minutes ago; with the wait, at most 5 minutes later: always before now, always today.
  agoS: fc.integer({ min: 300, max: 3000 }),
  waitS: fc.integer({ min: 1, max: 240 }),
  style: tsStyle,
});
const agentSpec: fc.Arbitrary<AgentSpec> = fc.record({
  agent: fc.constantFrom(...STATED),
  state: fc.constantFrom(...AGENT_STATES),
  style: tsStyle,
});

function payloadOf(type: string): fc.Arbitrary<Record<string, unknown>> {
  const fields = TYPES[type]!;
  const parts: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of fields) parts[field.name] = valueOf(field);
  const required = fields.filter((x) => x.required).map((x) => x.name);
  return fc.record(parts, { requiredKeys: required });
}

/** A valid event of any type, of an earlier day (or, for case events, at the edges of the window). */
export function eventSpec(nowMs: number): fc.Arbitrary<EventSpec> {
  return fc.constantFrom(...EVENT_TYPES).chain((type) =>
    fc.record({
      type: fc.constant(type),
      ms: type.startsWith('case.')
        ? fc.oneof(
            fc.integer({ min: nowMs - 34 * DAY, max: nowMs - 2 * DAY }),
            fc.constantFrom(nowMs + 4 * MINUTE, nowMs + 4 * MINUTE + 59 * SECOND, nowMs - 34 * DAY - 23 * 3_600_000),
          )
        : fc.integer({ min: nowMs - 34 * DAY, max: nowMs - 2 * DAY }),
      style: tsStyle,
      source: fc.oneof(plain, unicodeText(100)),
      payload: payloadOf(type),
      flat: fc.boolean(),
    }),
  );
}

function mutation(ev: EventSpec): fc.Arbitrary<Mutation> {
  const fields = TYPES[ev.type]!;
  const present = Object.keys(ev.payload);
  const envelope = ['id', 'ts', 'source'];
  const stringPaths: string[][] = [
    ['id'],
    ['source'],
    ...fields.filter((x) => present.includes(x.name) && !['duration', 'bool', 'segments'].includes(x.kind)).map((x) => ['payload', x.name]),
  ];
  const segments = ev.payload.segments as unknown[] | undefined;
  if (segments?.length) stringPaths.push(['payload', 'segments', '0', 'text']);
  const anyPath: string[][] = [...envelope.map((e) => [e]), ...fields.map((x) => ['payload', x.name])];
  const wrong = fc.oneof(
    fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, [], {}, ['a'], { a: 1 }, '12'),
    fc.integer(),
    fc.array(fc.string(), { maxLength: 3 }),
  );
  const options: fc.Arbitrary<Mutation>[] = [
    fc
      .constantFrom(...anyPath)
      .chain((path) =>
        wrong.filter((v) => isWrongFor(kindAt(path, fields), v)).map((value): Mutation => ({ m: 'wrongType', path, value })),
      ),
    fc.record({
      m: fc.constant('missing' as const),
      path: fc.constantFrom<string[]>(
        ['type'],
        ['payload'],
        ...envelope.map((e) => [e]),
        ...fields.filter((x) => x.required).map((x) => ['payload', x.name]),
      ),
    }),
    fc.record({
      m: fc.constant('tooLong' as const),
      path: fc.constantFrom(...stringPaths),
      // A megabyte now and then (five make a body over its 5 MB limit), else just past the field's limit.
      length: fc.oneof({ weight: 1, arbitrary: fc.constant(1_000_000) }, { weight: 30, arbitrary: fc.integer({ min: 1, max: 50 }) }),
    }),
    fc.record({
      m: fc.constant('unsafe' as const),
      path: fc.constantFrom(...stringPaths),
      char: fc.constantFrom(...ODD_REFUSED),
      at: fc.constantFrom('alone' as const, 'start' as const, 'end' as const),
    }),
    fc.record({
      m: fc.constant('deep' as const),
      path: fc.constantFrom(...anyPath),
      // Mostly within the body's bound of 32 (the item is refused), now and then past it (the whole body is).
      depth: fc.oneof(
        { weight: 20, arbitrary: fc.integer({ min: 1, max: 29 }) },
        { weight: 1, arbitrary: fc.integer({ min: 30, max: 40 }) },
      ),
      shape: fc.constantFrom('array' as const, 'object' as const),
    }),
    fc.record({
      m: fc.constant('unknownType' as const),
      value: fc.oneof(
        {
          weight: 20,
          arbitrary: fc.constantFrom<unknown>(
            'call.teleported',
            'CALL.OFFERED',
            'call.offered ',
            'call\u0000offered',
            'call.\u202eoffered',
            '',
            7,
            null,
            ['call.offered'],
          ),
        },
        { weight: 20, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !EVENT_TYPES.includes(s)) },
        { weight: 1, arbitrary: fc.constant('x'.repeat(1_000_000)) },
      ),
    }),
    fc.record({
      m: fc.constant('unknownField' as const),
      where: fc.constantFrom(...(segments?.length ? (['payload', 'event', 'segment'] as const) : (['payload', 'event'] as const))),
      key: fc
        .oneof(fc.constantFrom('colour', 'queues ', '\u202ekey', '🔑', 'constructor', 'prototype', 'toString'), plain)
        .filter(
          (k) =>
            !fields.some((x) => x.name === k) &&
            !['id', 'type', 'ts', 'source', 'payload', 'speaker', 'startS', 'endS', 'text'].includes(k),
        ),
    }),
    fc.record({ m: fc.constant('badTs' as const), ts: fc.constantFrom(...BAD_TS) }),
  ];
  if (segments?.length)
    options.push(
      fc.record({ m: fc.constant('badSegment' as const), fault: fc.constantFrom('endBeforeStart' as const, 'speaker' as const) }),
    );
  return fc.oneof(...options);
}

function kindAt(path: string[], fields: Field[]): Kind | 'ts' {
  if (path[0] === 'ts') return 'ts';
  if (path[0] === 'id') return 'id';
  if (path[0] === 'source') return 'text100';
  return fields.find((x) => x.name === path[1])!.kind;
}

/** Whether a value is of the wrong type (or out of range) for a field of this kind. */
function isWrongFor(kind: Kind | 'ts', v: unknown): boolean {
  if (kind.startsWith('enum:')) return !(typeof v === 'string' && kind.slice(5).split(',').includes(v));
  if (kind === 'duration') return !(typeof v === 'number' && v >= 0 && Number.isFinite(v));
  if (kind === 'bool') return typeof v !== 'boolean';
  if (kind === 'segments') return !Array.isArray(v) || v.some((x) => typeof x !== 'object' || x === null || Array.isArray(x));
  return typeof v !== 'string';
}

const mutantSpec = (nowMs: number): fc.Arbitrary<ItemSpec> =>
  eventSpec(nowMs).chain((ev) => mutation(ev).map((m): ItemSpec => ({ k: 'mutant', ev, mutation: m })));

export function itemSpec(nowMs: number): fc.Arbitrary<ItemSpec> {
  return fc.oneof(
    { weight: 4, arbitrary: callSpec.map((call): ItemSpec => ({ k: 'call', call })) },
    { weight: 1, arbitrary: agentSpec.map((agent): ItemSpec => ({ k: 'agent', agent })) },
    { weight: 3, arbitrary: eventSpec(nowMs).map((ev): ItemSpec => ({ k: 'valid', ev })) },
    { weight: 10, arbitrary: mutantSpec(nowMs) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('dup' as const), back: fc.nat(5), laterS: fc.integer({ min: 1, max: 1800 }) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        k: fc.constant('notObject' as const),
        value: fc.constantFrom<unknown>(null, 0, 'call.offered', true, [], [{ id: 'x' }], '\u0000'),
      }),
    },
  );
}

const bodyCase: fc.Arbitrary<BodyCase> = fc.oneof(
  fc.record({
    b: fc.constant('notArray' as const),
    value: fc.constantFrom<unknown>({ events: [] }, 'events', 42, null, true, { 0: { id: 'x' } }),
  }),
  fc.record({ b: fc.constant('tooDeep' as const), depth: fc.integer({ min: 33, max: 100_000 }) }),
  fc.record({
    b: fc.constant('malformed' as const),
    text: fc.constantFrom('[{"id": ', '[,]', '[1,]', "['a']", '[NaN]', '[1e400', '\u0000', '[{"a":"\\ud800"}', '[]]'),
  }),
  fc.constant({ b: 'protoKey' as const }),
  fc.constant({ b: 'tooMany' as const }),
  fc.constant({ b: 'tooLarge' as const }),
  fc.constant({ b: 'form' as const }),
  fc.constant({ b: 'text' as const }),
  fc.constant({ b: 'empty' as const }),
);

export function runSpec(nowMs: number, items: { min: number; max: number }): fc.Arbitrary<RunSpec> {
  return fc.record({
    items: fc.array(itemSpec(nowMs), { minLength: items.min, maxLength: items.max }),
    clean: fc.array(callSpec, { minLength: 1, maxLength: 3 }),
    // One run in 25 posts a whole body that cannot be read instead of a batch.
    body: fc.oneof({ weight: 24, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: bodyCase }),
  });
}
