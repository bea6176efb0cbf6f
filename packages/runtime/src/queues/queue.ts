/** `Queue`: a FIFO of items between tasks, with `maxsize`, `join`/`taskDone` and `shutdown` (asyncio's Queue). */
import type { Coroutine } from "../coroutine.js";
import { InvalidStateError, QueueEmpty, QueueFull, QueueShutDown } from "../errors.js";
import type { Future } from "../future.js";
import { generatorCoroutine } from "../generator-coroutine.js";
import { option } from "../options.js";
import { ParkingLot } from "../parking-lot.js";
import { Event } from "../sync/event.js";

/** Options of `new Queue()`. */
export interface QueueOptions {
  /** Most items it holds; `put` waits while full. 0 or less (default): unbounded. */
  maxsize?: number;
}

/**
 * A first-in first-out queue. `put` waits while the queue is full, `get` while it is empty (each
 * a coroutine: no microtask inside a compiled coroutine); waiters are served in arrival order.
 * `taskDone()` after each processed item and `join()` waits until every item put was processed.
 * Subclasses override `_put`, `_get`, `_size` to change the order.
 *
 * @example
 * ```js
 * const q = new Queue({ maxsize: 10 });
 * async function worker() {
 *   for (;;) { const job = await q.get(); await handle(job); q.taskDone(); }
 * }
 * await q.put("job 1");
 * await q.join();  // every job handled
 * ```
 */
export class Queue<T = unknown> {
  readonly #maxsize: number;
  /** Tasks waiting in `get`, FIFO. */
  readonly #getters = new ParkingLot<void>();
  /** Tasks waiting in `put`, FIFO. */
  readonly #putters = new ParkingLot<void>();
  /** Items put and not yet marked done with `taskDone()`. */
  #unfinished = 0;
  /** Set while `#unfinished` is 0. */
  readonly #finished = new Event();
  #shutdown = false;

  /**
   * A queue holding at most `options.maxsize` items (unbounded by default).
   *
   * @example
   * ```js
   * const q = new Queue({ maxsize: 2 });
   * ```
   */
  constructor(options: QueueOptions = {}) {
    this.#maxsize = option(options, "maxsize") ?? 0;
    this.#finished.set();
  }

  /** FIFO storage (subclasses that override `_put`/`_get`/`_size` keep their own). */
  #items: T[] = [];
  /** Index of the oldest item in `#items` (the array is compacted when half is consumed). */
  #head = 0;

  /** @internal Adds an item to the storage. */
  protected _put(item: T): void {
    this.#items.push(item);
  }

