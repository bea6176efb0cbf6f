/**
 * `@coro/unplugin`: one plugin for Vite, Rollup, webpack, esbuild and Rspack that compiles the
 * async functions of project files with `@coro/compiler` (source maps chained into the bundler's)
 * and bundles `@coro/runtime` once.
 *
 * @example
 * ```js
 * // vite.config.js
 * import coro from "@coro/unplugin/vite";
 * export default { plugins: [coro({ mode: "coroutine" })] };
 * ```
 */
import { createUnplugin } from "unplugin";
import { unpluginFactory } from "./factory.js";

export type { Options, FilterPattern } from "./options.js";
export { unpluginFactory } from "./factory.js";

/** The plugin for every bundler: `unplugin.vite(options)`, `unplugin.rollup(options)`, … */
export const unplugin = /* @__PURE__ */ createUnplugin(unpluginFactory);

export default unplugin;
