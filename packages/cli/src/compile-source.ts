/**
 * One source text through the compiler, with its source map attached the way the output needs it:
 * a `.map` file next to the output, or inline as a data URL.
 */
import { transform, type Mode, type Target } from "@coro/compiler";
import { basename, dirname, relative, sep } from "node:path";
import type { SourceType } from "./source-type.js";

export interface CompileOptions {
  /** Shown in errors and recorded in the source map. */
  filename: string;
  mode: Mode;
  /** Default `"es2017"`. */
  target?: Target;
  sourceMaps: boolean;
  /** ES module (the runtime is imported), CommonJS (it is required), or decided by the syntax. */
  sourceType: SourceType;
  /** Remove TypeScript types; ignored for JavaScript input. */
  stripTypes?: boolean;
  /** The runtime's module specifier. Default `"@coro/runtime"`. */
  runtime?: string;
  /** The input's own source map: the output's map is chained through it. */
  inputSourceMap?: SourceMapV3;
}

/** The fields of a version 3 source map this package reads or rewrites. */
export interface SourceMapV3 {
  version: number;
  file?: string;
  sources: (string | null)[];
  [field: string]: unknown;
}

export interface CompiledSource {
  code: string;
  map: SourceMapV3 | null;
}

/** Compiles `code`; throws the compiler's `CoroCompileError` on bad input. */
export function compileSource(code: string, options: CompileOptions): CompiledSource {
  const result = transform(code, {
    filename: options.filename,
    mode: options.mode,
    ...(options.target === undefined ? {} : { target: options.target }),
    sourceMaps: options.sourceMaps,
    sourceType: options.sourceType,
    stripTypes: options.stripTypes ?? false,
    ...(options.runtime === undefined ? {} : { runtime: options.runtime }),
    ...(options.inputSourceMap === undefined ? {} : { inputSourceMap: options.inputSourceMap as never }),
  });
  return { code: result.code, map: (result.map as SourceMapV3 | null) ?? null };
}

/**
 * Points `map` at the files on disk: `file` is the output's base name and each source is relative
 * to the output's directory, so tools find `src/a.js` from `dist/a.js.map`.
 */
export function relocateMap(map: SourceMapV3, output: string, source: string): SourceMapV3 {
  const fromOutput = relative(dirname(output), source).split(sep).join("/");
  return { ...map, file: basename(output), sources: map.sources.map(() => fromOutput) };
}

/** Appends the comment that links `code` to `url` (a `.map` file name or a data URL). */
export function withSourceMappingURL(code: string, url: string): string {
  return `${code.endsWith("\n") ? code : `${code}\n`}//# sourceMappingURL=${url}\n`;
}

/** A `data:` URL holding `map`, for output that has no file of its own (stdin, `coro run`). */
export function inlineMapURL(map: SourceMapV3): string {
  return `data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString("base64")}`;
}
