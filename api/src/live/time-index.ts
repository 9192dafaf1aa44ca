/**
 * Items ordered by an instant (ties broken by a key), in a B+ tree: the live
 * engine reads the last half hour of offers, the waits that ended in the last
 * fifteen minutes, an agent's calls that have not ended long ago — without
 * walking the rest of the day.
 *
 * Counts (and the sum of an optional integer weight) are also kept per minute,
 * so that how many items a half hour holds is a sum of thirty minutes plus the
 * items of the two minutes at its edges, not a walk through every item of it.
 */
import btree from 'sorted-btree';

type Key = readonly [ms: number, key: string];
type Tree = typeof btree.default;
// A CommonJS package: Node hands over its exports object, vite (the specs) the class itself.
const BTree: Tree = (btree as { default?: Tree }).default ?? (btree as unknown as Tree);

const compare = (a: Key, b: Key): number => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

const BUCKET_MS = 60_000;
const bucketOf = (ms: number) => Math.floor(ms / BUCKET_MS);

export class TimeIndex<T> {
  private readonly tree = new BTree<Key, T>(undefined, compare);
  /** Minute → items and their summed weight. */
  private readonly buckets = new Map<number, { n: number; w: number }>();

  /** `weigh`: an integer per item (e.g. milliseconds), summed exactly by `total`. */
  constructor(private readonly weigh: (item: T) => number = () => 0) {}

  get size(): number {
    return this.tree.size;
  }

  set(ms: number, key: string, item: T): void {
    const k: Key = [ms, key];
    const old = this.tree.get(k);
    if (old !== undefined || this.tree.has(k)) this.bump(ms, 0, -this.weigh(old as T));
    else this.bump(ms, 1, 0);
    this.bump(ms, 0, this.weigh(item));
    this.tree.set(k, item);
  }

  delete(ms: number, key: string): boolean {
    const k: Key = [ms, key];
    if (!this.tree.has(k)) return false;
    this.bump(ms, -1, -this.weigh(this.tree.get(k) as T));
    return this.tree.delete(k);
  }

  clear(): void {
    this.tree.clear();
    this.buckets.clear();
  }

  /** The items from `fromMs` to `toMs`, both included, in time order. */
  *between(fromMs: number, toMs = Infinity): IterableIterator<T> {
    for (const [k, v] of this.tree.entries([fromMs, ''])) {
      if (k[0] > toMs) return;
      yield v;
    }
  }

  /** How many items lie from `fromMs` to `toMs`, both included. */
  count(fromMs: number, toMs = Infinity): number {
    return this.tally(fromMs, toMs).n;
  }

  /** How many items lie from `fromMs` to `toMs`, both included, and the sum of their weights. */
  tally(fromMs: number, toMs = Infinity): { n: number; w: number } {
    const out = { n: 0, w: 0 };
    if (this.tree.size === 0) return out;
    const to = Math.min(toMs, this.tree.maxKey()![0]);
    const from = Math.max(fromMs, this.tree.minKey()![0]);
    if (from > to) return out;
    const first = bucketOf(from);
    const last = bucketOf(to);
    if (last - first < 2) return this.walk(from, to, out);
    // The partial minutes at both edges item by item, the whole minutes between from their tallies.
    this.walk(from, (first + 1) * BUCKET_MS - 1, out);
    for (let b = first + 1; b < last; b++) {
      const t = this.buckets.get(b);
      if (t) {
        out.n += t.n;
        out.w += t.w;
      }
    }
    return this.walk(last * BUCKET_MS, to, out);
  }

  private walk(fromMs: number, toMs: number, out: { n: number; w: number }): { n: number; w: number } {
    for (const [k, v] of this.tree.entries([fromMs, ''])) {
      if (k[0] > toMs) break;
      out.n++;
      out.w += this.weigh(v);
    }
    return out;
  }

  private bump(ms: number, n: number, w: number): void {
    if (n === 0 && w === 0) return;
    const b = bucketOf(ms);
    const t = this.buckets.get(b);
    if (!t) this.buckets.set(b, { n, w });
    else if ((t.n += n) === 0) this.buckets.delete(b);
    else t.w += w;
  }
}
