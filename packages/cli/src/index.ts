/**
 * The programmatic API of @coro/cli: what `coro build` and `coro run` do, without the argument parsing.
 *
 * @example
 * ```js
 * import { buildFiles } from "@coro/cli";
 * const { errors } = buildFiles(["src"], { outDir: "dist", sourceMaps: true });
 * ```
 */
export { buildFiles } from "./build.js";
export type { BuildOptions, BuildResult } from "./build.js";
export { collectInputs, commonDirectory } from "./collect-inputs.js";
export type { BuildEntry } from "./collect-inputs.js";
export { compileText, readStream } from "./stdin.js";
export type { StdinOptions } from "./stdin.js";
export { runFile } from "./run.js";
export type { RunOptions } from "./run.js";
export { main } from "./cli.js";
export type { ExitCode } from "./cli.js";
export { UsageError, InputError, isCompileError } from "./errors.js";
export { formatCompileError } from "./report.js";
