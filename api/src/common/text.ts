/**
 * Text that PostgreSQL or a screen cannot take. PostgreSQL refuses NUL and
 * unpaired surrogates (one such value fails the whole statement it is in);
 * other control characters garble a label, and bidi overrides and isolates
 * reverse the labels beside it on the wallboard.
 */
import type { z } from 'zod';

/** C0 and C1 controls, DEL, bidi embeddings, overrides and isolates, and (in `u` mode) a surrogate not in a pair. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;
/** The same, but free text keeps its tabs and line breaks. */
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_IN_FREE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;

export const UNSAFE_TEXT_MESSAGE = 'must not contain control or bidi-override characters';

/** Whether a name or label holds a character it must not; `freeText` allows tabs and line breaks. */
export function hasUnsafeText(value: string, freeText = false): boolean {
  return (freeText ? UNSAFE_IN_FREE_TEXT : UNSAFE).test(value);
}

const QUOTE_MAX = 100;

/** At most 100 characters of a sender's text, for an error message. */
export const clip = (text: string): string => (text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text);

/** A value as an error message quotes it: JSON, clipped. */
export const quote = (value: unknown): string => clip(JSON.stringify(value) ?? String(value));

/** Refuses a name or label holding a character it must not. */
export const safeText = <S extends z.ZodType<string>>(schema: S): S => schema.refine((v) => !hasUnsafeText(v), UNSAFE_TEXT_MESSAGE) as S;
