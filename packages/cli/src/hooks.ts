/**
 * Node module customization hooks (`module.register`) that compile user modules as they load, so
 * `coro run app.js` and `node --import @coro/cli/register app.js` run async functions as coroutines.
 *
 * - `resolve`: `@coro/runtime`, imported by every compiled file, resolves from this package when
 *   the user's project does not depend on it.
 * - `load`: ES modules that `shouldCompile` accepts are compiled, with an inline source map.
 *   TypeScript (`.ts`, `.mts`, `.cts`), which Node 20 cannot load, is read and compiled here with
 *   its types stripped; its format is decided as Node decides for `.js` (`source-type.ts`).
 *   CommonJS is left to Node's CommonJS loader (no `source`), where `require-hooks.ts` compiles it.
 */
import type { Mode } from "@coro/compiler";
import type { LoadFnOutput, LoadHook, ResolveHook } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isTypeScriptFile } from "./extensions.js";
import { compileForRun } from "./run-compile.js";
import { shouldCompile } from "./should-compile.js";
import { sourceTypeOf } from "./source-type.js";

/** What `register()` passes as `data`. */
export interface HooksData {
  mode?: Mode;
}

const RUNTIME = "@coro/runtime";

let mode: Mode = "coroutine";

/** Called once by `register(…, { data })`. */
export function initialize(data: HooksData | undefined): void {
  mode = data?.mode ?? "coroutine";
}

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const isRuntime = specifier === RUNTIME || specifier.startsWith(`${RUNTIME}/`);
    if (!isRuntime || (error as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND") throw error;
    return nextResolve(specifier, { ...context, parentURL: import.meta.url });
  }
};

export const load: LoadHook = async (url, context, nextLoad) => {
  if (!shouldCompile(url)) return nextLoad(url, context);
  const path = fileURLToPath(url);
  if (isTypeScriptFile(path)) return loadTypeScript(path);
  const result = await nextLoad(url, context);
  if (result.format !== "module" || result.source == null) return result;
  const compiled = compileForRun(path, sourceText(result.source), { mode, sourceType: "module" });
  return { format: "module", source: compiled.source, shortCircuit: true };
};

/**
 * A TypeScript file: an ES module is compiled here; CommonJS is returned without source, so Node
 * hands it to its CommonJS loader (and `require-hooks.ts`), as it does with `.cjs` files.
 */
function loadTypeScript(path: string): LoadFnOutput {
  const sourceType = sourceTypeOf(path);
  if (sourceType !== "commonjs") {
    const compiled = compileForRun(path, readFileSync(path, "utf8"), { mode, sourceType });
    if (compiled.format === "module") return { format: "module", source: compiled.source, shortCircuit: true };
  }
  return { format: "commonjs", shortCircuit: true };
}

function sourceText(source: string | ArrayBuffer | NodeJS.TypedArray): string {
  if (typeof source === "string") return source;
  const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : source;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}
