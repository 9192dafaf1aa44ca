/**
 * Binary min-heap of scheduled happenings. Ties on time are broken by insertion
 * order, so two things scheduled for the same millisecond happen in the order
 * they were scheduled — part of what makes a run reproducible.
 */
export interface Scheduled<T> {
  t: number;
  seq: number;
  item: T;
}

export class Agenda<T> {
  private readonly heap: Scheduled<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(t: number, item: T): void {
    const node = { t, seq: this.seq++, item };
    const h = this.heap;
    h.push(node);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent]!;
      if (!before(node, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = node;
  }

  peek(): Scheduled<T> | undefined {
    return this.heap[0];
  }

  pop(): Scheduled<T> | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const child = r < h.length && before(h[r]!, h[l]!) ? r : l;
      if (!before(h[child]!, last)) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = last;
    return top;
  }
}

function before<T>(a: Scheduled<T>, b: Scheduled<T>): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}
