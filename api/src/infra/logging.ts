import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream, LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';
import { type MessageFormatFunc, PinoPretty } from 'pino-pretty';
import { maskCaller } from '../common/mask.js';

/**
 * Log redaction: secrets are removed, caller numbers keep their last four digits.
 * No two paths may name the same field (`*.payload.caller` is `*.*.caller`): the
 * censor would run twice and mask the four digits of an already masked number.
 */
export const REDACT = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-csrf-token"]',
    'res.headers["set-cookie"]',
    'password',
    '*.password',
    'secret',
    '*.secret',
    'caller',
    '*.caller',
    '*.*.caller',
  ],
  censor: (value: unknown, path: string[]) =>
    path[path.length - 1] === 'caller' ? maskCaller(typeof value === 'string' ? value : String(value)) : '[redacted]',
};

/** Health checks and scrapes would drown the log. */
const UNLOGGED = /^\/(health|metrics)$/;
/** The API and the live socket; every other path is a file of the wallboard app. */
const API = /^\/(api|socket\.io)(\/|$)/;

/** Nest's middleware may cut `req.url` down to the part after its own path; `originalUrl` keeps it whole. */
const pathOf = (req: IncomingMessage & { originalUrl?: string }): string => (req.originalUrl ?? req.url ?? '').split('?', 1)[0] ?? '';

export const isUnlogged = (req: IncomingMessage): boolean => UNLOGGED.test(pathOf(req));

/**
 * The level of a request's line. A page load fetches a dozen scripts, styles and
 * fonts: those lines are debug, so that the API's requests stand out at info.
 */
export function requestLevel(req: IncomingMessage, res: ServerResponse, err?: Error): LevelWithSilent {
  if (err || res.statusCode >= 500) return 'error';
  return API.test(pathOf(req)) ? 'info' : 'debug';
}

interface RequestLine {
  context?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
}

/**
 * A terminal's message: the Nest context, the message, and for a request its
 * method, URL, status and duration. Headers and the rest of the request are
 * left out: the JSON log keeps them for machines.
 */
const terminalMessage: MessageFormatFunc = (log, messageKey) => {
  const { context, req, res, responseTime } = log as RequestLine;
  const msg = log[messageKey];
  const parts = [context && `[${context}]`, typeof msg === 'string' && msg];
  if (req) parts.push(`${req.method} ${req.url}`);
  if (res?.statusCode) parts.push(String(res.statusCode));
  if (responseTime !== undefined) parts.push(`${responseTime} ms`);
  return parts.filter(Boolean).join(' ');
};

const terminal = (destination: DestinationStream | number): DestinationStream =>
  PinoPretty({
    destination,
    // In step with the lines the API writes to stdout itself (the banner).
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: terminalMessage,
  });

export interface LogOutput {
  /** Human-readable lines (a person at a terminal) instead of one JSON object per line. */
  pretty: boolean;
  /** Where the lines go; standard output by default. */
  destination?: DestinationStream;
}

/** The logger of the API and of every HTTP request (nestjs-pino over pino-http). */
export function loggerParams(level: LevelWithSilent, output: LogOutput): Params {
  const options: Options = {
    level,
    redact: REDACT,
    autoLogging: { ignore: isUnlogged },
    customLogLevel: requestLevel,
  };
  // Every path: on Fastify the default of nestjs-pino (`{/*splat}`) reaches only `/`,
  // and no request of the API would be logged.
  const forRoutes = [{ path: '*path', method: RequestMethod.ALL }];
  if (output.pretty) return { forRoutes, pinoHttp: [options, terminal(output.destination ?? 1)] };
  return { forRoutes, pinoHttp: output.destination ? [options, output.destination] : options };
}
