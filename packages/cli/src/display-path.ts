/** How file names appear in messages: as the user would type them from the working directory. */
import { isAbsolute, relative } from "node:path";

/** `path` relative to `cwd` when it is inside it, absolute otherwise. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
