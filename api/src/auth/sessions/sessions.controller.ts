import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseInput } from '../../common/validation.js';
import { ApiOperation } from '../../docs/api-operation.js';
import { sessionOf } from '../access/auth.guard.js';
import { Allow, Public, SignedIn } from '../access/policy.js';
import { clientIp, principalOf } from '../access/principal.js';
import { clearSessionCookie, setSessionCookie } from './cookies.js';
import { LoginService } from './login.service.js';
import { changePasswordSchema, kioskSignInSchema, loginSchema } from './sessions.schemas.js';
import { type ClientContext, SessionsService } from './sessions.service.js';
import { type SessionInfo, sessionInfoSchema } from './sessions.wire.js';

const client = (req: FastifyRequest): ClientContext => ({ ip: clientIp(req), userAgent: req.headers['user-agent'] ?? null });

@Controller('api/v1/auth')
export class SessionsController {
  constructor(
    private readonly login: LoginService,
    private readonly sessions: SessionsService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Sets the session cookie. Failed attempts are limited per username and address (CALLBOARD_LOGIN_MAX_FAILURES, then a pause).',
    body: loginSchema,
    response: sessionInfoSchema,
    responseDescription: 'Signed in',
    errors: {
      401: 'Wrong username or password, or the user is disabled (BAD_CREDENTIALS)',
      429: 'Too many failed attempts (TOO_MANY_ATTEMPTS); Retry-After says when to try again',
    },
  })
  async signIn(@Body() body: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionInfo> {
    const { username, password } = parseInput(loginSchema, body);
    const { info, token, maxAgeS } = await this.login.login(username, password, client(req));
    setSessionCookie(req, reply, token, maxAgeS);
    return info;
  }

  @Post('kiosk')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Sign in a kiosk display with its token',
    description:
      "The token is the fragment of a kiosk link (/kiosk#cbt_…). Sets a read-only session fixed to the token's scope, lasting until the token is revoked.",
    body: kioskSignInSchema,
    response: sessionInfoSchema,
    responseDescription: 'Signed in',
    errors: { 401: 'Unknown or revoked token (BAD_TOKEN)', 429: 'Too many failed attempts from this address (TOO_MANY_ATTEMPTS)' },
  })
  async kiosk(@Body() body: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionInfo> {
    const { token: secret } = parseInput(kioskSignInSchema, body);
    const { info, token, maxAgeS } = await this.login.kioskSignIn(secret, client(req));
    setSessionCookie(req, reply, token, maxAgeS);
    return info;
  }

  @Get('session')
  @SignedIn()
  @ApiOperation({
    summary: 'The current session',
    description: 'Also extends it; a wallboard left open calls this every few minutes.',
    response: sessionInfoSchema,
    responseDescription: 'The session',
  })
  current(@Req() req: FastifyRequest): SessionInfo {
    return this.sessions.info(sessionOf(req)!);
  }

  @Post('logout')
  @HttpCode(204)
  @SignedIn()
  @ApiOperation({
    summary: 'Sign out',
    description: 'Ends the session and disconnects its sockets.',
    status: 204,
    responseDescription: 'Signed out',
  })
  async logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.login.logout(sessionOf(req)!, client(req));
    clearSessionCookie(req, reply);
  }

  @Post('password')
  @HttpCode(204)
  @Allow('self')
  @ApiOperation({
    summary: 'Change your own password',
    description: 'Ends your other sessions.',
    body: changePasswordSchema,
    status: 204,
    responseDescription: 'Changed',
    errors: {
      400: 'newPassword too short',
      401: 'The current password is wrong (BAD_CREDENTIALS)',
      429: 'Too many wrong current passwords, counted with failed sign-ins to the account (TOO_MANY_ATTEMPTS); Retry-After says when to try again',
    },
  })
  password(@Body() body: unknown, @Req() req: FastifyRequest): Promise<void> {
    const { currentPassword, newPassword } = parseInput(changePasswordSchema, body);
    return this.login.changePassword(principalOf(req)!, currentPassword, newPassword, client(req));
  }
}
