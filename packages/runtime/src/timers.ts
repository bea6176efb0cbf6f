/** A binary min-heap of timer handles ordered by (when, sequence): equal times run FIFO. */
import type { TimerHandle } from "./handle.js";

function before(a: TimerHandle, b: TimerHandle): boolean {
  const wa = a.when();
  const wb = b.when();
  return wa < wb || (wa === wb && a._seq < b._seq);
}

/**
 * The loop's scheduled timers. Cancelled handles stay in the heap until they reach the top or
 * until they are the majority, when `compact` rebuilds the heap without them (as asyncio does).
 *
 * @example
 * ```ts
 * const heap = new TimerHeap();
 * heap.push(handle);
 * heap.peek()?.when();
 * heap.pop();
 * ```
 */
export class TimerHeap {
  /** Heap order: `items[i]` is never after its children `items[2i+1]`, `items[2i+2]`. */
  #items: TimerHandle[] = [];
  /** How many handles in `#items` are cancelled. */
  #cancelled = 0;

  /** Number of handles in the heap, cancelled ones included. */
  get size(): number {
    return this.#items.length;
  }

  /** Adds a handle. O(log n). */
  push(handle: TimerHandle): void {
    const items = this.#items;
    handle._scheduled = true;
    items.push(handle);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(handle, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = handle;
  }

  /** The earliest handle, or undefined when empty. */
  peek(): TimerHandle | undefined {
    return this.#items[0];
  }

  /** Removes and returns the earliest handle. O(log n). */
  pop(): TimerHandle | undefined {
    const items = this.#items;
    const top = items[0];
    if (top === undefined) return undefined;
    const last = items.pop()!;
    if (items.length > 0) this.#siftDown(0, last);
    top._scheduled = false;
    if (top.cancelled()) this.#cancelled--;
    return top;
  }

  /** Drops cancelled handles from the top, so `peek()` is the next live timer. */
  dropCancelledTop(): void {
    while (this.#items.length > 0 && this.#items[0]!.cancelled()) this.pop();
  }

  /** Records that a scheduled handle was cancelled; rebuilds when most handles are dead. */
  noteCancelled(): void {
    this.#cancelled++;
    if (this.#items.length > 100 && this.#cancelled * 2 > this.#items.length) this.#compact();
  }

  /** Empties the heap. */
  clear(): void {
    for (const h of this.#items) h._scheduled = false;
    this.#items = [];
    this.#cancelled = 0;
  }

  #compact(): void {
    const live: TimerHandle[] = [];
    for (const h of this.#items) {
      if (h.cancelled()) h._scheduled = false;
      else live.push(h);
    }
    this.#items = live;
    this.#cancelled = 0;
    for (let i = (live.length >> 1) - 1; i >= 0; i--) this.#siftDown(i, live[i]!);
  }

  #siftDown(start: number, handle: TimerHandle): void {
    const items = this.#items;
    const n = items.length;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(items[child + 1]!, items[child]!)) child++;
      if (!before(items[child]!, handle)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = handle;
  }
}
