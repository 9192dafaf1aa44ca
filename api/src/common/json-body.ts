/**
 * The one body parser: JSON only. Form-encoded bodies are refused (415), so a
 * cross-site HTML form cannot post to the API (login CSRF); and nesting is
 * bounded before anything recursive walks the value: a 100,000-deep array
 * would exhaust the stack of JSON.parse or of validation and answer 500.
 */
import type { FastifyBodyParser, FastifyInstance } from 'fastify';
import { ApiError } from './errors.js';

/** Deeper than any body the API reads (an ingest batch is 5 levels). */
export const MAX_JSON_DEPTH = 32;

/** Whether the brackets of a JSON text nest deeper than `limit`, counting only those outside strings. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Fastify's JSON parser (which refuses `__proto__` and `constructor.prototype` keys) behind the depth bound; a body it
 * cannot read is answered 400 INVALID_JSON naming `body`, like every other refusal of a whole body.
 */
export function boundedJsonParser(fastify: FastifyInstance): FastifyBodyParser<Buffer> {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (req, body, done) => {
    const text = body.toString('utf8');
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(new ApiError(400, 'TOO_DEEP', `body: nested deeper than ${MAX_JSON_DEPTH} levels`, 'body'), undefined);
      return;
    }
    void parse(req, text, (err, value) => {
      if (!err) {
        done(null, value);
        return;
      }
      const message = 'body: not valid JSON, or holds a __proto__ or constructor.prototype key';
      done(new ApiError(400, 'INVALID_JSON', message, 'body'), undefined);
    });
  };
}
