import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { canonicalEvent, type CanonicalEvent } from '../events/event.schema.js';
import { buildRoster, SHIFTS } from './roster.js';
import { ARGUING_LINES, DEFAULT_COMPANY, FORBIDDEN_PHRASES, transcriptFlaw } from './dialogue.js';
import { simulate, simulatedRecordingUrl, type SimulatorOptions } from './simulator.js';
import { DAY_FACTOR, DEFAULT_QUEUES, PATIENCE, WEEKDAY_CALLS_PER_HOUR } from './traffic.js';

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const local = (iso: string, tz = TZ) => DateTime.fromISO(iso, { zone: tz }).toMillis();
const QUEUE_NAMES = DEFAULT_QUEUES.map((q) => q.name);

// Wednesday 4 March 2026: an ordinary weekday with weekdays on both sides.
const WED = local('2026-03-04T00:00');
const OPTS: SimulatorOptions = { seed: 7, tz: TZ };
const wednesday = [...simulate(OPTS, WED, WED + 24 * HOUR)];

const callIds = (events: readonly CanonicalEvent[]) =>
  new Set(events.flatMap((e) => (e.type === 'call.offered' ? [e.payload.callId] : [])));
const tableSum = WEEKDAY_CALLS_PER_HOUR.reduce((s, v) => s + v, 0);
/** Calls expected in local hour h of a day: the integral of the rate interpolated between hour midpoints. */
const expectedInHour = (h: number) => {
  const t = (i: number) => WEEKDAY_CALLS_PER_HOUR[(i + 24) % 24]!;
  return (t(h - 1) + 6 * t(h) + t(h + 1)) / 8;
};

describe('simulate: reproducibility', () => {
  it('gives identical events for the same seed and window', () => {
    const again = [...simulate(OPTS, WED, WED + 24 * HOUR)];
    expect(again).toEqual(wednesday);
  });

  it('gives different traffic for a different seed', () => {
    const other = [...simulate({ ...OPTS, seed: 8 }, WED, WED + 24 * HOUR)];
    const callers = (evs: CanonicalEvent[]) => evs.flatMap((e) => (e.type === 'call.offered' ? [e.payload.caller] : []));
    expect(callers(other).slice(0, 50)).not.toEqual(callers(wednesday).slice(0, 50));
  });

  it('names events sim-<seed>-<fromMs base36>-<n>, so windows never collide', () => {
    const a = [...simulate(OPTS, WED + 9 * HOUR, WED + 11 * HOUR)];
    const b = [...simulate(OPTS, WED + 10 * HOUR, WED + 12 * HOUR)];
    const prefix = `sim-7-${(WED + 9 * HOUR).toString(36)}-`;
    expect(a.every((e) => e.id.startsWith(prefix) && /^\d+$/.test(e.id.slice(prefix.length)))).toBe(true);
    const ids = new Set(a.map((e) => e.id));
    expect(new Set(a.map((e) => e.id)).size).toBe(a.length);
    expect(b.filter((e) => ids.has(e.id))).toEqual([]);
    const callsA = callIds(a);
    expect([...callIds(b)].filter((id) => callsA.has(id))).toEqual([]);
  });

  it('keeps the same roster whatever the window', () => {
    const agentsOf = (evs: CanonicalEvent[]) =>
      new Map(evs.flatMap((e) => (e.type === 'agent.state' ? [[e.payload.agentId, e.payload.name] as const] : [])));
    const later = agentsOf([...simulate(OPTS, WED + 36 * HOUR, WED + 48 * HOUR)]);
    const today = agentsOf(wednesday);
    for (const [id, name] of later) if (today.has(id)) expect(name).toBe(today.get(id));
  });
});

