/**
 * The `coro` command line: argument parsing (cac), dispatch to build/run, and the mapping of every
 * failure to an exit code — 0 success, 1 compile error or unreadable input, 2 bad usage.
 */
import { cac } from "cac";
import { buildFiles } from "./build.js";
import { InputError, isCompileError, UsageError } from "./errors.js";
import { parseMode } from "./mode.js";
import { formatBuildFailure, formatCliError, formatCompileError } from "./report.js";
import { runFile } from "./run.js";
import { splitRunArgv } from "./split-run-argv.js";
import { compileText, readStream } from "./stdin.js";
import { readVersion } from "./version.js";

/** An exit code, or `undefined` to leave `process.exitCode` to a program started by `coro run`. */
export type ExitCode = number | undefined;

/** Stands for `-` while cac parses: its parser (mri) drops a lone `-`. */
const STDIN_ARG = "\u0000stdin";

interface BuildFlags {
  outDir?: unknown;
  sourceMaps?: boolean;
  stripTypes?: boolean;
  filename?: unknown;
  mode?: unknown;
}

/**
 * Runs the CLI on `args` (process.argv without node and the bin path) and resolves to the exit code.
 * Errors of a program started by `coro run` (other than compile errors) are rethrown.
 */
export async function main(args: readonly string[]): Promise<ExitCode> {
  const { coro, script } = splitRunArgv(args);
  const cli = cac("coro");
  cli.option("--mode <mode>", "Compiler mode: coroutine (default, Python-style coroutines) or promise (native async semantics)");
  cli
    .command(
      "build [...inputs]",
      "Compile .js .mjs .cjs .jsx .ts .tsx .mts .cts files or directories into --out-dir, or stdin (-) to stdout",
    )
    .option("--out-dir <dir>", "Directory that mirrors the inputs, relative to their common base")
    .option("--source-maps", "Write a .map next to each output (inline for stdin)")
    .option(
      "--strip-types",
      "Remove TypeScript types; outputs are named .js .jsx .mjs .cjs for .ts .tsx .mts .cts (JSX is kept)",
    )
    .option(
      "--filename <name>",
      "Name of stdin's file, for errors; its extension picks TypeScript/JSX and .cjs/.cts CommonJS, .mjs/.mts ES module (default <stdin>)",
    )
    .example("coro build src --out-dir dist --source-maps")
    .example("coro build src --out-dir dist --strip-types")
    .example("coro build - < app.js > app.out.js")
    .example("coro build - --filename app.cts --strip-types < app.cts > app.cjs")
    .action((inputs: string[], flags: BuildFlags) =>
      build(inputs.map((input) => (input === STDIN_ARG ? "-" : input)), flags),
    );
  cli
    .command(
      "run <file>",
      "Run a .js/.ts file (and the modules it imports or requires) compiled on the fly; later arguments go to it",
    )
    .example("coro run app.js --port 8080")
    .example("coro run app.ts")
    .action((file: string, flags: { mode?: unknown }) => run(file, script, flags));
  cli.help();
  cli.version(readVersion());

  try {
    const argv = coro.map((arg) => (arg === "-" ? STDIN_ARG : arg));
    const parsed = cli.parse(["node", "coro", ...argv], { run: false });
    if (parsed.options["help"] || (parsed.options["version"] && !cli.matchedCommand)) return 0;
    if (!cli.matchedCommand) {
      const command = parsed.args[0];
      throw new UsageError(command === undefined ? "missing command" : `unknown command ${JSON.stringify(command)}`);
    }
    return (await cli.runMatchedCommand()) as ExitCode;
  } catch (error) {
    return report(error);
  }
}

async function build(inputs: string[], flags: BuildFlags): Promise<ExitCode> {
  const mode = parseMode(flags.mode);
  if (inputs.length === 0) throw new UsageError("coro build needs files or directories to compile, or - for stdin");
  const sourceMaps = flags.sourceMaps === true;
  const stripTypes = flags.stripTypes === true;
  if (inputs.includes("-")) {
    if (inputs.length > 1) throw new UsageError("- (stdin) cannot be combined with other inputs");
    if (flags.outDir !== undefined) throw new UsageError("--out-dir does not apply to - (stdin): the output goes to stdout");
    const filename = optionalString(flags.filename, "--filename");
    process.stdout.write(compileText(await readStream(), { filename, mode, sourceMaps, stripTypes }));
    return 0;
  }
  if (flags.filename !== undefined) throw new UsageError("--filename applies only to - (stdin)");
  const outDir = optionalString(flags.outDir, "--out-dir");
  if (outDir === undefined) throw new UsageError("coro build needs --out-dir DIR (or - to compile stdin to stdout)");
  const { written, errors } = buildFiles(inputs, { outDir, mode, sourceMaps, stripTypes });
  if (errors.length > 0) {
    for (const error of errors) process.stderr.write(`${formatCompileError(error)}\n\n`);
    process.stderr.write(`${formatBuildFailure(errors.length)}\n`);
    return 1;
  }
  const outputs = written.filter((path) => !path.endsWith(".map")).length;
  process.stdout.write(`coro: compiled ${outputs} file${outputs === 1 ? "" : "s"} into ${outDir}\n`);
  return 0;
}

async function run(file: string, script: readonly string[], flags: { mode?: unknown }): Promise<ExitCode> {
  await runFile(file, script, { mode: parseMode(flags.mode) });
  return undefined;
}

function optionalString(value: unknown, option: string): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  throw new UsageError(`${option} takes one value`);
}

/** Prints `error` and returns its exit code; rethrows what is not the CLI's to report. */
function report(error: unknown): ExitCode {
  if (isCompileError(error)) {
    process.stderr.write(`${formatCompileError(error)}\n`);
    return 1;
  }
  if (error instanceof UsageError || (error instanceof Error && error.name === "CACError")) {
    process.stderr.write(`${formatCliError(error.message, "Run `coro --help` for usage.")}\n`);
    return 2;
  }
  if (error instanceof InputError) {
    process.stderr.write(`${formatCliError(error.message)}\n`);
    return 1;
  }
  throw error;
}
