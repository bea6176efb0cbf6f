/** Options of `transform` and of the Babel plugin, with their validation. */
import type { GeneratorResult } from "@babel/generator";

export type EncodedSourceMap = NonNullable<GeneratorResult["map"]>;

export type Mode = "coroutine";

export interface TransformOptions {
  /** Used in error messages, source maps and `Coroutine.location()`. Default `"<input>"`. */
  filename?: string;
  /** Only `"coroutine"` in this version (SPEC §1). */
  mode?: Mode;
  /** Produce a source map (`map` in the result). Default false. */
  sourceMaps?: boolean;
  /** Record source locations of suspension points for `Coroutine.location()`. Default true. */
  locations?: boolean;
  /** Module the helpers are imported from. Default `"@coro/runtime"`. */
  runtime?: string;
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
}

const MODES: readonly string[] = ["coroutine"];

/** Validates user options; throws a TypeError naming the bad option. */
export function resolveOptions(options: TransformOptions = {}): ResolvedOptions {
  const mode = options.mode ?? "coroutine";
  if (!MODES.includes(mode)) {
    throw new TypeError(`unsupported mode ${JSON.stringify(mode)}: expected one of ${MODES.join(", ")}`);
  }
  return {
    filename: options.filename ?? "<input>",
    mode,
    sourceMaps: options.sourceMaps ?? false,
    locations: options.locations ?? true,
    runtime: options.runtime ?? "@coro/runtime",
  };
}
