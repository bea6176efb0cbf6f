/**
 * A `coro build` killed (SIGKILL) while it writes its outputs leaves each output either as it was
 * before or complete, never half-written: outputs go to temporary files that are renamed into place
 * once all are written. The next build removes the temporary files the killed one left.
 *
 * Where the kill lands is made deterministic: a preloaded module (`--import`) wraps `fs`'s
 * `writeFileSync`/`renameSync` (and republishes them to ES modules with `syncBuiltinESMExports`)
 * so that the build stops for good after the Nth temporary file is written, or after the Nth is
 * renamed into place, and says so on stdout; the test kills it there. A third case kills a build
 * running freely, as soon as a temporary file appears (where that lands depends on the machine).
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, watch } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, coro, project } from "./helpers.js";

const COUNT = 20;
const HALF = COUNT / 2;

const PAUSE = `
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
const [step, at] = process.env.CORO_TEST_PAUSE.split(":");
let seen = 0;
function pause() {
  fs.writeSync(1, "paused\\n");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
for (const name of ["writeFileSync", "renameSync"]) {
  const real = fs[name];
  fs[name] = function (path, ...rest) {
    const result = real.call(this, path, ...rest);
    if (name === step && String(path).endsWith(".coro-tmp") && ++seen === Number(at)) pause();
    return result;
  };
}
syncBuiltinESMExports();
`;

interface Setup {
  root: string;
  /** Output i as the finished build writes it. */
  after: (i: number) => string;
  /** Output i before the killed build (a promise-mode build: different text). */
  before: string[];
}

function setup(): Setup {
  const files: Record<string, string> = { "pause.mjs": PAUSE };
  for (let i = 0; i < COUNT; i++) files[`src/m${i}.mjs`] = `export const pad = "${String(i % 10).repeat(30_000)}";\nexport async function f(x) {\n  return (await x) + ${i};\n}\n`;
  const root = project(files);
  expect(coro(["build", "src", "--out-dir", "new", "--no-cache", "--workers", "0"], root).status).toBe(0);
  expect(coro(["build", "src", "--out-dir", "out", "--no-cache", "--workers", "0", "--mode", "promise"], root).status).toBe(0);
  const after = (i: number) => readFileSync(join(root, "new", `m${i}.mjs`), "utf8");
  const before = Array.from({ length: COUNT }, (_, i) => readFileSync(join(root, "out", `m${i}.mjs`), "utf8"));
  expect(before[0]).not.toBe(after(0));
  return { root, after, before };
}

const BUILD = [BIN, "build", "src", "--out-dir", "out", "--no-cache", "--workers", "0"];

/** Runs the build until it prints "paused", kills it, and returns its exit signal. */
async function killWhenPaused(root: string, pauseAt: string): Promise<NodeJS.Signals | number | null> {
  const child = spawn(process.execPath, ["--import", "./pause.mjs", ...BUILD], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, CORO_TEST_PAUSE: pauseAt },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes("paused\n")) child.kill("SIGKILL");
  });
  const status = await new Promise<NodeJS.Signals | number | null>((r) => child.once("exit", (code, signal) => r(signal ?? code)));
  expect(output).toContain("paused");
  return status;
}

/** Each output is old or new in full; returns how many are new. */
function newOutputs({ root, after, before }: Setup): number {
  let fresh = 0;
  for (let i = 0; i < COUNT; i++) {
    const text = readFileSync(join(root, "out", `m${i}.mjs`), "utf8");
    if (text === before[i]) continue;
    expect(text).toBe(after(i));
    fresh++;
  }
  return fresh;
}

const temps = (root: string) => readdirSync(join(root, "out")).filter((n) => n.endsWith(".coro-tmp"));

/** The next build finishes the job and removes the killed run's temporary files. */
function rebuildFinishes({ root, after }: Setup): void {
  expect(coro(["build", "src", "--out-dir", "out", "--no-cache"], root).status).toBe(0);
  expect(readdirSync(join(root, "out")).sort()).toEqual(readdirSync(join(root, "new")).sort());
  for (let i = 0; i < COUNT; i++) expect(readFileSync(join(root, "out", `m${i}.mjs`), "utf8")).toBe(after(i));
}

describe("coro build killed mid-write", () => {
  it("killed while writing temporary files: every output is still the old one", async () => {
    const s = setup();
    expect(await killWhenPaused(s.root, `writeFileSync:${HALF}`)).toBe("SIGKILL");
    expect(newOutputs(s)).toBe(0);
    expect(temps(s.root)).toHaveLength(HALF);
    rebuildFinishes(s);
  }, 90_000);

  it("killed while renaming into place: each output is old or new in full, never partial", async () => {
    const s = setup();
    expect(await killWhenPaused(s.root, `renameSync:${HALF}`)).toBe("SIGKILL");
    expect(newOutputs(s)).toBe(HALF);
    expect(temps(s.root)).toHaveLength(COUNT - HALF);
    rebuildFinishes(s);
  }, 90_000);

  it("killed as soon as a temporary file appears: each output is old or new in full", async () => {
    const s = setup();
    const child = spawn(process.execPath, BUILD, { cwd: s.root, stdio: "ignore" });
    let sawTemp = false;
    const watcher = watch(join(s.root, "out"), (_event, name) => {
      if (!sawTemp && String(name).endsWith(".coro-tmp")) {
        sawTemp = true;
        child.kill("SIGKILL");
      }
    });
    const status = await new Promise<NodeJS.Signals | number | null>((r) => child.once("exit", (code, signal) => r(signal ?? code)));
    watcher.close();
    expect(sawTemp).toBe(true);
    // The kill may land after the last rename (a fast machine): then every output is new.
    expect(status).toBe("SIGKILL");
    newOutputs(s);
    rebuildFinishes(s);
  }, 90_000);
});
