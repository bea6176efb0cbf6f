/**
 * Where CommonJS compiled by `coro run` finds the runtime: the absolute path of the same file the
 * ES modules of the program import, so both share one runtime instance (one loop, one Coroutine
 * class). It is the `@coro/runtime` the file's own project depends on, else the CLI's.
 */
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const PACKAGE_JSON = "@coro/runtime/package.json";

/** package.json path -> absolute path of the runtime's ES module entry. */
const entries = new Map<string, string>();

/** The absolute path of the runtime's entry module, as the ES module `path` would import it. */
export function runtimeEntryFor(path: string): string {
  const packageJson = resolvePackageJson(path) ?? createRequire(import.meta.url).resolve(PACKAGE_JSON);
  let entry = entries.get(packageJson);
  if (entry === undefined) {
    entry = realpathSync(join(dirname(packageJson), importTarget(packageJson)));
    entries.set(packageJson, entry);
  }
  return entry;
}

function resolvePackageJson(path: string): string | undefined {
  try {
    return createRequire(path).resolve(PACKAGE_JSON);
  } catch {
    return undefined;
  }
}

type Exports = string | { [key: string]: Exports | undefined } | undefined;

/** The file `import "@coro/runtime"` reaches: the `"."` export under `import`/`node`/`default`, or `main`. */
function importTarget(packageJson: string): string {
  const manifest = JSON.parse(readFileSync(packageJson, "utf8")) as { exports?: Exports; main?: string };
  let target: Exports = manifest.exports;
  if (target !== undefined && typeof target !== "string" && "." in target) target = target["."];
  while (target !== undefined && typeof target !== "string") {
    target = target["import"] ?? target["node"] ?? target["default"];
  }
  return target ?? manifest.main ?? "index.js";
}
