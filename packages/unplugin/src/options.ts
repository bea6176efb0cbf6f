/** The plugin's options: which files it compiles, and the compiler options it passes through. */
import type { TransformOptions } from "@coro/compiler";

/** A file filter: a glob (relative to the working directory, or starting with `**`), a RegExp, or a list of them. */
export type FilterPattern = string | RegExp | readonly (string | RegExp)[];

export interface Options extends Pick<TransformOptions, "mode" | "target" | "stripTypes" | "locations" | "sourceType" | "runtime"> {
  /** Files to compile. Default: `.js .mjs .cjs .jsx .ts .mts .cts .tsx` files. */
  include?: FilterPattern;
  /** Files never compiled. Default: anything under `node_modules`. coro's runtime is never compiled. */
  exclude?: FilterPattern;
}

/** JavaScript and TypeScript source files, by extension (a query string such as `?raw` does not match). */
export const DEFAULT_INCLUDE: RegExp = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** Installed packages are not compiled. */
export const DEFAULT_EXCLUDE: RegExp = /[\\/]node_modules[\\/]/;

/**
 * The cheap test a file must pass before it is parsed: only a file that has an async function or a
 * `function*` has anything to compile (a file with neither is passed through untouched, so its
 * generator methods, if any, stay native — which behaves the same).
 */
export const CODE_FILTER: RegExp = /\basync\b|\bfunction\s*\*/;

/** Options passed to `transform` for every file, with `filename` and `sourceMaps` added per file. */
export function compilerOptions(options: Options): TransformOptions {
  const { include: _include, exclude: _exclude, ...rest } = options;
  return rest;
}
