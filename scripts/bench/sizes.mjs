/**
 * Output-size helpers: raw and gzip sizes, and the size of coro's runtime per mode (the dist files
 * an import of the mode's entry reaches, each minified by SWC, concatenated, then gzipped).
 * The other columns inline their helpers into every output file, so their sizes already hold them.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const swc = require("@swc/core");

export const gzipSize = (code) => gzipSync(code).length;

/** The dist files reachable from `entry` through relative static imports and re-exports. */
function closure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, "utf8");
    for (const [, spec] of code.matchAll(/(?:from|import)\s*"(\.[^"]+)"/g)) visit(join(dirname(file), spec));
  };
  visit(entry);
  return [...seen];
}

/** `{ files, raw, min, minGzip }` for coro's runtime entry of a mode. */
export function coroRuntimeSize(mode) {
  const dist = join(require.resolve("@coro/runtime/package.json"), "..", "dist");
  const entry = { promise: "promise.js", "promise-es2015": join("es2015", "promise-es2015.js") }[mode] ?? "index.js";
  const files = closure(join(dist, entry));
  let raw = 0;
  let minified = "";
  for (const file of files) {
    const code = readFileSync(file, "utf8").replace(/\n\/\/# sourceMappingURL=.*$/, "");
    raw += Buffer.byteLength(code);
    minified += swc.minifySync(code, { module: true, compress: true, mangle: true }).code + "\n";
  }
  return { files: files.length, raw, min: Buffer.byteLength(minified), minGzip: gzipSize(minified) };
}
