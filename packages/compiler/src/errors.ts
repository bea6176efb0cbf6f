/** Compile errors: every bad input is reported with file:line:column and a code frame. */
import { codeFrameColumns } from "@babel/code-frame";

export interface ErrorLocation {
  line: number;
  /** 0-based, as Babel reports it. */
  column: number;
}

/**
 * A compile error that points into the source: `message` is `file:line:column: reason`,
 * followed by a code frame.
 */
export class CoroCompileError extends Error {
  override name = "CoroCompileError";
  readonly code = "CORO_COMPILE_ERROR";
  readonly filename: string;
  readonly reason: string;
  readonly loc: ErrorLocation | undefined;
  readonly frame: string;

  constructor(reason: string, source: string, filename: string, loc: ErrorLocation | undefined) {
    const where = loc ? `${filename}:${loc.line}:${loc.column + 1}` : filename;
    const frame = loc
      ? codeFrameColumns(source, { start: { line: loc.line, column: loc.column + 1 } }, { highlightCode: false })
      : "";
    super(frame ? `${where}: ${reason}\n${frame}` : `${where}: ${reason}`);
    this.filename = filename;
    this.reason = reason;
    this.loc = loc;
    this.frame = frame;
  }
}

/** An error about a node of the input (unsupported construct, misuse of await, …). */
export function errorAt(
  reason: string,
  node: { loc?: { start: ErrorLocation } | null } | null | undefined,
  source: string,
  filename: string,
): CoroCompileError {
  const start = node?.loc?.start;
  return new CoroCompileError(reason, source, filename, start ? { line: start.line, column: start.column } : undefined);
}
