/**
 * Reading the options objects users hand the runtime: only own properties count, so a polluted
 * `Object.prototype` (`Object.prototype.clock = "virtual"`) cannot change what the runtime does.
 */

/**
 * `options[key]` if `options` has it as an own property, else undefined.
 *
 * @example
 * ```ts
 * Object.prototype.name = "polluted";
 * option({}, "name");             // undefined
 * option({ name: "a" }, "name");  // "a"
 * ```
 */
export function option<O extends object, K extends keyof O>(options: O | null | undefined, key: K): O[K] | undefined {
  return options != null && Object.hasOwn(options, key) ? options[key] : undefined;
}
