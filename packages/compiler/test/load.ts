// Compiles a source text and imports the result as an ES module. The file is written under the
// repository's node_modules/.cache so that its `@coro/runtime` import resolves to the built runtime.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { transform, type TransformOptions } from "../src/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const cache = join(root, "node_modules", ".cache", "coro-tests");

export async function loadCompiled<M = Record<string, any>>(
  source: string,
  filename = "test.js",
  options: Omit<TransformOptions, "filename"> = {},
): Promise<M> {
  const { code } = transform(source, { filename, ...options });
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${createHash("sha1").update(code).digest("hex")}.mjs`);
  writeFileSync(file, code);
  return (await import(pathToFileURL(file).href)) as M;
}

export { root };
