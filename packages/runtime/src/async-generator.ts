/**
 * Async generators in coroutine mode: Python's async generators, JavaScript-cased. `next`,
 * `throw`, `return` (and `aclose`) return Coroutines — awaiting one is a delegation, so the
 * generator's body runs in place in the awaiting task, with no loop round-trip per item. `yield`
 * hands its value out as it is (as Python does); `yield*` delegates to another async iterator.
 *
 * The step function signals its suspensions in `$y`: 0 `await`, 1 `yield`, 2 `yield*`.
 *
 * @example
 * ```js
 * async function* ticks(n) { for (let i = 0; i < n; i++) { await sleep(10); yield i; } }
 * async function main() { for await (const t of ticks(3)) console.log(t); }   // 0 1 2
 * ```
 */
import { AwaitFrame, Coroutine, type FrameInfo } from "./coroutine.js";
import { RuntimeError } from "./errors.js";
import { AWAIT, CLOSE, NEXT, THROW } from "./protocol.js";
import { asyncFromSyncCoroutine } from "./async-from-sync-coroutine.js";
import { getIterator, isObject } from "./get-iterator.js";
import { getRunningLoop } from "./running.js";
import { generatorKind, setGeneratorKind, type GeneratorFrameBase, type GeneratorKind } from "./generator-object.js";

type Step = (frame: any, mode: number, value: unknown) => unknown;

const START = 0;
const SUSPENDED = 1;
const RUNNING = 2;
const COMPLETED = 3;

/** States of one request's frame. */
const REQUEST_START = 0;
const AWAITING_BODY = 1;
const AWAITING_INNER = 2;
const AWAITING_RETURN = 3;

/** `$itMode` while the inner iterator of a yield* is being closed because it has no throw(). */
const CLOSING_FOR_THROW = -1;

function isAwaitable(value: unknown): boolean {
  return (
    isObject(value) &&
    (value instanceof Coroutine ||
      typeof (value as { [AWAIT]?: unknown })[AWAIT] === "function" ||
      typeof (value as PromiseLike<unknown>).then === "function")
  );
}

const AsyncIteratorPrototype: object = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}.prototype));


/** One call of a compiled async generator function in coroutine mode (held by its generator object). */
export class AsyncGeneratorCoroutine implements GeneratorFrameBase {
  declare readonly $kind: GeneratorKind<unknown>;
  $s: number;
  $y: number;
  readonly $step: Step;
  $state: number;
  /** While `yield*` delegates: the inner async iterator, and the mode last forwarded to it. */
  $it: object | undefined;
  $itMode: number;

  constructor(step: Step) {
    this.$s = 0;
    this.$y = 0;
    this.$step = step;
    this.$state = START;
    this.$it = undefined;
    this.$itMode = NEXT;
  }

  /** @internal Suspended at a `yield`: started, not finished, not running. */
  _suspended(): boolean {
    return this.$state === SUSPENDED;
  }

  /** @internal A request is driving its body now. */
  _running(): boolean {
    return this.$state === RUNNING;
  }
}

/** The receiver's frame, or a TypeError for an object that is not such an async generator. */
function frameOf(object: unknown, method: string): AsyncGeneratorCoroutine {
  const frame = asyncGeneratorObjects.frameOf(object);
  if (frame === undefined) throw new TypeError(`AsyncGenerator.prototype.${method} called on an object that is not an async generator`);
  return frame;
}

/** The shared prototype of coroutine-mode async generator objects. */
class AsyncGeneratorMethods {
  /** Resumes the generator: a Coroutine of the next `{ value, done }`. */
  next(value?: unknown): Coroutine<IteratorResult<unknown>> {
    return new RequestFrame(frameOf(this, "next"), NEXT, value) as Coroutine as Coroutine<IteratorResult<unknown>>;
  }

  /** Finishes the generator (its finally blocks run). */
  return(value?: unknown): Coroutine<IteratorResult<unknown>> {
    return new RequestFrame(frameOf(this, "return"), CLOSE, value) as Coroutine as Coroutine<IteratorResult<unknown>>;
  }

  /** Raises `exception` at the generator's suspension point. */
  throw(exception?: unknown): Coroutine<IteratorResult<unknown>> {
    return new RequestFrame(frameOf(this, "throw"), THROW, exception) as Coroutine as Coroutine<IteratorResult<unknown>>;
  }

  /** Python's name for `return()`. */
  aclose(): Coroutine<IteratorResult<unknown>> {
    return this.return(undefined);
  }
}

const AsyncGeneratorPrototype: object = AsyncGeneratorMethods.prototype;
delete (AsyncGeneratorPrototype as { constructor?: unknown }).constructor;
Object.setPrototypeOf(AsyncGeneratorPrototype, AsyncIteratorPrototype);
Object.defineProperty(AsyncGeneratorPrototype, Symbol.toStringTag, { value: "AsyncGenerator", configurable: true });

const asyncGeneratorObjects = generatorKind<AsyncGeneratorCoroutine>(AsyncGeneratorPrototype);
setGeneratorKind(AsyncGeneratorCoroutine, asyncGeneratorObjects as GeneratorKind<never>);

const REQUEST_INFO: FrameInfo = { name: "<async generator request>", raw: true };

/** One `next`/`throw`/`return` call, as a frame that drives the generator's body in place. */
class RequestFrame extends AwaitFrame {
  constructor(
    readonly $target: AsyncGeneratorCoroutine,
    readonly $mode: number,
    readonly $value: unknown,
  ) {
    super(REQUEST_INFO, stepRequest);
  }
}

