import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseInput } from '../common/validation.js';
import { AuditService } from './audit.service.js';
import type { SessionInfo } from './auth.wire.js';
import { sessionOf } from './auth.guard.js';
import { clearSessionCookie, setSessionCookie } from './cookies.js';
import { LoginService } from './login.service.js';
import { Public, SignedIn, Allow } from './policy.js';
import { clientIp, principalOf } from './principal.js';
import { changePasswordSchema, kioskSignInSchema, loginSchema } from './schemas.js';
import { SessionsService } from './sessions.service.js';

const client = (req: FastifyRequest) => ({ ip: clientIp(req), userAgent: req.headers['user-agent'] ?? null });

@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  async signIn(@Body() body: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionInfo> {
    const { username, password } = parseInput(loginSchema, body);
    const { session, token } = await this.login.login(username, password, client(req));
    setSessionCookie(req, reply, token, this.sessions.idleMs / 1000);
    return this.sessions.info(session);
  }

  @Post('kiosk')
  @HttpCode(200)
  @Public()
  async kiosk(@Body() body: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionInfo> {
    const { token: secret } = parseInput(kioskSignInSchema, body);
    const { session, token } = await this.login.kioskSignIn(secret, client(req));
    setSessionCookie(req, reply, token, this.sessions.idleMs / 1000);
    return this.sessions.info(session);
  }

  @Get('session')
  @SignedIn()
  current(@Req() req: FastifyRequest): SessionInfo {
    return this.sessions.info(sessionOf(req)!);
  }

  @Post('logout')
  @HttpCode(204)
  @SignedIn()
  async logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const session = sessionOf(req)!;
    await this.sessions.end(session.id);
    clearSessionCookie(req, reply);
    this.audit.record({ action: 'auth.logout', actor: session.principal, target: session.id, ip: clientIp(req) });
  }

  @Post('password')
  @HttpCode(204)
  @Allow('self')
  async password(@Body() body: unknown, @Req() req: FastifyRequest): Promise<void> {
    const { currentPassword, newPassword } = parseInput(changePasswordSchema, body);
    await this.login.changePassword(principalOf(req)!, currentPassword, newPassword, client(req));
  }
}
