/**
 * Generators (`function*`) compiled to the same state machines. A call creates a frame (an
 * instance of the function's frame class, which extends GeneratorFrame: its locals are fields)
 * and a generator object holding it in its slot (generator-object.ts); the generator object
 * inherits from the function's `prototype`, which inherits from the shared GeneratorPrototype
 * (next/throw/return, `Symbol.toStringTag` "Generator"), which inherits from %IteratorPrototype%,
 * as native generator objects do.
 *
 * The step function returns what it yields (`$s` ≥ 0) or its result (`$s` = -1). `yield*` sets
 * `$y = 2`: the driver then forwards next/throw/return to the inner iterator until it is done,
 * returning its results as they are, and resumes the body with the inner iterator's return value.
 *
 * @example
 * ```js
 * // compiled:  function* count(n) { for (let i = 0; i < n; i++) yield i; }
 * var count = defineGenerator((_self) => ({ count(n) { return createGenerator(_self.fn, new _count$Frame(_count$step, n)); } }).count, _count$Frame);
 * [...count(3)];   // [0, 1, 2]
 * ```
 */
import { CLOSE, NEXT, THROW } from "./protocol.js";
import { generatorKind, setGeneratorKind, type GeneratorFrameBase, type GeneratorKind } from "./generator-object.js";

const START = 0;
const SUSPENDED = 1;
const EXECUTING = 2;
const COMPLETED = 3;

/** `$y` values set by compiled code just before suspending. */
const DELEGATE = 2;

const IteratorPrototype: object = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

