/**
 * One compiler over the corpus, in its own process: prints one JSON line with files/s, MB/s and
 * output size. Run by run.mjs once per compiler; usable alone:
 *   node scripts/bench/compile-speed.mjs <floor|coro|coro-promise|regenerator|tsc|swc> [--quick]
 *
 * The corpus is the `lib/` JavaScript of playwright-core@1.59.1 (CommonJS, one file per module),
 * leaving out its minified bundles (`lib/vite/**`, `*BundleImpl*`). A warm-up pass (JIT, lazy
 * loading) precedes up to 3 timed passes (fewer once 30 s are spent); the time reported is the median.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { columns } from "./columns.mjs";

const require = createRequire(import.meta.url);

/** The corpus: [relative path, source], sorted for a stable order. */
export function corpusFiles() {
  const lib = join(require.resolve("playwright-core/package.json"), "..", "lib");
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(lib, path);
      if (entry.isDirectory()) {
        if (rel !== "vite" && !entry.name.includes("BundleImpl")) walk(path);
      } else if (entry.name.endsWith(".js") && !entry.name.includes("BundleImpl")) {
        out.push([rel, readFileSync(path, "utf8")]);
      }
    }
  };
  walk(lib);
  return out.sort(([a], [b]) => (a < b ? -1 : 1));
}

function floorCompiler() {
  const { parse } = require("@babel/parser");
  const generate = require("@babel/generator").default;
  return (source) => generate(parse(source, { sourceType: "script" })).code;
}

/** Every compiler reads CommonJS here: the corpus files are `.js` in a package without "type". */
function compilerFor(id) {
  if (id === "floor") return floorCompiler();
  const column = columns.find((c) => c.id === id);
  if (!column || id === "native") throw new Error(`unknown compiler ${id}`);
  const sourceType = id === "regenerator" ? "script" : "commonjs";
  return (source, filename) => column.compile(source, filename, sourceType);
}

function main() {
  const [id, flag] = process.argv.slice(2);
  const quick = flag === "--quick";
  let files = corpusFiles();
  if (quick) files = files.filter((_, i) => i % 40 === 0);
  const compile = compilerFor(id);
  const failures = [];
  let outRaw = 0;
  let outGzip = 0;
  for (const [name, source] of files) {
    try {
      const code = compile(source, name);
      outRaw += Buffer.byteLength(code);
      outGzip += gzipSync(code).length;
    } catch (error) {
      failures.push(`${name}: ${String(error.message).split("\n")[0]}`);
    }
  }
  const ok = files.filter(([name]) => !failures.some((f) => f.startsWith(name + ":")));
  // Up to 3 timed passes, fewer for a slow compiler: no new pass starts after 30 s of timing.
  const passes = quick ? 1 : 3;
  const times = [];
  while (times.length < passes && (times.length === 0 || times.reduce((a, b) => a + b) < 30_000)) {
    const t0 = performance.now();
    for (const [name, source] of ok) compile(source, name);
    times.push(performance.now() - t0);
  }
  const ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  const bytes = ok.reduce((n, [, s]) => n + Buffer.byteLength(s), 0);
  const inGzip = ok.reduce((n, [, s]) => n + gzipSync(s).length, 0);
  console.log(
    JSON.stringify({
      id,
      files: ok.length,
      total: files.length,
      bytes,
      inGzip,
      ms,
      passes: times.length,
      filesPerSec: ok.length / (ms / 1000),
      mbPerSec: bytes / 1e6 / (ms / 1000),
      outRaw,
      outGzip,
      failures,
    }),
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) main();
