/**
 * The cap on distinct queues and agents in a day: every name the live engine
 * holds is in every snapshot, so a sender inventing thousands of them would
 * make each wallboard download megabytes. An event of today naming a queue or
 * agent beyond the cap is refused; events of known names, and of other days,
 * pass.
 */
import type { CanonicalEvent } from '../events/event.schema.js';
import type { DayNames } from '../live/live.service.js';
import type { Rejection } from './ingest.wire.js';

export interface NameCaps {
  queues: number;
  agents: number;
}

const QUEUE_FIELDS = ['queue', 'toQueue'] as const;
const AGENT_FIELDS = ['agentId', 'toAgent'] as const;

/** Splits validated events (at their batch `indexes`) into those within the caps, with their batch indexes, and the refused. */
export function capDistinctNames(
  events: readonly CanonicalEvent[],
  indexes: readonly number[],
  today: DayNames,
  caps: NameCaps,
): { events: CanonicalEvent[]; indexes: number[]; rejected: Rejection[] } {
  // Names first seen in this batch; the day's own are read in place.
  const fresh = { queues: new Set<string>(), agents: new Set<string>() };
  const kept: CanonicalEvent[] = [];
  const keptIndexes: number[] = [];
  const rejected: Rejection[] = [];
  events.forEach((event, i) => {
    const ms = Date.parse(event.ts);
    if (ms < today.startMs || ms >= today.endMs) {
      kept.push(event);
      keptIndexes.push(indexes[i]!);
      return;
    }
    const payload = event.payload as Record<string, unknown>;
    const over = (fields: readonly string[], what: 'queues' | 'agents', cap: number): string | undefined => {
      const known = (v: string) => today[what].has(v) || fresh[what].has(v);
      const added = new Set(fields.map((f) => payload[f]).filter((v): v is string => typeof v === 'string' && !known(v)));
      if (today[what].size + fresh[what].size + added.size <= cap) return undefined;
      const field = fields.find((f) => added.has(payload[f] as string))!;
      return `payload.${field}: too many distinct ${what} today (${cap})`;
    };
    const error = over(QUEUE_FIELDS, 'queues', caps.queues) ?? over(AGENT_FIELDS, 'agents', caps.agents);
    if (error) {
      rejected.push({ index: indexes[i]!, error });
      return;
    }
    for (const f of QUEUE_FIELDS) if (typeof payload[f] === 'string' && !today.queues.has(payload[f])) fresh.queues.add(payload[f]);
    for (const f of AGENT_FIELDS) if (typeof payload[f] === 'string' && !today.agents.has(payload[f])) fresh.agents.add(payload[f]);
    kept.push(event);
    keptIndexes.push(indexes[i]!);
  });
  return { events: kept, indexes: keptIndexes, rejected };
}
