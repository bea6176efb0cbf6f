/**
 * Turns the paths given to `coro build` into a list of source files, each paired with the output
 * path that mirrors it under the out dir, relative to the inputs' common base directory.
 *
 * @example
 * ```text
 * coro build src/a.js src/lib --out-dir dist    (base: src)
 *   src/a.js          -> dist/a.js
 *   src/lib/b/c.mjs   -> dist/lib/b/c.mjs
 *   src/lib/d.mts     -> dist/lib/d.mts    (dist/lib/d.mjs with stripTypes)
 * ```
 */
import { readdirSync, statSync, type Stats } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { InputError } from "./errors.js";
import { EXPECTED_EXTENSIONS, isSourceFile, outputPath, SKIPPED_DIRECTORIES } from "./extensions.js";

export interface BuildEntry {
  /** Absolute path of the source file. */
  source: string;
  /** Absolute path the compiled file is written to. */
  output: string;
}

export interface CollectOptions {
  /** Name TypeScript outputs as JavaScript (`a.ts` -> `a.js`, see `outputPath`). */
  stripTypes?: boolean;
}

/**
 * Lists the JavaScript and TypeScript files under `inputs` (files or directories, walked recursively, skipping
 * node_modules and `outDir` itself), sorted, without duplicates. Throws an InputError naming every
 * input that does not exist or is a file of an unsupported type.
 */
export function collectInputs(
  inputs: readonly string[],
  outDir: string,
  cwd = process.cwd(),
  options: CollectOptions = {},
): BuildEntry[] {
  const absoluteOutDir = resolve(cwd, outDir);
  const roots = inputs.map((input) => ({ input, path: resolve(cwd, input), stats: statOrUndefined(resolve(cwd, input)) }));
  const problems: string[] = [];
  for (const root of roots) {
    if (!root.stats) problems.push(`${root.input}: no such file or directory`);
    else if (root.stats.isFile() && !isSourceFile(root.path)) {
      problems.push(`${root.input}: not a JavaScript or TypeScript file (${EXPECTED_EXTENSIONS})`);
    }
  }
  if (problems.length > 0) throw new InputError(problems.join("\n"));

  const base = commonDirectory(roots.map((r) => (r.stats!.isDirectory() ? r.path : dirname(r.path))));
  const sources = new Set<string>();
  for (const root of roots) {
    if (root.stats!.isDirectory()) walk(root.path, absoluteOutDir, sources);
    else sources.add(root.path);
  }
  const stripTypes = options.stripTypes ?? false;
  return [...sources]
    .sort()
    .map((source) => ({ source, output: outputPath(join(absoluteOutDir, relative(base, source)), stripTypes) }));
}

/** Adds the source files under `directory` to `found`; subdirectories that are `outDir` are skipped. */
function walk(directory: string, outDir: string, found: Set<string>): void {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.includes(entry.name) && path !== outDir) walk(path, outDir, found);
    } else if (isSourceFile(path) && statOrUndefined(path)?.isFile()) {
      found.add(path);
    }
  }
}

/** The deepest directory containing every one of `directories` (all absolute). */
export function commonDirectory(directories: readonly string[]): string {
  const [first, ...rest] = directories.map((d) => d.split(sep));
  if (!first) throw new InputError("no input files");
  let length = first.length;
  for (const parts of rest) {
    let i = 0;
    while (i < length && i < parts.length && parts[i] === first[i]) i++;
    length = i;
  }
  return first.slice(0, length).join(sep) || sep;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
