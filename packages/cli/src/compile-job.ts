/**
 * One file of `coro build` through the compiler, with its source map attached as asked: written
 * next to the output (`--source-maps true`) or inline (`inline`), chained through the input's own
 * map. Pure (no file system), so it runs the same in the main thread and in a worker.
 */
import type { Mode, Target } from "@coro/compiler";
import { basename, dirname, isAbsolute, relative, sep } from "node:path";
import { compileSource, inlineMapURL, withSourceMappingURL, type SourceMapV3 } from "./compile-source.js";
import { problemFromError, type FileProblem } from "./problems.js";
import type { SourceType } from "./source-type.js";

export type SourceMapsOption = "true" | "inline" | "false";

/** The options that change outputs (all of them are part of the cache key). */
export interface JobOptions {
  mode: Mode;
  target: Target;
  sourceMaps: SourceMapsOption;
  stripTypes: boolean;
}

export interface CompileJob {
  /** Absolute input path. */
  source: string;
  /** Absolute output path. */
  output: string;
  /** How the input is named in errors and in the map before relocation. */
  displayName: string;
  sourceType: SourceType;
  text: string;
  /** The input's own map (sources absolute), to chain through. */
  inputMap?: SourceMapV3 | undefined;
}

export interface OutputFile {
  path: string;
  text: string;
}

export type JobResult = { ok: true; outputs: OutputFile[] } | { ok: false; problem: FileProblem };

/** Compiles `job`; compile errors and compiler crashes come back as a problem, never thrown. */
export function runCompileJob(job: CompileJob, options: JobOptions): JobResult {
  try {
    return { ok: true, outputs: compileJob(job, options) };
  } catch (error) {
    return { ok: false, problem: problemFromError(error, job.source, job.displayName) };
  }
}

function compileJob(job: CompileJob, options: JobOptions): OutputFile[] {
  const wantMap = options.sourceMaps !== "false";
  const { code, map } = compileSource(job.text, {
    filename: job.displayName,
    mode: options.mode,
    target: options.target,
    sourceMaps: wantMap,
    sourceType: job.sourceType,
    stripTypes: options.stripTypes,
    ...(job.inputMap && wantMap ? { inputSourceMap: job.inputMap } : {}),
  });
  if (!wantMap || !map) return [{ path: job.output, text: code }];
  const relocated = pointAtDisk(map, job);
  if (options.sourceMaps === "inline") return [{ path: job.output, text: withSourceMappingURL(code, inlineMapURL(relocated)) }];
  const mapPath = `${job.output}.map`;
  return [
    { path: job.output, text: withSourceMappingURL(code, basename(mapPath)) },
    { path: mapPath, text: JSON.stringify(relocated) },
  ];
}

/**
 * `file` is the output's base name and each source is relative to the output's directory: the
 * compiled file itself for an unchained map, the input map's (absolute) sources for a chained one.
 */
function pointAtDisk(map: SourceMapV3, job: CompileJob): SourceMapV3 {
  const fromOutput = (path: string) => relative(dirname(job.output), path).split(sep).join("/");
  const sources = map.sources.map((s) => (s === null ? null : fromOutput(isAbsolute(s) ? s : job.source)));
  return { ...map, file: basename(job.output), sources };
}
