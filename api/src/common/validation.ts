/** Request validation with zod: a 400 naming the first bad field and why. */
import type { z } from 'zod';
import { ApiError } from './errors.js';

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' = 'body'): z.infer<S> {
  const parsed = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  const message = field ? `${field}: ${issue.message}` : `${where}: ${issue.message}`;
  throw new ApiError(400, 'BAD_REQUEST', message, field || where);
}
