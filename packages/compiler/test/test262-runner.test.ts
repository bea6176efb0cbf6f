// The test262 runner's own logic (scripts/test262): frontmatter parsing, variants, harness order,
// the skip list, and the expectations file's rules. The runner itself runs with `pnpm test262`.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    expect(skippedFeature(["async-functions", "generators"])).toBe("generators");
    expect(skippedFeature(["async-functions", "class"])).toBeUndefined();
    for (const reason of SKIPPED_FEATURES.values()) expect(reason).toMatch(/\w/);
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
