/** The Babel visitor that compiles every async function of a program, innermost first. */
import type { NodePath, Visitor } from "@babel/traverse";
import type * as t from "@babel/types";
import { compileAsyncFunction } from "./compile-function.js";
import { FileState } from "./file-state.js";
import { isStackOverflow, nestedTooDeeply } from "./nesting.js";
import type { ResolvedOptions } from "./options.js";

interface VisitState {
  file: FileState;
}

const functions: Visitor<VisitState> = {
  Function: {
    exit(path, state) {
      if (path.node.async || path.node.generator) compileAsyncFunction(path as NodePath<t.Function>, state.file);
    },
  },
};

/** Compiles the async functions of `program` in place. */
export function compileProgram(program: NodePath<t.Program>, source: string, options: ResolvedOptions): void {
  // Promise mode needs only the small, tree-shakable promise driver (without async syntax for es2015).
  const promiseEntry = options.target === "es2015" ? "promise-es2015" : "promise";
  const runtime = options.mode === "promise" ? `${options.runtime}/${promiseEntry}` : options.runtime;
  const file = new FileState(program, source, options.filename, runtime, options.locations, options.mode);
  try {
    program.traverse(functions, { file });
  } catch (error) {
    if (isStackOverflow(error)) throw nestedTooDeeply("compiling", source, options.filename, program.node);
    throw error;
  }
  file.finish();
}
