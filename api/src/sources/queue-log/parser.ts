/**
 * Asterisk `queue_log` lines → typed records (../shared/QUEUE_LOG.md).
 *
 * Two layouts:
 * - the file Asterisk writes (1.4 … 22): `epoch|callid|queue|agent|event|data1|data2|…`,
 *   whole seconds since 1970 (UTC);
 * - a CSV export of the realtime table (`time, callid, queuename, agent, event,
 *   data1..data5`, or one `data` column holding the fields joined by `|`), with
 *   `time` as the server's local `YYYY-MM-DD HH:MM:SS[.ffffff]`, read in the
 *   zone the import names (luxon, so DST days are right).
 *
 * A line that cannot be read is reported with a reason and a message, never
 * thrown: an import counts it and carries on.
 */
import { DateTime } from 'luxon';
import Papa from 'papaparse';

export interface QueueLogRecord {
  /** Milliseconds since 1970 (the file has whole seconds; the realtime table may have fractions). */
  tsMs: number;
  callid: string;
  queue: string;
  agent: string;
  /** The event name as written, upper case (ENTERQUEUE, CONNECT, …). */
  verb: string;
  /** data1, data2, … with empty trailing fields removed. */
  data: string[];
}

export type ParseOutcome =
  | { ok: true; record: QueueLogRecord }
  | { ok: false; reason: 'blank' | 'unparsable'; message: string }
  /** The CSV header row: it names the columns, it is no event. */
  | { ok: false; reason: 'header'; message: string };

export type QueueLogFormat = 'file' | 'csv';

/** Stamps before this are refused, like back-fills (2000-01-01T00:00:00Z): a truncated epoch reads as 1970. */
export const EARLIEST_MS = Date.UTC(2000, 0, 1);
/** …and from 2100 on: more digits than an epoch of this century. */
export const LATEST_MS = Date.UTC(2100, 0, 1);

const EPOCH = /^\d{1,12}$/;
const VERB = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The file layout, or the CSV export: a file line starts with its epoch and a pipe. */
export function detectFormat(firstLine: string): QueueLogFormat {
  return /^\s*\d+\|/.test(firstLine) ? 'file' : 'csv';
}

/** The columns of the realtime table, in the order Asterisk's `extconfig` creates them. */
const DEFAULT_COLUMNS = ['time', 'callid', 'queuename', 'agent', 'event', 'data1', 'data2', 'data3', 'data4', 'data5'];
const COLUMN_ALIASES: Record<string, string> = { queue: 'queuename', verb: 'event', uniqueid: 'callid' };

export interface CsvState {
  /** Column names from the header row, lower case; null until one was read (then the default order holds). */
  columns: string[] | null;
}

export interface ParserOptions {
  format: QueueLogFormat;
  /** IANA zone of the realtime table's local times (CSV only), e.g. Asia/Shanghai. */
  zone?: string;
}

export class QueueLogParser {
  readonly format: QueueLogFormat;
  private readonly zone: string;
  private columns: string[] | null;
  /** The realtime table's stamps come in runs of the same second: its conversion is kept. */
  private lastSecond = '';
  private lastSecondMs = NaN;

  constructor(options: ParserOptions, state?: CsvState) {
    this.format = options.format;
    if (options.format === 'csv') {
      if (!options.zone) throw new Error('zone: the CSV export has local times; name their IANA time zone (e.g. Asia/Shanghai)');
      if (!DateTime.local().setZone(options.zone).isValid) throw new Error(`zone: ${options.zone} is not an IANA time zone`);
    }
    this.zone = options.zone ?? 'UTC';
    this.columns = state?.columns ?? null;
  }

  /** What a resumed import needs to read the rest of the same CSV (its header). */
  state(): CsvState {
    return { columns: this.columns };
  }

