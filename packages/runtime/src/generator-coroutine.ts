/**
 * Hand-written coroutines for the library: a TypeScript generator whose `yield x` means `await x`,
 * wrapped in a Coroutine frame so `await lock.acquire()` delegates (no microtask, no Task).
 */
import { Coroutine } from "./coroutine.js";
import { NEXT, THROW } from "./protocol.js";

class GeneratorCoroutine<T> extends Coroutine<T> {
  /** Created at the first resume, so calling runs no code of the body (SPEC §1.1). */
  gen: Generator<unknown, T, any> | undefined;

  constructor(
    name: string,
    readonly start: () => Generator<unknown, T, any>,
  ) {
    super({ name, raw: true }, stepGenerator);
  }
}

function stepGenerator(frame: GeneratorCoroutine<unknown>, mode: number, value: unknown): unknown {
  let gen = frame.gen;
  if (gen === undefined) {
    if (mode !== NEXT) {
      frame.$s = -1;
      if (mode === THROW) throw value;
      return value;
    }
    gen = frame.gen = frame.start();
  }
  const res = mode === NEXT ? gen.next(value) : mode === THROW ? gen.throw(value) : gen.return(value as never);
  if (res.done) {
    frame.$s = -1;
    return res.value;
  }
  frame.$s = 1;
  return res.value;
}

/**
 * @internal A Coroutine named `name` whose body is the generator `start()` returns; inside it,
 * `yield x` awaits `x` exactly as `await x` in compiled code (delegation, thenables, values).
 *
 * @example
 * ```ts
 * const co = generatorCoroutine("twice", function* () { const v = yield fut; return v * 2; });
 * ```
 */
export function generatorCoroutine<T>(name: string, start: () => Generator<unknown, T, any>): Coroutine<T> {
  return new GeneratorCoroutine<T>(name, start);
}
