/**
 * Turns the inputs given to `coro build` (files, directories, globs) into the files to compile or
 * copy, each paired with the output path that mirrors it under the out dir, relative to the inputs'
 * common base directory.
 *
 * @example
 * ```text
 * coro build src/a.js src/lib 'src/x/**\/*.mjs' --out-dir dist    (base: src)
 *   src/a.js          -> dist/a.js
 *   src/lib/b/c.mjs   -> dist/lib/b/c.mjs
 *   src/lib/d.mts     -> dist/lib/d.mts    (dist/lib/d.mjs with --strip-types)
 *   src/lib/e.json    -> dist/lib/e.json   (only with --copy-files)
 * ```
 *
 * Directories are walked without entering node_modules, the out dir, or symbolic links to
 * directories; a symbolic link to a file inside the input tree is compiled, one pointing outside it
 * is skipped with a warning (never followed out). Globs (tinyglobby) do not follow links at all.
 */
import picomatch from "picomatch";
import { glob, isDynamicPattern } from "tinyglobby";
import { readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { displayPath } from "./display-path.js";
import { describeFsError, InputError, UsageError } from "./errors.js";
import { outputPath, SKIPPED_DIRECTORIES } from "./extensions.js";
import { isInside } from "./paths.js";

export interface BuildEntry {
  /** Absolute path of the source file. */
  source: string;
  /** Absolute path the compiled (or copied) file is written to. */
  output: string;
  kind: "compile" | "copy";
}

export interface DiscoverOptions {
  cwd: string;
  /** Absolute out dir; `undefined` with `inPlace` (outputs replace their inputs). */
  outDir: string | undefined;
  /** Extensions compiled, lower case with the dot. */
  extensions: readonly string[];
  /** Globs (relative to cwd, or matching base names when they have no slash) of files to leave out. */
  ignore: readonly string[];
  copyFiles: boolean;
  stripTypes: boolean;
}

export interface Discovered {
  entries: BuildEntry[];
  /** Things skipped that the user should hear about (symbolic links out of the tree). */
  warnings: string[];
}

interface Root {
  input: string;
  /** Absolute path of the file or directory, or the glob's static base directory. */
  path: string;
  kind: "file" | "directory" | "glob";
}

/** Lists the inputs' files; throws InputError naming every input that is missing or matches nothing. */
export async function discover(inputs: readonly string[], options: DiscoverOptions): Promise<Discovered> {
  const roots = classify(inputs, options.cwd);
  const outDir = options.outDir;
  const swallowed = outDir === undefined ? undefined : roots.find((r) => isInside(r.path, outDir));
  if (swallowed) {
    throw new UsageError(`--out-dir ${displayPath(outDir!, options.cwd)} contains the input ${swallowed.input}: its outputs would overwrite the inputs; choose another directory, or --in-place`);
  }
  const ignored = ignoreMatcher(options.ignore);
  const skipDirs = [options.outDir].filter((d): d is string => d !== undefined);
  const found = new Map<string, "compile" | "copy">();
  const warnings: string[] = [];
  const problems: string[] = [];
  const consider = (path: string, explicit: boolean) => {
    if (ignored(relative(options.cwd, path).split(sep).join("/"))) return;
    if (skipDirs.some((d) => isInside(path, d))) return;
    const compile = options.extensions.includes(extname(path).toLowerCase());
    if (compile) found.set(path, "compile");
    else if (options.copyFiles && options.outDir !== undefined) found.set(path, "copy");
    else if (explicit) problems.push(`${displayPath(path, options.cwd)}: not a file to compile (extensions: ${options.extensions.join(" ")}); use --copy-files to copy it`);
  };
  for (const root of roots) {
    if (root.kind === "file") consider(root.path, true);
    else if (root.kind === "directory") {
      walk(root.path, { realRoot: realpathSync(root.path), skipDirs, consider, warnings, problems, cwd: options.cwd });
    }
    else {
      const matches = await glob([root.input], { cwd: options.cwd, absolute: true, onlyFiles: true, followSymbolicLinks: false, ignore: ["**/node_modules/**"] });
      if (matches.length === 0) problems.push(`${root.input}: no files match this glob`);
      for (const match of matches) consider(resolve(match), false);
    }
  }
  if (problems.length > 0) throw new InputError(problems.join("\n"));
  const base = commonDirectory(roots.map((r) => (r.kind === "file" ? dirname(r.path) : r.path)));
  const entries = [...found]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([source, kind]) => ({
      source,
      kind,
      output: options.outDir === undefined ? source : mirror(source, base, options.outDir, kind === "compile" && options.stripTypes),
    }));
  return { entries, warnings };
}

