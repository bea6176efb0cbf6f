/**
 * Writing a build's outputs, all or nothing: every file goes to a temporary file next to its
 * target first; only when all of them are written are they renamed into place (a rename is
 * atomic), so a failure (full disk, a path that cannot be created) or a killed process never leaves
 * a half-written output or a mix of old and new files. Paths are checked first: nothing is written
 * outside the out dir (also through a symbolic link inside it), and no input is overwritten unless
 * `--in-place`.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { displayPath } from "./display-path.js";
import { describeFsError, UsageError, WriteError } from "./errors.js";
import { isInside } from "./paths.js";

const TEMP_SUFFIX = ".coro-tmp";

export interface PlannedWrite {
  path: string;
  data: string | Buffer;
}

export interface WriteGuard {
  /** Absolute out dir; `undefined` when writing in place. */
  outDir: string | undefined;
  /** Absolute paths of every input. */
  inputs: ReadonlySet<string>;
  inPlace: boolean;
  cwd: string;
}

/** Writes `writes` atomically and returns the paths whose content changed. */
export function writeAll(writes: readonly PlannedWrite[], guard: WriteGuard): string[] {
  for (const write of writes) checkTarget(write.path, guard);
  removeStaleTemps(writes);
  const changed = writes.filter((w) => !sameContent(w.path, w.data));
  const temps: string[] = [];
  try {
    for (const write of changed) {
      mkdirSync(dirname(write.path), { recursive: true });
      const temp = join(dirname(write.path), `.${basename(write.path)}.${randomBytes(4).toString("hex")}${TEMP_SUFFIX}`);
      temps.push(temp);
      writeFileSync(temp, write.data);
    }
  } catch (error) {
    for (const temp of temps) rmSync(temp, { force: true });
    const failed = changed[temps.length - 1] ?? changed[0];
    const where = failed ? displayPath(failed.path, guard.cwd) : "output";
    throw new WriteError(`${where}: cannot write: ${describeFsError(error)}; no output was changed`);
  }
  changed.forEach((write, i) => renameSync(temps[i]!, write.path));
  return changed.map((w) => w.path);
}

/** Removes `.NAME.XXXXXXXX.coro-tmp` files that a killed build left next to the outputs about to be written. */
function removeStaleTemps(writes: readonly PlannedWrite[]): void {
  const names = new Set(writes.map((w) => w.path));
  const directories = new Set(writes.map((w) => dirname(w.path)));
  for (const directory of directories) {
    let entries: string[];
    try {
      entries = readdirSync(directory);
    } catch {
      continue;
    }
    for (const entry of entries) {
      const match = /^\.(.+)\.[0-9a-f]{8}\.coro-tmp$/.exec(entry);
      if (match && names.has(join(directory, match[1]!))) rmSync(join(directory, entry), { force: true });
    }
  }
}

/** Refuses a path outside the out dir (lexically, or through a link) or, unless in place, an input. */
function checkTarget(path: string, guard: WriteGuard): void {
  const shown = displayPath(path, guard.cwd);
  if (guard.inputs.has(path) && !guard.inPlace) {
    throw new UsageError(`${shown}: the output would overwrite an input; choose another --out-dir, or pass --in-place`);
  }
  if (guard.outDir === undefined) return;
  if (!isInside(path, guard.outDir) || !isInside(realAncestor(path), realAncestor(guard.outDir))) {
    throw new UsageError(`${shown}: refusing to write outside --out-dir ${displayPath(guard.outDir, guard.cwd)} (a symbolic link inside it leads out)`);
  }
}

/** The real path of `path`'s deepest existing ancestor (itself if it exists), joined with the rest. */
function realAncestor(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  return join(realpathSync(existing), ...rest);
}

/** Whether the file at `path` already holds exactly `data`. */
export function sameContent(path: string, data: string | Buffer): boolean {
  try {
    return readFileSync(path).equals(typeof data === "string" ? Buffer.from(data) : data);
  } catch {
    return false;
  }
}
