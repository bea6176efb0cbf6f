/**
 * Test selection: walks the subset, reads each test's frontmatter, drops skipped features, and
 * expands every test into the variants its flags ask for.
 *
 * Variants: `module` (flag `module`: module code, never the strict prefix), `raw` (source
 * unchanged, no harness), `strict` (flag `onlyStrict`, or the second run of an unflagged test:
 * `"use strict";\n` prepended), `sloppy` (flag `noStrict`, or the first run of an unflagged test).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { testMetadata } from "./frontmatter.mjs";
import { test262Root } from "./paths.mjs";
import { isHostSkip, skippedFeature } from "./skip-list.mjs";

/** The variants a test runs in, from its flags (INTERPRETING.md "Strict Mode"). */
export function variantsOf(flags) {
  if (flags.includes("raw")) return ["raw"];
  if (flags.includes("module")) return ["module"];
  if (flags.includes("onlyStrict")) return ["strict"];
  if (flags.includes("noStrict")) return ["sloppy"];
  return ["sloppy", "strict"];
}

/** Whether `file` (relative to the test262 root, `/`-separated) is a test, not a fixture or data. */
export function isTestFile(file) {
  return file.endsWith(".js") && !file.includes("_FIXTURE");
}

/**
 * All runnable variants under `test/`, restricted to paths starting with one of `filters`
 * (relative to the test262 root, e.g. `test/language/expressions/await`) when any are given.
 *
 * @returns {{ jobs: Array<{ file: string, variant: string, meta: object }>, skipped: Map<string, number>, hostSkipped: Set<string> }}
 *   `skipped` counts skipped tests (not variants) by the feature that skipped them; `hostSkipped`
 *   holds the files skipped only because this host's engine lacks a feature (their expectations
 *   entries, written on a newer Node, are not stale here).
 */
export function selectTests(filters = []) {
  const jobs = [];
  const skipped = new Map();
  const hostSkipped = new Set();
  for (const file of listFiles(join(test262Root, "test"))) {
    if (!isTestFile(file)) continue;
    if (filters.length > 0 && !filters.some((f) => file.startsWith(f) || file.startsWith(`test/${f}`))) continue;
    const meta = testMetadata(readFileSync(join(test262Root, file), "utf8"));
    const feature = skippedFeature(meta.features);
    if (feature !== undefined) {
      skipped.set(feature, (skipped.get(feature) ?? 0) + 1);
      if (isHostSkip(feature)) hostSkipped.add(file);
      continue;
    }
    for (const variant of variantsOf(meta.flags)) jobs.push({ file, variant, meta });
  }
  return { jobs, skipped, hostSkipped };
}

/** Files under `dir`, relative to the test262 root with `/` separators, in a stable order. */
function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else out.push(relative(test262Root, path).split(sep).join("/"));
  }
  return out;
}
