/**
 * The programmatic API of @coro/cli: what `coro build` and `coro run` do, without the argument parsing.
 *
 * @example
 * ```js
 * import { BuildCache, Reporter, runBuild } from "@coro/cli";
 * const outcome = await runBuild(config, new BuildCache(undefined), new Reporter({ quiet: false, verbose: false }));
 * ```
 */
export { runBuild } from "./build.js";
export type { BuildConfig, BuildOutcome } from "./build.js";
export { BuildCache } from "./cache.js";
export { Reporter } from "./reporter.js";
export { discover, commonDirectory } from "./discover.js";
export type { BuildEntry, DiscoverOptions } from "./discover.js";
export { compileText, readStream } from "./stdin.js";
export type { StdinOptions } from "./stdin.js";
export { runFile } from "./run.js";
export type { RunOptions } from "./run.js";
export { main } from "./cli.js";
export type { ExitCode } from "./cli.js";
export { EXIT } from "./exit-codes.js";
export { UsageError, InputError, WriteError, isCompileError } from "./errors.js";
export { formatCompileError } from "./report.js";
