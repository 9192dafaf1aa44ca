/** Answered calls as canonical events, for the QA suites: a local day two days ago in Asia/Shanghai, never in the future. */
import { type RunningApp, postEvents, until } from './app.js';

const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** A local day (Asia/Shanghai) `daysAgo` days before today. */
export const localDay = (daysAgo: number): string => new Date(Date.now() + OFFSET_MS - daysAgo * DAY_MS).toISOString().slice(0, 10);

export interface QaEvent {
  id: string;
  type: string;
  ts: string;
  source: string;
  payload: Record<string, unknown>;
}

/** Builds events on one local day, with ids unique to the builder. */
export function eventsOn(day: string, prefix = 'qa') {
  let seq = 0;
  const at = (hhmmss: string) => `${day}T${hhmmss}.000+08:00`;
  const ev = (type: string, hhmmss: string, payload: Record<string, unknown>): QaEvent => ({
    id: `${prefix}-${++seq}`,
    type,
    ts: at(hhmmss),
    source: 'test',
    payload,
  });
  /** One answered call: offered, answered 10 s later, `talkS` of talk, ended; then its disposition and recording. */
  const call = (
    callId: string,
    queue: string,
    agentId: string,
    start: string,
    talkS: number,
    extra: { recorded?: boolean; category?: string } = {},
  ): QaEvent[] => {
    const t0 = Date.parse(at(start));
    const hms = (ms: number) => new Date(ms + OFFSET_MS).toISOString().slice(11, 19);
    const events = [
      ev('call.offered', start, { callId, queue, callType: 'general' }),
      ev('call.answered', hms(t0 + 10_000), { callId, agentId }),
      ev('call.ended', hms(t0 + 10_000 + talkS * 1000), { callId, endedBy: 'caller' }),
    ];
    if (extra.category)
      events.push(ev('call.dispositioned', hms(t0 + 20_000 + talkS * 1000), { callId, agentId, category: extra.category }));
    if (extra.recorded !== false)
      events.push(
        ev('call.recording', hms(t0 + 30_000 + talkS * 1000), { callId, url: `https://pbx.example/rec/${callId}.wav`, durationS: talkS }),
      );
    return events;
  };
  return { at, ev, call };
}

/** Every item of the default form with full marks. */
export const FULL_MARKS: Record<string, boolean | number | 'na'> = {
  greeting: true,
  identity: true,
  recording_notice: true,
  please_you: 2,
  no_forbidden_phrase: true,
  no_arguing: true,
  patience: 2,
  answer_or_reply_time: 2,
  apology: true,
  category_transfer: true,
  summary: true,
  anything_else: true,
  farewell: true,
  record_complete: true,
};

/** Answers as the API takes them. */
export const answerList = (a: Record<string, boolean | number | 'na'>) => Object.entries(a).map(([itemId, value]) => ({ itemId, value }));

/**
 * Posts the calls and waits until the writer has stored the `count` answered
 * calls that `ready` selects (default: those with a recording).
 */
export async function postAndAwaitCalls(
  app: RunningApp,
  events: readonly QaEvent[],
  count: number,
  ready = 'recording_url IS NOT NULL',
): Promise<void> {
  const r = await postEvents(app.url, [...events]);
  if (r.status !== 202 || r.body.accepted !== events.length)
    throw new Error(`the QA calls were not all accepted: ${JSON.stringify(r.body)}`);
  await until(`the ${count} calls stored`, async () => {
    const q = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM calls WHERE talk_s IS NOT NULL AND (${ready})`);
    return q.rows[0]!.n === count || undefined;
  });
}
