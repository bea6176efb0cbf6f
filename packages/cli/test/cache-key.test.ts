/** The cache key covers every input of a compilation: text, input map, paths, options and the compiler. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BuildCache, compilerFingerprint, fingerprintOf } from "../src/cache.js";
import type { CompileJob, JobOptions } from "../src/compile-job.js";

const JOB: CompileJob = { source: "/p/src/a.js", output: "/p/out/a.js", displayName: "src/a.js", sourceType: "module", text: "async function f() {}\n" };
const OPTIONS: JobOptions = { mode: "coroutine", sourceMaps: "false", stripTypes: false };

describe("BuildCache.key", () => {
  const cache = new BuildCache(undefined);
  const base = cache.key(JOB, OPTIONS, undefined);

  it("is the same for the same compilation", () => {
    expect(cache.key({ ...JOB }, { ...OPTIONS }, undefined)).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["the text", { ...JOB, text: "async function g() {}\n" }, OPTIONS, undefined],
    ["the output path", { ...JOB, output: "/p/out2/a.js" }, OPTIONS, undefined],
    ["the name in errors and maps", { ...JOB, displayName: "a.js" }, OPTIONS, undefined],
    ["the source type", { ...JOB, sourceType: "commonjs" as const }, OPTIONS, undefined],
    ["the mode", JOB, { ...OPTIONS, mode: "promise" as const }, undefined],
    ["source maps", JOB, { ...OPTIONS, sourceMaps: "inline" as const }, undefined],
    ["type stripping", JOB, { ...OPTIONS, stripTypes: true }, undefined],
    ["the input map", JOB, OPTIONS, '{"version":3}'],
  ])("changes with %s", (_what, job, options, inputMap) => {
    expect(cache.key(job, options, inputMap)).not.toBe(base);
  });

  it("depends on the compiler's built files: changing one changes the fingerprint", () => {
    const dir = mkdtempSync(join(tmpdir(), "coro-fingerprint-"));
    try {
      writeFileSync(join(dir, "package.json"), '{"version":"1.0.0"}');
      mkdirSync(join(dir, "dist", "explode"), { recursive: true });
      writeFileSync(join(dir, "dist", "explode", "a.js"), "export const a = 1;\n");
      const before = fingerprintOf(dir);
      expect(fingerprintOf(dir)).toBe(before);
      writeFileSync(join(dir, "dist", "explode", "a.js"), "export const a = 2;\n");
      expect(fingerprintOf(dir)).not.toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(compilerFingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });

  it("serves from memory what was stored, and counts hits", () => {
    const outputs = [{ path: "/p/out/a.js", text: "compiled" }];
    expect(cache.get(base)).toBeUndefined();
    cache.set(base, outputs);
    expect(cache.get(base)).toEqual(outputs);
    expect(cache.hits).toBe(1);
  });
});
