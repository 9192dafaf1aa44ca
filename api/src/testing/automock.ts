/**
 * Typed fakes of injectable classes for service unit tests: every method of
 * the class (and of its parents) becomes a `vi.fn()`, typed as the method, so
 * a test states only what it needs and the compiler checks the rest.
 *
 *   const users = automock(UsersRepository);
 *   users.byLogin.mockResolvedValue(row);
 *   const service = new LoginService(users, …);
 */
import { type Mock, vi } from 'vitest';

type Method = (...args: never[]) => unknown;

/**
 * The fake's public methods are mocks; it is also typed as the class itself
 * (private fields included), so it passes wherever the class is injected.
 */
export type Mocked<T> = T & {
  [K in keyof T]: T[K] extends Method ? Mock<T[K]> & T[K] : T[K];
};

export function automock<T extends object>(cls: abstract new (...args: never[]) => T, fields: Partial<T> = {}): Mocked<T> {
  const fake: Record<string, unknown> = {};
  for (
    let proto = cls.prototype as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || name in fake) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (typeof descriptor?.value === 'function') fake[name] = vi.fn();
    }
  }
  return Object.assign(fake, fields) as Mocked<T>;
}
