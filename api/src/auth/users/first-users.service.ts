/**
 * Accounts that exist from the start: the first admin (`admin`, password
 * from CALLBOARD_ADMIN_PASSWORD), and in demo mode one user per role plus a
 * kiosk display. Passwords are generated only for the accounts created on this
 * start and printed once; an account that already exists is never changed,
 * whoever made it.
 */
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { type AppConfig, CONFIG } from '../../config/config.js';
import type { Scope, UserRole } from '../access/roles.js';
import { issueKioskToken, kioskUrl } from '../credentials/credentials.service.js';
import { KioskTokensRepository } from '../credentials/kiosk-tokens.repository.js';
import { generatePassword } from '../credentials/passwords.js';
import { UsersRepository } from './users.repository.js';
import { addUser } from './users.service.js';

export const DEMO_USERS: readonly { username: string; role: UserRole; displayName: string; scope?: Scope; agentId?: string }[] = [
  { username: 'manager', role: 'manager', displayName: 'Demo Manager' },
  {
    username: 'supervisor',
    role: 'supervisor',
    displayName: 'Demo Supervisor',
    scope: { queues: ['general', 'billing'], teams: ['team-a', 'team-b'] },
  },
  { username: 'qalead', role: 'qa_lead', displayName: 'Demo QA Lead' },
  { username: 'reviewer', role: 'qa_reviewer', displayName: 'Demo QA Reviewer' },
  { username: 'agent', role: 'agent', displayName: 'Demo Agent', agentId: 'agent-01' },
];

const DEMO_KIOSK = 'Demo TV (all queues)';

export interface Login {
  username: string;
  role: UserRole;
  /** Absent when it came from CALLBOARD_ADMIN_PASSWORD (not repeated on screen). */
  password?: string;
}

@Injectable()
export class FirstUsers implements OnApplicationBootstrap {
  /** What the demo prints once the server listens. */
  readonly logins: Login[] = [];
  /** Demo usernames that already existed, left as they were. */
  readonly kept: string[] = [];
  kioskSecret: string | undefined;

  constructor(
    private readonly users: UsersRepository,
    private readonly kioskTokens: KioskTokensRepository,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureAdmin();
    if (this.config.CALLBOARD_DEMO) await this.demoAccounts();
  }

  private async ensureAdmin(): Promise<void> {
    const admins = (await this.users.list()).filter((u) => u.role === 'admin');
    const envPassword = this.config.CALLBOARD_ADMIN_PASSWORD;
    if (admins.length > 0) {
      if (this.config.CALLBOARD_DEMO && admins.some((a) => a.username === 'admin')) this.kept.push('admin');
      return;
    }
    if (!envPassword && !this.config.CALLBOARD_DEMO) {
      this.logger.warn('no admin user yet: set CALLBOARD_ADMIN_PASSWORD and restart, or run `npx callboard users add admin --role admin`');
      return;
    }
    const password = envPassword ?? generatePassword();
    await addUser(this.users, { username: 'admin', password, role: 'admin', displayName: 'Administrator' });
    this.logins.push(envPassword ? { username: 'admin', role: 'admin' } : { username: 'admin', role: 'admin', password });
    this.logger.log('created the first admin user "admin"');
  }

  private async demoAccounts(): Promise<void> {
    for (const u of DEMO_USERS) {
      if (await this.users.findByName(u.username)) {
        this.kept.push(u.username);
        continue;
      }
      const password = generatePassword();
      await addUser(this.users, { ...u, password });
      this.logins.push({ username: u.username, role: u.role, password });
    }
    await this.kioskTokens.revokeNamed(DEMO_KIOSK, 'demo');
    this.kioskSecret = (await issueKioskToken(this.kioskTokens, DEMO_KIOSK, { queues: null, teams: null }, 'demo')).secret;
  }

  /** The console block the demo prints: who can sign in, and the kiosk link. */
  banner(baseUrl: string): string {
    if (this.logins.length === 0 && this.kept.length === 0) return '';
    const lines = this.logins.map(
      (l) => `  ${l.role.padEnd(12)} ${l.username.padEnd(11)} ${l.password ?? '(the CALLBOARD_ADMIN_PASSWORD you set)'}`,
    );
    const created =
      lines.length > 0
        ? `demo logins created on this start:\n  ${'role'.padEnd(12)} ${'username'.padEnd(11)} password\n${lines.join('\n')}\n`
        : '';
    const kept =
      this.kept.length > 0
        ? `${created ? '  kept' : 'demo logins kept'}, passwords unchanged: ${this.kept.join(', ')} (for new demo logins, start with an empty CALLBOARD_DATA_DIR)\n`
        : '';
    const kiosk = this.kioskSecret ? `\n  TV display (no login): ${kioskUrl(baseUrl, this.kioskSecret)}\n` : '';
    return `\nSign in at ${baseUrl} — ${created}${kept}${kiosk}`;
  }
}