describe('simulate: events', () => {
  it('emits valid canonical events from the simulator, in time order, inside the window', () => {
    let previous = WED;
    for (const e of wednesday) {
      const parsed = canonicalEvent.safeParse(e);
      if (!parsed.success) throw new Error(`${JSON.stringify(e)}: ${parsed.error.message}`);
      expect(e.source).toBe('simulator');
      const ms = Date.parse(e.ts);
      expect(ms).toBeGreaterThanOrEqual(previous);
      previous = ms;
    }
    expect(previous).toBeLessThan(WED + 24 * HOUR);
  });

  it('uses Chinese mobile numbers and SIP trunk channels', () => {
    for (const e of wednesday) {
      if (e.type !== 'call.offered') continue;
      expect(e.payload.caller).toMatch(/^1[3-9]\d{9}$/);
      expect(e.payload.channel).toMatch(/^SIP\/trunk-[0-9a-f]+$/);
    }
  });

  it('carries the agent name and team on every agent.state', () => {
    for (const e of wednesday) {
      if (e.type !== 'agent.state') continue;
      expect(e.payload.name).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(e.payload.team).toMatch(/^team-[a-c]$/);
    }
  });

  it('generates a whole day well within a second or two', () => {
    const started = performance.now();
    let n = 0;
    for (const _ of simulate({ seed: 99, tz: TZ }, WED, WED + 24 * HOUR)) n++;
    expect(n).toBeGreaterThan(1000);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('runs lazily when the window has no end', () => {
    const it = simulate(OPTS, WED, Infinity);
    const first: CanonicalEvent[] = [];
    for (const e of it) {
      first.push(e);
      if (first.length === 3000) break;
    }
    expect(first).toEqual(wednesday.slice(0, 3000));
  });

  it('rejects bad options when called, not at the first event', () => {
    expect(() => simulate({ seed: 1, tz: 'Mars/Olympus_Mons' }, WED, WED + HOUR)).toThrow(/tz/);
    expect(() => simulate({ seed: 1, tz: TZ, rate: -1 }, WED, WED + HOUR)).toThrow(/rate/);
    expect(() => simulate({ seed: 1, tz: TZ }, WED, WED - 1)).toThrow(/toMs/);
    const queues = [{ name: 'vip', share: 1, callTypes: { concierge: 1 }, transferShare: 0 }];
    expect(() => simulate({ seed: 1, tz: TZ, queues }, WED, WED + HOUR)).toThrow(/unknown call type "concierge"/);
  });
});

describe('simulate: calls and agents stay consistent', () => {
  const skills = new Map(buildRoster(7, 24, QUEUE_NAMES).map((a) => [a.agentId, new Set(a.skills)]));
  const { calls, agents, problems } = replay(wednesday, skills);

  it('takes every call through offered → ringing → answered → ended (or abandoned / timed out), one agent at a time, on skill', () => {
    expect(problems).toEqual([]);
  });

  it('finishes every call offered more than two hours before the window ends', () => {
    const open = [...calls.values()].filter(
      (c) => c.firstOfferedMs < WED + 22 * HOUR && !['ended', 'abandoned', 'timed_out'].includes(c.state),
    );
    expect(open).toEqual([]);
  });

  it('records each answered call once, by its first agent, with the talk time as recording length', () => {
    const done = [...calls.values()].filter((c) => c.answeredBy.length > 0 && c.firstOfferedMs < WED + 22 * HOUR);
    expect(done.length).toBeGreaterThan(500);
    for (const c of done) {
      expect(c.dispositions).toHaveLength(1);
      expect(c.dispositions[0]!.agentId).toBe(c.answeredBy[0]);
      expect(c.dispositions[0]!.callType).toBe(c.callType);
      expect(c.recordings).toHaveLength(1);
      expect(c.recordings[0]!.url).toBe(simulatedRecordingUrl(c.callId));
      expect(c.recordings[0]!.url).toBe(`https://recordings.callboard.invalid/${c.callId}.wav`);
      expect(c.recordings[0]!.durationS).toBeCloseTo(c.talkMs / 1000, 6);
    }
    const never = [...calls.values()].filter((c) => c.answeredBy.length === 0);
    expect(never.every((c) => c.dispositions.length === 0 && c.recordings.length === 0 && c.transcripts.length === 0)).toBe(true);
  });

  it('sends one transcript per recorded call, inside its talk time, with the etiquette broken on a known fifth of calls', () => {
    const recorded = [...calls.values()].filter((c) => c.recordings.length > 0);
    expect(recorded.length).toBeGreaterThan(500);
    const flaws = new Map<string, number>();
    for (const c of recorded) {
      expect(c.transcripts).toHaveLength(1);
      const segments = c.transcripts[0]!.segments;
      const talkS = c.recordings[0]!.durationS;
      expect(segments.length).toBeGreaterThan(3);
      expect(segments.at(-1)!.endS).toBeLessThanOrEqual(talkS);
      const flaw = transcriptFlaw(7, c.callId);
      flaws.set(String(flaw), (flaws.get(String(flaw)) ?? 0) + 1);
      const agentText = segments.flatMap((s) => (s.speaker === 'agent' ? [s.text] : [])).join('\n');
      expect(FORBIDDEN_PHRASES.some((p) => agentText.includes(p))).toBe(flaw === 'forbidden_phrase');
      expect(ARGUING_LINES.some((l) => agentText.includes(l))).toBe(flaw === 'arguing');
      expect(agentText.includes('再见')).toBe(flaw !== 'no_goodbye');
      expect(segments[0]!.text.startsWith(`您好，${DEFAULT_COMPANY}，工号 `)).toBe(flaw !== 'no_greeting');
    }
    // 20 % of calls break one rule, 5 % each: with ~700 calls each share lies within a few points of it.
    const n = recorded.length;
    expect((flaws.get('null') ?? 0) / n).toBeGreaterThan(0.74);
    expect((flaws.get('null') ?? 0) / n).toBeLessThan(0.86);
    for (const f of ['no_greeting', 'forbidden_phrase', 'no_goodbye', 'arguing']) {
      expect((flaws.get(f) ?? 0) / n, f).toBeGreaterThan(0.02);
      expect((flaws.get(f) ?? 0) / n, f).toBeLessThan(0.09);
    }
  });

  it('rings 2–12 s before answer when an agent is free', () => {
    const firstLegWaits = [...calls.values()].flatMap((c) => c.answerWaitsMs.slice(0, 1));
    expect(Math.min(...firstLegWaits)).toBeGreaterThanOrEqual(2000);
    // Most calls find a free agent and wait only the ring.
    expect(firstLegWaits.filter((w) => w <= 12_000).length / firstLegWaits.length).toBeGreaterThan(0.6);
  });

  it('transfers some calls to another queue under the same callId and files them as complex', () => {
    const transferred = [...calls.values()].filter((c) => c.transferred);
    expect(transferred.length).toBeGreaterThan(5);
    for (const c of transferred) {
      expect(c.queues).toHaveLength(2);
      expect(c.queues[1]).not.toBe(c.queues[0]);
      if (c.dispositions[0]) expect(c.dispositions[0].category).toBe('complex');
    }
    const categories = [...calls.values()].flatMap((c) => c.dispositions.map((d) => d.category));
    const count = (k: string) => categories.filter((x) => x === k).length;
    expect(count('inquiry')).toBeGreaterThan(Math.max(count('complex'), count('complaint'), count('other')));
    expect(count('complaint')).toBeGreaterThan(0);
    expect(count('other')).toBeGreaterThan(0);
  });

  it('puts some calls on hold and ends calls by caller and by agent', () => {
    expect([...calls.values()].some((c) => c.holds > 0)).toBe(true);
    const endedBy = new Set(wednesday.flatMap((e) => (e.type === 'call.ended' ? [e.payload.endedBy] : [])));
    expect(endedBy).toContain('caller');
    expect(endedBy).toContain('agent');
  });

  it('logs in at fromMs exactly the agents whose shift covers it', () => {
    const from = local('2026-03-04T11:00');
    const events = [...simulate(OPTS, from, from + HOUR)];
    const atStart = events.filter((e) => Date.parse(e.ts) === from && e.type === 'agent.state');
    const covering = new Set<string>([SHIFTS.early.name, SHIFTS.day.name, SHIFTS.mid.name]);
    const expected = buildRoster(7, 24, QUEUE_NAMES).filter((a) => covering.has(a.shift.name) && !a.daysOff.includes(3));
    expect(atStart.map((e) => e.type === 'agent.state' && [e.payload.agentId, e.payload.state])).toEqual(
      expected.map((a) => [a.agentId, 'available']),
    );
  });

  it('starts a window at 03:00 with only the night crew on', () => {
    const from = local('2026-03-04T03:00');
    const atStart = [...simulate(OPTS, from, from + 1)].filter((e) => e.type === 'agent.state');
    const night = buildRoster(7, 24, QUEUE_NAMES).filter((a) => a.shift.name === 'night' && !a.daysOff.includes(2));
    expect(atStart.map((e) => e.type === 'agent.state' && e.payload.agentId)).toEqual(night.map((a) => a.agentId));
  });

  it('gives day agents breaks within the 15 min allowance (some run over) and a 30–45 min lunch, and logs them off at the end of the shift', () => {
    const spells = [...agents.values()].flatMap((a) => a.notReady.filter((s) => s.endedBy !== 'offline'));
    const minutes = (reason: string) => spells.filter((s) => s.reason === reason).map((s) => s.ms / 60_000);
    const breaks = minutes('break');
    const lunches = minutes('lunch');
    expect(breaks.length).toBeGreaterThan(20);
    expect(Math.min(...breaks)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...breaks)).toBeLessThanOrEqual(30);
    expect(breaks.some((m) => m > 17)).toBe(true); // the occasional overrun
    expect(lunches.length).toBeGreaterThan(10);
    expect(Math.min(...lunches)).toBeGreaterThanOrEqual(30);
    expect(Math.max(...lunches)).toBeLessThanOrEqual(45);

    const roster = buildRoster(7, 24, QUEUE_NAMES);
    for (const a of roster) {
      const replayed = agents.get(a.agentId);
      if (a.shift.name === 'night' || !replayed) continue;
      expect(replayed.state, a.agentId).toBe('offline');
    }
  });

  it('keeps DST days consistent (New York springs forward on 8 March 2026)', () => {
    const tz = 'America/New_York';
    const from = local('2026-03-08T00:00', tz);
    const to = local('2026-03-09T00:00', tz);
    expect(to - from).toBe(23 * HOUR);
    const events = [...simulate({ seed: 3, tz }, from, to)];
    expect(replay(events).problems).toEqual([]);
  });
});

describe('the replay check used above', () => {
  const ev = (n: number, type: string, payload: object) =>
    ({ id: `t-${n}`, type, ts: new Date(WED + n * 1000).toISOString(), source: 'test', payload }) as CanonicalEvent;

  it('catches an agent rung for a second call while on the first', () => {
    const { problems } = replay([
      ev(0, 'agent.state', { agentId: 'a1', state: 'available' }),
      ev(1, 'call.offered', { callId: 'c1', queue: 'general' }),
      ev(2, 'call.offered', { callId: 'c2', queue: 'general' }),
      ev(3, 'call.ringing', { callId: 'c1', agentId: 'a1' }),
      ev(3, 'agent.state', { agentId: 'a1', state: 'ringing' }),
      ev(4, 'call.ringing', { callId: 'c2', agentId: 'a1' }),
    ]);
    expect(problems).toEqual(['a1 rung for c2 while ringing with c1']);
  });

  it('catches a call answered without ringing and ended twice', () => {
    const { problems } = replay([
      ev(1, 'call.offered', { callId: 'c1', queue: 'general' }),
      ev(2, 'call.answered', { callId: 'c1', agentId: 'a1' }),
      ev(3, 'call.abandoned', { callId: 'c1' }),
      ev(4, 'call.abandoned', { callId: 'c1' }),
    ]);
    expect(problems).toEqual(['c1: answered while waiting', 'c1: abandoned while abandoned']);
  });
});

describe('simulate: traffic shape', () => {
  const byLocalHour = (events: readonly CanonicalEvent[], tz = TZ) => {
    const hours = new Array<number>(24).fill(0);
    const first = new Map<string, number>();
    for (const e of events) if (e.type === 'call.offered' && !first.has(e.payload.callId)) first.set(e.payload.callId, Date.parse(e.ts));
    for (const ms of first.values()) hours[DateTime.fromMillis(ms, { zone: tz }).hour]!++;
    return hours;
  };

  it('offers about the weekday table total: 800 calls at rate 1 (±5 Poisson sd)', () => {
    const expected = tableSum * DAY_FACTOR[3]!;
    expect(expected).toBe(800);
    const offered = callIds(wednesday).size;
    expect(Math.abs(offered - expected)).toBeLessThan(5 * Math.sqrt(expected));
  });

  it('peaks mid-morning and over lunch, and is quiet at night', () => {
    const hours = byLocalHour(wednesday);
    // Hand-calculated from the table: 10–11 h expects 78 calls, 12–13 h 78.4, 03–04 h 2.
    expect(expectedInHour(10)).toBe(78);
    expect(expectedInHour(3)).toBe(2);
    for (const h of [10, 12]) {
      expect(hours[h]).toBeGreaterThan(5 * hours[3]!);
      expect(Math.abs(hours[h]! - expectedInHour(h))).toBeLessThan(5 * Math.sqrt(expectedInHour(h)));
    }
    expect(hours[3]).toBeLessThan(12);
  });

  it('follows the center time zone', () => {
    const tz = 'America/New_York';
    const from = local('2026-03-04T00:00', tz);
    const hours = byLocalHour([...simulate({ seed: 7, tz }, from, from + 24 * HOUR)], tz);
    expect(hours[10]).toBeGreaterThan(5 * hours[3]!);
    expect(hours[15]).toBeGreaterThan(5 * hours[4]!);
  });

  it('is quieter at the weekend', () => {
    const sat = local('2026-03-07T00:00');
    const offered = callIds([...simulate(OPTS, sat, sat + 24 * HOUR)]).size;
    const expected = tableSum * DAY_FACTOR[6]!; // 360
    expect(Math.abs(offered - expected)).toBeLessThan(5 * Math.sqrt(expected));
    expect(offered).toBeLessThan(0.6 * callIds(wednesday).size);
  });

  it('loses 2–20 % of calls to abandonment, some of them short (< 5 s)', () => {
    const { calls } = replay(wednesday);
    const all = [...calls.values()];
    const abandoned = all.filter((c) => c.state === 'abandoned');
    const share = abandoned.length / all.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.2);
    const short = abandoned.filter((c) => c.abandonWaitMs! < 5000);
    // At least the quick hang-ups: 3 % of callers give up within 5 s.
    expect(short.length).toBeGreaterThan(0.5 * PATIENCE.quickHangupShare * all.length);
    expect(short.length).toBeLessThan(abandoned.length);
  });

  it('scales volume with the rate multiplier', () => {
    const base = callIds(wednesday).size;
    const double = callIds([...simulate({ ...OPTS, rate: 2 }, WED, WED + 24 * HOUR)]).size;
    const half = callIds([...simulate({ ...OPTS, rate: 0.5 }, WED, WED + 24 * HOUR)]).size;
    expect(double / base).toBeGreaterThan(1.7);
    expect(double / base).toBeLessThan(2.3);
    expect(half / base).toBeGreaterThan(0.4);
    expect(half / base).toBeLessThan(0.6);
    const none = [...simulate({ ...OPTS, rate: 0 }, WED, WED + 24 * HOUR)];
    expect(none.every((e) => e.type === 'agent.state')).toBe(true);
  });

  it('times out calls that wait past the queue timeout', () => {
    // Nobody to answer and a 60 s timeout: callers more patient than that time out, the others abandon.
    const queues = DEFAULT_QUEUES.map((q) => ({ ...q, timeoutS: 60 }));
    const events = [...simulate({ seed: 5, tz: TZ, agents: 0, queues }, WED + 10 * HOUR, WED + 11 * HOUR)];
    const { calls, problems } = replay(events);
    expect(problems).toEqual([]);
    const finished = [...calls.values()].filter((c) => c.state !== 'waiting');
    expect(finished.length).toBeGreaterThan(30);
    for (const c of finished) {
      const waitedMs = c.state === 'timed_out' ? 60_000 : c.abandonWaitMs!;
      expect(c.state === 'timed_out' || (c.state === 'abandoned' && waitedMs < 60_000), c.callId).toBe(true);
    }
    expect(finished.filter((c) => c.state === 'timed_out').length).toBeGreaterThan(0.2 * finished.length);
  });
});

