/**
 * The Coroutine protocol (SPEC §1.2–1.4) and its explicit-frame driver.
 *
 * A compiled `async` function returns one frame object per call: an instance of a per-function
 * subclass of `Coroutine` whose fields are the function's locals. The frame's `$step` function is
 * the state machine; it runs from the state in `$s` until the next `await`, then returns the
 * awaited operand (with `$s` left ≥ 0), or returns the function's result (with `$s` set to -1), or
 * throws.
 *
 * Delegation (`await coroutine`) never nests JavaScript calls: the driver (`$resume`, run on the
 * root of a chain) links the child to its parent (`$p`), records the innermost frame on the root
 * (`$top`), and loops. A resume therefore lands on the innermost frame in O(1), and a chain of a
 * million awaiting coroutines uses no JavaScript stack.
 *
 * ```
 * root.$top ──► innermost ──$p──► … ──$p──► root        (each frame's $aw points back down)
 * ```
 */
import { AWAIT, CLOSE, CLOSED, CLOSING, CREATED, NEXT, RUNNING, SUSPENDED, THROW } from "./protocol.js";
import { RuntimeError } from "./errors.js";

/** What the compiler records once per compiled function. */
export interface FrameInfo {
  /** The source function's name (`""` for anonymous functions). */
  readonly name: string;
  /** The source file, when compiled with locations. */
  readonly file?: string;
  /** `[line, column]` of the `await` that suspends in state `s`, at `locs[2s]`, `locs[2s + 1]`. */
  readonly locs?: readonly number[];
  /**
   * Hand-written runtime frames return their result as it is. Compiled ones (no `raw`) adopt a
   * returned awaitable, as an async function's promise does: `return fetchIt()` gives its outcome.
   */
  readonly raw?: boolean;
}

/** A state machine step: resume `frame` with `mode` (NEXT/THROW/CLOSE) and `value`. */
export type StepFunction = (frame: any, mode: number, value: unknown) => unknown;

/** Where a coroutine is suspended, in the original source. */
export interface SourceLocation {
  file: string | undefined;
  line: number;
  column: number;
  functionName: string;
}

export type CoroutineState = "created" | "running" | "suspended" | "closed";

/** `$s` of a frame that returned an awaitable and now awaits it on its caller's behalf. */
const ADOPTING = -2;

function isAwaitable(r: object): boolean {
  return r instanceof Coroutine || typeof (r as { [AWAIT]?: unknown })[AWAIT] === "function" || typeof (r as PromiseLike<unknown>).then === "function";
}

/** Returned by `$resume` when the root finished; the result is then in `$r`. */
export const DONE: unique symbol = Symbol("coro.done") as never;

/**
 * Returned by hand-written step functions to yield `frame.$aw` to the driver as it is (what
 * `sleep(0)` and Future awaits do). Compiled code never returns it.
 */
export const RAW: unique symbol = Symbol("coro.raw") as never;

/**
 * How native code's `then` on a Coroutine is served: installed by the task module (which knows
 * loops and tasks) when it loads; kept here so this file imports nothing that imports it back.
 */
let thenHandler: ((co: Coroutine) => Promise<unknown>) | undefined;

/** @internal Installs the function that turns a coroutine into a Task-backed Promise. */
export function setCoroutineThen(handler: (co: Coroutine) => Promise<unknown>): void {
  thenHandler = handler;
}

function coroutineThen(co: Coroutine): Promise<unknown> {
  if (thenHandler === undefined) {
    throw new TypeError("cannot await a Coroutine from native code: import '@coro/runtime' first");
  }
  return thenHandler(co);
}

/** Debug mode's observer of every coroutine created (undefined, the default, costs nothing). */
let creationHook: ((co: Coroutine) => void) | undefined;

/** @internal Installs the observer of coroutine creations (debug mode). */
export function setCreationHook(hook: ((co: Coroutine) => void) | undefined): void {
  creationHook = hook;
}

const STATE_NAMES: readonly CoroutineState[] = ["created", "suspended", "running", "suspended", "closed"];

/**
 * A resumable call of a compiled `async` function: Python's coroutine object, JavaScript-cased.
 *
 * @example
 * ```js
 * async function hello() { await sleep(0); return "hi"; }
 * const co = hello();   // runs nothing
 * co.next();            // { value: undefined, done: false }  (sleep(0) yielded)
 * co.next();            // { value: "hi", done: true }
 * ```
 */
export class Coroutine<T = unknown> implements Iterator<unknown, T, unknown> {
  /** Program counter of the state machine; -1 once the body finished. Written by `$step` only. */
  $s: number;
  /** Status: CREATED, SUSPENDED, RUNNING (roots only, while driven), CLOSING, CLOSED. */
  $st: number;
  /** The frame awaiting this one, or null for a root. Not cleared when the frame finishes. */
  $p: Coroutine | null;
  /** On a suspended root: the innermost frame of its chain, where the next resume lands. */
  $top: Coroutine;
  /** What this frame awaits: a child frame, a thenable, or what it yielded raw (maybe stale). */
  $aw: unknown;
  /**
   * On a root that just finished: its return value. On a root driven by a Task: that Task, at all
   * other times (the Task reads the result, then puts itself back), so native `then` reuses it.
   */
  $r: unknown;
  readonly $info: FrameInfo;
  readonly $step: StepFunction;

