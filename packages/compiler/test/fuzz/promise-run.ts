// Runs promise-mode programs natively and compiled (`mode: "promise"`, for the default target and
// for `target: "es2015"`, whose driver awaits with `then`), in batches, one subprocess per batch and
// compilation; a batch that crashes or hangs is bisected to pin down the program at fault.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transform } from "../../src/index.js";
import { root } from "../load.js";
import { batchModule, standalone } from "./promise-render.js";

const BATCH = 120;
const cache = join(root, "node_modules", ".cache", "coro-generated-promise");

export type Outcome = { ok: true; logs: string[] } | { ok: false; error: string };
export interface Result {
  native: Outcome;
  compiled: Outcome;
  /** Compiled with `target: "es2015"`. */
  es2015: Outcome;
}

/** How a batch is run: natively, or compiled for one target. */
type Build = "native" | "es2017" | "es2015";

function runModule(code: string): { logs?: string[][]; error?: string } {
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${createHash("sha1").update(code).digest("hex")}.mjs`);
  writeFileSync(file, code);
  const res = spawnSync(process.execPath, [file], { encoding: "utf8", timeout: 20_000, cwd: root });
  if (res.status !== 0 || res.error) return { error: `exit ${res.status} ${res.error ?? ""}\n${res.stderr}` };
  try {
    return { logs: JSON.parse(res.stdout) as string[][] };
  } catch {
    return { error: `unparsable output:\n${res.stdout}\n${res.stderr}` };
  }
}

function runMode(bodies: string[], build: Build): Outcome[] {
  let code = batchModule(bodies);
  if (build !== "native") {
    try {
      code = transform(code, { filename: "gen.js", mode: "promise", target: build }).code;
    } catch (error) {
      if (bodies.length > 1) return bisect(bodies, build);
      return [{ ok: false, error: `compile error: ${error instanceof Error ? error.message : String(error)}` }];
    }
  }
  const r = runModule(code);
  if (r.logs && r.logs.length === bodies.length) return r.logs.map((logs) => ({ ok: true, logs }));
  // One program broke the batch (a crash or a hang): run them one by one to pin it down.
  if (bodies.length > 1) return bisect(bodies, build);
  return [{ ok: false, error: r.error ?? "no result" }];
}

function bisect(bodies: string[], build: Build): Outcome[] {
  const half = Math.ceil(bodies.length / 2);
  return [...runMode(bodies.slice(0, half), build), ...runMode(bodies.slice(half), build)];
}

export const results = new Map<string, Result>();

/** Runs programs (bodies) not run yet, in batches, natively and compiled. */
export function runAll(bodies: string[]): void {
  const todo = [...new Set(bodies.filter((b) => !results.has(b)))];
  for (let k = 0; k < todo.length; k += BATCH) {
    const chunk = todo.slice(k, k + BATCH);
    const native = runMode(chunk, "native");
    const compiled = runMode(chunk, "es2017");
    const es2015 = runMode(chunk, "es2015");
    chunk.forEach((b, idx) => results.set(b, { native: native[idx]!, compiled: compiled[idx]!, es2015: es2015[idx]! }));
  }
}

export function agree(r: Result): boolean {
  const same = (o: Outcome): boolean => r.native.ok && o.ok && JSON.stringify(r.native.logs) === JSON.stringify(o.logs);
  return same(r.compiled) && same(r.es2015);
}

function describeOutcome(o: Outcome): string {
  return o.ok ? o.logs.join("\n") : o.error;
}

export function report(body: string, r: Result): string {
  const n = r.native.ok ? r.native.logs : [];
  const sameAsNative = (o: Outcome): boolean => o.ok && JSON.stringify(o.logs) === JSON.stringify(n);
  const [which, outcome] = sameAsNative(r.compiled) ? ['mode: "promise", target: "es2015"', r.es2015] : ['mode: "promise"', r.compiled];
  const c = outcome.ok ? outcome.logs : [];
  let first = 0;
  while (first < n.length && n[first] === c[first]) first++;
  return [
    `promise mode differs from native Node (${which}) for this program:`,
    standalone(body),
    `--- native ---\n${describeOutcome(r.native)}`,
    `--- compiled (${which}) ---\n${describeOutcome(outcome)}`,
    `--- first difference at line ${first + 1}: native ${JSON.stringify(n[first])}, compiled ${JSON.stringify(c[first])}`,
  ].join("\n");
}

