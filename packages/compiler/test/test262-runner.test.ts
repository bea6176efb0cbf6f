// The test262 runner's own logic (scripts/test262): frontmatter parsing, variants, harness order,
// the skip list, and the expectations file's rules. The runner itself runs with `pnpm test262`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import vm from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
// @ts-ignore — plain .mjs scripts without type declarations
import { parseFrontmatter, testMetadata } from "../../../scripts/test262/frontmatter.mjs";
// @ts-ignore
import { isTestFile, variantsOf } from "../../../scripts/test262/select.mjs";
// @ts-ignore
import { harnessFiles } from "../../../scripts/test262/run-test.mjs";
// @ts-ignore
import { SKIPPED_FEATURES, skippedFeature } from "../../../scripts/test262/skip-list.mjs";
// @ts-ignore
import { compare, readExpectations, writeExpectations } from "../../../scripts/test262/expectations.mjs";
// @ts-ignore
import { groupByFile, runPool, runPoolWithRetries } from "../../../scripts/test262/pool.mjs";
// @ts-ignore
import { bundle, runtimeScript } from "../../../scripts/test262/runtime-script.mjs";
// @ts-ignore
import { RUNTIME_ENTRIES } from "../../../scripts/test262/runtime-modules.mjs";
// @ts-ignore
import { test262Root } from "../../../scripts/test262/paths.mjs";

const sample = `// Copyright
/*---
esid: sec-async-function-definitions
description: >
  Folded
  description
info: |
    Kept: as text, not parsed.
    - not a list item
features: [async-functions, class]
flags: [async, onlyStrict]
includes:
  - propertyHelper.js
  - compareArray.js
negative:
  phase: parse
  type: SyntaxError
---*/
$DONOTEVALUATE();
`;

describe("frontmatter", () => {
  it("reads flow lists, block lists, nested mappings and block scalars", () => {
    const meta = parseFrontmatter(sample);
    expect(meta.features).toEqual(["async-functions", "class"]);
    expect(meta.flags).toEqual(["async", "onlyStrict"]);
    expect(meta.includes).toEqual(["propertyHelper.js", "compareArray.js"]);
    expect(meta.negative).toEqual({ phase: "parse", type: "SyntaxError" });
    expect(meta.description).toBe("Folded description");
    expect(meta.info).toContain("- not a list item");
  });

  it("fills defaults for what a test does not say", () => {
    expect(testMetadata("/*---\ndescription: x\n---*/")).toEqual({
      description: "x",
      includes: [],
      flags: [],
      features: [],
      negative: undefined,
    });
    expect(parseFrontmatter("export default 1;")).toBeUndefined();
  });

  it("rejects a line it does not understand rather than guessing", () => {
    expect(() => parseFrontmatter("/*---\n???\n---*/")).toThrow(/unexpected line/);
  });
});

describe("variants and harness", () => {
  it("runs unflagged tests twice and honours the strictness flags", () => {
    expect(variantsOf([])).toEqual(["sloppy", "strict"]);
    expect(variantsOf(["onlyStrict"])).toEqual(["strict"]);
    expect(variantsOf(["noStrict", "async"])).toEqual(["sloppy"]);
    expect(variantsOf(["module", "async"])).toEqual(["module"]);
    expect(variantsOf(["raw", "noStrict"])).toEqual(["raw"]);
  });

  it("loads assert.js, sta.js, doneprintHandle.js (async) and then the includes, none for raw", () => {
    const meta = { flags: ["async"], includes: ["asyncHelpers.js"] };
    expect(harnessFiles(meta, "strict")).toEqual(["assert.js", "sta.js", "doneprintHandle.js", "asyncHelpers.js"]);
    expect(harnessFiles({ flags: [], includes: [] }, "sloppy")).toEqual(["assert.js", "sta.js"]);
    expect(harnessFiles({ flags: ["raw"], includes: [] }, "raw")).toEqual([]);
  });

  it("never treats _FIXTURE modules as tests", () => {
    expect(isTestFile("test/language/module-code/top-level-await/x_FIXTURE.js")).toBe(false);
    expect(isTestFile("test/language/expressions/await/await-BindingIdentifier-in-global.js")).toBe(true);
  });

  it("skips by feature tag, each skipped feature with its reason", () => {
    expect(skippedFeature(["async-functions", "decorators"])).toBe("decorators");
    expect(skippedFeature(["async-functions", "class"])).toBeUndefined();
    // Generators and async iteration are in scope (issue 7).
    expect(skippedFeature(["generators", "async-iteration"])).toBeUndefined();
    for (const reason of SKIPPED_FEATURES.values()) expect(reason).toMatch(/\w/);
  });
});

