/**
 * Which modules `coro run` compiles as they load: JavaScript and TypeScript files on disk outside node_modules,
 * except coro's own packages (compiling the runtime with itself would be circular).
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isSourceFile } from "./extensions.js";

/** Directory URLs (ending in `/`) of packages that are never compiled. */
const EXCLUDED_ROOTS: readonly string[] = [
  new URL("../", import.meta.url).href,
  packageRoot("@coro/runtime"),
  packageRoot("@coro/compiler"),
].filter((root): root is string => root !== undefined);

/** Whether the module at `url` (a `file:` URL) is user code that `coro run` compiles. */
export function shouldCompile(url: string): boolean {
  if (!url.startsWith("file:")) return false;
  if (url.includes("/node_modules/")) return false;
  if (EXCLUDED_ROOTS.some((root) => url.startsWith(root))) return false;
  return isSourceFile(fileURLToPath(url));
}

/**
 * The directory URL of package `name` as this package sees it (symlinks resolved). `require.resolve`,
 * not `import.meta.resolve`, which Node 20 does not offer in the module hooks thread.
 */
function packageRoot(name: string): string | undefined {
  try {
    return `${pathToFileURL(dirname(createRequire(import.meta.url).resolve(`${name}/package.json`))).href}/`;
  } catch {
    return undefined;
  }
}