  parse(line: string): ParseOutcome {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() === '') return { ok: false, reason: 'blank', message: 'blank line' };
    return this.format === 'file' ? parseFileLine(text) : this.parseCsvLine(text);
  }

  private parseCsvLine(text: string): ParseOutcome {
    let cells: string[];
    if (text.includes('"')) {
      const parsed = Papa.parse<string[]>(text, { delimiter: ',' });
      if (parsed.errors.length > 0 || parsed.data.length !== 1) {
        return { ok: false, reason: 'unparsable', message: `CSV: ${parsed.errors[0]?.message ?? 'more than one row in a line'}` };
      }
      cells = parsed.data[0]!;
    } else {
      // No quotes: a comma always separates (RFC 4180), the same cells Papa Parse gives, without its per-call set-up.
      cells = text.split(',');
    }
    const lower = cells.map((c) => c.trim().toLowerCase());
    if (lower.includes('time') && lower.includes('event')) {
      this.columns = lower.map((c) => COLUMN_ALIASES[c] ?? c);
      return { ok: false, reason: 'header', message: 'CSV header' };
    }
    const columns = this.columns ?? DEFAULT_COLUMNS;
    const cell = (name: string): string | undefined => {
      const i = columns.indexOf(name);
      return i < 0 ? undefined : cells[i];
    };
    const time = cell('time');
    const verb = cell('event');
    if (time === undefined || verb === undefined) {
      return { ok: false, reason: 'unparsable', message: `CSV: ${cells.length} columns, too few for time … event` };
    }
    const tsMs = this.csvTime(time.trim());
    if (typeof tsMs === 'string') return { ok: false, reason: 'unparsable', message: tsMs };
    let data: string[];
    const single = cell('data');
    if (single !== undefined && !columns.includes('data1')) data = single === '' ? [] : single.split('|');
    else data = ['data1', 'data2', 'data3', 'data4', 'data5'].map((c) => cell(c) ?? '');
    return record(tsMs, cell('callid') ?? '', cell('queuename') ?? '', cell('agent') ?? '', verb.trim(), data);
  }

  private csvTime(time: string): number | string {
    if (EPOCH.test(time)) return epochMs(time);
    const second = time.slice(0, 19);
    let ms: number;
    if (second === this.lastSecond) ms = this.lastSecondMs;
    else {
      const dt = DateTime.fromSQL(second, { zone: this.zone });
      if (!dt.isValid || second.length !== 19) {
        return `time: ${JSON.stringify(time)} is not YYYY-MM-DD HH:MM:SS[.ffffff]`;
      }
      ms = dt.toMillis();
      this.lastSecond = second;
      this.lastSecondMs = ms;
    }
    const rest = time.slice(19);
    if (rest !== '') {
      // Fractions of the second: microseconds in the table, milliseconds in canonical events (truncated).
      if (!/^\.\d{1,9}$/.test(rest)) return `time: ${JSON.stringify(time)} is not YYYY-MM-DD HH:MM:SS[.ffffff]`;
      ms += Math.floor(Number(`0${rest}`) * 1000);
    }
    return inRange(ms, time);
  }
}

function parseFileLine(text: string): ParseOutcome {
  const f = text.split('|');
  if (f.length < 5) return { ok: false, reason: 'unparsable', message: `${f.length} fields, fewer than epoch|callid|queue|agent|event` };
  const epoch = f[0]!.trim();
  if (!EPOCH.test(epoch)) return { ok: false, reason: 'unparsable', message: `epoch: ${JSON.stringify(clip(epoch))} is not whole seconds` };
  const tsMs = epochMs(epoch);
  if (typeof tsMs === 'string') return { ok: false, reason: 'unparsable', message: tsMs };
  return record(tsMs, f[1]!, f[2]!, f[3]!, f[4]!, f.slice(5));
}

function epochMs(epoch: string): number | string {
  return inRange(Number(epoch) * 1000, epoch);
}

function inRange(ms: number, as: string): number | string {
  if (ms < EARLIEST_MS || ms >= LATEST_MS) return `time: ${JSON.stringify(clip(as))} is outside 2000-01-01 … 2099-12-31`;
  return ms;
}

function record(tsMs: number, callid: string, queue: string, agent: string, verb: string, data: string[]): ParseOutcome {
  if (!VERB.test(verb)) return { ok: false, reason: 'unparsable', message: `event: ${JSON.stringify(clip(verb))} is not an event name` };
  let n = data.length;
  while (n > 0 && data[n - 1] === '') n--;
  return {
    ok: true,
    record: {
      tsMs,
      callid: callid.trim(),
      queue: queue.trim(),
      agent: agent.trim(),
      verb: verb.toUpperCase(),
      data: n === data.length ? data : data.slice(0, n),
    },
  };
}

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