function isObject(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

/** One call of a compiled generator function: its locals are the subclass's fields. */
export class GeneratorFrame implements GeneratorFrameBase {
  declare readonly $kind: GeneratorKind<unknown>;
  /** Program counter of the state machine; -1 once finished. Written by `$step` only. */
  $s: number;
  /** What the body's last suspension was (set by compiled code): 2 = yield*. */
  $y: number;
  /** START, SUSPENDED, EXECUTING or COMPLETED. */
  $st: number;
  /** While `yield*` delegates: the inner iterator and its cached `next`. */
  $it: Iterator<unknown> | undefined;
  $itNext: ((value?: unknown) => IteratorResult<unknown>) | undefined;
  readonly $step: (frame: any, mode: number, value: unknown) => unknown;

  constructor(step: (frame: any, mode: number, value: unknown) => unknown) {
    this.$s = 0;
    this.$y = 0;
    this.$st = START;
    this.$it = undefined;
    this.$itNext = undefined;
    this.$step = step;
  }

  /** Runs the body (or the delegated iterator) until it yields, returns or throws. */
  $resume(mode: number, value: unknown): IteratorResult<unknown> {
    const st = this.$st;
    if (st === EXECUTING) throw new TypeError("Generator is already running");
    if (st === COMPLETED || (st === START && mode !== NEXT)) {
      this.$st = COMPLETED;
      if (mode === THROW) throw value;
      return { value: mode === CLOSE ? value : undefined, done: true };
    }
    this.$st = EXECUTING;
    try {
      for (;;) {
        if (this.$it !== undefined) {
          const result = this.$forward(mode, value);
          if (result !== undefined) {
            this.$st = SUSPENDED;
            return result;
          }
          mode = resumeMode;
          value = resumeValue;
        }
        const out = this.$step(this, mode, value);
        if (this.$s < 0) {
          this.$st = COMPLETED;
          return { value: out, done: true };
        }
        if (this.$y === DELEGATE) {
          this.$y = 0;
          mode = NEXT;
          value = undefined;
          try {
            // GetMethod(out, @@iterator): primitives too, through their wrapper's prototype.
            const method = out == null ? undefined : (out as Iterable<unknown>)[Symbol.iterator];
            if (typeof method !== "function") throw new TypeError(`${String(out)} is not iterable`);
            const it = method.call(out) as Iterator<unknown>;
            if (!isObject(it)) throw new TypeError("Result of the Symbol.iterator method is not an object");
            const next = it.next as (value?: unknown) => IteratorResult<unknown>;
            this.$it = it;
            this.$itNext = next;
          } catch (error) {
            mode = THROW;
            value = error;
          }
          continue;
        }
        this.$st = SUSPENDED;
        return { value: out, done: false };
      }
    } catch (error) {
      this.$st = COMPLETED;
      throw error;
    }
  }

  /**
   * One step of `yield*`: forwards the resumption to the inner iterator. Returns the inner result
   * to yield as it is, or undefined: then the body resumes with `resumeMode` and `resumeValue`
   * (the inner return value, or a throw). No allocation per forwarded step.
   */
  private $forward(mode: number, value: unknown): IteratorResult<unknown> | undefined {
    const it = this.$it!;
    let result: unknown;
    try {
      if (mode === NEXT) {
        result = this.$itNext!.call(it, value);
      } else if (mode === THROW) {
        const method = (it as { throw?: unknown }).throw;
        if (method == null) {
          this.$it = undefined;
          closeQuietly(it);
          return resumeWith(THROW, new TypeError("The iterator does not provide a 'throw' method"));
        }
        result = (method as (e: unknown) => unknown).call(it, value);
      } else {
        const method = (it as { return?: unknown }).return;
        if (method == null) {
          this.$it = undefined;
          return resumeWith(CLOSE, value);
        }
        result = (method as (v: unknown) => unknown).call(it, value);
      }
      if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
      if ((result as IteratorResult<unknown>).done) {
        this.$it = undefined;
        // A return() that finished the inner iterator makes the generator return too.
        return resumeWith(mode === CLOSE ? CLOSE : NEXT, (result as IteratorResult<unknown>).value);
      }
    } catch (error) {
      this.$it = undefined;
      return resumeWith(THROW, error);
    }
    return result as IteratorResult<unknown>;
  }
}

/** How `$forward` says "resume the body": read by `$resume` right after the call returns. */
let resumeMode = NEXT;
let resumeValue: unknown;

function resumeWith(mode: number, value: unknown): undefined {
  resumeMode = mode;
  resumeValue = value;
  return undefined;
}

function closeQuietly(it: Iterator<unknown>): void {
  const method = (it as { return?: unknown }).return;
  if (typeof method === "function") method.call(it);
}

/** The receiver's frame, or the TypeError a native generator method throws for another object. */
function frameOf(object: unknown, method: string): GeneratorFrame {
  const frame = generatorObjects.frameOf(object);
  if (frame === undefined) throw new TypeError(`Generator.prototype.${method} called on an object that is not a generator`);
  return frame;
}

/** %GeneratorPrototype%: next/throw/return as non-enumerable methods, as native ones. */
class GeneratorMethods {
  next(value?: unknown): IteratorResult<unknown> {
    return frameOf(this, "next").$resume(NEXT, value);
  }

  return(value?: unknown): IteratorResult<unknown> {
    return frameOf(this, "return").$resume(CLOSE, value);
  }

  throw(exception?: unknown): IteratorResult<unknown> {
    return frameOf(this, "throw").$resume(THROW, exception);
  }
}

const GeneratorPrototype: object = GeneratorMethods.prototype;
delete (GeneratorPrototype as { constructor?: unknown }).constructor;
Object.setPrototypeOf(GeneratorPrototype, IteratorPrototype);
Object.defineProperty(GeneratorPrototype, Symbol.toStringTag, { value: "Generator", configurable: true });

const generatorObjects = generatorKind<GeneratorFrame>(GeneratorPrototype);
setGeneratorKind(GeneratorFrame, generatorObjects as GeneratorKind<never>);

/**
 * Evaluates a generator's parameters at the call, as the language does: runs the step up to the
 * suspension that ends the parameter prologue (`$y === 3`). Errors propagate from the call.
 */
export function startGenerator<G extends { $step: (f: any, m: number, v: unknown) => unknown; $y: number }>(frame: G): G {
  frame.$step(frame, NEXT, undefined);
  frame.$y = 0;
  return frame;
}