/**
 * Replays simulator output through a strict per-call and per-agent state
 * machine and lists everything that does not fit. Stricter than the live
 * engine on purpose: the simulator has no excuse for missing or out-of-order
 * steps.
 */
interface ReplayedCall {
  callId: string;
  state: 'waiting' | 'ringing' | 'talking' | 'held' | 'transferred' | 'ended' | 'abandoned' | 'timed_out';
  queues: string[];
  callType?: string;
  caller?: string;
  firstOfferedMs: number;
  legOfferedMs: number;
  agent?: string;
  answeredBy: string[];
  /** Wait of each answered leg, offered → answered. */
  answerWaitsMs: number[];
  abandonWaitMs?: number;
  talkMs: number;
  holds: number;
  endedMs?: number;
  dispositions: Extract<CanonicalEvent, { type: 'call.dispositioned' }>['payload'][];
  recordings: Extract<CanonicalEvent, { type: 'call.recording' }>['payload'][];
  transcripts: Extract<CanonicalEvent, { type: 'call.transcript' }>['payload'][];
  transferred: boolean;
}

interface ReplayedAgent {
  state: string;
  reason?: string;
  sinceMs: number;
  call?: string;
  name?: string;
  team?: string;
  /** Closed not-ready spells, for duration checks. */
  notReady: { reason: string; ms: number; endedBy: string }[];
}