function stepRequest(frame: RequestFrame, mode: number, value: unknown): unknown {
  const gen = frame.$target;
  if (frame.$s === REQUEST_START) {
    if (mode !== NEXT) {
      frame.$s = -1;
      if (mode === THROW) throw value;
      return { value, done: true };
    }
    if (gen.$state === RUNNING) throw new RuntimeError("asynchronous generator is already running");
    mode = frame.$mode;
    value = frame.$value;
    if (gen.$state === COMPLETED || (gen.$state === START && mode !== NEXT)) {
      gen.$state = COMPLETED;
      frame.$s = -1;
      if (mode === THROW) throw value;
      return { value: mode === CLOSE ? value : undefined, done: true };
    }
    // First iteration on a loop: the loop closes it if it is left suspended (asyncio's firstiter hook).
    if (gen.$state === START) getRunningLoop()?._asyncGenStarted(gen);
    gen.$state = RUNNING;
  } else if (frame.$s === AWAITING_RETURN) {
    // A returned awaitable has settled: its outcome finishes the generator.
    frame.$s = -1;
    if (mode === THROW) throw value;
    return { value, done: true };
  } else if (frame.$s === AWAITING_INNER) {
    // The inner iterator's result (or its failure) for a yield* round.
    if (gen.$itMode === CLOSING_FOR_THROW) {
      gen.$it = undefined;
      if (mode !== THROW) {
        mode = THROW;
        value = isObject(value)
          ? new TypeError("The iterator does not provide a 'throw' method")
          : new TypeError("iterator.return() did not return an object");
      }
    } else if (mode === THROW) {
      gen.$it = undefined;
    } else if (!isObject(value)) {
      gen.$it = undefined;
      mode = THROW;
      value = new TypeError(`Iterator result ${String(value)} is not an object`);
    } else if ((value as IteratorResult<unknown>).done) {
      gen.$it = undefined;
      mode = gen.$itMode === CLOSE ? CLOSE : NEXT;
      value = (value as IteratorResult<unknown>).value;
    } else {
      gen.$state = SUSPENDED;
      frame.$s = -1;
      return { value: (value as IteratorResult<unknown>).value, done: false };
    }
  }
  return runBody(frame, gen, mode, value);
}

function runBody(frame: RequestFrame, gen: AsyncGeneratorCoroutine, mode: number, value: unknown): unknown {
  for (;;) {
    if (gen.$it !== undefined) {
      const inner = forward(gen, mode, value);
      if (inner.kind === "await") {
        frame.$s = AWAITING_INNER;
        return inner.operand;
      }
      mode = inner.mode;
      value = inner.value;
      continue;
    }
    let out: unknown;
    try {
      out = gen.$step(gen, mode, value);
    } catch (error) {
      gen.$state = COMPLETED;
      frame.$s = -1;
      throw error;
    }
    if (gen.$s < 0) {
      gen.$state = COMPLETED;
      if (isAwaitable(out)) {
        // `return awaitable` gives the awaitable's outcome, as in async functions.
        frame.$s = AWAITING_RETURN;
        return out;
      }
      frame.$s = -1;
      return { value: out, done: true };
    }
    const signal = gen.$y;
    gen.$y = 0;
    if (signal === 0) {
      frame.$s = AWAITING_BODY;
      return out;
    }
    if (signal === 1) {
      gen.$state = SUSPENDED;
      frame.$s = -1;
      return { value: out, done: false };
    }
    try {
      gen.$it = asyncIteratorFor(out);
      mode = NEXT;
      value = undefined;
    } catch (error) {
      mode = THROW;
      value = error;
    }
  }
}

/** One yield* round: calls the inner iterator's method; its result is awaited by the caller. */
function forward(
  gen: AsyncGeneratorCoroutine,
  mode: number,
  value: unknown,
): { kind: "await"; operand: unknown } | { kind: "resume"; mode: number; value: unknown } {
  const it = gen.$it!;
  const name = mode === NEXT ? "next" : mode === THROW ? "throw" : "return";
  let method: unknown;
  try {
    method = (it as Record<string, unknown>)[name];
    if (method == null) {
      gen.$it = undefined;
      if (mode === CLOSE) return { kind: "resume", mode: CLOSE, value };
      if (mode === THROW) {
        // Close the inner iterator (awaiting its return()), then throw a TypeError.
        const ret = (it as { return?: unknown }).return;
        if (typeof ret === "function") {
          gen.$it = it;
          gen.$itMode = CLOSING_FOR_THROW;
          return { kind: "await", operand: ret.call(it) };
        }
        return { kind: "resume", mode: THROW, value: new TypeError("The iterator does not provide a 'throw' method") };
      }
      throw new TypeError("The iterator does not provide a 'next' method");
    }
    gen.$itMode = mode;
    return { kind: "await", operand: (method as (v: unknown) => unknown).call(it, value) };
  } catch (error) {
    gen.$it = undefined;
    return { kind: "resume", mode: THROW, value: error };
  }
}

/**
 * GetIterator(obj, async) for coroutine mode: `Symbol.asyncIterator`, else the sync iterator
 * wrapped as CreateAsyncFromSyncIterator does (`async-from-sync-coroutine.ts`).
 */
export function asyncIteratorFor(obj: unknown): object {
  const { async, sync } = getIterator(obj);
  if (async !== undefined) return async;
  return asyncFromSyncCoroutine(sync);
}

/** @internal `aclose()` of the generator whose frame is `frame` (the loop's shutdown holds frames). */
export function acloseFrame(frame: AsyncGeneratorCoroutine): Coroutine<IteratorResult<unknown>> {
  return new RequestFrame(frame, CLOSE, undefined) as Coroutine as Coroutine<IteratorResult<unknown>>;
}
