// @ts-check
/**
 * The reference coroutine: SPEC §1.2–1.4 written the obvious way, over native generators, sharing
 * no code with the compiler. `rewrite.ts` turns every `async` function into a wrapper that returns
 * `start(name, function* (…) { … yield x … }, this, args)`; here a tiny driver runs those generators.
 *
 * Design, and why:
 * - A `RefCoroutine` **extends the runtime's `Coroutine` only as an adapter**: it overrides the
 *   driver entry point `$resume(mode, value)` (the one method a runtime `Task` calls, together with
 *   the `$st` status it reads and `$r`, the result after `DONE`) and every public method. So
 *   `run`, `runSync`, `EventLoop`, Tasks and native `then` drive reference coroutines unchanged,
 *   `instanceof Coroutine` and `[object Coroutine]` hold, and none of the runtime's delegation code
 *   (its `$resume` loop, adoption, close walking) is used: all of it is re-implemented below.
 * - One root per chain owns an explicit stack of frames (innermost last), so awaiting a coroutine
 *   (delegation, Python's `yield from`) costs no JavaScript stack per level. A frame is a
 *   `RefCoroutine` (its generator yields each awaited operand) or a `ForeignFrame` (any iterator
 *   returned by `x[Symbol.for("coro.await")]()`, e.g. a runtime `sleep()` or Future frame, driven
 *   through its public `next`/`throw`/`return`; what it yields goes to the outside raw).
 * - A generator is created on the first resume, so calling runs nothing, not even parameter
 *   defaults (which a generator call would otherwise evaluate).
 * - `return awaitable` adopts the awaitable: the frame awaits it on its own behalf and finishes
 *   with its outcome, once (the result of the adopted await is not adopted again).
 * - `location()` is not modelled (undefined): source positions are the compiler's business.
 */
import { AwaitFrame, Coroutine, DONE, RAW, RuntimeError } from "@coro/runtime";

const AWAIT = Symbol.for("coro.await");

/** Resume modes, as the runtime's Task passes them (packages/runtime/src/protocol.ts). */
const NEXT = 0;
const THROW = 1;
const CLOSE = 2;

/** `$st` values the runtime's Task reads (CREATED before the first step, CLOSED when finished). */
const CREATED = 0;
const SUSPENDED = 1;
const RUNNING = 2;
const CLOSED = 4;

/** @param {unknown} x @returns {x is object} */
function isObject(x) {
  return x !== null && (typeof x === "object" || typeof x === "function");
}

/**
 * When a runtime frame (a hand-written primitive) awaits a reference coroutine, the runtime's
 * driver steps it as its child: it then runs as the root of its own reference chain.
 * @type {(frame: any, mode: number, value: unknown) => unknown}
 */
function stepAsRuntimeChild(frame, mode, value) {
  const r = frame.$resume(mode, value);
  if (r === DONE) {
    frame.$s = -1;
    return frame.$r;
  }
  frame.$aw = r;
  return RAW;
}

/** An iterator that an `await` delegates to but that is not a reference coroutine. */
class ForeignFrame {
  /** @param {any} it @param {unknown} target what `awaiting` reports */
  constructor(it, target) {
    this.it = it;
    this.target = target;
    /** Was in the chain when `close()` began: gets CLOSE when the frame it awaits returns. */
    this.closePending = false;
  }

  /** @param {number} mode @param {unknown} value @returns {IteratorResult<unknown, unknown>} */
  resume(mode, value) {
    const it = this.it;
    if (mode === NEXT) return it.next(value);
    if (mode === THROW) {
      if (typeof it.throw !== "function") {
        if (typeof it.return === "function") it.return();
        throw new TypeError("the awaited iterator has no throw method");
      }
      return it.throw(value);
    }
    if (typeof it.return !== "function") return { value, done: true };
    return { value: it.return(value).value, done: true };
  }

  finish() {}
}

/** A call of a rewritten async function: what the source's `async function` returns. */
export class RefCoroutine extends Coroutine {
  /** @type {(() => Generator<unknown, unknown, unknown>) | null} creates the generator (runs the parameter prologue) */
  #start;
  /** @type {Generator<unknown, unknown, unknown> | null} */
  #gen = null;
  /** @type {RefCoroutine | null} the reference coroutine awaiting this one */
  #parent = null;
  /** @type {Array<RefCoroutine | ForeignFrame> | null} on a root that started: the chain, innermost last */
  #stack = null;
  /** Returned an awaitable and awaits it on its own behalf. */
  #adopting = false;
  /** @type {unknown} what this frame awaits while suspended */
  #awaiting = undefined;
  closePending = false;

