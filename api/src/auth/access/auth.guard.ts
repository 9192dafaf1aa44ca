/**
 * The one gate in front of every REST route: finds the route's policy,
 * authenticates (API key, or session cookie plus CSRF token for
 * state-changing requests), checks the role's capability, and keeps the
 * session alive. Scope (which queues and teams) is checked by the handlers,
 * which know what is being asked for.
 */
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../common/errors.js';
import { ApiKeyVerifier, bearerOf } from '../credentials/api-key.verifier.js';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from '../sessions/cookies.js';
import { type Session, SessionsService } from '../sessions/sessions.service.js';
import { POLICY, type RoutePolicy } from './policy.js';
import type { AuthedRequest } from './principal.js';
import { can } from './roles.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyVerifier) private readonly keys: ApiKeyVerifier,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    // Socket messages are authorized by the gateway, on the handshake and on each subscribe.
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<FastifyRequest>() as AuthedRequest;
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY, [ctx.getHandler(), ctx.getClass()]);
    const route = `${req.method} ${req.routeOptions?.url ?? req.url}`;
    if (!policy) throw new ApiError(403, 'NO_POLICY', `no access policy is declared for ${route}`);
    if (policy.kind === 'public') return true;

    const bearer = bearerOf(req.headers.authorization);
    if (bearer === null) throw new ApiError(401, 'UNAUTHENTICATED', 'Authorization must be "Bearer <API key>"', 'authorization');
    if (bearer !== undefined) {
      const principal = await this.keys.principal(bearer);
      if (!principal) throw new ApiError(403, 'FORBIDDEN', 'unknown or revoked API key', 'authorization');
      req.principal = principal;
      if (policy.kind === 'session') throw new ApiError(403, 'FORBIDDEN', `an API key cannot use ${route}`);
      if (!can(principal.role, policy.capability))
        throw new ApiError(403, 'FORBIDDEN', `a key with role ${principal.role} may not use ${route}`);
      return true;
    }

    const token = sessionCookieOf(req);
    if (!token) {
      const hint =
        policy.kind === 'capability' && policy.capability === 'ingest' ? 'Authorization: Bearer <ingest key> is required' : 'sign in first';
      throw new ApiError(
        401,
        'UNAUTHENTICATED',
        hint,
        policy.kind === 'capability' && policy.capability === 'ingest' ? 'authorization' : undefined,
      );
    }
    const check = await this.sessions.check(token);
    if (!check.ok) {
      clearSessionCookie(req, reply);
      if (check.reason === 'invalid') throw new ApiError(401, 'UNAUTHENTICATED', 'the session cookie is not valid; sign in again');
      throw new ApiError(
        401,
        'SESSION_EXPIRED',
        check.reason === 'expired' ? 'your session has expired; sign in again' : 'your session has ended; sign in again',
      );
    }
    const { session } = check;
    req.principal = session.principal;
    (req as AuthedRequest & { session?: typeof session }).session = session;
    if (policy.kind === 'capability' && !can(session.principal.role, policy.capability)) {
      throw new ApiError(403, 'FORBIDDEN', `role ${session.principal.role} may not use ${route}`);
    }
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (!this.sessions.verifyCsrf(session, typeof header === 'string' ? header : undefined)) {
        throw new ApiError(
          403,
          'CSRF',
          `missing or wrong ${CSRF_HEADER} header (take csrfToken from GET /api/v1/auth/session)`,
          CSRF_HEADER,
        );
      }
    }
    const renewed = await this.sessions.touch(session, check.issuedAt);
    if (renewed) setSessionCookie(req, reply, renewed, this.sessions.idleMs / 1000);
    return true;
  }
}

/** The session the guard found for this request (users and kiosks). */
export const sessionOf = (req: FastifyRequest): Session | undefined => (req as FastifyRequest & { session?: Session }).session;
