/**
 * Every route declares who may call it; the global guard refuses a route
 * that declares nothing (fail closed), so a new route cannot be open by
 * accident.
 */
import { SetMetadata } from '@nestjs/common';
import type { Capability } from './roles.js';

export type RoutePolicy =
  /** Anyone, signed in or not (login, health, the API description). */
  | { kind: 'public' }
  /** Any signed-in user or kiosk display (the session itself, logout). */
  | { kind: 'session' }
  /** Principals whose role has the capability (SPEC §1). */
  | { kind: 'capability'; capability: Capability };

export const POLICY = 'callboard:policy';

export const Public = () => SetMetadata(POLICY, { kind: 'public' } satisfies RoutePolicy);
export const SignedIn = () => SetMetadata(POLICY, { kind: 'session' } satisfies RoutePolicy);
export const Allow = (capability: Capability) => SetMetadata(POLICY, { kind: 'capability', capability } satisfies RoutePolicy);
