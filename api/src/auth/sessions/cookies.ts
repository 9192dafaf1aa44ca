/** The session cookie: httpOnly (no script reads it), SameSite=Strict, Secure over HTTPS. */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'cb_session';

type CookieReply = FastifyReply & {
  setCookie(name: string, value: string, opts: Record<string, unknown>): FastifyReply;
  clearCookie(name: string, opts: Record<string, unknown>): FastifyReply;
};

const options = (req: FastifyRequest) => ({ httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https', path: '/' });

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, maxAgeS: number): void {
  (reply as CookieReply).setCookie(SESSION_COOKIE, token, { ...options(req), maxAge: Math.round(maxAgeS) });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  (reply as CookieReply).clearCookie(SESSION_COOKIE, options(req));
}

export const sessionCookieOf = (req: FastifyRequest): string | undefined =>
  (req as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies?.[SESSION_COOKIE];
