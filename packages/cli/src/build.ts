/**
 * `coro build` over files on disk, all or nothing: every input is read and compiled (from the cache
 * when unchanged, on worker threads for large trees) before anything is written; if any input
 * fails, every problem is reported and no output is touched. Each file is an ES module or CommonJS
 * as Node would load it (`source-type.ts`).
 */
import type { Mode, Target } from "@coro/compiler";
import { readFileSync } from "node:fs";
import { BuildCache } from "./cache.js";
import { compileAll } from "./compile-all.js";
import type { CompileJob, JobOptions, OutputFile, SourceMapsOption } from "./compile-job.js";
import { discover, type BuildEntry } from "./discover.js";
import { displayPath } from "./display-path.js";
import { describeFsError, UsageError } from "./errors.js";
import { EXIT } from "./exit-codes.js";
import { exitCodeFor, inputProblem, type FileProblem } from "./problems.js";
import { readInputMap, readSource, removeMapComment } from "./read-input.js";
import { files, type Reporter } from "./reporter.js";
import { sourceTypeOf } from "./source-type.js";
import { sameContent, writeAll, type PlannedWrite } from "./writer.js";

export interface BuildConfig {
  inputs: readonly string[];
  /** Absolute; `undefined` only with `inPlace`. */
  outDir: string | undefined;
  inPlace: boolean;
  mode: Mode;
  /** `"es2015"`: promise-mode output for engines without async functions. */
  target: Target;
  sourceMaps: SourceMapsOption;
  stripTypes: boolean;
  copyFiles: boolean;
  /** Extensions compiled, lower case with the dot. */
  extensions: readonly string[];
  ignore: readonly string[];
  /** List the outputs that are out of date instead of writing. */
  check: boolean;
  /** Worker threads (`undefined`: one per core for large trees; 0: none). */
  workers: number | undefined;
  cwd: string;
}

export interface BuildOutcome {
  exitCode: number;
  /** Files compiled (including those taken from the cache). */
  compiled: number;
  fromCache: number;
  copied: number;
  /** Absolute paths whose content changed on disk. */
  written: string[];
  problems: FileProblem[];
  /** With `check`: outputs that are missing or differ. */
  stale: string[];
}

/** One pending input: its job, the text shown in code frames, and its cache key. */
interface Prepared {
  job: CompileJob;
  key: string;
}

/** Builds `config`'s inputs, reporting as it goes; throws UsageError/InputError/WriteError. */
export async function runBuild(config: BuildConfig, cache: BuildCache, reporter: Reporter): Promise<BuildOutcome> {
  reporter.start(0);
  const { entries, warnings } = await discover(config.inputs, config);
  for (const warning of warnings) reporter.warn(warning);
  refuseSharedOutputs(entries, config.cwd);
  const options: JobOptions = { mode: config.mode, target: config.target, sourceMaps: config.sourceMaps, stripTypes: config.stripTypes };
  const problems: FileProblem[] = [];
  const texts = new Map<string, string>();
  const results = new Map<string, OutputFile[]>();
  const pending: Prepared[] = [];
  const hitsBefore = cache.hits;
  for (const entry of entries.filter((e) => e.kind === "compile")) {
    const prepared = prepare(entry, config, options, cache, texts, problems);
    if (prepared === undefined) continue;
    const cached = cache.get(prepared.key);
    if (cached) {
      results.set(entry.source, cached);
      reporter.detail(`${displayPath(entry.source, config.cwd)} -> ${displayPath(entry.output, config.cwd)} (cached)`);
    } else {
      pending.push(prepared);
    }
  }
  reporter.start(pending.length);
  const compiled = await compileAll(
    pending.map((p) => p.job),
    options,
    {
      workers: config.workers,
      onDone: (done) => reporter.progress(done),
      onStart: (threads) => {
        if (pending.length > 0) reporter.detail(`compiling ${files(pending.length)} ${threads > 0 ? `on ${threads} worker threads` : "in the main thread"}`);
      },
    },
  );
  reporter.endProgress();
  compiled.forEach((result, i) => {
    const { job, key } = pending[i]!;
    if (!result.ok) return problems.push(result.problem);
    results.set(job.source, result.outputs);
    if (!config.check) cache.set(key, result.outputs);
    reporter.detail(`${job.displayName} -> ${displayPath(job.output, config.cwd)}`);
  });
  const writes = planWrites(entries, results, problems, config.cwd);
  const outcome: BuildOutcome = {
    exitCode: EXIT.ok,
    compiled: results.size,
    fromCache: cache.hits - hitsBefore,
    copied: entries.filter((e) => e.kind === "copy").length,
    written: [],
    problems: problems.sort((a, b) => (a.source < b.source ? -1 : 1)),
    stale: [],
  };
  for (const problem of outcome.problems) reporter.problem(problem, texts.get(problem.source));
  if (problems.length > 0) return { ...outcome, exitCode: exitCodeFor(problems) };
  const guard = { outDir: config.outDir, inputs: new Set(entries.map((e) => e.source)), inPlace: config.inPlace, cwd: config.cwd };
  if (config.check) {
    const stale = writes.filter((w) => !sameContent(w.path, w.data)).map((w) => w.path);
    return { ...outcome, stale, exitCode: stale.length > 0 ? EXIT.compileError : EXIT.ok };
  }
  return { ...outcome, written: writeAll(writes, guard) };
}

/** Reads `entry` and makes its job and cache key, or records why it cannot be compiled. */
function prepare(
  entry: BuildEntry,
  config: BuildConfig,
  options: JobOptions,
  cache: BuildCache,
  texts: Map<string, string>,
  problems: FileProblem[],
): Prepared | undefined {
  const displayName = displayPath(entry.source, config.cwd);
  const read = readSource(entry.source);
  if (!read.ok) {
    problems.push(inputProblem(entry.source, displayName, read.reason));
    return undefined;
  }
  texts.set(entry.source, read.text);
  const inputMap = config.sourceMaps === "false" ? undefined : readInputMap(read.text, entry.source);
  const job: CompileJob = {
    source: entry.source,
    output: entry.output,
    displayName,
    sourceType: sourceTypeOf(entry.source),
    text: inputMap ? removeMapComment(read.text) : read.text,
    inputMap: inputMap?.map,
  };
  return { job, key: cache.key(job, options, inputMap?.text) };
}

/** Compiled outputs, then copies (their bytes as they are); unreadable copies become problems. */
function planWrites(entries: readonly BuildEntry[], results: Map<string, OutputFile[]>, problems: FileProblem[], cwd: string): PlannedWrite[] {
  const writes: PlannedWrite[] = [];
  for (const entry of entries) {
    if (entry.kind === "compile") {
      for (const output of results.get(entry.source) ?? []) writes.push({ path: output.path, data: output.text });
      continue;
    }
    try {
      writes.push({ path: entry.output, data: readFileSync(entry.source) });
    } catch (error) {
      problems.push(inputProblem(entry.source, displayPath(entry.source, cwd), `cannot read the file: ${describeFsError(error)}`));
    }
  }
  return writes;
}

/** `a.ts` and `a.js` side by side would both write `a.js` once types are stripped. */
function refuseSharedOutputs(entries: readonly BuildEntry[], cwd: string): void {
  const byOutput = new Map<string, string>();
  for (const entry of entries) {
    const other = byOutput.get(entry.output);
    if (other !== undefined) {
      throw new UsageError(
        `${displayPath(other, cwd)} and ${displayPath(entry.source, cwd)} would both be written to ` +
          `${displayPath(entry.output, cwd)}: rename one, or build them separately`,
      );
    }
    byOutput.set(entry.output, entry.source);
  }
}