function replay(events: readonly CanonicalEvent[], skills?: ReadonlyMap<string, ReadonlySet<string>>) {
  const calls = new Map<string, ReplayedCall>();
  const agents = new Map<string, ReplayedAgent>();
  const problems: string[] = [];
  const talkSince = new Map<string, number>();

  const agent = (id: string, ms: number) => {
    let a = agents.get(id);
    if (!a) {
      a = { state: 'offline', sinceMs: ms, notReady: [] };
      agents.set(id, a);
    }
    return a;
  };
  const call = (id: string, what: string) => {
    const c = calls.get(id);
    if (!c) problems.push(`${what} for unknown call ${id}`);
    return c;
  };
  const expect = (c: ReplayedCall, allowed: ReplayedCall['state'][], what: string) => {
    const ok = allowed.includes(c.state);
    if (!ok) problems.push(`${c.callId}: ${what} while ${c.state}`);
    return ok;
  };
  const stopTalk = (c: ReplayedCall, ms: number) => {
    const since = talkSince.get(c.callId);
    if (since !== undefined) c.talkMs += ms - since;
    talkSince.delete(c.callId);
  };
  const release = (c: ReplayedCall) => {
    if (c.agent) {
      const a = agents.get(c.agent);
      if (a?.call === c.callId) a.call = undefined;
    }
    c.agent = undefined;
  };

  for (const e of events) {
    const ms = Date.parse(e.ts);
    switch (e.type) {
      case 'call.offered': {
        const p = e.payload;
        const c = calls.get(p.callId);
        if (!c) {
          calls.set(p.callId, {
            callId: p.callId,
            state: 'waiting',
            queues: [p.queue],
            callType: p.callType,
            caller: p.caller,
            firstOfferedMs: ms,
            legOfferedMs: ms,
            answeredBy: [],
            answerWaitsMs: [],
            talkMs: 0,
            holds: 0,
            dispositions: [],
            recordings: [],
            transcripts: [],
            transferred: false,
          });
        } else if (expect(c, ['transferred'], 'offered again')) {
          c.state = 'waiting';
          c.queues.push(p.queue);
          c.legOfferedMs = ms;
        }
        break;
      }
      case 'call.ringing': {
        const c = call(e.payload.callId, 'ringing');
        if (!c || !expect(c, ['waiting'], 'ringing')) break;
        const a = agent(e.payload.agentId, ms);
        if (a.state !== 'available' || a.call)
          problems.push(`${e.payload.agentId} rung for ${c.callId} while ${a.state} with ${a.call ?? 'no call'}`);
        const queue = c.queues.at(-1)!;
        if (skills && !skills.get(e.payload.agentId)?.has(queue)) problems.push(`${e.payload.agentId} has no skill for ${queue}`);
        c.state = 'ringing';
        c.agent = e.payload.agentId;
        a.call = c.callId;
        break;
      }
      case 'call.answered': {
        const c = call(e.payload.callId, 'answered');
        if (!c || !expect(c, ['ringing'], 'answered')) break;
        if (c.agent !== e.payload.agentId) problems.push(`${c.callId} answered by ${e.payload.agentId}, rang ${c.agent}`);
        c.state = 'talking';
        c.answeredBy.push(e.payload.agentId);
        c.answerWaitsMs.push(ms - c.legOfferedMs);
        talkSince.set(c.callId, ms);
        break;
      }
      case 'call.held': {
        const c = call(e.payload.callId, 'held');
        if (!c || !expect(c, ['talking'], 'held')) break;
        stopTalk(c, ms);
        c.state = 'held';
        c.holds++;
        break;
      }
      case 'call.resumed': {
        const c = call(e.payload.callId, 'resumed');
        if (!c || !expect(c, ['held'], 'resumed')) break;
        c.state = 'talking';
        talkSince.set(c.callId, ms);
        break;
      }
      case 'call.transferred': {
        const c = call(e.payload.callId, 'transferred');
        if (!c || !expect(c, ['talking'], 'transferred')) break;
        stopTalk(c, ms);
        c.state = 'transferred';
        c.transferred = true;
        release(c);
        break;
      }
      case 'call.ended': {
        const c = call(e.payload.callId, 'ended');
        if (!c || !expect(c, ['talking'], 'ended')) break;
        stopTalk(c, ms);
        c.state = 'ended';
        c.endedMs = ms;
        release(c);
        break;
      }
      case 'call.abandoned': {
        const c = call(e.payload.callId, 'abandoned');
        if (!c || !expect(c, ['waiting', 'ringing'], 'abandoned')) break;
        c.state = 'abandoned';
        c.abandonWaitMs = ms - c.legOfferedMs;
        release(c);
        break;
      }
      case 'call.timed_out': {
        const c = call(e.payload.callId, 'timed out');
        if (!c || !expect(c, ['waiting'], 'timed out')) break;
        c.state = 'timed_out';
        break;
      }
      case 'call.dispositioned': {
        const c = call(e.payload.callId, 'dispositioned');
        if (!c) break;
        if (c.answeredBy.length === 0) problems.push(`${c.callId} dispositioned but never answered`);
        c.dispositions.push(e.payload);
        break;
      }
      case 'call.recording': {
        const c = call(e.payload.callId, 'recording');
        if (!c) break;
        if (c.answeredBy.length === 0) problems.push(`${c.callId} recorded but never answered`);
        c.recordings.push(e.payload);
        break;
      }
      case 'call.transcript': {
        const c = call(e.payload.callId, 'transcript');
        if (!c) break;
        if (c.recordings.length === 0) problems.push(`${c.callId} transcript before its recording`);
        c.transcripts.push(e.payload);
        break;
      }
      case 'agent.state': {
        const p = e.payload;
        const a = agent(p.agentId, ms);
        if (a.state === 'not_ready') a.notReady.push({ reason: a.reason ?? '', ms: ms - a.sinceMs, endedBy: p.state });
        const inCall = a.call !== undefined;
        if ((p.state === 'ringing' || p.state === 'on_call') !== inCall) {
          problems.push(`${p.agentId} ${p.state} ${inCall ? `during ${a.call}` : 'without a call'}`);
        }
        if (p.state === 'on_call' && calls.get(a.call ?? '')?.state !== 'talking')
          problems.push(`${p.agentId} on_call but the call is not connected`);
        if (p.state === a.state && p.reason === a.reason) problems.push(`${p.agentId} repeats ${p.state}`);
        a.state = p.state;
        a.reason = p.reason;
        a.sinceMs = ms;
        a.name = p.name;
        a.team = p.team;
        break;
      }
      default:
        problems.push(`unexpected ${e.type}`);
    }
  }
  return { calls, agents, problems };
}
