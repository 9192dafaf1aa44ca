/**
 * The `Range` header of a recording request (RFC 9110 §14): one byte range,
 * `bytes=first-last`, `bytes=first-` or `bytes=-suffix`. Several ranges in one
 * request are not served (a player seeks with one).
 */

export type ByteRange = { first: number; last?: number } | { suffix: number };

/** The requested range; undefined without a header; 'invalid' for anything that is not one byte range. */
export function parseRange(header: string | undefined): ByteRange | undefined | 'invalid' {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!m) return 'invalid';
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return 'invalid';
  if (a === '') {
    const suffix = Number(b);
    return suffix > 0 ? { suffix } : 'invalid';
  }
  const first = Number(a);
  if (b === '') return { first };
  const last = Number(b);
  return last >= first ? { first, last } : 'invalid';
}

/** The header as it is passed on to a recording server. */
export function formatRange(r: ByteRange): string {
  return 'suffix' in r ? `bytes=-${r.suffix}` : `bytes=${r.first}-${r.last ?? ''}`;
}

/** Inclusive byte positions of the range in a body of `size` bytes; undefined when none of it lies inside. */
export function resolveRange(r: ByteRange, size: number): { start: number; end: number } | undefined {
  if ('suffix' in r) return size === 0 ? undefined : { start: Math.max(0, size - r.suffix), end: size - 1 };
  if (r.first >= size) return undefined;
  return { start: r.first, end: Math.min(r.last ?? size - 1, size - 1) };
}

/** Whether a request plays a recording from its start: the first range a player asks for, not a seek or a later chunk. */
export function startsPlayback(r: ByteRange | undefined): boolean {
  return r === undefined || ('first' in r && r.first === 0);
}
