/** Request validation with zod: a 400 naming the first bad field and why. */
import { z } from 'zod';
import { ApiError } from './errors.js';
import { clip } from './text.js';

/** The field path of an issue, `payload.queue`, or '' for the value itself. */
export const issuePath = (issue: z.core.$ZodIssue): string => issue.path.map(String).join('.');

/**
 * Why a value was refused, quoting at most a little of what was sent: unknown
 * keys are the sender's text, and an error is no place to echo a megabyte of it.
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const shown = issue.keys.slice(0, 5).map(clip).join(', ');
  return `unknown field(s) ${shown}${issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : ''}`;
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' = 'body'): z.infer<S> {
  const parsed = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issuePath(issue);
  throw new ApiError(400, 'BAD_REQUEST', `${field || where}: ${issueMessage(issue)}`, field || where);
}

/** A query parameter of comma-separated names (`?queue=billing,sales`), blanks dropped. */
export const commaList = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .transform((v) =>
      v
        .split(',')
        .map((q) => q.trim())
        .filter(Boolean),
    );
