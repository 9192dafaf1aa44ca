/**
 * Asterisk `queue_log` as a source: a parser for the file and the realtime
 * table's CSV export, and a streaming mapper to canonical events. A reader
 * pairs them for a caller that feeds lines with their numbers (an import, a
 * follower, an HTTP body) and can save and resume its state.
 */
import type { CanonicalEvent } from '../../events/event.schema.js';
import { type MapperOptions, type MapperState, QueueLogMapper } from './mapper.js';
import { type CsvState, type ParserOptions, QueueLogParser } from './parser.js';
import type { ImportSummary } from './summary.js';

export * from './mapper.js';
export * from './parser.js';
export * from './summary.js';

export interface ReaderState {
  parser: CsvState;
  mapper: MapperState;
}

export class QueueLogReader {
  private readonly parser: QueueLogParser;
  private readonly mapper: QueueLogMapper;

  constructor(options: ParserOptions & MapperOptions, state?: ReaderState) {
    this.parser = new QueueLogParser(options, state?.parser);
    this.mapper = new QueueLogMapper(options, state?.mapper);
  }

  /** One line (without its line break) and its 1-based number; the events it makes. */
  line(text: string, lineNo: number): CanonicalEvent[] {
    const parsed = this.parser.parse(text);
    if (parsed.ok) return this.mapper.push(parsed.record, lineNo);
    if (parsed.reason !== 'header') this.mapper.skip(lineNo, parsed.reason, parsed.message);
    else this.mapper.summary.linesRead++;
    return [];
  }

  /** The end of the input (see QueueLogMapper.end). */
  end(): void {
    this.mapper.end();
  }

  get summary(): ImportSummary {
    return this.mapper.summary;
  }

  /** JSON-ready; give it back to the constructor to carry on after the last line read. */
  state(): ReaderState {
    return { parser: this.parser.state(), mapper: this.mapper.state() };
  }
}

/** Every event of a whole text (tests, small HTTP bodies): lines numbered from 1, then the end. */
export function readQueueLog(text: string, options: ParserOptions & MapperOptions): { events: CanonicalEvent[]; summary: ImportSummary } {
  const reader = new QueueLogReader(options);
  const events: CanonicalEvent[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((l, i) => events.push(...reader.line(l, i + 1)));
  reader.end();
  return { events, summary: reader.summary };
}
