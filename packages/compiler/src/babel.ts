/**
 * The Babel plugin: `plugins: ["@coro/compiler/babel"]` (options as `transform`'s, except
 * filename and sourceMaps, which Babel owns).
 *
 * @example
 * ```js
 * babel.transformSync(code, { filename: "app.js", plugins: [["@coro/compiler/babel", { mode: "coroutine" }]] });
 * ```
 */
import type { NodePath } from "@babel/traverse";
import type * as t from "@babel/types";
import { resolveOptions, type TransformOptions } from "./options.js";
import { compileProgram } from "./plugin.js";

interface PluginPass {
  filename?: string | undefined;
  file: { code: string };
}

export default function coroBabelPlugin(_api: unknown, options: Omit<TransformOptions, "filename" | "sourceMaps"> = {}) {
  return {
    name: "coro",
    visitor: {
      Program(path: NodePath<t.Program>, state: PluginPass) {
        const resolved = resolveOptions({ ...options, filename: state.filename ?? "<input>" });
        compileProgram(path, state.file.code, resolved);
      },
    },
  };
}
