/**
 * `require` for `coro run` and `@coro/cli/register`. Node loads CommonJS with its own loader (also
 * an entry point reached through the ES module hooks: their `load` returns no source for it, and
 * Node then calls the CommonJS loader), and `require(esm)` reads ES modules without the module
 * hooks. So files reached through that loader are compiled here, in the main thread, by its
 * per-extension handlers (`Module._extensions`), as @babel/register and ts-node do: CommonJS with
 * `module._compile(code, filename, "commonjs")`, an ES module with `format "module"` (Node then
 * links it as `require(esm)` does). The same on Node 20.19+, 22 and 24; `require` inside compiled
 * files keeps its native behaviour (resolution, `require.cache`, `require(esm)`).
 *
 * The runtime is named by absolute path (`runtimeEntryFor`), so it needs no dependency on
 * @coro/runtime and is the same instance the program's other ES modules import.
 */
import type { Mode } from "@coro/compiler";
import Module from "node:module";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { SOURCE_EXTENSIONS } from "./extensions.js";
import { compileForRun, type RunCompiled } from "./run-compile.js";
import { runtimeEntryFor } from "./runtime-entry.js";
import { shouldCompile } from "./should-compile.js";
import { sourceTypeOf } from "./source-type.js";

type ExtensionHandler = (this: unknown, module: CompilingModule, filename: string) => void;

interface CompilingModule {
  _compile(code: string, filename: string, format?: string): unknown;
}

let installedMode: Mode | undefined;

/** Installs the handlers once per process; later calls only change the mode. */
export function installRequireHooks(mode: Mode): void {
  const firstCall = installedMode === undefined;
  installedMode = mode;
  if (!firstCall) return;
  const handlers = (Module as unknown as { _extensions: Record<string, ExtensionHandler | undefined> })._extensions;
  const javascript = handlers[".js"]!;
  for (const extension of SOURCE_EXTENSIONS) {
    const native = handlers[extension] ?? javascript;
    handlers[extension] = function coroCompile(module, filename) {
      const compiled = compileRequired(filename);
      if (compiled === undefined) return native.call(this, module, filename);
      module._compile(compiled.source, filename, compiled.format);
    };
  }
}

/** `filename` compiled, when it is user code; else `undefined`, and Node's own handler loads it. */
function compileRequired(filename: string): RunCompiled | undefined {
  if (!shouldCompile(pathToFileURL(filename).href)) return undefined;
  const mode = installedMode ?? "coroutine";
  const code = readFileSync(filename, "utf8");
  const runtime = runtimeEntryFor(filename);
  const sourceType = sourceTypeOf(filename);
  const runtimeURL = pathToFileURL(runtime).href;
  const compiled = compileForRun(filename, code, { mode, sourceType, runtime: sourceType === "module" ? runtimeURL : runtime });
  if (compiled.format === "commonjs" || sourceType === "module") return compiled;
  // "unambiguous" settled as a module: compiled again to import the runtime by URL.
  return compileForRun(filename, code, { mode, sourceType: "module", runtime: runtimeURL });
}
