/** `transform(code, options)`: parse, strip types if asked, compile every async function, print. */
import { transformFromAstSync } from "@babel/core";
import remapping from "@jridgewell/remapping";
import typescriptPlugin from "@babel/plugin-transform-typescript";
import type { NodePath } from "@babel/traverse";
import type * as t from "@babel/types";
import { generate, traverse } from "./babel-interop.js";
import { nestedTooDeeply, isStackOverflow, type Phase } from "./nesting.js";
import {
  resolveOptions,
  type EncodedSourceMap,
  type ResolvedOptions,
  type TransformOptions,
  type TransformResult,
} from "./options.js";
import { parseSource, parserPlugins } from "./parse.js";
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
  let phase: Phase = "parsing";
  let ast: t.File | undefined;
  try {
    ast = parseSource(code, resolved.filename, resolved.sourceType);
    phase = "compiling";
    if (resolved.stripTypes && parserPlugins(resolved.filename).includes("typescript")) ast = stripTypes(ast, code, resolved.filename);
    traverse(ast, {
      Program(path: NodePath<t.Program>) {
        compileProgram(path, code, resolved);
        path.stop();
      },
    });
    phase = "printing";
    return print(ast, code, resolved);
  } catch (error) {
    if (isStackOverflow(error)) throw nestedTooDeeply(phase, code, resolved.filename, ast);
    throw error;
  }
}

function print(ast: t.File, code: string, resolved: ResolvedOptions): TransformResult {
  const out = generate(ast, { sourceMaps: resolved.sourceMaps, sourceFileName: resolved.filename }, code);
  let map: EncodedSourceMap | null = resolved.sourceMaps ? (out.map ?? null) : null;
  if (map && resolved.inputSourceMap) map = chain(map, resolved.inputSourceMap);
  return { code: out.code, map };
}

/** TypeScript's types removed by Babel's own plugin (enums and namespaces compiled as it does). */
function stripTypes(ast: t.File, code: string, filename: string): t.File {
  const result = transformFromAstSync(ast, code, {
    filename,
    ast: true,
    code: false,
    configFile: false,
    babelrc: false,
    cloneInputAst: false,
    plugins: [[typescriptPlugin, { onlyRemoveTypeImports: true }]],
  });
  return result!.ast!;
}

/** The output's map, traced through the input's own map back to the original sources. */
function chain(map: EncodedSourceMap, input: EncodedSourceMap): EncodedSourceMap {
  const remapped = remapping(map as never, (file: string) => (file === map.sources[0] ? (input as never) : null));
  return JSON.parse(remapped.toString()) as EncodedSourceMap;
}
