/**
 * GetIterator(obj, async), shared by both modes' async generators and `for await`: the object's
 * own async iterator, or — to be wrapped by the caller's mode — its sync iterator.
 */

export function isObject(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

/** `{ async }` when `obj` has `Symbol.asyncIterator`, else `{ sync }` to wrap. Throws as the language does. */
export function getIterator(obj: unknown): { async: object; sync?: undefined } | { async?: undefined; sync: Iterator<unknown> } {
  // An engine older than ES2018 (the es2015 entry) may have no Symbol.asyncIterator: then only sync.
  const asyncKey = Symbol.asyncIterator as symbol | undefined;
  const asyncMethod = obj == null || asyncKey === undefined ? undefined : (obj as Record<symbol, unknown>)[asyncKey];
  if (asyncMethod != null) {
    if (typeof asyncMethod !== "function") throw new TypeError("Symbol.asyncIterator is not a function");
    const it = asyncMethod.call(obj) as object;
    if (!isObject(it)) throw new TypeError("Result of the Symbol.asyncIterator method is not an object");
    return { async: it };
  }
  const syncMethod = obj == null ? undefined : (obj as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof syncMethod !== "function") throw new TypeError(`${String(obj)} is not async iterable`);
  const sync = syncMethod.call(obj) as Iterator<unknown>;
  if (!isObject(sync)) throw new TypeError("Result of the Symbol.iterator method is not an object");
  return { sync };
}