describe("pool", () => {
  const tempDir = mkdtempSync(join(tmpdir(), "test262-pool-"));
  afterAll(() => rmSync(tempDir, { recursive: true, force: true }));
  it("sends a test's variants to one worker together, in order", () => {
    const jobs = ["a.js", "a.js", "b.js", "c.js", "c.js"].map((file, i) => ({ file, variant: i % 2 ? "strict" : "sloppy" }));
    expect(groupByFile(jobs)).toEqual([[0, 1], [2], [3, 4]]);
  });

  /** A test262 job for `source`, written to a temporary file (jobs name files relative to the suite). */
  const tempJob = (name: string, source: string) => {
    const file = join(tempDir, name);
    writeFileSync(file, source);
    const meta = testMetadata(source);
    return { file: relative(test262Root as string, file), variant: variantsOf(meta.flags)[0], meta };
  };

  it("retires a child after its share of variants and starts a fresh one", async () => {
    const jobs = ["one", "two", "three", "four"].map((name) =>
      tempJob(`retire-${name}.js`, `/*---\ndescription: ${name}\nflags: [raw]\n---*/\nvar ${name} = 1;\n`),
    );
    const results = await runPool(jobs, { jobs: 1, mode: "promise", timeout: 10_000, variantsPerChild: 2 });
    expect(results.map((r: { status: string }) => r.status)).toEqual(["pass", "pass", "pass", "pass"]);
    const pids = results.map((r: { pid: number }) => r.pid);
    expect(pids[0]).toBe(pids[1]);
    expect(pids[2]).toBe(pids[3]);
    expect(pids[2]).not.toBe(pids[0]);
  }, 60_000);

  it("runs a variant that timed out once more, alone, with a longer timeout", async () => {
    // Busy for 400 ms: over the 100 ms timeout, well under the retry's 10 × 100 ms.
    const slow = tempJob("retry-slow.js", "/*---\ndescription: slow\nflags: [raw]\n---*/\nvar s = Date.now(); while (Date.now() - s < 400) {}\n");
    const hang = tempJob("retry-hang.js", "/*---\ndescription: hangs\nflags: [raw]\n---*/\nfor (;;) {}\n");
    const quick = tempJob("retry-quick.js", "/*---\ndescription: quick\nflags: [raw]\n---*/\nvar q = 1;\n");
    const { results, retried } = await runPoolWithRetries([quick, slow, hang], { jobs: 1, mode: "promise", timeout: 100 }, { retryFactor: 10 });
    // The slow and the hanging variant timed out on their first run; only the slow one passes now.
    expect(retried).toEqual([1, 2]);
    expect(results[0].status).toBe("pass");
    expect(results[1].status).toBe("pass");
    expect(results[2].status).toBe("fail");
    expect(results[2].message).toMatch(/timed out/);
  }, 60_000);
});

