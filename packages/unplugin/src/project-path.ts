/**
 * The name a compiled file goes by in its output (`Coroutine.location().file`) and in compile
 * errors: its path relative to the bundler's root, with `/` separators — never an absolute path of
 * the build machine, so bundles are the same wherever they are built.
 */
import { relative, sep } from "node:path";

/** `file` relative to `root` (`../` when it lies outside), with `/` separators. */
export function projectPath(root: string, file: string): string {
  return relative(root, file).split(sep).join("/");
}
