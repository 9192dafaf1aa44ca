/**
 * One error shape for every API response: a stable `code`, a human message and,
 * where one field is to blame, its name.
 */
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { clip } from './text.js';

export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super({ statusCode: status, code, message, ...(field ? { field } : {}) }, status);
  }
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    /** When the wallboard app is served: client-side routes (/trends, /qa …) get its index.html. */
    private readonly spaFallback = false,
    /** Told about every refused request (403), for the audit log. */
    private readonly onDenied?: (req: FastifyRequest, code: string, message: string) => void,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    if (exception instanceof NotFoundException && !(exception instanceof ApiError)) {
      if (this.spaFallback && req.method === 'GET' && !/^\/(api|health|metrics|socket\.io)(\/|$|\?)/.test(req.url)) {
        void (reply as FastifyReply & { sendFile: (f: string) => FastifyReply }).type('text/html').sendFile('index.html');
        return;
      }
      const path = req.url.split('?')[0];
      void reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', message: `no route ${req.method} ${path}` });
      return;
    }
    if (exception instanceof ApiError) {
      if (exception.getStatus() === 403) this.onDenied?.(req, exception.code, exception.message);
      const retryAfterS = (exception as ApiError & { retryAfterS?: number }).retryAfterS;
      if (retryAfterS !== undefined) void reply.header('Retry-After', String(retryAfterS));
      void reply.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    // Fastify's refusal of a body it has no parser for, however it reached here.
    const refused = exception instanceof HttpException ? exception.getStatus() : (exception as { statusCode?: number }).statusCode;
    if (refused === 415) {
      const type = clip(String(req.headers['content-type'] ?? 'none'));
      void reply.status(415).send({
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: `content-type: only application/json is read (got ${type})`,
        field: 'content-type',
      });
      return;
    }
    // Fastify's refusal of a body over the route's limit, before it was read.
    if (refused === 413) {
      const limit = req.routeOptions?.bodyLimit;
      const within = typeof limit === 'number' ? ` (at most ${limit >= 1_048_576 ? `${limit / 1_048_576} MB` : `${limit} bytes`})` : '';
      void reply.status(413).send({ statusCode: 413, code: 'BODY_TOO_LARGE', message: `body: too large${within}`, field: 'body' });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      void reply.status(status).send({ statusCode: status, code: HttpStatus[status] ?? 'ERROR', message: clip(String(message)) });
      return;
    }
    const status = (exception as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      void reply.status(status).send({
        statusCode: status,
        code: (exception as { code?: string }).code ?? 'BAD_REQUEST',
        message: clip((exception as Error).message),
      });
      return;
    }
    this.logger.error({
      msg: 'unhandled error',
      err: exception instanceof Error ? { message: exception.message, stack: exception.stack } : String(exception),
    });
    void reply.status(500).send({ statusCode: 500, code: 'INTERNAL', message: 'internal error' });
  }
}
