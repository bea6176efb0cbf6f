/**
 * The expectations file: every test variant expected to fail, each with a one-line reason.
 *
 * Format, one entry per line: `<file> [<variant>] <reason>`; `#` starts a comment line. The list
 * can only shrink: a listed variant that passes is an error, like an unlisted one that fails.
 * `--update-expectations` rewrites it, keeping known reasons and writing `TODO reason` for new
 * entries, which a person must replace (`CI=true` refuses placeholders).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export const PLACEHOLDER = "TODO reason";

const LINE = /^(\S+) \[(\w+)\] (.+)$/;

/** The key of a test variant in the file and in results. */
export function keyOf(job) {
  return `${job.file} [${job.variant}]`;
}

/** Reads the file: key → reason (an empty map when it does not exist). */
export function readExpectations(path) {
  const expected = new Map();
  if (!existsSync(path)) return expected;
  readFileSync(path, "utf8").split("\n").forEach((line, index) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const match = LINE.exec(line);
    if (!match) throw new Error(`${path}:${index + 1}: expected "<file> [<variant>] <reason>", got ${JSON.stringify(line)}`);
    expected.set(`${match[1]} [${match[2]}]`, match[3].trim());
  });
  return expected;
}

/**
 * Compares results with the expectations.
 * @param {Array<object>} jobs the variants that ran
 * @param {Array<{status: string}>} results in job order
 * @param {Map<string, string>} expected
 * @param {boolean} complete whether every selected test ran (no path filter): stale entries count
 * @param {Set<string>} [hostSkipped] files this host skips for lack of an engine feature: not stale
 */
export function compare(jobs, results, expected, complete, hostSkipped = new Set()) {
  const unexpectedFailures = [];
  const unexpectedPasses = [];
  const expectedFailures = [];
  const ran = new Set();
  jobs.forEach((job, i) => {
    const key = keyOf(job);
    ran.add(key);
    const failed = results[i].status !== "pass";
    if (failed && expected.has(key)) expectedFailures.push({ job, result: results[i], reason: expected.get(key) });
    else if (failed) unexpectedFailures.push({ job, result: results[i] });
    else if (expected.has(key)) unexpectedPasses.push({ job, reason: expected.get(key) });
  });
  const stale = complete ? [...expected.keys()].filter((key) => !ran.has(key) && !hostSkipped.has(key.split(" ")[0])) : [];
  const placeholders = [...expected].filter(([, reason]) => reason.startsWith("TODO")).map(([key]) => key);
  return { unexpectedFailures, unexpectedPasses, expectedFailures, stale, placeholders };
}

/**
 * Rewrites the file from the results: failing variants stay or are added, passing ones go.
 * Entries of tests that did not run (a filtered run) are kept unless `complete`.
 */
export function writeExpectations(path, mode, jobs, results, expected, complete, hostSkipped = new Set()) {
  const kept = [...expected].filter(([key]) => !complete || hostSkipped.has(key.split(" ")[0]));
  const entries = new Map(kept);
  jobs.forEach((job, i) => {
    const key = keyOf(job);
    if (results[i].status === "pass") entries.delete(key);
    else entries.set(key, expected.get(key) ?? PLACEHOLDER);
  });
  const sorted = [...entries].sort(([ka, ra], [kb, rb]) => (ra === rb ? (ka < kb ? -1 : 1) : ra < rb ? -1 : 1));
  const header = [
    `# test262 variants expected to fail in ${mode} mode: "<file> [<variant>] <reason>", sorted by reason.`,
    "# Maintained by `pnpm test262 " + (mode === "promise-es2015" ? "--mode promise --target es2015" : `--mode ${mode}`) + " --update-expectations`; replace every TODO reason by hand.",
    "# The list can only shrink: a listed variant that passes fails the run.",
  ];
  writeFileSync(path, [...header, ...sorted.map(([key, reason]) => `${key} ${reason}`), ""].join("\n"));
  return entries.size;
}
