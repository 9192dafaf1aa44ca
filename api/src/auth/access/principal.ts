/** Who is making a request or holds a socket: a signed-in user, a kiosk display or an API key. */
import type { FastifyRequest } from 'fastify';
import type { Role, Scope } from './roles.js';

export interface Principal {
  kind: 'user' | 'kiosk' | 'key';
  id: string;
  /** Username, kiosk name or key name: what the audit log shows. */
  name: string;
  role: Role;
  /** The scope in force (admins and managers: everything). */
  scope: Scope;
  /** The session (users and kiosks). */
  sessionId?: string;
  /** For the `agent` role: which agent this user is. */
  agentId?: string | null;
  /** An API key created with the back-fill permission: may post events older than the ingest window. */
  backfill?: boolean;
}

export type AuthedRequest = FastifyRequest & { principal?: Principal };

export const principalOf = (req: FastifyRequest): Principal | undefined => (req as AuthedRequest).principal;

/** The client address as the audit log records it. */
export const clientIp = (req: FastifyRequest): string | null => req.ip ?? null;
