/**
 * ToPropertyKey for compiled code that must convert a computed key exactly once and use the
 * result twice (an anonymous function's name comes from its property key).
 */
export function propertyKey(value: unknown): string | symbol {
  // An object literal's computed key is the language's own ToPropertyKey, run once.
  return Reflect.ownKeys({ [value as PropertyKey]: 0 })[0]!;
}
