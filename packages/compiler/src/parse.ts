/** Parsing with errors turned into CoroCompileErrors (file:line:column and a code frame). */
import { parse, type ParserPlugin } from "@babel/parser";
import type * as t from "@babel/types";
import { CoroCompileError } from "./errors.js";

/** Parser plugins by file extension: JSX for .jsx/.tsx, TypeScript for .ts/.mts/.cts/.tsx. */
export function parserPlugins(filename: string): ParserPlugin[] {
  const plugins: ParserPlugin[] = [];
  if (/\.(c|m)?tsx?$/.test(filename)) plugins.push("typescript");
  if (/\.(jsx|tsx)$/.test(filename)) plugins.push("jsx");
  return plugins;
}

export function parseSource(code: string, filename: string, sourceType: "module" | "commonjs" | "unambiguous"): t.File {
  try {
    return parse(code, {
      sourceType: sourceType === "commonjs" ? "script" : sourceType,
      allowReturnOutsideFunction: sourceType === "commonjs",
      sourceFilename: filename,
      plugins: parserPlugins(filename),
    });
  } catch (error) {
    const e = error as { loc?: { line: number; column: number }; message: string };
    if (e.loc) {
      const reason = e.message.replace(/\s*\(\d+:\d+\)$/, "");
      throw new CoroCompileError(`SyntaxError: ${reason}`, code, filename, { line: e.loc.line, column: e.loc.column });
    }
    throw error;
  }
}
