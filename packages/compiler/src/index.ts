/**
 * The public API of @coro/compiler.
 *
 * @example
 * ```js
 * import { transform } from "@coro/compiler";
 * const { code, map } = transform("async function f() { await g(); }", { filename: "f.js" });
 * ```
 */
export { CoroCompileError } from "./errors.js";
export { transform } from "./transform.js";
export type { TransformOptions, TransformResult, Mode, Target } from "./options.js";
