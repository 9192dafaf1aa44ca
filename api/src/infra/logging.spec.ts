import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, LevelWithSilent } from 'pino';
import { type Options, pinoHttp } from 'pino-http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isUnlogged, loggerParams, requestLevel } from './logging.js';

const request = (url: string) => ({ url }) as IncomingMessage;
const response = (statusCode: number) => ({ statusCode }) as ServerResponse;

describe('which requests are logged at which level', () => {
  it.each([
    ['/api/live/snapshot', 'info'],
    ['/api', 'info'],
    ['/api?scope=all', 'info'],
    ['/socket.io/?EIO=4&transport=polling', 'info'],
    ['/', 'debug'],
    ['/assets/index-3f2a9c.js', 'debug'],
    ['/wallboard', 'debug'],
    ['/apiary.png', 'debug'],
  ])('logs a 200 for %s at %s', (url, level) => {
    expect(requestLevel(request(url), response(200))).toBe(level);
  });

  it('logs a failure at error, a static file included', () => {
    expect(requestLevel(request('/api/settings'), response(500))).toBe('error');
    expect(requestLevel(request('/assets/index.js'), response(503))).toBe('error');
    expect(requestLevel(request('/api/settings'), response(200), new Error('socket hang up'))).toBe('error');
  });

  it('logs a refusal of the API at info', () => {
    expect(requestLevel(request('/api/settings'), response(403))).toBe('info');
  });

  it('leaves out health checks and scrapes, with or without a query', () => {
    expect(isUnlogged(request('/health'))).toBe(true);
    expect(isUnlogged(request('/metrics'))).toBe(true);
    expect(isUnlogged(request('/health?probe=k8s'))).toBe(true);
    expect(isUnlogged(request('/healthz'))).toBe(false);
    expect(isUnlogged(request('/api/health'))).toBe(false);
  });
});

/** Everything written to the log, line by line. */
function capture(): { destination: DestinationStream; lines: () => string[] } {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { destination, lines: () => stripVTControlCharacters(text).split('\n').filter(Boolean) };
}

const HEADERS = { authorization: 'Bearer kiosk-token-1234', cookie: 'cb_session=s3cr3t', 'x-request-source': 'wallboard' };

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A server logging through the API's request logger; `/api/fail` answers 500. */
async function serve(level: LevelWithSilent, pretty: boolean) {
  const out = capture();
  const [options, destination] = loggerParams(level, { pretty, destination: out.destination }).pinoHttp as [Options, DestinationStream];
  const log = pinoHttp(options, destination);
  const server = createServer((req, res) => {
    log(req, res);
    res.statusCode = req.url === '/api/fail' ? 500 : 200;
    res.end('ok');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string) => void (await (await fetch(base + path, { headers: HEADERS })).text());
  return { ...out, get, logger: log.logger };
}

describe('the JSON log (not a terminal)', () => {
  it('writes an API request at info with its headers, the secrets redacted', async () => {
    const { get, lines } = await serve('info', false);
    await get('/api/live?scope=all');
    await vi.waitFor(() => expect(lines()).toHaveLength(1));
    const line = JSON.parse(lines()[0]!);
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'GET', url: '/api/live?scope=all' },
      res: { statusCode: 200 },
    });
    expect(line.req.headers).toMatchObject({ authorization: '[redacted]', cookie: '[redacted]', 'x-request-source': 'wallboard' });
  });

  it('leaves the static files out at info and writes them at debug', async () => {
    const atInfo = await serve('info', false);
    await atInfo.get('/assets/index.js');
    await atInfo.get('/health');
    await atInfo.get('/api/fail');
    await vi.waitFor(() => expect(atInfo.lines()).toHaveLength(1));
    expect(JSON.parse(atInfo.lines()[0]!)).toMatchObject({ level: 50, req: { url: '/api/fail' }, res: { statusCode: 500 } });

    const atDebug = await serve('debug', false);
    await atDebug.get('/assets/index.js');
    await vi.waitFor(() => expect(atDebug.lines()).toHaveLength(1));
    expect(JSON.parse(atDebug.lines()[0]!)).toMatchObject({ level: 20, req: { url: '/assets/index.js' } });
  });

  it('keeps the last four digits of a caller, at any depth the paths name', async () => {
    const { logger, lines } = await serve('info', false);
    // '+86 138 1234 5678' has 13 digits: 9 masked, then 5678.
    logger.info({ caller: '+86 138 1234 5678', event: { payload: { caller: '13812345678' } } }, 'offered');
    const line = JSON.parse(lines()[0]!);
    expect(line.caller).toBe('*********5678');
    // '13812345678' has 11 digits: 7 masked, then 5678.
    expect(line.event.payload.caller).toBe('*******5678');
  });
});

describe('the terminal', () => {
  it('writes a request as time, level, message, method, URL, status and duration, without headers', async () => {
    const { get, lines } = await serve('info', true);
    await get('/api/live?scope=all');
    await vi.waitFor(() => expect(lines()).toHaveLength(1));
    expect(lines()[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request completed GET \/api\/live\?scope=all 200 \d+ ms$/);
    for (const header of ['Bearer', 'kiosk-token', 's3cr3t', 'wallboard', 'headers', 'authorization'])
      expect(lines()[0]).not.toContain(header);
  });

  it('leaves the static files out at info', async () => {
    const { get, lines } = await serve('info', true);
    await get('/assets/index.js');
    await get('/api/fail');
    await vi.waitFor(() => expect(lines().length).toBeGreaterThan(0));
    expect(lines()[0]).toMatch(/ ERROR: request errored GET \/api\/fail 500 \d+ ms$/);
    expect(lines().join('\n')).not.toContain('/assets/index.js');
  });

  it('masks a caller there too', async () => {
    const { logger, lines } = await serve('info', true);
    logger.info({ caller: '13812345678' }, 'offered');
    await vi.waitFor(() => expect(lines().length).toBeGreaterThan(0));
    expect(lines().join('\n')).toContain('*******5678');
    expect(lines().join('\n')).not.toContain('13812345678');
  });
});

describe('in a Nest application on Fastify', () => {
  @Controller('api/v1/things')
  class ThingsController {
    @Get()
    list(): string[] {
      return [];
    }
  }

  it('logs the requests of the API routes, not only those of /', async () => {
    const out = capture();
    @Module({
      imports: [LoggerModule.forRoot(loggerParams('info', { pretty: false, destination: out.destination }))],
      controllers: [ThingsController],
    })
    class ThingsModule {}
    const app = await NestFactory.create<NestFastifyApplication>(ThingsModule, new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/things?page=2' });
      expect(res.statusCode).toBe(200);
      await vi.waitFor(() => expect(out.lines()).toHaveLength(1));
      expect(JSON.parse(out.lines()[0]!)).toMatchObject({
        level: 30,
        req: { method: 'GET', url: '/api/v1/things?page=2' },
        res: { statusCode: 200 },
      });
    } finally {
      await app.close();
    }
  });
});
