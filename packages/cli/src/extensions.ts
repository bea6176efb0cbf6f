/** Which files are JavaScript the compiler should see, and which directories are never walked. */
import { extname } from "node:path";

/** Extensions `coro build` compiles. */
export const JS_EXTENSIONS: readonly string[] = [".js", ".mjs", ".cjs", ".jsx"];

/** Directory names `coro build` never descends into. */
export const SKIPPED_DIRECTORIES: readonly string[] = ["node_modules"];

/** Whether `path` names a file `coro build` compiles. */
export function isJavaScriptFile(path: string): boolean {
  return JS_EXTENSIONS.includes(extname(path).toLowerCase());
}
