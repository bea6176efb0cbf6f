// Runs promise-mode programs natively and compiled (`mode: "promise"`), in batches, one subprocess
// per batch and mode; a batch that crashes or hangs is bisected to pin down the program at fault.
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
}

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

function runMode(bodies: string[], compile: boolean): Outcome[] {
  let code = batchModule(bodies);
  if (compile) {
    try {
      code = transform(code, { filename: "gen.js", mode: "promise" }).code;
    } catch (error) {
      if (bodies.length > 1) return bisect(bodies, compile);
      return [{ ok: false, error: `compile error: ${error instanceof Error ? error.message : String(error)}` }];
    }
  }
  const r = runModule(code);
  if (r.logs && r.logs.length === bodies.length) return r.logs.map((logs) => ({ ok: true, logs }));
  // One program broke the batch (a crash or a hang): run them one by one to pin it down.
  if (bodies.length > 1) return bisect(bodies, compile);
  return [{ ok: false, error: r.error ?? "no result" }];
}

function bisect(bodies: string[], compile: boolean): Outcome[] {
  const half = Math.ceil(bodies.length / 2);
  return [...runMode(bodies.slice(0, half), compile), ...runMode(bodies.slice(half), compile)];
}

export const results = new Map<string, Result>();

/** Runs programs (bodies) not run yet, in batches, natively and compiled. */
export function runAll(bodies: string[]): void {
  const todo = [...new Set(bodies.filter((b) => !results.has(b)))];
  for (let k = 0; k < todo.length; k += BATCH) {
    const chunk = todo.slice(k, k + BATCH);
    const native = runMode(chunk, false);
    const compiled = runMode(chunk, true);
    chunk.forEach((b, idx) => results.set(b, { native: native[idx]!, compiled: compiled[idx]! }));
  }
}

export function agree(r: Result): boolean {
  return r.native.ok && r.compiled.ok && JSON.stringify(r.native.logs) === JSON.stringify(r.compiled.logs);
}

function describeOutcome(o: Outcome): string {
  return o.ok ? o.logs.join("\n") : o.error;
}

export function report(body: string, r: Result): string {
  const n = r.native.ok ? r.native.logs : [];
  const c = r.compiled.ok ? r.compiled.logs : [];
  let first = 0;
  while (first < n.length && n[first] === c[first]) first++;
  return [
    "promise mode differs from native Node for this program:",
    standalone(body),
    `--- native ---\n${describeOutcome(r.native)}`,
    `--- compiled (mode: "promise") ---\n${describeOutcome(r.compiled)}`,
    `--- first difference at line ${first + 1}: native ${JSON.stringify(n[first])}, compiled ${JSON.stringify(c[first])}`,
  ].join("\n");
}

