/**
 * One file of a program that `coro run` loads, compiled for Node: TypeScript types stripped, the
 * source map inline and pointing at the file, and the module format Node must load it as.
 */
import type { Mode } from "@coro/compiler";
import { compileSource, inlineMapURL, relocateMap, withSourceMappingURL } from "./compile-source.js";
import { displayPath } from "./display-path.js";
import { isTypeScriptFile } from "./extensions.js";
import { hasModuleSyntax } from "./module-syntax.js";
import type { SourceType } from "./source-type.js";

export interface RunCompileOptions {
  mode: Mode;
  /** How the file is decided (`sourceTypeOf`); `"unambiguous"` is settled on the compiled code. */
  sourceType: SourceType;
  /** The runtime specifier; CommonJS gets an absolute path (`runtimeEntryFor`). */
  runtime?: string;
}

export interface RunCompiled {
  /** JavaScript with an inline source map. */
  source: string;
  format: "module" | "commonjs";
}

/** Compiles the file at absolute `path` holding `code`; throws `CoroCompileError` on bad input. */
export function compileForRun(path: string, code: string, options: RunCompileOptions): RunCompiled {
  const compiled = compileSource(code, {
    filename: displayPath(path, process.cwd()),
    mode: options.mode,
    sourceMaps: true,
    sourceType: options.sourceType,
    stripTypes: isTypeScriptFile(path),
    ...(options.runtime === undefined ? {} : { runtime: options.runtime }),
  });
  const source = compiled.map
    ? withSourceMappingURL(compiled.code, inlineMapURL(relocateMap(compiled.map, path, path)))
    : compiled.code;
  const format =
    options.sourceType === "unambiguous" ? (hasModuleSyntax(compiled.code) ? "module" : "commonjs") : options.sourceType;
  return { source, format };
}
