/**
 * Items ordered by an instant (ties broken by a key), in a B+ tree: the live
 * engine reads the last half hour of offers, the waits that ended in the last
 * fifteen minutes, an agent's calls that have not ended long ago — without
 * walking the rest of the day.
 */
import btree from 'sorted-btree';

type Key = readonly [ms: number, key: string];
type Tree = typeof btree.default;
// A CommonJS package: Node hands over its exports object, vite (the specs) the class itself.
const BTree: Tree = (btree as { default?: Tree }).default ?? (btree as unknown as Tree);

const compare = (a: Key, b: Key): number => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

export class TimeIndex<T> {
  private readonly tree = new BTree<Key, T>(undefined, compare);

  get size(): number {
    return this.tree.size;
  }

  set(ms: number, key: string, item: T): void {
    this.tree.set([ms, key], item);
  }

  delete(ms: number, key: string): boolean {
    return this.tree.delete([ms, key]);
  }

  clear(): void {
    this.tree.clear();
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
    let n = 0;
    for (const [k] of this.tree.entries([fromMs, ''])) {
      if (k[0] > toMs) break;
      n++;
    }
    return n;
  }
}