  constructor(info: FrameInfo, step: StepFunction) {
    this.$s = 0;
    this.$st = CREATED;
    this.$p = null;
    this.$top = this;
    this.$aw = undefined;
    this.$r = undefined;
    this.$info = info;
    this.$step = step;
    if (creationHook !== undefined) creationHook(this);
  }

  /**
   * The driver. Resumes the chain rooted here and runs it until it suspends (returns what it
   * yielded) or finishes (returns DONE, the result in `$r`), or throws what escaped the root.
   */
  $resume(mode: number, value: unknown): unknown {
    if (this.$st === RUNNING) throw new TypeError("coroutine already executing");
    if (this.$p !== null && this.$st !== CLOSED) {
      throw new RuntimeError("coroutine is awaited by another coroutine; resume the outermost one");
    }
    const closing = mode === CLOSE;
    this.$st = RUNNING;
    let cur: Coroutine = this.$top;
    cur.$aw = undefined;
    // While closing: does the root still wait for its CLOSE? (Its status field says RUNNING.)
    let rootClosePending = closing && cur !== this;
    for (;;) {
      let r: unknown;
      let threw = false;
      if (cur.$s === ADOPTING) {
        // The frame returned an awaitable and awaited it: what arrives now is its own outcome.
        cur.$s = -1;
        threw = mode === THROW;
        r = value;
      } else {
        try {
          r = cur.$step(cur, mode, value);
        } catch (error) {
          cur.$s = -1;
          threw = true;
          r = error;
        }
        if (!threw && cur.$s < 0 && r !== null && (typeof r === "object" || typeof r === "function") && cur.$info.raw !== true) {
          // `return awaitable` resolves to the awaitable's outcome, as an async function's promise does.
          try {
            if (isAwaitable(r)) cur.$s = ADOPTING;
          } catch (error) {
            threw = true;
            r = error;
          }
        }
      }
      if (threw) {
        // The frame finished by throwing: the error surfaces at its parent's await.
        cur.$st = CLOSED;
        const parent = cur.$p;
        if (parent === null) {
          this.$top = this;
          throw r;
        }
        if (closing) {
          if (parent === this) rootClosePending = false;
          else parent.$st = SUSPENDED;
        }
        cur = parent;
        mode = THROW;
        value = r;
        continue;
      }
      if (cur.$s < 0 && cur.$s !== ADOPTING) {
        // The frame returned r.
        cur.$st = CLOSED;
        const parent = cur.$p;
        if (parent === null) {
          this.$top = this;
          this.$r = r;
          return DONE;
        }
        mode = NEXT;
        if (closing) {
          if (parent === this ? rootClosePending : parent.$st === CLOSING) mode = CLOSE;
          if (parent === this) rootClosePending = false;
          else parent.$st = SUSPENDED;
        }
        cur = parent;
        value = r;
        continue;
      }
      // The frame awaits r.
      mode = NEXT;
      value = undefined;
      if (r instanceof Coroutine) {
        if (r.$st !== CREATED) {
          mode = THROW;
          value = new RuntimeError("cannot reuse already awaited coroutine");
          continue;
        }
        r.$st = SUSPENDED;
        r.$p = cur;
        cur.$aw = r;
        cur = r;
        continue;
      }
      if (r === RAW) {
        if (closing) throw this.$ignoredClose(cur);
        this.$top = cur;
        this.$st = SUSPENDED;
        return cur.$aw;
      }
      if (r !== null && (typeof r === "object" || typeof r === "function")) {
        let child: Coroutine | undefined;
        let then: unknown;
        try {
          const awaitMethod = (r as { [AWAIT]?: unknown })[AWAIT];
          if (typeof awaitMethod === "function") child = delegateTo(awaitMethod.call(r));
          else then = (r as PromiseLike<unknown>).then;
        } catch (error) {
          mode = THROW;
          value = error;
          continue;
        }
        if (child !== undefined) {
          if (child.$st !== CREATED) {
            mode = THROW;
            value = new RuntimeError("cannot reuse already awaited coroutine");
            continue;
          }
          child.$st = SUSPENDED;
          child.$p = cur;
          cur.$aw = child;
          cur = child;
          continue;
        }
        if (typeof then === "function") {
          if (closing) throw this.$ignoredClose(cur);
          cur.$aw = r;
          this.$top = cur;
          this.$st = SUSPENDED;
          return r;
        }
      }
      // Not awaitable: `await r` is r, without suspending.
      value = r;
    }
  }

  private $ignoredClose(top: Coroutine): RuntimeError {
    this.$top = top;
    this.$st = SUSPENDED;
    return new RuntimeError("coroutine ignored close");
  }

