/**
 * The queue_log parser and mapper over the fixtures in test/fixtures/queue-log
 * (one per Asterisk variant, written from the documentation): every event each
 * line makes, worked out by hand from QUEUE_LOG.md; the calls the real call
 * state machine builds from them; duplicates, lines out of order, blank and
 * truncated lines, orphans; stable ids and resuming from a saved state.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAgentIntervals } from '../../calls/agent-intervals.js';
import { buildCalls } from '../../calls/call-state.js';
import type { CanonicalEvent, EventOf } from '../../events/event.schema.js';
import { canonicalEvent } from '../../events/event.schema.js';
import { type ParserOptions, QueueLogParser, detectFormat } from './parser.js';
import { type MapperOptions, QueueLogReader, type ReaderState, formatSummary } from './index.js';

const FIXTURES = new URL('../../../../test/fixtures/queue-log/', import.meta.url);

/** A fixture's lines after its comment header, with their line numbers in the file. */
function fixture(name: string): { text: string; no: number }[] {
  const lines = readFileSync(new URL(name, FIXTURES), 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const first = lines.findIndex((l) => !l.startsWith('#'));
  return lines.slice(first).map((text, i) => ({ text, no: first + i + 1 }));
}

type Options = ParserOptions & MapperOptions;

function read(lines: { text: string; no: number }[], options: Options, state?: ReaderState) {
  const reader = new QueueLogReader(options, state);
  const events: CanonicalEvent[] = [];
  for (const l of lines) events.push(...reader.line(l.text, l.no));
  reader.end();
  return { events, summary: reader.summary, reader };
}

/** [role, type, ts, payload]: the id is `ql-<hash of the line>-<role>`. */
function compact(events: CanonicalEvent[]): [string, string, string, unknown][] {
  return events.map((e) => {
    const m = /^ql-[A-Za-z0-9_-]{22}-([a-z-]+)$/.exec(e.id);
    expect(m, e.id).not.toBeNull();
    expect(e.source).toBe('asterisk');
    return [m![1]!, e.type, e.ts, e.payload];
  });
}

const at = (epoch: number, off: number) => new Date((epoch + off) * 1000).toISOString();
const rulesFor = () => ({ slThresholdS: 15, shortAbandonS: 5 });

function calls(events: CanonicalEvent[]) {
  return buildCalls(events, [], rulesFor).calls.map((c) => ({
    callId: c.callId,
    queue: c.queue,
    outcome: c.outcome,
    agentId: c.agentId,
    waitS: c.waitS,
    talkS: c.talkS,
    answeredInThreshold: c.answeredInThreshold,
    shortAbandon: c.shortAbandon,
    transferred: c.transferred,
    transferTarget: c.transferTarget,
    channel: c.channel,
    ringCount: c.ringCount,
  }));
}

describe('every event is valid canonical input', () => {
  it.each(['asterisk-1.4.queue_log', 'asterisk-1.8.queue_log', 'asterisk-13.queue_log', 'asterisk-20.queue_log'])('%s', (name) => {
    const { events } = read(fixture(name), { format: 'file' });
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) expect(canonicalEvent.safeParse(e).error?.issues ?? []).toEqual([]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});

describe('Asterisk 1.4', () => {
  const T = 1275354000;
  const aliases = { 'Agent/1001': 'li.wei', '2000@from-internal': 'dave' };
  const { events, summary } = read(fixture('asterisk-1.4.queue_log'), { format: 'file', aliases });
  const c1 = `${T + 100}.1`;
  const c2 = `${T + 300}.3`;
  const c3 = `${T + 400}.4`;

  it('maps each line: two-field ENTERQUEUE, CONNECT without ring time, TRANSFER, old EXITWITHKEY, callback agents', () => {
    expect(compact(events)).toEqual([
      ['agent', 'agent.state', at(T, 0), { agentId: 'li.wei', state: 'available' }],
      // PAUSE without a reason: not ready, no reason
      ['agent', 'agent.state', at(T, 5), { agentId: 'li.wei', state: 'not_ready' }],
      ['agent', 'agent.state', at(T, 65), { agentId: 'li.wei', state: 'available' }],
      ['offer', 'call.offered', at(T, 100), { callId: c1, queue: 'helpdesk', caller: '021555001' }],
      // no ring time: the ring is counted at the answer
      ['ring', 'call.ringing', at(T, 112), { callId: c1, agentId: 'li.wei' }],
      ['answer', 'call.answered', at(T, 112), { callId: c1, agentId: 'li.wei' }],
      ['agent', 'agent.state', at(T, 112), { agentId: 'li.wei', state: 'on_call' }],
      // 100 + holdtime 12 + calltime 118; the extension@context goes through the aliases
      ['transfer', 'call.transferred', at(T, 230), { callId: c1, toAgent: 'dave' }],
      ['end', 'call.ended', at(T, 230), { callId: c1, endedBy: 'agent' }],
      ['agent', 'agent.state', at(T, 230), { agentId: 'li.wei', state: 'available' }],
      ['offer', 'call.offered', at(T, 300), { callId: c2, queue: 'helpdesk', caller: '021555002' }],
      // key and position only: the line's own stamp
      ['exit', 'call.timed_out', at(T, 309), { callId: c2 }],
      ['offer', 'call.offered', at(T, 400), { callId: c3, queue: 'helpdesk', caller: '021555003' }],
      ['ring', 'call.ringing', at(T, 404), { callId: c3, agentId: 'li.wei' }],
      ['answer', 'call.answered', at(T, 404), { callId: c3, agentId: 'li.wei' }],
      ['agent', 'agent.state', at(T, 404), { agentId: 'li.wei', state: 'on_call' }],
      ['end', 'call.ended', at(T, 464), { callId: c3, endedBy: 'agent' }],
      ['agent', 'agent.state', at(T, 464), { agentId: 'li.wei', state: 'available' }],
      ['agent', 'agent.state', at(T, 500), { agentId: 'li.wei', state: 'offline' }],
    ]);
    expect(summary).toMatchObject({ linesRead: 12, eventsProduced: 19, ignored: {} });
    expect(Object.values(summary.skipped).every((s) => s.count === 0)).toBe(true);
  });
});

describe('Asterisk 1.8', () => {
  const T = 1370221200;
  const aliases = { 'Agent/2001': 'wang.fang', 'SIP/2002': 'zhao.lei' };
  const { events, summary } = read(fixture('asterisk-1.8.queue_log'), { format: 'file', aliases });
  const c1 = `${T + 58}.5`;
  const c2 = `${T + 200}.20`;
  const c3 = `${T + 300}.30`;
  const c4 = `${T + 400}.40`;
  const billing = { queues: ['billing'] };

  it('maps DID, RINGNOANSWER in ms, CONNECT with ring time, position-only EXITWITHTIMEOUT, pauses with reasons, membership', () => {
    expect(compact(events)).toEqual([
      ['agent', 'agent.state', at(T, 0), { agentId: 'wang.fang', state: 'available' }],
      ['agent', 'agent.state', at(T, 1), { agentId: 'zhao.lei', state: 'available', ...billing }],
      // the DID line two seconds before becomes the call's dialled number
      ['offer', 'call.offered', at(T, 60), { callId: c1, queue: 'billing', caller: '13700000011', channel: '95555' }],
      // 10,000 ms of ringing up to the line at +70: from +60
      ['ring', 'call.ringing', at(T, 60), { callId: c1, agentId: 'wang.fang' }],
      ['agent-ring', 'agent.state', at(T, 60), { agentId: 'wang.fang', state: 'ringing' }],
      ['agent', 'agent.state', at(T, 70), { agentId: 'wang.fang', state: 'available' }],
      // holdtime 16 → answered at +76, ring time 6 → rang from +70
      ['ring', 'call.ringing', at(T, 70), { callId: c1, agentId: 'zhao.lei' }],
      ['answer', 'call.answered', at(T, 76), { callId: c1, agentId: 'zhao.lei' }],
      ['agent-ring', 'agent.state', at(T, 70), { agentId: 'zhao.lei', state: 'ringing', ...billing }],
      ['agent', 'agent.state', at(T, 76), { agentId: 'zhao.lei', state: 'on_call', ...billing }],
      // 60 + 16 + 120; extension 3001 is neither a known agent nor a queue
      ['transfer', 'call.transferred', at(T, 196), { callId: c1 }],
      ['end', 'call.ended', at(T, 196), { callId: c1, endedBy: 'agent' }],
      ['agent', 'agent.state', at(T, 196), { agentId: 'zhao.lei', state: 'available', ...billing }],
      ['offer', 'call.offered', at(T, 200), { callId: c2, queue: 'billing', caller: '13700000013' }],
      ['exit', 'call.timed_out', at(T, 260), { callId: c2 }],
      ['offer', 'call.offered', at(T, 300), { callId: c3, queue: 'billing', caller: '13700000014' }],
      ['exit', 'call.abandoned', at(T, 302), { callId: c3 }],
      // membership unknown (a chan_agent agent): a pause in one queue is a pause
      ['agent', 'agent.state', at(T, 310), { agentId: 'wang.fang', state: 'not_ready', reason: 'coaching' }],
      ['agent', 'agent.state', at(T, 320), { agentId: 'zhao.lei', state: 'not_ready', ...billing }],
      ['offer', 'call.offered', at(T, 400), { callId: c4, queue: 'billing', caller: '13700000015' }],
      ['exit', 'call.timed_out', at(T, 400), { callId: c4 }],
      ['agent', 'agent.state', at(T, 500), { agentId: 'zhao.lei', state: 'available', ...billing }],
      ['agent', 'agent.state', at(T, 510), { agentId: 'wang.fang', state: 'available' }],
      // removed from his only queue: offline, member of none
      ['agent', 'agent.state', at(T, 600), { agentId: 'zhao.lei', state: 'offline', queues: [] }],
      ['agent', 'agent.state', at(T, 610), { agentId: 'wang.fang', state: 'offline' }],
    ]);
    expect(summary).toMatchObject({
      linesRead: 24,
      eventsProduced: 25,
      ignored: { CONFIGRELOAD: 1, AGENTDUMP: 1, SYSCOMPAT: 1, INFO: 1, OUTCALL: 1 },
    });
  });
});

describe('Asterisk 13', () => {
  const T = 1496624400;
  const { events, summary } = read(fixture('asterisk-13.queue_log'), { format: 'file', aliases: { 'Li Na': 'lina' } });
  const c1 = `${T + 100}.10`;
  const c2 = `${T + 200}.20`;
  const c3 = `${T + 300}.30`;
  const both = { queues: ['complaints', 'escalations'] };

  it('maps BLINDTRANSFER to a queue, the second queue, ATTENDEDTRANSFER APP, EXITWITHKEY with wait time, member names', () => {
    expect(compact(events)).toEqual([
      ['agent', 'agent.state', at(T, 0), { agentId: 'lina', state: 'available', queues: ['complaints'] }],
      // a second change of the same agent in the same second comes a millisecond after the first
      ['agent', 'agent.state', new Date(T * 1000 + 1).toISOString(), { agentId: 'lina', state: 'available', ...both }],
      ['offer', 'call.offered', at(T, 100), { callId: c1, queue: 'complaints', caller: '13600000021' }],
      ['ring', 'call.ringing', at(T, 101), { callId: c1, agentId: 'lina' }],
      ['answer', 'call.answered', at(T, 106), { callId: c1, agentId: 'lina' }],
      ['agent-ring', 'agent.state', at(T, 101), { agentId: 'lina', state: 'ringing', ...both }],
      ['agent', 'agent.state', at(T, 106), { agentId: 'lina', state: 'on_call', ...both }],
      ['transfer', 'call.transferred', at(T, 166), { callId: c1, toQueue: 'escalations' }],
      ['end', 'call.ended', at(T, 166), { callId: c1, endedBy: 'agent' }],
      ['agent', 'agent.state', at(T, 166), { agentId: 'lina', state: 'available', ...both }],
      ['offer', 'call.offered', at(T, 166), { callId: c1, queue: 'escalations', caller: '13600000021' }],
      // 166 + wait 24
      ['exit', 'call.timed_out', at(T, 190), { callId: c1 }],
      ['offer', 'call.offered', at(T, 200), { callId: c2, queue: 'complaints', caller: '13600000023' }],
      ['exit', 'call.timed_out', at(T, 203), { callId: c2 }],
      ['offer', 'call.offered', at(T, 300), { callId: c3, queue: 'complaints', caller: '13600000024' }],
      ['ring', 'call.ringing', at(T, 301), { callId: c3, agentId: 'lina' }],
      ['answer', 'call.answered', at(T, 305), { callId: c3, agentId: 'lina' }],
      ['agent-ring', 'agent.state', at(T, 301), { agentId: 'lina', state: 'ringing', ...both }],
      ['agent', 'agent.state', at(T, 305), { agentId: 'lina', state: 'on_call', ...both }],
      ['transfer', 'call.transferred', at(T, 365), { callId: c3 }],
      ['end', 'call.ended', at(T, 365), { callId: c3, endedBy: 'agent' }],
      ['agent', 'agent.state', at(T, 365), { agentId: 'lina', state: 'available', ...both }],
    ]);
    expect(summary).toMatchObject({ linesRead: 14, eventsProduced: 22, ignored: { PENALTY: 1, RINGINUSE: 1 } });
  });

  it('gives one canonical call two legs, answered in the first, timed out in the second', () => {
    expect(calls(events).filter((c) => c.callId === c1)).toEqual([
      expect.objectContaining({
        queue: 'complaints',
        outcome: 'answered',
        waitS: 6,
        talkS: 60,
        transferred: true,
        transferTarget: 'escalations',
      }),
      expect.objectContaining({ queue: 'escalations', outcome: 'timed_out', waitS: 24, talkS: null, transferred: false }),
    ]);
  });
});

describe('the realtime table as CSV (Asterisk 16)', () => {
  const T = 1772416800; // 2026-03-02 10:00 Asia/Shanghai
  const lines = fixture('realtime-16.csv');

  it('reads local times in the zone given, the header naming the columns, a quoted comma', () => {
    const { events, summary } = read(lines, { format: 'csv', zone: 'Asia/Shanghai', aliases: { 'PJSIP/401': 'alice' } });
    const c = `${T}.31`;
    const ms = (offS: number) => new Date((T + offS) * 1000 + 250).toISOString();
    expect(compact(events)).toEqual([
      ['offer', 'call.offered', ms(0), { callId: c, queue: 'support', caller: '13500000031' }],
      // holdtime 9 after the offer at .250 (the line itself is stamped 09.900); ring time 4
      ['ring', 'call.ringing', ms(5), { callId: c, agentId: 'alice' }],
      ['answer', 'call.answered', ms(9), { callId: c, agentId: 'alice' }],
      ['agent-ring', 'agent.state', ms(5), { agentId: 'alice', state: 'ringing' }],
      ['agent', 'agent.state', ms(9), { agentId: 'alice', state: 'on_call' }],
      // 9 + 90 s after the offer
      ['end', 'call.ended', ms(99), { callId: c, endedBy: 'caller' }],
      ['agent', 'agent.state', ms(99), { agentId: 'alice', state: 'available' }],
      ['agent', 'agent.state', at(T, 120), { agentId: 'alice', state: 'not_ready', reason: 'wrap-up notes' }],
    ]);
    expect(summary.linesRead).toBe(5);
    expect(calls(events)).toEqual([expect.objectContaining({ waitS: 9, talkS: 90, answeredInThreshold: true })]);
  });

  it('reads the same time an hour apart in another zone, and names the zone when it is missing or wrong', () => {
    const { events } = read(lines, { format: 'csv', zone: 'Asia/Tokyo' });
    expect(events[0]!.ts).toBe(new Date((T - 3600) * 1000 + 250).toISOString());
    expect(() => new QueueLogParser({ format: 'csv' })).toThrow(/^zone: /);
    expect(() => new QueueLogParser({ format: 'csv', zone: 'Mars/Olympus' })).toThrow('zone: Mars/Olympus is not an IANA time zone');
  });

  it('without a header takes the table order, a single data column split on pipes, and epoch times', () => {
    const p = new QueueLogParser({ format: 'csv', zone: 'UTC' });
    expect(p.parse('2026-03-02 02:00:00,1.1,q,NONE,ENTERQUEUE,,139,1,,')).toEqual({
      ok: true,
      record: { tsMs: T * 1000, callid: '1.1', queue: 'q', agent: 'NONE', verb: 'ENTERQUEUE', data: ['', '139', '1'] },
    });
    const single = new QueueLogParser({ format: 'csv', zone: 'UTC' });
    expect(single.parse('time,callid,queuename,agent,event,data').ok).toBe(false);
    expect(single.parse(`${T},1.1,q,PJSIP/1,CONNECT,5|1.2|3`)).toEqual({
      ok: true,
      record: { tsMs: T * 1000, callid: '1.1', queue: 'q', agent: 'PJSIP/1', verb: 'CONNECT', data: ['5', '1.2', '3'] },
    });
    expect(single.state()).toEqual({ columns: ['time', 'callid', 'queuename', 'agent', 'event', 'data'] });
    expect(p.parse('2026-02-30 10:00:00,1.1,q,NONE,ENTERQUEUE')).toEqual({
      ok: false,
      reason: 'unparsable',
      message: 'time: "2026-02-30 10:00:00" is not YYYY-MM-DD HH:MM:SS[.ffffff]',
    });
    expect(p.parse('2026-03-02 10:00:00,"1.1,q')).toMatchObject({ ok: false, reason: 'unparsable', message: /^CSV: / });
  });

  it('tells the two layouts apart by the first line', () => {
    expect(detectFormat('1772413200|NONE|NONE|NONE|QUEUESTART|')).toBe('file');
    expect(detectFormat('id,time,callid,queuename,agent,event,data1')).toBe('csv');
    expect(detectFormat('2026-03-02 10:00:00.250000,1.1,support')).toBe('csv');
  });
});

describe('the file parser', () => {
  const p = new QueueLogParser({ format: 'file' });
  it.each([
    ['', 'blank', 'blank line'],
    ['   \r', 'blank', 'blank line'],
    ['1772415199|1772415190.1999|supp', 'unparsable', '3 fields, fewer than epoch|callid|queue|agent|event'],
    ['17724|1.1|q|NONE|ENTERQUEUE', 'unparsable', 'time: "17724" is outside 2000-01-01 … 2099-12-31'],
    ['x1772413200|1.1|q|NONE|ENTERQUEUE', 'unparsable', 'epoch: "x1772413200" is not whole seconds'],
    ['1772413200|1.1|q|NONE|ENTER QUEUE', 'unparsable', 'event: "ENTER QUEUE" is not an event name'],
  ])('%j is %s', (line, reason, message) => {
    expect(p.parse(line)).toEqual({ ok: false, reason, message });
  });
  it('keeps data with pipes in place, drops empty trailing fields and a carriage return', () => {
    expect(p.parse('1772413200|1.1|q|NONE|WITHDRAW|1|1|5|a|b||\r')).toEqual({
      ok: true,
      record: { tsMs: 1772413200000, callid: '1.1', queue: 'q', agent: 'NONE', verb: 'WITHDRAW', data: ['1', '1', '5', 'a', 'b'] },
    });
  });
});

describe('Asterisk 20, with what real files hold besides', () => {
  const T = 1772413200;
  const aliases = { 'PJSIP/401': 'alice', 'PJSIP/402': 'bob', Carol: 'carol' };
  const lines = fixture('asterisk-20.queue_log');
  const { events, summary } = read(lines, { format: 'file', aliases });
  const id = (off: number) => `${T + off}.${off}`;

  it('counts every line: read, turned into events, kept nothing of, skipped by reason with line numbers', () => {
    expect(summary.linesRead).toBe(45);
    expect(summary.eventsProduced).toBe(events.length);
    expect(summary.ignored).toEqual({ QUEUESTART: 1 });
    expect(summary.skipped).toEqual({
      blank: { count: 1, lines: [25], firstMessage: 'blank line' },
      unparsable: { count: 1, lines: [52], firstMessage: '3 fields, fewer than epoch|callid|queue|agent|event' },
      unknown_verb: { count: 1, lines: [45], firstMessage: 'MYCUSTOMEVENT is not a queue_log event this importer reads' },
      orphan: { count: 1, lines: [51], firstMessage: 'CONNECT of call 1772412000.99 in support, whose ENTERQUEUE was not read' },
      duplicate: { count: 1, lines: [19], firstMessage: 'CONNECT line repeated' },
    });
    expect(formatSummary(summary)).toEqual([
      'lines read: 45',
      `events produced: ${events.length}`,
      'kept nothing of: QUEUESTART 1',
      'skipped, blank: 1 (line 25) — blank line',
      'skipped, unparsable: 1 (line 52) — 3 fields, fewer than epoch|callid|queue|agent|event',
      'skipped, unknown verb: 1 (line 45) — MYCUSTOMEVENT is not a queue_log event this importer reads',
      'skipped, orphan: 1 (line 51) — CONNECT of call 1772412000.99 in support, whose ENTERQUEUE was not read',
      'skipped, duplicate: 1 (line 19) — CONNECT line repeated',
    ]);
  });

  it('builds the calls with wait and talk from the CONNECT and COMPLETE fields, not the stamps', () => {
    const leg = (callId: string, queue: string, rest: object) => ({
      callId,
      queue,
      agentId: null,
      talkS: null,
      answeredInThreshold: false,
      shortAbandon: false,
      transferred: false,
      transferTarget: null,
      channel: null,
      ringCount: 0,
      ...rest,
    });
    expect(calls(events)).toEqual([
      // CONNECT written at +81 with holdtime 20: wait 20, talk 120 (the stamps say 21 and 119)
      leg(id(58), 'support', { outcome: 'answered', agentId: 'bob', waitS: 20, talkS: 120, channel: '4008001234', ringCount: 2 }),
      leg(id(100), 'support', { outcome: 'answered', agentId: 'alice', waitS: 8, talkS: 200, answeredInThreshold: true, ringCount: 1 }),
      leg(id(150), 'support', { outcome: 'abandoned', waitS: 3, shortAbandon: true }),
      // its ABANDON came before its ENTERQUEUE
      leg(id(160), 'support', { outcome: 'abandoned', waitS: 40 }),
      leg(id(300), 'support', { outcome: 'timed_out', waitS: 30 }),
      leg(id(300), 'sales', {
        outcome: 'answered',
        agentId: 'carol',
        waitS: 10,
        talkS: 60,
        answeredInThreshold: true,
        transferred: true,
        // the LINK form's second channel, PJSIP/401-0000001b, is alice's interface
        transferTarget: 'alice',
        ringCount: 1,
      }),
      leg(id(420), 'sales', {
        outcome: 'answered',
        agentId: 'carol',
        waitS: 12,
        talkS: 100,
        answeredInThreshold: true,
        transferred: true,
        ringCount: 1,
      }),
      leg(id(600), 'support', { outcome: 'timed_out', waitS: 10 }),
      leg(id(700), 'support', { outcome: 'timed_out', waitS: 5 }),
      leg(id(800), 'sales', { outcome: 'timed_out', waitS: 0 }),
      // RINGCANCELED for alice, then bob answers
      leg(id(900), 'support', {
        outcome: 'answered',
        agentId: 'bob',
        waitS: 2,
        talkS: 98,
        answeredInThreshold: true,
        transferred: true,
        ringCount: 2,
      }),
    ]);
    expect(buildCalls(events, [], rulesFor).anomalies).toEqual([]);
  });

  it('turns pauses into not-ready reasons and membership into queues', () => {
    const states = events.filter((e): e is EventOf<'agent.state'> => e.type === 'agent.state');
    const history = (agentId: string) =>
      buildAgentIntervals(states)
        .filter((i) => i.agentId === agentId)
        .map((i) => [(i.startedAt.getTime() / 1000 - T) | 0, i.state, i.reason]);
    expect(history('alice')).toEqual([
      [0, 'available', null],
      [60, 'ringing', null],
      [75, 'available', null],
      [105, 'ringing', null],
      [108, 'on_call', null],
      [308, 'available', null],
      [900, 'ringing', null],
      [902, 'available', null],
      [1100, 'not_ready', 'break'],
      [1400, 'available', null],
    ]);
    // paused in sales only while also in support: still available; PAUSEALL: not ready
    expect(history('bob')).toEqual([
      [0, 'available', null],
      [75, 'ringing', null],
      [80, 'on_call', null],
      [200, 'available', null],
      [900, 'ringing', null],
      [902, 'on_call', null],
      [1000, 'available', null],
      [1500, 'not_ready', 'lunch'],
      [1700, 'available', null],
    ]);
    expect(history('carol').at(-1)).toEqual([1800, 'offline', null]);
    expect(states.filter((s) => s.payload.agentId === 'bob').map((s) => s.payload.queues)).toEqual(
      states.filter((s) => s.payload.agentId === 'bob').map((_, i) => (i === 0 ? ['support'] : ['sales', 'support'])),
    );
  });

  it('gives the same ids on a second import, and nothing new for a file overlapping one imported', () => {
    const again = read(lines, { format: 'file', aliases }).events;
    expect(again).toEqual(events);
    const ids = new Set(events.map((e) => e.id));
    const tail = read(lines.slice(20), { format: 'file', aliases }).events;
    expect(tail.length).toBeGreaterThan(10);
    expect(tail.filter((e) => !ids.has(e.id))).toEqual([]);
  });

  it('resumes from a state saved after any line, as if it had never stopped', () => {
    for (let k = 0; k <= lines.length; k++) {
      const first = new QueueLogReader({ format: 'file', aliases });
      const out: CanonicalEvent[] = [];
      for (const l of lines.slice(0, k)) out.push(...first.line(l.text, l.no));
      const saved = JSON.parse(JSON.stringify(first.state())) as ReaderState;
      const rest = read(lines.slice(k), { format: 'file', aliases }, saved);
      expect([...out, ...rest.events], `stopped after ${k} lines`).toEqual(events);
      expect(rest.summary, `stopped after ${k} lines`).toEqual(summary);
    }
  });

  it('builds the same calls from the lines in reverse order, within a window that covers them (but the DID)', () => {
    const reversed = read([...lines].reverse(), { format: 'file', aliases, windowS: 3600 });
    // All but the dialled number: FreePBX writes DID before the call enters a queue, and read after it, it is too late.
    const expected = calls(events).map((c) => ({ ...c, channel: null }));
    expect(calls(reversed.events)).toEqual(expected);
    expect(reversed.summary.skipped.orphan.count).toBe(1);
  });

  it('counts a line out of order beyond the window as an orphan', () => {
    const early = [
      { text: `${T + 100}|9.9|support|NONE|ABANDON|1|1|40`, no: 1 },
      { text: `${T + 500}|1.1|support|NONE|ENTERQUEUE||139|1`, no: 2 },
      { text: `${T + 60}|9.9|support|NONE|ENTERQUEUE||138|1`, no: 3 },
    ];
    const r = read(early, { format: 'file', windowS: 300 });
    expect(r.summary.skipped.orphan).toMatchObject({ count: 1, lines: [1] });
    expect(r.events.map((e) => e.type)).toEqual(['call.offered', 'call.offered']);
  });

  it('keeps the pause reason when a pause of all queues adds its PAUSEALL without one, in either order', () => {
    const states = (lines: string[]) =>
      read(
        lines.map((text, i) => ({ text, no: i + 1 })),
        { format: 'file' },
      ).events.map((e) => [
        (Date.parse(e.ts) / 1000 - T) | 0,
        (e.payload as { state: string }).state,
        (e.payload as { reason?: string }).reason,
      ]);
    const pauseAllFirst = [
      `${T}|NONE|NONE|PJSIP/9|PAUSEALL|`,
      `${T}|NONE|support|PJSIP/9|PAUSE|lunch`,
      `${T + 60}|NONE|NONE|PJSIP/9|UNPAUSEALL|`,
    ];
    expect(states(pauseAllFirst)).toEqual([
      [0, 'not_ready', undefined],
      [0, 'not_ready', 'lunch'],
      [60, 'available', undefined],
    ]);
    const pauseFirst = [
      `${T}|NONE|support|PJSIP/9|PAUSE|lunch`,
      `${T}|NONE|NONE|PJSIP/9|PAUSEALL|`,
      `${T + 60}|NONE|support|PJSIP/9|UNPAUSE|`,
    ];
    expect(states(pauseFirst)).toEqual([
      [0, 'not_ready', 'lunch'],
      [60, 'available', undefined],
    ]);
  });

  it('puts an autopause written in the same second as the RINGNOANSWER after it, so not ready holds', () => {
    const lines = [
      `${T}|7.7|support|NONE|ENTERQUEUE||139|1`,
      `${T + 15}|7.7|support|PJSIP/9|RINGNOANSWER|15000`,
      `${T + 15}|NONE|support|PJSIP/9|PAUSE|Auto-Pause`,
    ].map((text, i) => ({ text, no: i + 1 }));
    const states = read(lines, { format: 'file' }).events.filter((e): e is EventOf<'agent.state'> => e.type === 'agent.state');
    expect(states.map((e) => [e.ts, e.payload.state])).toEqual([
      [at(T, 0), 'ringing'],
      [at(T, 15), 'available'],
      [new Date((T + 15) * 1000 + 1).toISOString(), 'not_ready'],
    ]);
    expect(buildAgentIntervals(states).at(-1)).toMatchObject({ state: 'not_ready', reason: 'Auto-Pause', endedAt: null });
  });

  it('holds no more at the end of a day than the window and the open calls need', () => {
    const reader = new QueueLogReader({ format: 'file' });
    let no = 0;
    const feed = (text: string) => reader.line(text, ++no);
    // A call whose end was never written (a crash), then 10,800 calls, one every 8 s for 24 h.
    feed(`${T}|0.1|support|NONE|ENTERQUEUE||139|1`);
    for (let i = 0; i < 10_800; i++) {
      const t = T + 10 + i * 8;
      const u = `${t}.${i}`;
      feed(`${t}|${u}|NONE|NONE|DID|4008001234`);
      feed(`${t}|${u}|support|NONE|ENTERQUEUE||139${i}|1`);
      feed(`${t + 3}|${u}|support|PJSIP/${400 + (i % 20)}|CONNECT|3|${u}1|2`);
      feed(`${t + 7}|${u}|support|PJSIP/${400 + (i % 20)}|COMPLETECALLER|3|4|1`);
    }
    const s = reader.state().mapper;
    // 300 s of log time holds about 38 calls of 4 lines; DIDs are kept for 6 h (2,700 calls).
    expect(s.calls.length).toBeLessThanOrEqual(40);
    expect(s.calls.some(([key]) => key.startsWith('0.1'))).toBe(false);
    expect(s.recent.length).toBeLessThanOrEqual(4 * 40);
    expect(s.closed.length).toBeLessThanOrEqual(40);
    expect(s.legEnds.length).toBeLessThanOrEqual(40);
    expect(s.dids.length).toBeLessThanOrEqual(2701);
    expect(s.agents).toHaveLength(20);
    expect(reader.summary).toMatchObject({ linesRead: 1 + 4 * 10_800, eventsProduced: 1 + 10_800 * 7 });
  });

  it("offers a call's next queue no earlier than its wait time put the end of the previous one", () => {
    // ENTERQUEUE at +0 whose queue start was a second earlier: the waittime 31 puts the exit at +31, past the next ENTERQUEUE's +30.
    const lines = [
      `${T}|5.5|first|NONE|ENTERQUEUE||139|1`,
      `${T + 30}|5.5|first|NONE|EXITWITHTIMEOUT|1|1|31`,
      `${T + 30}|5.5|second|NONE|ENTERQUEUE||139|1`,
      `${T + 40}|5.5|second|NONE|ABANDON|1|1|9`,
    ].map((text, i) => ({ text, no: i + 1 }));
    const { events } = read(lines, { format: 'file' });
    expect(events.map((e) => [e.type, e.ts])).toEqual([
      ['call.offered', at(T, 0)],
      ['call.timed_out', at(T, 31)],
      ['call.offered', at(T, 31)],
      ['call.abandoned', at(T, 40)],
    ]);
    expect(calls(events).map((c) => [c.queue, c.outcome, c.waitS])).toEqual([
      ['first', 'timed_out', 31],
      ['second', 'abandoned', 9],
    ]);
  });

  it('keeps two PBXs apart with a call id prefix, in the calls and in the ids', () => {
    const line = [{ text: `${T}|1.1|support|NONE|ENTERQUEUE||139|1`, no: 1 }];
    const a = read(line, { format: 'file', callIdPrefix: 'pbx-a:' }).events[0]!;
    const b = read(line, { format: 'file', callIdPrefix: 'pbx-b:' }).events[0]!;
    expect([a.payload, b.payload]).toEqual([
      { callId: 'pbx-a:1.1', queue: 'support', caller: '139' },
      { callId: 'pbx-b:1.1', queue: 'support', caller: '139' },
    ]);
    expect(a.id).not.toBe(b.id);
  });

  it('skips a line naming no agent or an agent name too long, naming the field', () => {
    const bad = [
      { text: `${T}|1.1|support|NONE|ENTERQUEUE||139|1`, no: 1 },
      { text: `${T + 5}|1.1|support|NONE|CONNECT|5|1.2|1`, no: 2 },
      { text: `${T + 6}|NONE|support|${'x'.repeat(101)}|PAUSE|break`, no: 3 },
    ];
    expect(read(bad, { format: 'file' }).summary.skipped.unparsable).toEqual({
      count: 2,
      lines: [2, 3],
      firstMessage: 'CONNECT names no agent',
    });
  });
});

describe('agent.state queues (SPEC §2)', () => {
  const state = (queues: unknown) => ({
    id: 's1',
    type: 'agent.state',
    ts: '2026-03-02T09:00:00.000+08:00',
    source: 'asterisk',
    payload: { agentId: 'alice', state: 'available', queues },
  });
  it('takes a list of queue names, empty for none', () => {
    expect(canonicalEvent.safeParse(state(['sales', 'support'])).success).toBe(true);
    expect(canonicalEvent.safeParse(state([])).success).toBe(true);
  });
  it('refuses an empty name, one too long, or a list too long, naming the field', () => {
    const issue = (queues: unknown) => {
      const i = canonicalEvent.safeParse(state(queues)).error!.issues[0]!;
      return `${i.path.join('.')}: ${i.message}`;
    };
    expect(issue(['sales', ''])).toBe('payload.queues.1: queue must not be empty');
    expect(issue(['q'.repeat(101)])).toBe('payload.queues.0: queue is longer than 100 characters');
    expect(issue(Array.from({ length: 1001 }, (_, i) => `q${i}`))).toBe('payload.queues: queues lists more than 1000 queues');
    expect(issue('sales')).toMatch(/^payload\.queues: /);
  });
});
