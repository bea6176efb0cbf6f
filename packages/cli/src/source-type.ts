/**
 * Whether a file is an ES module or CommonJS, decided as Node decides: by extension, then by the
 * `"type"` of the nearest package.json; with no `"type"`, by the file's syntax ("unambiguous").
 *
 * @example
 * ```text
 * a.cjs, a.cts                          -> commonjs
 * a.mjs, a.mts                          -> module
 * a.js, a.ts, a.jsx, a.tsx with "type": "module"    -> module
 *                          with "type": "commonjs"  -> commonjs
 *                          with no "type"           -> unambiguous (import/export make it a module)
 * ```
 */
import { readFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { InputError } from "./errors.js";

export type SourceType = "module" | "commonjs" | "unambiguous";

/** The source type `path`'s extension alone decides, or `undefined` for `.js`, `.ts`, `.jsx`, `.tsx`. */
export function sourceTypeByExtension(path: string): SourceType | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === ".cjs" || extension === ".cts") return "commonjs";
  if (extension === ".mjs" || extension === ".mts") return "module";
  return undefined;
}

/** The source type of the file at absolute `path`, reading package.json files above it. */
export function sourceTypeOf(path: string): SourceType {
  return sourceTypeByExtension(path) ?? packageSourceType(dirname(path));
}

/** Directory -> the source type its nearest package.json gives. Package files do not change during a run. */
const byDirectory = new Map<string, SourceType>();

/**
 * The source type the nearest package.json at or above `directory` gives `.js`/`.ts` files.
 * Throws InputError when that package.json is not valid JSON, as Node refuses it too.
 */
export function packageSourceType(directory: string): SourceType {
  const cached = byDirectory.get(directory);
  if (cached) return cached;
  const found = readPackageType(directory);
  const parent = dirname(directory);
  const type = found === null ? (parent === directory ? "unambiguous" : packageSourceType(parent)) : found;
  byDirectory.set(directory, type);
  return type;
}

/** The type `directory/package.json` gives, or `null` when there is no package.json there. */
function readPackageType(directory: string): SourceType | null {
  const file = join(directory, "package.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  let type: unknown;
  try {
    type = (JSON.parse(text) as { type?: unknown }).type;
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${(error as Error).message}); fix it to decide the module type of the files below it`);
  }
  if (type === "module") return "module";
  if (type === "commonjs") return "commonjs";
  return "unambiguous";
}
