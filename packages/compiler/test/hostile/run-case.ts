// Runs one hostile case in its own process (hostile.test.ts starts it with `node --import tsx`
// under a memory cap and a time limit): compiles it, runs `main()` of what compiled, and prints
// one JSON line: { error: name, message } or { result, compileMs, inputBytes }.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { run } from "@coro/runtime";
import { transform } from "../../src/index.js";
import { root } from "../load.js";
import { corpus, fileOf } from "./corpus.js";

const [name, size] = process.argv.slice(2);
const c = corpus.find((x) => x.name === name);
if (!c) throw new Error(`no hostile case named ${name}`);
const input = c.input(size === "full");
const started = Date.now();
let code: string;
try {
  code = transform(input, { filename: fileOf(c) }).code;
} catch (error) {
  const e = error as Error;
  console.log(JSON.stringify({ error: e.name, message: e.message }));
  process.exit(0);
}
const compileMs = Date.now() - started;
const dir = join(root, "node_modules", ".cache", "coro-hostile");
mkdirSync(dir, { recursive: true });
const file = join(dir, fileOf(c).replace(/\.js$/, ".mjs"));
writeFileSync(file, code);
const mod = (await import(pathToFileURL(file).href)) as { main?: () => unknown };
const result = mod.main ? await run(mod.main() as never) : undefined;
console.log(JSON.stringify({ result, compileMs, inputBytes: Buffer.byteLength(input) }));
