/**
 * Node module customization hooks (`module.register`) that compile user modules as they load, so
 * `coro run app.js` and `node --import @coro/cli/register app.js` run async functions as coroutines.
 *
 * - `resolve`: `@coro/runtime`, imported by every compiled file, resolves from this package when
 *   the user's project does not depend on it.
 * - `load`: ES modules that `shouldCompile` accepts are compiled, with an inline source map.
 *   Node 20 loads CommonJS outside these hooks, so CommonJS files run uncompiled (with a warning).
 */
import type { Mode } from "@coro/compiler";
import type { LoadHook, ResolveHook } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { displayPath } from "./display-path.js";
import { compileSource, inlineMapURL, relocateMap, withSourceMappingURL } from "./compile-source.js";
import { shouldCompile } from "./should-compile.js";

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
  const result = await nextLoad(url, context);
  if (!shouldCompile(url)) return result;
  if (result.format === "commonjs") {
    warnUncompiledCommonJS(url);
    return result;
  }
  if (result.format !== "module" || result.source == null) return result;
  const path = fileURLToPath(url);
  const compiled = compileSource(sourceText(result.source), {
    filename: displayPath(path, process.cwd()),
    mode,
    sourceMaps: true,
  });
  const source = compiled.map
    ? withSourceMappingURL(compiled.code, inlineMapURL(relocateMap(compiled.map, path, path)))
    : compiled.code;
  return { format: "module", source, shortCircuit: true };
};

function sourceText(source: string | ArrayBuffer | NodeJS.TypedArray): string {
  if (typeof source === "string") return source;
  const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : source;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

function warnUncompiledCommonJS(url: string): void {
  const path = fileURLToPath(url);
  if (!/\basync\b/.test(readFileSync(path, "utf8"))) return;
  process.stderr.write(
    `coro: warning: ${displayPath(path, process.cwd())} is CommonJS, which Node 20 loads without hooks; ` +
      `its async functions run natively. Use an ES module (.mjs, or "type": "module") or \`coro build\` it.\n`,
  );
}
