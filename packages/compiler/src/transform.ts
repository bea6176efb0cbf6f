/** `transform(code, options)`: parse, compile every async function, print with a source map. */
import type { NodePath } from "@babel/traverse";
import type * as t from "@babel/types";
import { generate, traverse } from "./babel-interop.js";
import { resolveOptions, type TransformOptions, type TransformResult } from "./options.js";
import { parseSource } from "./parse.js";
import { compileProgram } from "./plugin.js";

/**
 * Compiles the async functions in `code` to coroutine state machines.
 *
 * @example
 * ```js
 * const { code } = transform("async function f() { await g(); }", { filename: "f.js" });
 * ```
 * @throws CoroCompileError for a syntax error or an unsupported construct (with a code frame).
 * @throws TypeError for an invalid option.
 */
export function transform(code: string, options?: TransformOptions): TransformResult {
  const resolved = resolveOptions(options);
  const ast = parseSource(code, resolved.filename);
  traverse(ast, {
    Program(path: NodePath<t.Program>) {
      compileProgram(path, code, resolved);
      path.stop();
    },
  });
  const out = generate(ast, { sourceMaps: resolved.sourceMaps, sourceFileName: resolved.filename }, code);
  return { code: out.code, map: resolved.sourceMaps ? (out.map ?? null) : null };
}
