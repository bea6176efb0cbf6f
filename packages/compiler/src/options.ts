/** Options of `transform` and of the Babel plugin, with their validation. */
import type { GeneratorResult } from "@babel/generator";

export type EncodedSourceMap = NonNullable<GeneratorResult["map"]>;

/** `"coroutine"`: SPEC §1 (Python's coroutines); `"promise"`: SPEC §3 (native async semantics). */
export type Mode = "coroutine" | "promise";

/**
 * The oldest engine the output must run on. `"es2017"` (default): native async functions exist,
 * and promise mode's driver awaits with them (exact). `"es2015"`: promise mode imports
 * `@coro/runtime/promise-es2015`, which has no async syntax and awaits with `Promise.prototype.then`.
 */
export type Target = "es2015" | "es2017";

export interface TransformOptions {
  /** Used in error messages, source maps and `Coroutine.location()`. Default `"<input>"`. */
  filename?: string;
  /** `"coroutine"` (default, SPEC §1) or `"promise"` (native async semantics, SPEC §3). */
  mode?: Mode;
  /** Produce a source map (`map` in the result). Default false. */
  sourceMaps?: boolean;
  /** Record source locations of suspension points for `Coroutine.location()`. Default true. */
  locations?: boolean;
  /** Module the helpers are imported from. Default `"@coro/runtime"`. */
  runtime?: string;
  /**
   * `"es2017"` (default) or `"es2015"`: promise-mode output for engines without async functions
   * (imports `<runtime>/promise-es2015`). Coroutine mode needs ES2018 and refuses `"es2015"`.
   */
  target?: Target;
  /**
   * `"module"` (the runtime is imported), `"commonjs"` (it is `require`d), or `"unambiguous"`
   * (a module if it has import/export, else CommonJS). Default: by extension — `.cjs`/`.cts` are
   * CommonJS, everything else a module.
   */
  sourceType?: "module" | "commonjs" | "unambiguous";
  /** TypeScript input: remove the types (default false: types are kept in the output). */
  stripTypes?: boolean;
  /** The source map of the input (from an earlier tool); the output's map is chained through it. */
  inputSourceMap?: EncodedSourceMap | string | null;
}

export interface TransformResult {
  code: string;
  map: EncodedSourceMap | null;
}

export interface ResolvedOptions {
  filename: string;
  mode: Mode;
  sourceMaps: boolean;
  locations: boolean;
  runtime: string;
  target: Target;
  sourceType: "module" | "commonjs" | "unambiguous";
  stripTypes: boolean;
  inputSourceMap: EncodedSourceMap | null;
}

const SOURCE_TYPES: readonly string[] = ["module", "commonjs", "unambiguous"];

const MODES: readonly string[] = ["coroutine", "promise"];

const TARGETS: readonly string[] = ["es2015", "es2017"];

/** Validates user options; throws a TypeError naming the bad option. */
export function resolveOptions(options: TransformOptions = {}): ResolvedOptions {
  const mode = options.mode ?? "coroutine";
  if (!MODES.includes(mode)) {
    throw new TypeError(`unsupported mode ${JSON.stringify(mode)}: expected one of ${MODES.join(", ")}`);
  }
  const target = options.target ?? "es2017";
  if (!TARGETS.includes(target)) {
    throw new TypeError(`unsupported target ${JSON.stringify(target)}: expected one of ${TARGETS.join(", ")}`);
  }
  if (target === "es2015" && mode === "coroutine") {
    throw new TypeError(`target "es2015" applies to promise mode only: coroutine mode's runtime needs an ES2018 engine (async generators)`);
  }
  const filename = options.filename ?? "<input>";
  const sourceType = options.sourceType ?? (/\.c[jt]s$/.test(filename) ? "commonjs" : "module");
  if (!SOURCE_TYPES.includes(sourceType)) {
    throw new TypeError(`unsupported sourceType ${JSON.stringify(sourceType)}: expected "module", "commonjs" or "unambiguous"`);
  }
  let inputSourceMap = options.inputSourceMap ?? null;
  if (typeof inputSourceMap === "string") inputSourceMap = JSON.parse(inputSourceMap) as EncodedSourceMap;
  return {
    filename,
    sourceType,
    stripTypes: options.stripTypes ?? false,
    inputSourceMap,
    mode,
    sourceMaps: options.sourceMaps ?? false,
    locations: options.locations ?? true,
    runtime: options.runtime ?? "@coro/runtime",
    target,
  };
}
