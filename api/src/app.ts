import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { AuditService } from './auth/audit/audit.service.js';
import { CallboardIoAdapter } from './live/io-adapter.js';
import { ApiExceptionFilter } from './common/errors.js';
import { boundedJsonParser } from './common/json-body.js';
import { type AppConfig, trustProxyOption } from './config/config.js';

/** SPEC §6: an ingest body is at most 5 MB. */
export const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/** The built wallboard app, served at / when present. */
export const WALLBOARD_DIST = fileURLToPath(new URL('../../wallboard/dist/', import.meta.url));

export interface RegisteredRoute {
  method: string;
  url: string;
}

const ROUTES = new WeakMap<object, RegisteredRoute[]>();

/** Every route the HTTP server registered (API, static files), for the test that checks each has a policy and documentation. */
export const registeredRoutes = (app: object): RegisteredRoute[] => ROUTES.get(app) ?? [];

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: trustProxyOption(config.CALLBOARD_TRUST_PROXY) });
  const routes: RegisteredRoute[] = [];
  adapter.getInstance().addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method: String(method), url: r.url });
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, boundedJsonParser(adapter.getInstance()));
  ROUTES.set(app, routes);
  const logger = app.get(Logger);
  app.useLogger(logger);
  const audit = app.get(AuditService);
  app.useGlobalFilters(
    new ApiExceptionFilter(logger, existsSync(WALLBOARD_DIST), (req, code, message) => audit.denied(req, code, message)),
  );
  app.useWebSocketAdapter(
    new CallboardIoAdapter(app, config.CALLBOARD_ALLOWED_ORIGINS, (req) =>
      audit.record({
        action: 'socket.denied',
        outcome: 'denied',
        target: '/live',
        ip: req.socket.remoteAddress ?? null,
        detail: { code: 'ORIGIN', origin: req.headers.origin },
      }),
    ),
  );
  await app.register(fastifyCookie as never);
  app.enableShutdownHooks();
  await app.register(fastifyHelmet as never, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        frameAncestors: ["'none'"],
      },
    },
  });
  if (existsSync(WALLBOARD_DIST)) {
    await app.register(fastifyStatic as never, { root: WALLBOARD_DIST, prefix: '/', wildcard: false });
  }
  return app;
}
