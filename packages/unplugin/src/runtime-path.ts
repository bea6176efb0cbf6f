/**
 * Where coro's runtime lives on disk: the plugin resolves the runtime imports the compiler writes
 * to the runtime it was installed with, so every bundle gets one copy even when the project itself
 * does not depend on `@coro/runtime`.
 */
import { createRequire } from "node:module";
import { dirname, sep } from "node:path";

const require = createRequire(import.meta.url);

/** `@coro/runtime`, `@coro/runtime/promise` and `@coro/runtime/promise-es2015`, as files (symlinks resolved). */
export const RUNTIME_ENTRIES: ReadonlyMap<string, string> = new Map(
  ["@coro/runtime", "@coro/runtime/promise", "@coro/runtime/promise-es2015"].map((specifier) => [specifier, require.resolve(specifier)]),
);

/** The runtime package's directory, with a trailing separator: its files are never compiled. */
export const RUNTIME_ROOT: string = dirname(require.resolve("@coro/runtime/package.json")) + sep;
