/** Path containment, the test behind "never write outside --out-dir" and "skip the out dir". */
import { isAbsolute, relative, sep } from "node:path";

/** Whether absolute `path` is `directory` itself or below it. */
export function isInside(path: string, directory: string): boolean {
  const rel = relative(directory, path);
  return rel === "" || (rel.split(sep)[0] !== ".." && !isAbsolute(rel));
}
