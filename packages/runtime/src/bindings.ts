/**
 * What compiled code needs to keep `let`/`const`/`class` exact once their bindings live in frame
 * fields: the temporal dead zone and assignment to a constant.
 */

/** The value of a frame field whose `let`/`const`/`class` binding is not initialised yet. */
export const UNINITIALIZED: unique symbol = Symbol("coro.uninitialized") as never;

/** Reads a binding that may be in its temporal dead zone: throws as the language does. */
export function assertInitialized<T>(value: T, name: string): T {
  if ((value as unknown) === UNINITIALIZED) throw new ReferenceError(`Cannot access '${name}' before initialization`);
  return value;
}

/** `x = value` where x may be in its dead zone: `value` (already evaluated) if x is initialised. */
export function checkedWrite<T>(current: unknown, value: T, name: string): T {
  if (current === UNINITIALIZED) throw new ReferenceError(`Cannot access '${name}' before initialization`);
  return value;
}

/** An assignment to a `const` binding. */
export function throwConstAssignment(name: string): never {
  void name;
  throw new TypeError("Assignment to constant variable.");
}
