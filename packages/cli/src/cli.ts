/**
 * The `coro` command line: argument parsing (cac), dispatch to build/run, and the mapping of every
 * failure to an exit code (`exit-codes.ts`: 0 success, 1 compile error or stale --check, 2 bad usage,
 * 3 unusable input, 4 output not written, 5 internal compiler error).
 */
import { cac } from "cac";
import { optionalString, parseSourceMaps, type BuildFlags } from "./args.js";
import { buildCommand } from "./build-command.js";
import { InputError, isCompileError, UsageError, WriteError } from "./errors.js";
import { EXIT } from "./exit-codes.js";
import { parseMode, parseTarget } from "./mode.js";
import { formatCliError, formatCompileError } from "./report.js";
import { runFile } from "./run.js";
import { splitRunArgv } from "./split-run-argv.js";
import { compileText, readStream } from "./stdin.js";
import { readVersion } from "./version.js";

/** An exit code, or `undefined` to leave `process.exitCode` to a program started by `coro run`. */
export type ExitCode = number | undefined;

/** Stands for `-` while cac parses: its parser (mri) drops a lone `-`. */
const STDIN_ARG = "\u0000stdin";

/**
 * Runs the CLI on `args` (process.argv without node and the bin path) and resolves to the exit code.
 * Errors of a program started by `coro run` (other than compile errors) are rethrown.
 */
export async function main(args: readonly string[]): Promise<ExitCode> {
  const { coro, script } = splitRunArgv(args);
  const cli = cac("coro");
  cli.option("--mode <mode>", "Compiler mode: coroutine (default, Python-style coroutines) or promise (native async semantics)");
  cli.option("--target <target>", "Oldest engine for the output: es2017 (default) or es2015 (promise mode, for engines without async functions)");
  cli
    .command("build [...inputs]", "Compile files, directories or globs into --out-dir, or stdin (-) to stdout")
    .option("--out-dir <dir>", "Directory that mirrors the inputs, relative to their common base")
    .option("--in-place", "Replace each input by its output (instead of --out-dir)")
    .option("--source-maps [kind]", "true (a .map next to each output), inline (a data URL), or false (default); input maps are chained")
    .option("--strip-types", "Remove TypeScript types; outputs are named .js .jsx .mjs .cjs for .ts .tsx .mts .cts (JSX is kept)")
    .option("--copy-files", "Copy files that are not compiled into --out-dir (default: skip them)")
    .option("--extensions <list>", "Comma-separated extensions to compile (default .js,.mjs,.cjs,.jsx,.ts,.tsx,.mts,.cts)")
    .option("--ignore <glob>", "Leave out matching files (relative to the working directory; repeatable)")
    .option("--watch", "Build, then rebuild the files that change; errors are reported without exiting")
    .option("--check", "Write nothing; exit 1 and list the outputs that are missing or out of date")
    .option("--cache-dir <dir>", "Content-hash cache of compiled files (default node_modules/.cache/coro)")
    .option("--no-cache", "Do not read or write the cache on disk")
    .option("--workers <n>", "Worker threads (default: one per core for 40+ files to compile; 0: none)")
    .option("--quiet", "Print only errors")
    .option("--verbose", "Print each file as it is compiled")
    .option(
      "--filename <name>",
      "Name of stdin's file, for errors; its extension picks TypeScript/JSX and .cjs/.cts CommonJS, .mjs/.mts ES module (default <stdin>)",
    )
    .example("coro build src --out-dir dist --source-maps")
    .example("coro build 'src/**/*.ts' --out-dir dist --strip-types --ignore '**/*.test.ts'")
    .example("coro build src --out-dir dist --watch")
    .example("coro build - < app.js > app.out.js")
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
    .action((file: string, flags: { mode?: unknown; target?: unknown }) => run(file, script, flags));
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
  if (!inputs.includes("-")) return buildCommand(inputs, flags);
  if (inputs.length > 1) throw new UsageError("- (stdin) cannot be combined with other inputs");
  for (const option of ["outDir", "inPlace", "watch", "check", "copyFiles"] as const) {
    if (flags[option] !== undefined) throw new UsageError(`--${kebab(option)} does not apply to - (stdin): the output goes to stdout`);
  }
  const filename = optionalString(flags.filename, "--filename");
  const sourceMaps = parseSourceMaps(flags.sourceMaps) !== "false";
  const text = await readStream();
  const mode = parseMode(flags.mode);
  const target = parseTarget(flags.target, mode);
  process.stdout.write(compileText(text, { filename, mode, target, sourceMaps, stripTypes: flags.stripTypes === true }));
  return EXIT.ok;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

async function run(file: string, script: readonly string[], flags: { mode?: unknown; target?: unknown }): Promise<ExitCode> {
  if (flags.target !== undefined) throw new UsageError("--target does not apply to coro run: Node has native async functions");
  await runFile(file, script, { mode: parseMode(flags.mode) });
  return undefined;
}

/** Prints `error` and returns its exit code; rethrows what is not the CLI's to report. */
function report(error: unknown): ExitCode {
  if (isCompileError(error)) {
    process.stderr.write(`${formatCompileError(error)}\n`);
    return EXIT.compileError;
  }
  if (error instanceof UsageError || (error instanceof Error && error.name === "CACError")) {
    process.stderr.write(`${formatCliError(error.message, "Run `coro --help` for usage.")}\n`);
    return EXIT.usage;
  }
  if (error instanceof InputError || error instanceof WriteError) {
    process.stderr.write(`${formatCliError(error.message)}\n`);
    return error.exitCode;
  }
  throw error;
}
