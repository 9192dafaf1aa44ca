/** Schemas of the access types that several routes send (scopes, roles, capabilities). */
import { z } from 'zod';
import { CAPABILITIES, KEY_ROLES, ROLES, type Scope, USER_ROLES } from './roles.js';

const idList = z.array(z.string()).nullable();

export const scopeSchema = z
  .object({ queues: idList, teams: idList })
  .meta({ id: 'Scope', description: 'null: every queue / team; an empty list: none' }) satisfies z.ZodType<Scope>;

export const roleSchema = z.enum(ROLES);
export const userRoleSchema = z.enum(USER_ROLES);
export const keyRoleSchema = z.enum(KEY_ROLES);
export const capabilitySchema = z.enum(Object.keys(CAPABILITIES) as [keyof typeof CAPABILITIES, ...(keyof typeof CAPABILITIES)[]]);
