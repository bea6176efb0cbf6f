/**
 * `coro run file.js args...`: runs a file as `node file.js args...` would, with it and every module
 * it imports (outside node_modules) compiled on the fly by the hooks in `hooks.ts`.
 */
import type { Mode } from "@coro/compiler";
import { existsSync, statSync } from "node:fs";
import { register } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "./errors.js";
import type { HooksData } from "./hooks.js";

export interface RunOptions {
  mode?: Mode;
  /** The file is resolved from this directory. Default `process.cwd()`. */
  cwd?: string;
}

/**
 * Installs the hooks, sets `process.argv` to `[node, file, ...args]` and imports the file.
 * Resolves once the module has evaluated; the program may keep running on timers and I/O after.
 * Throws InputError for a missing file, and rejects with the `CoroCompileError` of the first
 * module that does not compile (its class lost across the hooks thread; `code` kept).
 */
export async function runFile(file: string, args: readonly string[], options: RunOptions = {}): Promise<void> {
  const path = resolve(options.cwd ?? process.cwd(), file);
  if (!existsSync(path)) throw new InputError(`${file}: no such file`);
  if (!statSync(path).isFile()) throw new InputError(`${file}: not a file`);
  const data: HooksData = { mode: options.mode ?? "coroutine" };
  register("./hooks.js", import.meta.url, { data });
  process.setSourceMapsEnabled(true);
  process.argv = [process.argv[0] ?? process.execPath, path, ...args];
  await import(pathToFileURL(path).href);
}
