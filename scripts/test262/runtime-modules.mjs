/**
 * Where `@coro/runtime` lives for the test realms: its specifiers, resolved through the package's
 * `exports` as Node resolves them, to the built files in `dist/`.
 *
 * Every realm gets its own runtime instance (runtime-script.mjs): compiled functions return the
 * realm's Promises and subclass the realm's objects, so a host-realm runtime would break promise
 * identity and tick counts.
 */
import { fileURLToPath } from "node:url";

const resolved = new Map();

/** Whether a module specifier names the runtime (`@coro/runtime` or one of its subpaths). */
export function isRuntimeSpecifier(specifier) {
  return specifier === "@coro/runtime" || specifier.startsWith("@coro/runtime/");
}

/** The file a runtime specifier resolves to, through the package's `exports` as Node resolves it. */
export function resolveRuntime(specifier) {
  let path = resolved.get(specifier);
  if (path === undefined) {
    path = fileURLToPath(import.meta.resolve(specifier));
    resolved.set(specifier, path);
  }
  return path;
}

/** The runtime's entry files (the package's exports that compiled code imports). */
export const RUNTIME_ENTRIES = ["@coro/runtime", "@coro/runtime/promise", "@coro/runtime/promise-es2015"].map(resolveRuntime);
