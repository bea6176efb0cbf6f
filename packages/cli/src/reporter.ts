/**
 * What `coro build` tells the user while it works: a progress line on a terminal for long runs,
 * one line per file with `--verbose`, warnings and per-file problems (coloured, with a code frame),
 * and a summary at the end. `--quiet` keeps only problems. Colours follow picocolors: off when the
 * output is not a terminal or NO_COLOR is set.
 */
import { codeFrameColumns } from "@babel/code-frame";
import pc from "picocolors";
import type { FileProblem } from "./problems.js";

export interface ReporterOptions {
  quiet: boolean;
  verbose: boolean;
}

/** A run counts as long, and gets a progress line, once it has taken this long. */
const PROGRESS_AFTER_MS = 300;
const PROGRESS_EVERY_MS = 100;

export class Reporter {
  private progressShown = false;
  private startedAt = 0;
  private lastProgress = 0;
  private total = 0;

  constructor(
    private readonly options: ReporterOptions,
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly err: NodeJS.WriteStream = process.stderr,
  ) {}

  /** Starts timing a batch of `total` files. */
  start(total: number): void {
    this.startedAt = performance.now();
    this.total = total;
  }

  /** Milliseconds since `start`. */
  elapsed(): number {
    return performance.now() - this.startedAt;
  }

  /** `done` of the batch's files are compiled: on a terminal, after a while, the progress line is redrawn. */
  progress(done: number): void {
    if (this.options.quiet || !this.err.isTTY) return;
    const now = performance.now();
    if (now - this.startedAt < PROGRESS_AFTER_MS || (now - this.lastProgress < PROGRESS_EVERY_MS && done < this.total)) return;
    this.lastProgress = now;
    this.progressShown = true;
    const percent = this.total === 0 ? 100 : Math.floor((done * 100) / this.total);
    this.err.write(`\r\x1b[K${pc.cyan("coro")} compiling ${done}/${this.total} files (${percent}%)`);
  }

  /** Removes the progress line, if one was drawn. */
  endProgress(): void {
    if (!this.progressShown) return;
    this.err.write("\r\x1b[K");
    this.progressShown = false;
  }

  /** A line of the normal output (summary, "watching…"); not with --quiet. */
  info(line: string): void {
    if (!this.options.quiet) this.out.write(`${line}\n`);
  }

  /** A line only --verbose shows. */
  detail(line: string): void {
    if (this.options.verbose && !this.options.quiet) this.out.write(`${pc.dim(line)}\n`);
  }

  warn(line: string): void {
    if (!this.options.quiet) this.err.write(`${pc.yellow(pc.bold("warning"))} ${line}\n`);
  }

  /** A file that could not be built; `text` is its source, for a coloured code frame. */
  problem(problem: FileProblem, text: string | undefined): void {
    this.endProgress();
    this.err.write(`${formatProblem(problem, text)}\n\n`);
  }

  /** A line on stderr, even with --quiet (the stale files of --check, the failure summary). */
  error(line: string): void {
    this.endProgress();
    this.err.write(`${line}\n`);
  }
}

/** `error file:line:col: reason` and the code frame, highlighted when colours are on. */
export function formatProblem(problem: FileProblem, text: string | undefined): string {
  const label = problem.kind === "internal" ? pc.magenta(pc.bold("internal error")) : pc.red(pc.bold("error"));
  const head = `${label} ${pc.bold(problem.headline)}`;
  if (pc.isColorSupported && text !== undefined && problem.loc) {
    const frame = codeFrameColumns(text, { start: problem.loc }, { highlightCode: true, forceColor: true });
    return `${head}\n${frame}`;
  }
  const rest = problem.message.split("\n").slice(1);
  return [head, ...rest].join("\n");
}

/** "1 file", "3 files". */
export function files(count: number): string {
  return `${count} file${count === 1 ? "" : "s"}`;
}

/** "12 ms", "1.42 s". */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
