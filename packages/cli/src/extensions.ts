/** Which files the compiler should see, what their outputs are named, and which directories are never walked. */
import { extname } from "node:path";

/** Extensions `coro build` compiles: JavaScript, then TypeScript. */
export const SOURCE_EXTENSIONS: readonly string[] = [".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts"];

/** The extensions the TypeScript parser plugin is used for. */
export const TYPESCRIPT_EXTENSIONS: readonly string[] = [".ts", ".tsx", ".mts", ".cts"];

/**
 * The output extension of a TypeScript input once its types are stripped. `.tsx` becomes `.jsx`, as
 * with `tsc --jsx preserve`: the JSX is kept, and tools only parse JSX in `.jsx` files.
 */
const STRIPPED_EXTENSIONS: Readonly<Record<string, string>> = { ".ts": ".js", ".tsx": ".jsx", ".mts": ".mjs", ".cts": ".cjs" };

/** Directory names `coro build` never descends into. */
export const SKIPPED_DIRECTORIES: readonly string[] = ["node_modules"];

/** Whether `path` names a file `coro run` compiles (and `coro build` by default). */
export function isSourceFile(path: string): boolean {
  return SOURCE_EXTENSIONS.includes(extname(path).toLowerCase());
}

/** Whether `path` is TypeScript (parsed with the typescript plugin). */
export function isTypeScriptFile(path: string): boolean {
  return TYPESCRIPT_EXTENSIONS.includes(extname(path).toLowerCase());
}

/**
 * The path the compiled `path` is written to: the same, or with types stripped `a.ts` -> `a.js`,
 * `a.tsx` -> `a.jsx`, `a.mts` -> `a.mjs`, `a.cts` -> `a.cjs`.
 */
export function outputPath(path: string, stripTypes: boolean): string {
  const extension = extname(path);
  const stripped = stripTypes ? STRIPPED_EXTENSIONS[extension.toLowerCase()] : undefined;
  return stripped ? path.slice(0, -extension.length) + stripped : path;
}