describe("runtime bundle", () => {
  const dir = mkdtempSync(join(tmpdir(), "test262-bundle-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives every realm its own instance of the runtime, shared between its entries", () => {
    const [main, promise] = RUNTIME_ENTRIES;
    const contexts = [vm.createContext({}), vm.createContext({})];
    const realms = contexts.map((context) => runtimeScript(RUNTIME_ENTRIES).runInContext(context));
    const [a, b] = realms.map((load) => load(main));
    expect(typeof a.runAsync).toBe("function");
    expect(a.runAsync).toBe(realms[0](promise).runAsync);
    expect(a.runAsync).not.toBe(b.runAsync);
    // Built on the realm's own intrinsics.
    expect(Object.getPrototypeOf(a.Future.prototype)).toBe(vm.runInContext("Object.prototype", contexts[0]));
  });

  it("evaluates modules in import order, with their imports and exports", () => {
    writeFileSync(join(dir, "a.js"), 'import { b as bee } from "./b.js";\nimport "./c.js";\nexport const a = bee + 1;\nexport { bee as re };\nexport { c } from "./c.js";\n');
    writeFileSync(join(dir, "b.js"), 'globalThis.order.push("b");\nexport function b0() {}\nexport const b = 1;\n');
    writeFileSync(join(dir, "c.js"), 'globalThis.order.push("c");\nexport class c {}\n');
    const context = vm.createContext({ order: [] });
    const load = vm.runInContext(bundle([join(dir, "a.js")]), context);
    const exports = load(join(dir, "a.js"));
    expect({ ...exports, c: typeof exports.c }).toEqual({ a: 2, re: 1, c: "function" });
    expect(vm.runInContext("order", context)).toEqual(["b", "c"]);
  });

  it("refuses an import cycle and module syntax it does not convert", () => {
    writeFileSync(join(dir, "x.js"), 'import { y } from "./y.js";\nexport const x = 1;\n');
    writeFileSync(join(dir, "y.js"), 'import { x } from "./x.js";\nexport const y = 1;\n');
    expect(() => bundle([join(dir, "x.js")])).toThrow(/import cycle x\.js → y\.js → x\.js/);
    writeFileSync(join(dir, "z.js"), 'export * from "./x.js";\n');
    expect(() => bundle([join(dir, "z.js")])).toThrow(/unsupported module syntax: ExportAllDeclaration/);
  });
});

describe("expectations", () => {
  const dir = mkdtempSync(join(tmpdir(), "test262-expectations-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const job = (file: string, variant = "strict") => ({ file, variant });

  it("fails on unexpected failures and on listed variants that now pass", () => {
    const expected = new Map([
      ["a.js [strict]", "known"],
      ["b.js [strict]", "fixed since"],
      ["gone.js [strict]", "not run any more"],
    ]);
    const jobs = [job("a.js"), job("b.js"), job("c.js")];
    const results = [{ status: "fail" }, { status: "pass" }, { status: "fail" }];
    const result = compare(jobs, results, expected, true);
    expect(result.expectedFailures.map((f: { job: { file: string } }) => f.job.file)).toEqual(["a.js"]);
    expect(result.unexpectedFailures.map((f: { job: { file: string } }) => f.job.file)).toEqual(["c.js"]);
    expect(result.unexpectedPasses.map((f: { job: { file: string } }) => f.job.file)).toEqual(["b.js"]);
    expect(result.stale).toEqual(["gone.js [strict]"]);
    expect(compare(jobs, results, expected, false).stale).toEqual([]);
  });

  it("rewrites the list keeping reasons, with placeholders for new entries", () => {
    const path = join(dir, "expectations.txt");
    const jobs = [job("a.js"), job("b.js", "sloppy"), job("c.js")];
    const results = [{ status: "fail" }, { status: "fail" }, { status: "pass" }];
    writeExpectations(path, "promise", jobs, results, new Map([["a.js [strict]", "known"], ["c.js [strict]", "fixed"]]), true);
    const written = readExpectations(path);
    expect([...written]).toEqual([
      ["b.js [sloppy]", "TODO reason"],
      ["a.js [strict]", "known"],
    ]);
    expect(compare(jobs, results, written, true).placeholders).toEqual(["b.js [sloppy]"]);
    expect(readFileSync(path, "utf8")).toMatch(/^# /);
  });
});
