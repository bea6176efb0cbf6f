/**
 * `coro build`'s flags (as cac parsed them) checked and turned into a BuildConfig; every bad
 * combination is a UsageError (exit 2) before anything is read.
 */
import { join, resolve } from "node:path";
import type { BuildConfig } from "./build.js";
import type { SourceMapsOption } from "./compile-job.js";
import { UsageError } from "./errors.js";
import { SOURCE_EXTENSIONS } from "./extensions.js";
import { parseMode, parseTarget } from "./mode.js";

export interface BuildFlags {
  outDir?: unknown;
  inPlace?: unknown;
  sourceMaps?: unknown;
  stripTypes?: unknown;
  copyFiles?: unknown;
  extensions?: unknown;
  ignore?: unknown;
  watch?: unknown;
  check?: unknown;
  cache?: unknown;
  cacheDir?: unknown;
  workers?: unknown;
  quiet?: unknown;
  verbose?: unknown;
  filename?: unknown;
  mode?: unknown;
  target?: unknown;
}

export interface BuildCommand {
  config: BuildConfig;
  watch: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Absolute cache directory, or `undefined` with `--no-cache`. */
  cacheDir: string | undefined;
}

/** The build of files (not stdin) that `flags` ask for. */
export function parseBuildFlags(inputs: readonly string[], flags: BuildFlags, cwd: string): BuildCommand {
  if (inputs.length === 0) throw new UsageError("coro build needs files, directories or globs to compile, or - for stdin");
  if (flags.filename !== undefined) throw new UsageError("--filename applies only to - (stdin)");
  const inPlace = flags.inPlace === true;
  const outDirFlag = optionalString(flags.outDir, "--out-dir");
  if (inPlace && outDirFlag !== undefined) throw new UsageError("--in-place and --out-dir exclude each other");
  if (!inPlace && outDirFlag === undefined) throw new UsageError("coro build needs --out-dir DIR (or --in-place, or - to compile stdin to stdout)");
  const watch = flags.watch === true;
  const check = flags.check === true;
  if (watch && check) throw new UsageError("--watch and --check exclude each other");
  const quiet = flags.quiet === true;
  const verbose = flags.verbose === true;
  if (quiet && verbose) throw new UsageError("--quiet and --verbose exclude each other");
  if (inPlace && flags.copyFiles === true) throw new UsageError("--copy-files does not apply to --in-place");
  const cacheDirFlag = optionalString(flags.cacheDir, "--cache-dir");
  if (flags.cache === false && cacheDirFlag !== undefined) throw new UsageError("--no-cache and --cache-dir exclude each other");
  const mode = parseMode(flags.mode);
  const config: BuildConfig = {
    inputs,
    outDir: outDirFlag === undefined ? undefined : resolve(cwd, outDirFlag),
    inPlace,
    mode,
    target: parseTarget(flags.target, mode),
    sourceMaps: parseSourceMaps(flags.sourceMaps),
    stripTypes: flags.stripTypes === true,
    copyFiles: flags.copyFiles === true,
    extensions: parseExtensions(flags.extensions),
    ignore: stringList(flags.ignore, "--ignore"),
    check,
    workers: parseWorkers(flags.workers),
    cwd,
  };
  const cacheDir = flags.cache === false ? undefined : resolve(cwd, cacheDirFlag ?? join("node_modules", ".cache", "coro"));
  return { config, watch, quiet, verbose, cacheDir };
}

/** `--source-maps` alone means `true`; otherwise `true`, `inline` or `false`. */
export function parseSourceMaps(value: unknown): SourceMapsOption {
  if (value === undefined || value === false || value === "false") return "false";
  if (value === true || value === "true") return "true";
  if (value === "inline") return "inline";
  throw new UsageError(`--source-maps takes true, inline or false, not ${JSON.stringify(String(value))} (write --source-maps=inline before the inputs)`);
}

/** `--extensions .js,.ts` (dots optional); default every JavaScript and TypeScript extension. */
function parseExtensions(value: unknown): string[] {
  if (value === undefined) return [...SOURCE_EXTENSIONS];
  const list = stringList(value, "--extensions")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== "")
    .map((v) => (v.startsWith(".") ? v : `.${v}`));
  if (list.length === 0) throw new UsageError("--extensions needs a comma-separated list, such as .js,.mjs");
  return list;
}

function parseWorkers(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError(`--workers takes a whole number from 0 to 64, not ${JSON.stringify(String(value))}`);
  return n;
}

/** A flag given once (a string) or several times (an array). */
function stringList(value: unknown, option: string): string[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  if (values.some((v) => typeof v !== "string" && typeof v !== "number")) throw new UsageError(`${option} takes a value`);
  return values.map(String);
}

export function optionalString(value: unknown, option: string): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new UsageError(`${option} takes one value`);
}