/**
 * Whether a path relative to cwd (with `/`) is ignored. Patterns without a slash match base names
 * (`*.test.js`); the others whole relative paths. (picomatch's `basename` option would apply to
 * both kinds and break `**\/x/**`, so they are split.)
 */
function ignoreMatcher(patterns: readonly string[]): (path: string) => boolean {
  const byName = patterns.filter((p) => !p.includes("/"));
  const byPath = patterns.filter((p) => p.includes("/"));
  const name = byName.length > 0 ? picomatch(byName, { dot: true }) : () => false;
  const path = byPath.length > 0 ? picomatch(byPath, { dot: true }) : () => false;
  return (relativePath) => path(relativePath) || name(relativePath.slice(relativePath.lastIndexOf("/") + 1));
}

function mirror(source: string, base: string, outDir: string, stripTypes: boolean): string {
  return outputPath(join(outDir, relative(base, source)), stripTypes);
}

/** Files, directories and globs; throws InputError for every missing path. */
function classify(inputs: readonly string[], cwd: string): Root[] {
  const problems: string[] = [];
  const roots: Root[] = [];
  for (const input of inputs) {
    const path = resolve(cwd, input);
    const stats = statOrUndefined(path);
    if (stats?.isDirectory()) roots.push({ input, path, kind: "directory" });
    else if (stats?.isFile()) roots.push({ input, path, kind: "file" });
    else if (stats) problems.push(`${input}: not a file or directory`);
    else if (isDynamicPattern(input)) roots.push({ input, path: resolve(cwd, staticBase(input)), kind: "glob" });
    else problems.push(`${input}: no such file or directory`);
  }
  if (problems.length > 0) throw new InputError(problems.join("\n"));
  return roots;
}

/** The directories of a glob before its first dynamic part: `src/lib/**\/*.js` -> `src/lib`. */
export function staticBase(pattern: string): string {
  const parts = pattern.split("/");
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (isDynamicPattern(part)) break;
    fixed.push(part);
  }
  return fixed.join("/") || ".";
}

type Consider = (path: string, explicit: boolean) => void;

/** What a directory walk needs and reports into. */
interface Walk {
  /** The input directory (its real path), which links must not leave. */
  realRoot: string;
  skipDirs: readonly string[];
  consider: Consider;
  warnings: string[];
  problems: string[];
  cwd: string;
}

/** Visits the files under `directory`. */
function walk(directory: string, w: Walk): void {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    w.problems.push(`${displayPath(directory, w.cwd)}: cannot read the directory: ${describeFsError(error)}`);
    return;
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.includes(entry.name) && !w.skipDirs.includes(path)) walk(path, w);
    } else if (entry.isFile()) {
      w.consider(path, false);
    } else if (entry.isSymbolicLink()) {
      symlink(path, w);
    }
  }
}

/** A link to a file inside the tree is compiled; links out of the tree, and to directories, are not followed. */
function symlink(path: string, w: Walk): void {
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    w.warnings.push(`${displayPath(path, w.cwd)}: skipped, a broken symbolic link`);
    return;
  }
  if (!isInside(target, w.realRoot)) {
    w.warnings.push(`${displayPath(path, w.cwd)}: skipped, a symbolic link to ${target}, outside the input tree (not followed)`);
    return;
  }
  if (statOrUndefined(target)?.isFile()) w.consider(path, false);
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
