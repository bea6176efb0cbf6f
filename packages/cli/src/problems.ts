/**
 * What went wrong with one file of a build, as plain data: it crosses from worker threads, and the
 * reporter prints it (with a coloured code frame when it has a location and colours are on).
 */
import { isCompileError } from "./errors.js";
import { EXIT } from "./exit-codes.js";

export interface FileProblem {
  /** `compile`: bad input for the compiler; `input`: unreadable/binary/not UTF-8; `internal`: a coro bug. */
  kind: "compile" | "input" | "internal";
  /** Absolute path of the input. */
  source: string;
  /** `file:line:col: reason`, then the plain code frame when there is one. */
  message: string;
  /** The first line of `message` without the frame. */
  headline: string;
  /** 1-based line, 1-based column, when the problem points into the source. */
  loc?: { line: number; column: number };
}

/** The exit code for a set of problems: the highest kind present. */
export function exitCodeFor(problems: readonly FileProblem[]): number {
  let code: number = EXIT.ok;
  for (const problem of problems) {
    const kindCode = problem.kind === "compile" ? EXIT.compileError : problem.kind === "input" ? EXIT.input : EXIT.internal;
    code = Math.max(code, kindCode);
  }
  return code;
}

/** `error` thrown while compiling `source` (shown as `where`), as a FileProblem. */
export function problemFromError(error: unknown, source: string, where: string): FileProblem {
  if (isCompileError(error)) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = error.message;
    return {
      kind: "compile",
      source,
      message,
      headline: message.split("\n")[0] ?? message,
      ...(loc ? { loc: { line: loc.line, column: loc.column + 1 } } : {}),
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  const headline = `${where}: the compiler failed unexpectedly (a bug in coro, please report it with this file): ${detail}`;
  return { kind: "internal", source, message: headline, headline };
}

/** An input problem (unreadable, binary, not UTF-8) for `source` shown as `where`. */
export function inputProblem(source: string, where: string, reason: string): FileProblem {
  const headline = `${where}: ${reason}`;
  return { kind: "input", source, message: headline, headline };
}
