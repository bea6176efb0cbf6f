/** How the CLI writes its errors to stderr. Colors follow picocolors (off when not a TTY or NO_COLOR). */
import pc from "picocolors";
import type { CompileErrorLike } from "./errors.js";

/** A compile error: its `file:line:col: reason` line in red, then the code frame as the compiler made it. */
export function formatCompileError(error: CompileErrorLike): string {
  const [first = "", ...rest] = error.message.split("\n");
  return [`${pc.red(pc.bold("error"))} ${pc.bold(first)}`, ...rest].join("\n");
}

/** A one-line CLI error (usage, missing input), with an optional hint on the next line. */
export function formatCliError(message: string, hint?: string): string {
  const text = `${pc.red(pc.bold("coro: error:"))} ${message}`;
  return hint ? `${text}\n${pc.dim(hint)}` : text;
}
