/**
 * The helpers tsc calls when it lowers private fields (`#frame` in generator-object.ts) to ES2015,
 * where they are WeakMaps: the `promise-es2015` build sets `noEmitHelpers` (tsconfig.es2015.json),
 * so that tsc does not inline its own copies, whose `(this && this.__helper) || …` at the top
 * level of an ES module makes bundlers warn. Only the forms tsc emits for plain instance fields.
 * The default build keeps native private fields and does not call these.
 */

/** `receiver.#field` (one lookup when the field holds something other than undefined). */
export function __classPrivateFieldGet(receiver: object, state: WeakMap<object, unknown>): unknown {
  const value = state.get(receiver);
  if (value === undefined && !state.has(receiver)) throw new TypeError("Cannot read private member from an object whose class did not declare it");
  return value;
}

/** `receiver.#field = value` */
export function __classPrivateFieldSet(receiver: object, state: WeakMap<object, unknown>, value: unknown): unknown {
  if (!state.has(receiver)) throw new TypeError("Cannot write private member to an object whose class did not declare it");
  state.set(receiver, value);
  return value;
}
