// Differential test (issue 3, item 7): every fixture that has a stdout.txt is also compiled by the
// reference (test/reference: async functions rewritten to native generators driven by a tiny
// reference driver, sharing no code with src/) and run; it must print the fixture's stdout, which
// the fixture test already requires of the real compiler, so the two agree on every fixture.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error — plain .mjs helper shared with scripts/update-fixtures.mjs
import { limitPrograms, listFixtures, readFixture, root, runWorker } from "../../../scripts/fixture-lib.mjs";
import { toReference } from "./reference/rewrite.js";

interface Fixture {
  area: string;
  name: string;
  dir: string;
  id: string;
}

/** Fixtures whose stdout depends on what only the compiler produces, each with its reason. */
const EXCLUDED: Record<string, string> = {
  "seed/deep-recursion":
    "a million suspended native generators cost the reference ~20 s and 2 GB; run below at depth 10⁵ instead",
  "function-context/new-on-async-function-is-type-error":
    "the reference's wrapper of an async declaration is a plain function, so it has a (non-deletable) prototype",
  "generators/async-generator-basics": "async generators (SPEC §4) are outside the reference, which models async functions (SPEC §1)",
  "generators/for-await-of-over-array": "for await (SPEC §4) is outside the reference, which models async functions (SPEC §1)",
};

/** Whole areas outside the reference, with the reason. */
const EXCLUDED_AREAS: Record<string, string> = {
  "async-generators": "async generators and for await (SPEC §4) are outside the reference, which models async functions (SPEC §1)",
};

function exclusion(fx: Fixture): string | undefined {
  if (readFixture(fx).options.sourceType === "commonjs") {
    return "a sloppy-mode script; the reference rewrites strict modules (the fixture test compares it with native Node)";
  }
  return EXCLUDED[fx.id] ?? EXCLUDED_AREAS[fx.area];
}

/**
 * Fixtures run in a smaller variant: [fixture, what to replace in input and stdout, by what].
 * The reference's driver is stackless too, so the shape still proves no stack per level.
 */
const SCALED: Array<[string, string, string]> = [["seed/deep-recursion", "1_000_000", "100_000"]];

interface RunResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

/**
 * Runs a program (written under node_modules/.cache/coro-reference, so `@coro/runtime` resolves)
 * in a worker thread (fixture-lib.mjs `runWorker`).
 */
function runNode(id: string, code: string): Promise<RunResult> {
  const dir = join(root as string, "node_modules", ".cache", "coro-reference", id);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "reference.mjs");
  writeFileSync(file, code);
  return runWorker(file) as Promise<RunResult>;
}


const fixtures = (listFixtures() as Fixture[]).filter((fx) => readFixture(fx).stdout !== undefined);

describe("the reference agrees with every fixture", () => {
  it("compares a meaningful number of fixtures", () => {
    expect(fixtures.filter((fx) => exclusion(fx) === undefined).length).toBeGreaterThanOrEqual(200);
  });

  it("excludes only fixtures that exist", () => {
    const ids = new Set(fixtures.map((fx) => fx.id));
    expect(Object.keys(EXCLUDED).filter((id) => !ids.has(id))).toEqual([]);
    expect(Object.keys(EXCLUDED_AREAS).filter((area) => !fixtures.some((fx) => fx.area === area))).toEqual([]);
  });

  // Start every run now (bounded), so the subprocesses overlap; each test awaits its own.
  const runs = new Map<string, Promise<RunResult>>();
  for (const fx of fixtures) {
    if (exclusion(fx) !== undefined) continue;
    const input = readFixture(fx).input as string;
    runs.set(fx.id, limitPrograms(() => runNode(fx.id, toReference(input))));
  }

  for (const fx of fixtures) {
    const reason = exclusion(fx);
    it.skipIf(reason !== undefined)(`${fx.id}${reason ? ` (excluded: ${reason})` : ""}`, async () => {
      const res = await runs.get(fx.id)!;
      expect(res.stderr).toBe("");
      expect(res.stdout).toBe(readFixture(fx).stdout);
      expect(res.status).toBe(0);
    });
  }

  for (const [id, from, to] of SCALED) {
    it(`${id}, scaled: ${from} → ${to}`, async () => {
      const fx = fixtures.find((f) => f.id === id);
      expect(fx, `${id} is missing`).toBeDefined();
      const f = readFixture(fx);
      const scale = (s: string): string => s.split(from).join(to);
      const res = await limitPrograms(() => runNode(`${id}-scaled`, toReference(scale(f.input))));
      expect(res.stderr).toBe("");
      expect(res.stdout).toBe(scale(f.stdout).split(from.replace(/_/g, "")).join(to.replace(/_/g, "")));
      expect(res.status).toBe(0);
    });
  }
});
