/**
 * `coro run file.js args...`: runs a file as `node file.js args...` would, with it and every module
 * it imports or requires (outside node_modules) compiled on the fly: ES modules and TypeScript by the
 * hooks in `hooks.ts`, CommonJS by `require-hooks.ts`.
 */
import type { Mode } from "@coro/compiler";
import Module, { register } from "node:module";
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "./errors.js";
import type { HooksData } from "./hooks.js";
import { installRequireHooks } from "./require-hooks.js";
import { compileForRun } from "./run-compile.js";
import { shouldCompile } from "./should-compile.js";
import { sourceTypeOf } from "./source-type.js";

export interface RunOptions {
  mode?: Mode;
  /** The file is resolved from this directory. Default `process.cwd()`. */
  cwd?: string;
}

/**
 * Installs the hooks, sets `process.argv` to `[node, file, ...args]` and loads the file: an ES
 * module is imported; CommonJS is loaded as Node's main module, so `require.main === module`.
 * Resolves once the module has evaluated; the program may keep running on timers and I/O after.
 * Throws InputError for a missing file, and rejects with the `CoroCompileError` of the first
 * module that does not compile (its class lost when it comes from the hooks thread; `code` kept).
 */
export async function runFile(file: string, args: readonly string[], options: RunOptions = {}): Promise<void> {
  const path = resolve(options.cwd ?? process.cwd(), file);
  if (!existsSync(path)) throw new InputError(`${file}: no such file`);
  if (!statSync(path).isFile()) throw new InputError(`${file}: not a file`);
  const data: HooksData = { mode: options.mode ?? "coroutine" };
  register("./hooks.js", import.meta.url, { data });
  installRequireHooks(data.mode ?? "coroutine");
  process.setSourceMapsEnabled(true);
  process.argv = [process.argv[0] ?? process.execPath, path, ...args];
  if (isCommonJSEntry(path, data.mode ?? "coroutine")) {
    (Module as unknown as { _load(request: string, parent: null, isMain: boolean): unknown })._load(path, null, true);
  } else {
    await import(pathToFileURL(path).href);
  }
}

/** Whether `path` is user code that Node would load as CommonJS (compiling it settles "unambiguous"). */
function isCommonJSEntry(path: string, mode: Mode): boolean {
  if (!shouldCompile(pathToFileURL(path).href)) return false;
  const sourceType = sourceTypeOf(path);
  if (sourceType !== "unambiguous") return sourceType === "commonjs";
  return compileForRun(path, readFileSync(path, "utf8"), { mode, sourceType }).format === "commonjs";
}
