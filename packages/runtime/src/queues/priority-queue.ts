/** `PriorityQueue`: a Queue that returns the smallest item first (a binary heap, FIFO among equals). */
import { option } from "../options.js";
import { Queue } from "./queue.js";
import type { QueueOptions } from "./queue.js";

/** Options of `new PriorityQueue()`. */
export interface PriorityQueueOptions<T> extends QueueOptions {
  /** Orders items (negative: `a` first). Default: `defaultCompare`. */
  compare?: (a: T, b: T) => number;
}

/**
 * The default order of a PriorityQueue: arrays compare element by element (so `[priority, data]`
 * entries work as Python's tuples), other values with `<` / `>`.
 *
 * @example
 * ```js
 * defaultCompare([1, "b"], [1, "a"]); // 1
 * defaultCompare(2, 10);              // -1
 * ```
 */
export function defaultCompare(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = defaultCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

interface Entry<T> {
  item: T;
  /** Insertion order: equal items come out first in, first out. */
  seq: number;
}

/**
 * A Queue that returns the smallest item first (by `options.compare`, default `defaultCompare`);
 * equal items come out in the order they were put, so runs are deterministic.
 *
 * @example
 * ```js
 * const pq = new PriorityQueue();
 * pq.putNowait([2, "write docs"]);
 * pq.putNowait([1, "fix bug"]);
 * pq.getNowait(); // [1, "fix bug"]
 * ```
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  /** Heap order: `#heap[i]` never sorts after its children `2i+1`, `2i+2`. */
  readonly #heap: Entry<T>[] = [];
  readonly #compare: (a: T, b: T) => number;
  #seq = 0;

  /**
   * A priority queue holding at most `options.maxsize` items, ordered by `options.compare`.
   *
   * @example
   * ```js
   * const byDeadline = new PriorityQueue({ compare: (a, b) => a.deadline - b.deadline });
   * ```
   */
  constructor(options: PriorityQueueOptions<T> = {}) {
    super(options);
    this.#compare = option(options, "compare") ?? defaultCompare;
  }

  #before(a: Entry<T>, b: Entry<T>): boolean {
    const c = this.#compare(a.item, b.item);
    return c < 0 || (c === 0 && a.seq < b.seq);
  }

  protected override _put(item: T): void {
    const heap = this.#heap;
    const entry = { item, seq: this.#seq++ };
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(entry, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  protected override _get(): T {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && this.#before(heap[child + 1]!, heap[child]!)) child++;
        if (!this.#before(heap[child]!, last)) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top.item;
  }

  protected override _size(): number {
    return this.#heap.length;
  }

  override get [Symbol.toStringTag](): string {
    return "PriorityQueue";
  }
}
