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
    const frame = loc ? frameAt(source, loc) : "";
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

/** Columns of a line shown either side of the error (a minified or generated line may be megabytes long). */
const HALF_WIDTH = 80;

/** A code frame of the lines around `loc`, each cut to a window around its column. */
function frameAt(source: string, loc: ErrorLocation): string {
  const lines = source.split(/\r\n|[\n\r\u2028\u2029]/);
  const first = Math.max(loc.line - 2, 1);
  const last = Math.min(loc.line + 3, lines.length);
  const from = Math.max(loc.column - HALF_WIDTH, 0);
  const cut = (line: string): string =>
    (from > 0 ? "…" : "") + line.slice(from, loc.column + HALF_WIDTH) + (line.length > loc.column + HALF_WIDTH ? "…" : "");
  const snippet = lines.slice(first - 1, last).map(cut).join("\n");
  const column = loc.column - from + (from > 0 ? 1 : 0) + 1;
  const options = { highlightCode: false, startLine: first } as Parameters<typeof codeFrameColumns>[2];
  return codeFrameColumns(snippet, { start: { line: loc.line - first + 1, column } }, options);
}
