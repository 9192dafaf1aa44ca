/**
 * The index of the first item of `list` (sorted) for which `before` is false:
 * a binary search, for lists ordered by an instant (an agent's intervals or
 * events, overruns by their end) read from a point of the day on.
 */
export function firstIndex<T>(list: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