  /** @internal Removes the next item from the storage. */
  protected _get(): T {
    const item = this.#items[this.#head]!;
    this.#items[this.#head++] = undefined as T;
    if (this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** @internal How many items the storage holds. */
  protected _size(): number {
    return this.#items.length - this.#head;
  }

  /**
   * How many items are in the queue.
   *
   * @example
   * ```js
   * q.qsize(); // 0
   * ```
   */
  qsize(): number {
    return this._size();
  }

  /**
   * The capacity (0: unbounded).
   *
   * @example
   * ```js
   * new Queue({ maxsize: 5 }).maxsize; // 5
   * ```
   */
  get maxsize(): number {
    return this.#maxsize;
  }

  /**
   * Whether the queue has no items.
   *
   * @example
   * ```js
   * new Queue().empty(); // true
   * ```
   */
  empty(): boolean {
    return this._size() === 0;
  }

  /**
   * Whether the queue holds `maxsize` items (never, when unbounded).
   *
   * @example
   * ```js
   * q.full(); // false
   * ```
   */
  full(): boolean {
    return this.#maxsize > 0 && this._size() >= this.#maxsize;
  }

  /**
   * A coroutine that puts `item`, waiting while the queue is full. `QueueShutDown` after `shutdown()`.
   *
   * @example
   * ```js
   * await q.put(42);
   * ```
   */
  put(item: T): Coroutine<void> {
    return generatorCoroutine("Queue.put", () => this.#put(item));
  }

  *#put(item: T): Generator<unknown, void, unknown> {
    while (this.full()) {
      if (this.#shutdown) throw new QueueShutDown("put(): the queue was shut down");
      yield* this.#waitIn(this.#putters, () => !this.full());
    }
    this.putNowait(item);
  }

  /**
   * Puts `item` now: `QueueFull` if the queue is full, `QueueShutDown` after `shutdown()`.
   *
   * @example
   * ```js
   * q.putNowait("x");
   * ```
   */
  putNowait(item: T): void {
    if (this.#shutdown) throw new QueueShutDown("putNowait(): the queue was shut down");
    if (this.full()) throw new QueueFull(`putNowait(): the queue is full (maxsize ${this.#maxsize}); await put() to wait for room`);
    this._put(item);
    this.#unfinished++;
    this.#finished.clear();
    this.#getters.wakeFirst();
  }

  /**
   * A coroutine that removes and returns the next item, waiting while the queue is empty.
   * `QueueShutDown` once the queue is shut down and empty.
   *
   * @example
   * ```js
   * const item = await q.get();
   * ```
   */
  get(): Coroutine<T> {
    return generatorCoroutine("Queue.get", () => this.#get());
  }

  *#get(): Generator<unknown, T, unknown> {
    while (this.empty()) {
      if (this.#shutdown) throw new QueueShutDown("get(): the queue was shut down and is empty");
      yield* this.#waitIn(this.#getters, () => !this.empty());
    }
    return this.getNowait();
  }

  /**
   * Removes and returns the next item now: `QueueEmpty` if there is none (`QueueShutDown` if
   * also shut down).
   *
   * @example
   * ```js
   * if (!q.empty()) q.getNowait();
   * ```
   */
  getNowait(): T {
    if (this.empty()) {
      if (this.#shutdown) throw new QueueShutDown("getNowait(): the queue was shut down and is empty");
      throw new QueueEmpty("getNowait(): the queue is empty; await get() to wait for an item");
    }
    const item = this._get();
    this.#putters.wakeFirst();
    return item;
  }

  /**
   * Marks one item taken with `get` as processed; when all are, `join()` returns.
   * `InvalidStateError` if called more times than items were put.
   *
   * @example
   * ```js
   * const job = await q.get(); await run(job); q.taskDone();
   * ```
   */
  taskDone(): void {
    if (this.#unfinished <= 0) throw new InvalidStateError("taskDone() called more times than items were put");
    if (--this.#unfinished === 0) this.#finished.set();
  }

  /**
   * A coroutine that waits until every item put has been marked done with `taskDone()`.
   *
   * @example
   * ```js
   * await q.join();
   * ```
   */
  join(): Coroutine<true> {
    return this.#finished.wait();
  }

  /**
   * Shuts the queue down: `put` throws `QueueShutDown` from now on and waiting putters are woken
   * to throw it; `get` drains the remaining items, then throws it. With `immediate`, the items
   * are dropped (counted as done for `join`) and waiting getters throw at once.
   *
   * @example
   * ```js
   * q.shutdown();            // let consumers drain what is left
   * q.shutdown(true);        // stop now
   * ```
   */
  shutdown(immediate = false): void {
    this.#shutdown = true;
    if (immediate) {
      while (!this.empty()) {
        this._get();
        if (this.#unfinished > 0) this.#unfinished--;
      }
      if (this.#unfinished === 0) this.#finished.set();
    }
    this.#getters.wakeAll();
    this.#putters.wakeAll();
  }

  /**
   * Whether `shutdown()` was called.
   *
   * @example
   * ```js
   * q.isShutDown(); // false
   * ```
   */
  isShutDown(): boolean {
    return this.#shutdown;
  }

  /** Parks in `lot`; if woken and then cancelled while there is room, the turn passes on. */
  *#waitIn(lot: ParkingLot<void>, canProceed: () => boolean): Generator<unknown, void, unknown> {
    let fut: Future<void> | undefined;
    try {
      yield* lot.park((f) => (fut = f));
    } catch (error) {
      if (canProceed() && !fut!.cancelled()) lot.wakeFirst();
      throw error;
    }
  }

  get [Symbol.toStringTag](): string {
    return "Queue";
  }
}
