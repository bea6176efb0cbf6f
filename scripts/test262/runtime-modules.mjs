/**
 * Loads `@coro/runtime` (its built `dist/`) into a test realm as real ES modules.
 *
 * The runtime must live in the test's own realm: compiled functions return the realm's Promises
 * and subclass the realm's objects, so a host-realm runtime would break promise identity and tick
 * counts. Each realm therefore gets its own `vm.SourceTextModule` per runtime file; the parsed code
 * is shared across realms through V8's code cache, so a fresh copy costs little.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import vm from "node:vm";

/** Runtime file path → { source, cachedData } (one entry per file, per worker process). */
const sources = new Map();

/** Whether a module specifier names the runtime (`@coro/runtime` or one of its subpaths). */
export function isRuntimeSpecifier(specifier) {
  return specifier === "@coro/runtime" || specifier.startsWith("@coro/runtime/");
}

/** The file a runtime specifier resolves to, through the package's `exports` as Node resolves it. */
export function resolveRuntime(specifier) {
  return fileURLToPath(import.meta.resolve(specifier));
}

/** Resolves a relative import between runtime files. */
export function resolveRuntimeRelative(specifier, fromPath) {
  return fileURLToPath(new URL(specifier, pathToFileURL(fromPath)));
}

/** A new, unlinked module of the runtime file at `path` in `context`. */
export function createRuntimeModule(path, context) {
  let entry = sources.get(path);
  if (entry === undefined) {
    entry = { source: readFileSync(path, "utf8"), cachedData: undefined };
    sources.set(path, entry);
  }
  const module = new vm.SourceTextModule(entry.source, {
    context,
    identifier: pathToFileURL(path).href,
    cachedData: entry.cachedData,
  });
  if (entry.cachedData === undefined) entry.cachedData = module.createCachedData();
  return module;
}
