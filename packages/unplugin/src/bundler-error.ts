/**
 * A compile error in the shape each bundler reports best. Every message starts with
 * `file:line:column: reason` (the file relative to the bundler's root, the column 1-based, as the
 * compiler and editors count). Rollup and Vite
 * print a plugin error's `frame` and `loc` (Rollup's convention: column 0-based) themselves, so
 * there the frame moves out of the message; webpack, Rspack and esbuild print only the message, so
 * there it keeps the code frame, and webpack-likes are told not to print our stack.
 */
import { CoroCompileError } from "@coro/compiler";
import type { UnpluginContextMeta } from "unplugin";

/** What bundlers read from a plugin's error, beyond `message`. */
export interface BundlerError extends Error {
  code: string;
  id: string;
  loc?: { file: string; line: number; column: number };
  frame?: string;
  /** webpack and Rspack: print the message without the stack. */
  hideStack?: boolean;
}

const ROLLUP_LIKE: ReadonlySet<string> = new Set(["rollup", "vite", "rolldown", "unloader"]);

/**
 * Compile errors (of the module `id`, a full path) become BundlerErrors; anything else (a bad
 * option, a bug) is passed on as it is.
 */
export function toBundlerError(error: unknown, id: string, framework: UnpluginContextMeta["framework"]): unknown {
  if (!(error instanceof CoroCompileError)) return error;
  const rollupLike = ROLLUP_LIKE.has(framework);
  const message = rollupLike && error.frame ? error.message.slice(0, -(error.frame.length + 1)) : error.message;
  const out = new Error(message) as BundlerError;
  out.name = error.name;
  out.code = error.code;
  out.id = id;
  if (rollupLike) {
    if (error.loc) out.loc = { file: id, line: error.loc.line, column: error.loc.column };
    if (error.frame) out.frame = error.frame;
  } else {
    out.hideStack = true;
  }
  return out;
}
