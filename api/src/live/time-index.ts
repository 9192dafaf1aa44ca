/**
 * Items ordered by an instant (ties broken by a key), in a B+ tree: the live
 * engine reads the last half hour of offers, the waits that ended in the last
 * fifteen minutes, an agent's calls that have not ended long ago — without
 * walking the rest of the day.
 *
 * Counts (and the sum of an optional integer weight) are also kept per second
 * and per minute, so that how many items a half hour holds is a sum of some
 * thirty minutes, the seconds at both ends and the items of the two partial
 * seconds at its edges, not a walk through every item of it.
 */
import btree from 'sorted-btree';

type Key = readonly [ms: number, key: string];
type Tree = typeof btree.default;
// A CommonJS package: Node hands over its exports object, vite (the specs) the class itself.
const BTree: Tree = (btree as { default?: Tree }).default ?? (btree as unknown as Tree);

const compare = (a: Key, b: Key): number => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

const SECOND_MS = 1000;
const secondOf = (ms: number) => Math.floor(ms / SECOND_MS);

export class TimeIndex<T> {
  private readonly tree = new BTree<Key, T>(undefined, compare);
  /** Second → items and their summed weight; the same per minute. */
  private readonly seconds = new Map<number, { n: number; w: number }>();
  private readonly minutes = new Map<number, { n: number; w: number }>();

  private readonly weigh: (item: T) => number;
  private readonly tallied: boolean;

  /**
   * `tallied`: keep the per-second and per-minute tallies (an index only walked from a recent instant on does not
   * need them); `weigh`: an integer per item (e.g. milliseconds), summed exactly by `tally`.
   */
  constructor({ tallied = false, weigh = () => 0 }: { tallied?: boolean; weigh?: (item: T) => number } = {}) {
    this.tallied = tallied;
    this.weigh = weigh;
  }

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
    this.seconds.clear();
    this.minutes.clear();
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
    const first = secondOf(from);
    const last = secondOf(to);
    if (!this.tallied || last - first < 2) return this.walk(from, to, out);
    // The partial seconds at both edges item by item; the whole seconds between from the tallies, a minute at a time where whole.
    this.walk(from, (first + 1) * SECOND_MS - 1, out);
    const add = (t: { n: number; w: number } | undefined) => {
      if (!t) return;
      out.n += t.n;
      out.w += t.w;
    };
    for (let sec = first + 1; sec < last;) {
      if (sec % 60 === 0 && sec + 60 <= last) {
        add(this.minutes.get(sec / 60));
        sec += 60;
      } else add(this.seconds.get(sec++));
    }
    return this.walk(last * SECOND_MS, to, out);
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
    if (!this.tallied || (n === 0 && w === 0)) return;
    const sec = secondOf(ms);
    tallyInto(this.seconds, sec, n, w);
    tallyInto(this.minutes, Math.floor(sec / 60), n, w);
  }
}

function tallyInto(m: Map<number, { n: number; w: number }>, k: number, n: number, w: number): void {
  const t = m.get(k);
  if (!t) m.set(k, { n, w });
  else if ((t.n += n) === 0) m.delete(k);
  else t.w += w;
}
