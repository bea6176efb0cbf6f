// Bad and hostile inputs (issue 9, item 2): each must end in a clear CoroCompileError
// (file:line:column and a short code frame) or a correct result, in bounded time and memory —
// never an internal stack trace, never a hang. Bytes are decoded as a file read as UTF-8 is
// (`readFileSync(path, "utf8")`: invalid sequences become U+FFFD), which is what the CLI hands over.
// `heavy` cases have a full size (what the issue asks) and a CI size; see hostile.test.ts.

export interface HostileCase {
  name: string;
  /** The input text; `full` asks for the heavy size. */
  input(full: boolean): string;
  /** The error's first line must match (file:line:column: reason), or `main()` must return `result`. */
  expect: { error: RegExp } | { result: unknown };
  /** Sized by `full`: minutes and gigabytes at full size on a shared 2-core machine. */
  heavy?: true;
}

const asFile = (bytes: Uint8Array): string => new TextDecoder("utf-8").decode(bytes);

/** Deterministic pseudo-random bytes (a linear congruential generator). */
function noise(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

const nested = (open: string, inner: string, close: string, n = 10_000): string =>
  `export async function main(a) {\n  return ${open.repeat(n)}${inner}${close.repeat(n)};\n}\n`;

/** Plain code, with an async function every 2,000 blocks, up to `bytes` characters. */
function bigFile(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  let asyncs = 0;
  for (let i = 0; size < bytes; i++) {
    const block =
      `function plain${i}(a, b) {\n  const xs = [a, b, ${i}];\n  let s = 0;\n` +
      `  for (const x of xs) s += typeof x === "number" ? x : 0;\n  return s;\n}\n` +
      (i % 2000 === 0 ? `async function part${asyncs++}() {\n  return plain${i}(await 1, await Promise.resolve(2)) - ${i};\n}\n` : "");
    parts.push(block);
    size += block.length;
  }
  const sum = Array.from({ length: asyncs }, (_, k) => `await part${k}()`).join(" + ");
  return parts.join("") + `export async function main() {\n  return ${sum} === ${3 * asyncs} ? "every part ran" : "wrong";\n}\n`;
}

function manyAwaits(n: number): string {
  return `export async function main() {\n  let n = 0;\n${"  n += await 1;\n".repeat(n)}  return n === ${n} ? "every await ran" : n;\n}\n`;
}

export const AWAITS = { full: 100_000, ci: 2_000 };
export const BIG_BYTES = { full: 10 * 1024 * 1024, ci: 1024 * 1024 };

export const corpus: HostileCase[] = [
  { name: "syntax error", input: () => "export async function main() {\n  const x = await ;\n}\n", expect: { error: /^syntax-error\.js:2:19: SyntaxError: Unexpected token$/ } },
  { name: "unclosed braces", input: () => "export async function main() {\n  if (x) {\n    await g(\n", expect: { error: /^unclosed-braces\.js:4:1: SyntaxError: Unexpected token/ } },
  { name: "await in a plain function", input: () => "function f() {\n  await g();\n}\n", expect: { error: /^await-in-a-plain-function\.js:2:3: SyntaxError: .*await/ } },
  {
    name: "unsupported construct (direct eval)",
    input: () => 'export async function main() {\n  await 0;\n  return eval("1");\n}\n',
    expect: { error: /^unsupported-construct-\(direct-eval\)\.js:3:10: direct eval in strict-mode code inside an async or generator function cannot be compiled/ },
  },
  { name: "empty file", input: () => "", expect: { result: undefined } },
  { name: "only comments and blank lines", input: () => "\n\n// nothing\n/* at all */\n\n", expect: { result: undefined } },
  { name: "byte order mark", input: () => asFile(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from("export async function main() { return await 7; }\n")])), expect: { result: 7 } },
  { name: "binary noise", input: () => asFile(noise(64 * 1024)), expect: { error: /^binary-noise\.js:\d+:\d+: SyntaxError: / } },
  { name: "NUL bytes", input: () => "export async function main() {\0\0 return 1; }\n", expect: { error: /^NUL-bytes\.js:1:31: SyntaxError: Unexpected character/ } },
  {
    name: "Latin-1 text in a string (not UTF-8)",
    input: () => asFile(Buffer.from('export async function main() { return await "caf\xe9"; }\n', "latin1")),
    expect: { result: "caf\ufffd" },
  },
  { name: "Latin-1 text in an identifier", input: () => asFile(Buffer.from("export async function main() { const caf\xe9 = 1; }\n", "latin1")), expect: { error: /^Latin-1-text-in-an-identifier\.js:1:41: SyntaxError: / } },
  { name: "UTF-16 file", input: () => asFile(Buffer.from("\ufeffexport async function main() { return 1; }\n", "utf16le")), expect: { error: /^UTF-16-file\.js:1:\d+: SyntaxError: / } },
  { name: "a 1 MB line with an error at its end", input: () => `export const s = [${"1,".repeat(500_000)}];\nasync function f() { await ; }\n`, expect: { error: /^a-1-MB-line-with-an-error-at-its-end\.js:2:28: SyntaxError: / } },
  { name: "parentheses 10,000 deep", input: () => nested("(", "await a", ")"), expect: { error: /^parentheses-10,000-deep\.js:2:10009: the input is nested too deeply to compile \(10001 nested brackets here\)/ } },
  { name: "awaits 10,000 deep", input: () => nested("await (", "a", ")"), expect: { error: /^awaits-10,000-deep\.js:2:70009: the input is nested too deeply to compile \(10001 nested brackets here\)/ } },
  { name: "arrays 10,000 deep", input: () => nested("[", "await a", "]"), expect: { error: /^arrays-10,000-deep\.js:2:10009: the input is nested too deeply to compile/ } },
  { name: "blocks 10,000 deep", input: () => nested("(() => { if (a) { return ", "await a", "} })()"), expect: { error: /^blocks-10,000-deep\.js:2:\d+: the input is nested too deeply to compile/ } },
  {
    name: "a chain of 10,000 awaits",
    input: () => `export async function main(a) {\n  return ${Array.from({ length: 10_000 }, () => "(await a)").join(" + ")};\n}\n`,
    expect: { error: /^a-chain-of-10,000-awaits\.js:2:1: the input is nested too deeply to compile \(probably a chain of operators/ },
  },
  { name: "awaits 50 deep", input: () => nested("(await ", "7", ")", 50), expect: { result: 7 } },
  { name: "a large file", input: (full) => bigFile(full ? BIG_BYTES.full : BIG_BYTES.ci), expect: { result: "every part ran" }, heavy: true },
  { name: "many awaits in one function", input: (full) => manyAwaits(full ? AWAITS.full : AWAITS.ci), expect: { result: "every await ran" }, heavy: true },
];

/** The file name a case is compiled under. */
export const fileOf = (c: HostileCase): string => `${c.name.replace(/ /g, "-")}.js`;