  /** @param {string} name @param {() => Generator<unknown, unknown, unknown>} start */
  constructor(name, start) {
    super({ name }, stepAsRuntimeChild);
    this.#start = start;
  }

  /**
   * Runs this frame's generator one step.
   * @param {number} mode @param {unknown} value @returns {IteratorResult<unknown, unknown>}
   */
  resume(mode, value) {
    this.#awaiting = undefined;
    if (this.#adopting) {
      this.#adopting = false;
      if (mode === THROW) throw value;
      return { value, done: true };
    }
    if (this.#gen === null) {
      const start = /** @type {() => Generator<unknown, unknown, unknown>} */ (this.#start);
      this.#start = null;
      this.#gen = start();
    }
    if (mode === NEXT) return this.#gen.next(value);
    if (mode === THROW) return this.#gen.throw(value);
    return this.#gen.return(value);
  }

  finish() {
    this.$st = CLOSED;
    this.#gen = null;
    this.#start = null;
    this.#awaiting = undefined;
  }

  /**
   * The driver: resumes the chain rooted here until it yields to the outside (returns what it
   * yielded) or finishes (returns DONE with the result in `$r`), or throws what escaped the root.
   * @param {number} mode @param {unknown} value @returns {unknown}
   */
  $resume(mode, value) {
    if (this.$st === RUNNING) throw new TypeError("coroutine already executing");
    if (this.#parent !== null && this.$st !== CLOSED) {
      throw new RuntimeError("coroutine is awaited by another coroutine; resume the outermost one");
    }
    if (this.$st === CLOSED) {
      this.$r = undefined;
      return DONE;
    }
    if (this.#stack === null) this.#stack = [this];
    const stack = this.#stack;
    const closing = mode === CLOSE;
    if (closing) for (let i = 0; i < stack.length - 1; i++) /** @type {any} */ (stack[i]).closePending = true;
    this.$st = RUNNING;
    for (;;) {
      const top = /** @type {RefCoroutine | ForeignFrame} */ (stack[stack.length - 1]);
      /** @type {IteratorResult<unknown, unknown>} */
      let res;
      try {
        res = top.resume(mode, value);
      } catch (error) {
        // The frame finished by throwing: the error surfaces at its awaiter's `await`.
        top.finish();
        stack.pop();
        if (stack.length === 0) {
          this.$st = CLOSED;
          throw error;
        }
        /** @type {any} */ (stack[stack.length - 1]).closePending = false;
        mode = THROW;
        value = error;
        continue;
      }
      /** @type {unknown} */
      let awaited;
      if (res.done) {
        const result = res.value;
        let adopt = false;
        if (top instanceof RefCoroutine && top.#gen !== null && isObject(result)) {
          try {
            adopt = result instanceof Coroutine || typeof (/** @type {any} */ (result)[AWAIT]) === "function" || typeof (/** @type {any} */ (result).then) === "function";
          } catch (error) {
            top.#gen = null;
            mode = THROW;
            value = error;
            // Thrown by the frame itself: rethrow from it.
            top.#adopting = true;
            continue;
          }
        }
        if (!adopt) {
          top.finish();
          stack.pop();
          if (stack.length === 0) {
            this.$st = CLOSED;
            this.$r = result;
            return DONE;
          }
          const parent = /** @type {RefCoroutine | ForeignFrame} */ (stack[stack.length - 1]);
          mode = parent.closePending ? CLOSE : NEXT;
          parent.closePending = false;
          value = result;
          continue;
        }
        // `return awaitable`: the frame awaits it and then finishes with its outcome.
        /** @type {RefCoroutine} */ (top).#gen = null;
        /** @type {RefCoroutine} */ (top).#adopting = true;
        awaited = result;
      } else if (top instanceof ForeignFrame) {
        // A delegated-to iterator yielded: that goes to the outside as it is.
        if (closing) {
          this.$st = SUSPENDED;
          throw new RuntimeError("coroutine ignored close");
        }
        this.$st = SUSPENDED;
        return res.value;
      } else {
        awaited = res.value;
      }
      // `top` awaits `awaited` (SPEC §1.3).
      mode = NEXT;
      value = undefined;
      if (!isObject(awaited)) {
        value = awaited;
        continue;
      }
      /** @type {RefCoroutine | ForeignFrame | undefined} */
      let child;
      /** @type {unknown} */
      let then;
      try {
        const awaitMethod = /** @type {any} */ (awaited)[AWAIT];
        if (typeof awaitMethod === "function") child = toFrame(awaitMethod.call(awaited));
        else then = /** @type {any} */ (awaited).then;
      } catch (error) {
        mode = THROW;
        value = error;
        continue;
      }
      if (child !== undefined) {
        if (child instanceof RefCoroutine) {
          if (child.$st !== CREATED) {
            mode = THROW;
            value = new RuntimeError("cannot reuse already awaited coroutine");
            continue;
          }
          child.$st = SUSPENDED;
          child.#parent = /** @type {RefCoroutine} */ (top);
          top.#awaiting = child;
        } else {
          if (child.it instanceof Coroutine && child.it.state !== "created") {
            mode = THROW;
            value = new RuntimeError("cannot reuse already awaited coroutine");
            continue;
          }
          /** @type {RefCoroutine} */ (top).#awaiting = child.target;
        }
        stack.push(child);
        continue;
      }
      if (typeof then === "function") {
        if (closing) {
          this.$st = SUSPENDED;
          throw new RuntimeError("coroutine ignored close");
        }
        /** @type {RefCoroutine} */ (top).#awaiting = awaited;
        this.$st = SUSPENDED;
        return awaited;
      }
      value = awaited;
    }
  }

  /** @param {unknown} [value] @returns {IteratorResult<unknown, unknown>} */
  next(value) {
    if (this.$st === CLOSED) return { value: undefined, done: true };
    const r = this.$resume(NEXT, value);
    return r === DONE ? { value: this.$r, done: true } : { value: r, done: false };
  }

  /** @param {unknown} value */
  send(value) {
    return this.next(value);
  }

  /** @param {unknown} error @returns {IteratorResult<unknown, unknown>} */
  throw(error) {
    if (this.$st === CREATED) this.finish();
    if (this.$st === CLOSED) throw error;
    const r = this.$resume(THROW, error);
    return r === DONE ? { value: this.$r, done: true } : { value: r, done: false };
  }

  /** @param {unknown} [value] @returns {IteratorResult<unknown, any>} */
  close(value) {
    if (this.$st === RUNNING) throw new TypeError("coroutine already executing");
    if (this.$st === CREATED) this.finish();
    if (this.$st === CLOSED) return { value, done: true };
    this.$resume(CLOSE, value);
    return { value: this.$r, done: true };
  }

  /** @param {any} [value] */
  return(value) {
    return this.close(value);
  }

  [Symbol.iterator]() {
    return this;
  }

  [AWAIT]() {
    return this;
  }

  get state() {
    if (this.$st === CREATED) return "created";
    if (this.$st === CLOSED) return "closed";
    /** @type {RefCoroutine} */
    let root = this;
    while (root.#parent !== null) root = root.#parent;
    return root.$st === RUNNING ? "running" : "suspended";
  }

  get awaiting() {
    if (this.$st === CREATED || this.$st === CLOSED) return undefined;
    return this.#awaiting;
  }

  location() {
    return undefined;
  }
}

/** @param {unknown} it @returns {RefCoroutine | ForeignFrame} */
function toFrame(it) {
  if (it instanceof RefCoroutine) return it;
  if (!isObject(it) || typeof (/** @type {any} */ (it).next) !== "function") {
    throw new TypeError("[Symbol.for('coro.await')]() must return an iterator");
  }
  return new ForeignFrame(it, it instanceof AwaitFrame ? it.$target : it);
}

/**
 * What a rewritten async function returns: a coroutine whose first resume calls
 * `gen` with `thisArg` and `args` (so parameter defaults run then, not at the call).
 * @param {string} name @param {(...args: any[]) => Generator<unknown, unknown, unknown>} gen
 * @param {unknown} thisArg @param {ArrayLike<unknown>} args
 */
export function start(name, gen, thisArg, args) {
  return new RefCoroutine(name, () => Reflect.apply(gen, thisArg, args));
}