  /** Resumes with `value` (ignored on the first call). */
  next(value?: unknown): IteratorResult<unknown, T> {
    if (this.$st === CLOSED) return { value: undefined as T, done: true };
    const r = this.$resume(NEXT, value);
    return r === DONE ? { value: this.$r as T, done: true } : { value: r, done: false };
  }

  /** Python's name for `next`. */
  send(value: unknown): IteratorResult<unknown, T> {
    return this.next(value);
  }

  /** Raises `error` at the suspension point. Before the first resume the coroutine just closes. */
  throw(error: unknown): IteratorResult<unknown, T> {
    if (this.$st === CREATED) this.$st = CLOSED;
    if (this.$st === CLOSED) throw error;
    const r = this.$resume(THROW, error);
    return r === DONE ? { value: this.$r as T, done: true } : { value: r, done: false };
  }

  /**
   * Finishes the coroutine now: `finally` blocks run, innermost awaited coroutine first. Throws
   * `RuntimeError("coroutine ignored close")` if it would suspend while closing.
   */
  close(value?: unknown): IteratorResult<unknown, T> {
    if (this.$st === RUNNING) throw new TypeError("coroutine already executing");
    if (this.$st === CREATED) this.$st = CLOSED;
    if (this.$st === CLOSED) return { value: value as T, done: true };
    for (let f: Coroutine | null = this.$top; f !== null; f = f.$p) f.$st = CLOSING;
    this.$resume(CLOSE, value);
    return { value: this.$r as T, done: true };
  }

  /** The iterator protocol's name for `close`. */
  return(value?: T): IteratorResult<unknown, T> {
    return this.close(value);
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** `await` delegates to the coroutine itself (Python's `__await__`). */
  [AWAIT](): this {
    return this;
  }

  /** Native code may await a coroutine: it runs as a Task on the running (or default) loop. */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return (coroutineThen(this) as Promise<T>).then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return (coroutineThen(this) as Promise<T>).finally(onFinally);
  }

  get name(): string {
    return this.$info.name;
  }

  get state(): CoroutineState {
    if (this.$st === CREATED || this.$st === CLOSED) return STATE_NAMES[this.$st]!;
    let root: Coroutine = this;
    while (root.$p !== null) root = root.$p;
    return root.$st === RUNNING ? "running" : "suspended";
  }

  /** What the coroutine awaits now: a Coroutine, Future, thenable, or undefined. */
  get awaiting(): unknown {
    if (this.$st === CLOSED || this.$st === CREATED) return undefined;
    const aw = this.$aw;
    if (aw instanceof Coroutine) {
      // A child that already returned is stale: the driver does not clear links on the hot path.
      if (aw.$p !== this || aw.$st === CLOSED) return undefined;
      return aw instanceof AwaitFrame ? aw.$target : aw;
    }
    return aw;
  }

  /** The suspension point in the original source, when compiled with locations. */
  location(): SourceLocation | undefined {
    const { locs, file, name } = this.$info;
    if (locs === undefined || this.$st === CREATED || this.$st === CLOSED) return undefined;
    const line = locs[2 * this.$s];
    if (line === undefined || line === 0) return undefined;
    return { file, line, column: locs[2 * this.$s + 1]!, functionName: name };
  }

  get [Symbol.toStringTag](): string {
    return "Coroutine";
  }
}

/** Base of hand-written frames that stand for something awaited (a Future, an iterator). */
export abstract class AwaitFrame extends Coroutine {
  abstract readonly $target: unknown;
}

/** Adapts any `{ next, throw?, return? }` iterator to a frame, with `yield from` semantics. */
class IteratorFrame extends AwaitFrame {
  constructor(readonly $target: Iterator<unknown, unknown, unknown>) {
    super(ITERATOR_INFO, stepIterator);
  }
}

const ITERATOR_INFO: FrameInfo = { name: "<iterator>", raw: true };

function stepIterator(frame: IteratorFrame, mode: number, value: unknown): unknown {
  const it = frame.$target;
  let res: IteratorResult<unknown, unknown>;
  if (mode === NEXT) {
    res = it.next(value);
  } else if (mode === THROW) {
    if (typeof it.throw !== "function") {
      it.return?.();
      throw new TypeError("the awaited iterator has no throw method");
    }
    res = it.throw(value);
  } else {
    frame.$s = -1;
    return typeof it.return === "function" ? it.return(value).value : value;
  }
  if (res.done) {
    frame.$s = -1;
    return res.value;
  }
  frame.$aw = res.value;
  return RAW;
}

function delegateTo(it: unknown): Coroutine {
  if (it instanceof Coroutine) return it;
  if (it === null || typeof it !== "object" || typeof (it as Iterator<unknown>).next !== "function") {
    throw new TypeError("[Symbol.for('coro.await')]() must return an iterator");
  }
  return new IteratorFrame(it as Iterator<unknown, unknown, unknown>);
}
