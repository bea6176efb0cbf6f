/**
 * `coro build` for files on disk, all or nothing: every input is compiled in memory first, and
 * outputs are written only when every one of them compiled. Each file is an ES module or CommonJS
 * as Node would load it (`source-type.ts`).
 */
import type { CoroCompileError, Mode } from "@coro/compiler";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { collectInputs, type BuildEntry } from "./collect-inputs.js";
import { displayPath } from "./display-path.js";
import { compileSource, relocateMap, withSourceMappingURL } from "./compile-source.js";
import { isCompileError, UsageError } from "./errors.js";
import { sourceTypeOf } from "./source-type.js";

export interface BuildOptions {
  outDir: string;
  mode?: Mode;
  sourceMaps?: boolean;
  /** Remove TypeScript types, and name the outputs `.js`/`.jsx`/`.mjs`/`.cjs`. Default false: types are kept. */
  stripTypes?: boolean;
  /** Paths are resolved from, and errors name files relative to, this directory. Default `process.cwd()`. */
  cwd?: string;
}

export interface BuildResult {
  /** Absolute paths written (outputs, then their maps), empty when any input failed. */
  written: string[];
  /** One per input that did not compile, in input order. */
  errors: CoroCompileError[];
}

interface OutputFile {
  path: string;
  text: string;
}

/**
 * Compiles `inputs` (files or directories) into `options.outDir`.
 *
 * @example
 * ```js
 * const { written, errors } = buildFiles(["src"], { outDir: "dist", sourceMaps: true });
 * for (const error of errors) console.error(error.message);
 * ```
 * Throws InputError for missing inputs and UsageError when an output would overwrite an input.
 */
export function buildFiles(inputs: readonly string[], options: BuildOptions): BuildResult {
  const cwd = options.cwd ?? process.cwd();
  const entries = collectInputs(inputs, options.outDir, cwd, { stripTypes: options.stripTypes ?? false });
  refuseOverwritingInputs(entries, cwd);
  refuseSharedOutputs(entries, cwd);
  const outputs: OutputFile[] = [];
  const errors: CoroCompileError[] = [];
  for (const entry of entries) {
    try {
      outputs.push(...compileEntry(entry, options, cwd));
    } catch (error) {
      if (!isCompileError(error)) {
        const where = displayPath(entry.source, cwd);
        throw new Error(`${where}: the compiler failed unexpectedly: ${String(error)}`, { cause: error });
      }
      errors.push(error as CoroCompileError);
    }
  }
  if (errors.length > 0) return { written: [], errors };
  for (const output of outputs) {
    mkdirSync(dirname(output.path), { recursive: true });
    writeFileSync(output.path, output.text);
  }
  return { written: outputs.map((o) => o.path), errors };
}

function compileEntry(entry: BuildEntry, options: BuildOptions, cwd: string): OutputFile[] {
  const { code, map } = compileSource(readFileSync(entry.source, "utf8"), {
    filename: displayPath(entry.source, cwd),
    mode: options.mode ?? "coroutine",
    sourceMaps: options.sourceMaps ?? false,
    sourceType: sourceTypeOf(entry.source),
    stripTypes: options.stripTypes ?? false,
  });
  if (!options.sourceMaps || !map) return [{ path: entry.output, text: code }];
  const mapPath = `${entry.output}.map`;
  return [
    { path: entry.output, text: withSourceMappingURL(code, basename(mapPath)) },
    { path: mapPath, text: JSON.stringify(relocateMap(map, entry.output, entry.source)) },
  ];
}

function refuseOverwritingInputs(entries: readonly BuildEntry[], cwd: string): void {
  const sources = new Set(entries.map((e) => e.source));
  const clash = entries.find((e) => sources.has(e.output));
  if (clash) {
    throw new UsageError(`--out-dir would overwrite the input ${displayPath(clash.source, cwd)}: choose another directory`);
  }
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
