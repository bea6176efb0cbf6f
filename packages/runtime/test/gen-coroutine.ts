/**
 * Test utility, the reference implementation of coroutine semantics until the compiler is ready:
 * `coroutineFrom(function* (…) { … })` makes a function returning Coroutines whose body is the
 * generator's, where `yield x` means `await x`.
 *
 * ```ts
 * const hello = coroutineFrom(function* (name: string) { yield sleep(0); return `hi ${name}`; });
 * hello("ann").next(); // { value: undefined, done: false }
 * ```
 */
import { Coroutine, NEXT, THROW } from "../src/index.js";

class GenCoroutine<T> extends Coroutine<T> {
  /** Created at the first resume, so calling runs no code of the body (SPEC §1.1). */
  gen: Generator<unknown, T, unknown> | undefined;

  constructor(
    name: string,
    readonly start: () => Generator<unknown, T, unknown>,
  ) {
    super({ name }, stepGenerator);
  }
}

function stepGenerator(frame: GenCoroutine<unknown>, mode: number, value: unknown): unknown {
  let gen = frame.gen;
  if (gen === undefined) {
    if (mode !== NEXT) {
      frame.$s = -1;
      if (mode === THROW) throw value;
      return value;
    }
    gen = frame.gen = frame.start();
  }
  const res = mode === NEXT ? gen.next(value) : mode === THROW ? gen.throw(value) : gen.return(value);
  if (res.done) {
    frame.$s = -1;
    return res.value;
  }
  frame.$s = 1;
  return res.value;
}

/**
 * Turns a generator function into a function returning Coroutines: `yield x` is `await x`, the
 * driver's resume value / exception / close reach the generator through next / throw / return.
 *
 * @example
 * ```ts
 * const add = coroutineFrom(function* (a: number, b: number) { return (yield Promise.resolve(a)) + b; });
 * await run(add(1, 2)); // 3
 * ```
 */
export function coroutineFrom<A extends unknown[], T>(
  genFn: (...args: A) => Generator<unknown, T, any>,
): (...args: A) => Coroutine<T> {
  return function (this: unknown, ...args: A): Coroutine<T> {
    return new GenCoroutine<T>(genFn.name, () => genFn.apply(this, args));
  };
}

