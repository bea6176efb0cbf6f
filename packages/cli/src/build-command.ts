/**
 * The `coro build` action for files: one build (or, with `--watch`, a build per batch of changes),
 * its summary, and its exit code. stdin (`-`) is handled by `stdin.ts`.
 */
import pc from "picocolors";
import { parseBuildFlags, type BuildFlags } from "./args.js";
import { runBuild, type BuildConfig, type BuildOutcome } from "./build.js";
import { BuildCache } from "./cache.js";
import { displayPath } from "./display-path.js";
import { InputError, UsageError, WriteError } from "./errors.js";
import { EXIT } from "./exit-codes.js";
import { duration, files, Reporter } from "./reporter.js";
import { watchInputs } from "./watch.js";

/** Runs `coro build inputs… flags` and resolves to the exit code. */
export async function buildCommand(inputs: string[], flags: BuildFlags): Promise<number> {
  const command = parseBuildFlags(inputs, flags, process.cwd());
  const reporter = new Reporter({ quiet: command.quiet, verbose: command.verbose });
  const cache = new BuildCache(command.cacheDir);
  const code = await buildOnce(command.config, cache, reporter);
  if (!command.watch) return code;
  const where = command.config.inputs.join(" ");
  await watchInputs(
    command.config,
    () => reporter.info(pc.cyan(`coro: watching ${where} for changes (Ctrl-C to stop)`)),
    async (changed) => {
      reporter.detail(`changed: ${changed.map((p) => displayPath(p, command.config.cwd)).join(", ")}`);
      await buildOnce(command.config, cache, reporter, true);
    },
  );
  return EXIT.ok;
}

/**
 * One build and its summary; returns the exit code. With `keepGoing` (watch mode) usage, input and
 * write errors are reported like compile errors instead of ending the process.
 */
async function buildOnce(config: BuildConfig, cache: BuildCache, reporter: Reporter, keepGoing = false): Promise<number> {
  const startedAt = performance.now();
  let outcome: BuildOutcome;
  try {
    outcome = await runBuild(config, cache, reporter);
  } catch (error) {
    if (!keepGoing || !(error instanceof UsageError || error instanceof InputError || error instanceof WriteError)) throw error;
    reporter.error(`${pc.red(pc.bold("coro: error:"))} ${error.message}`);
    return error.exitCode;
  }
  const took = duration(performance.now() - startedAt);
  if (outcome.problems.length > 0) {
    const count = outcome.problems.length;
    reporter.error(pc.red(`coro build: ${files(count)} did not compile; nothing was written (${took}).`));
  } else if (config.check) {
    reportCheck(outcome, config, reporter, took);
  } else {
    const extras = [
      outcome.fromCache > 0 ? `${outcome.fromCache} from cache` : "",
      outcome.copied > 0 ? `${files(outcome.copied)} copied` : "",
      `${files(outcome.written.length)} written`,
    ].filter((s) => s !== "");
    const into = config.outDir === undefined ? "in place" : `into ${displayPath(config.outDir, config.cwd)}`;
    reporter.info(`coro: compiled ${files(outcome.compiled)} ${into} in ${took} (${extras.join(", ")})`);
  }
  return outcome.exitCode;
}

function reportCheck(outcome: BuildOutcome, config: BuildConfig, reporter: Reporter, took: string): void {
  if (outcome.stale.length === 0) {
    reporter.info(`coro: ${files(outcome.compiled + outcome.copied)} checked, every output is up to date (${took})`);
    return;
  }
  for (const path of outcome.stale) reporter.error(`out of date: ${displayPath(path, config.cwd)}`);
  reporter.error(pc.red(`coro build --check: ${files(outcome.stale.length)} out of date; run the build without --check to update them.`));
}
