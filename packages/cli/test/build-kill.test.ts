/**
 * A `coro build` killed (SIGKILL) while it writes its outputs leaves each output either as it was
 * before or complete, never half-written: outputs go to temporary files that are renamed into place
 * once all are written. The next build removes the temporary files the killed one left.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, watch } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, coro, project } from "./helpers.js";

const COUNT = 20;

describe("coro build killed mid-write", () => {
  it("leaves every output old or new, never partial", async () => {
    const files: Record<string, string> = {};
    // Large outputs (30 KB each) make the write phase long enough to be interrupted.
    for (let i = 0; i < COUNT; i++) files[`src/m${i}.mjs`] = `export const pad = "${String(i % 10).repeat(30_000)}";\nexport async function f(x) {\n  return (await x) + ${i};\n}\n`;
    const root = project(files);
    expect(coro(["build", "src", "--out-dir", "new", "--no-cache", "--workers", "0"], root).status).toBe(0);
    expect(coro(["build", "src", "--out-dir", "out", "--no-cache", "--workers", "0", "--mode", "promise"], root).status).toBe(0);
    const before = (i: number) => readFileSync(join(root, "new", `m${i}.mjs`), "utf8");
    const old = Array.from({ length: COUNT }, (_, i) => readFileSync(join(root, "out", `m${i}.mjs`), "utf8"));
    expect(old[0]).not.toBe(before(0));

    const child = spawn(process.execPath, [BIN, "build", "src", "--out-dir", "out", "--no-cache", "--workers", "0"], { cwd: root, stdio: "ignore" });
    let sawTemp = false;
    const watcher = watch(join(root, "out"), (_event, name) => {
      if (!sawTemp && String(name).endsWith(".coro-tmp")) {
        sawTemp = true;
        child.kill("SIGKILL");
      }
    });
    const status = await new Promise<NodeJS.Signals | number | null>((r) => child.once("exit", (code, signal) => r(signal ?? code)));
    watcher.close();
    expect(sawTemp).toBe(true);
    expect(status).toBe("SIGKILL");
    for (let i = 0; i < COUNT; i++) {
      const text = readFileSync(join(root, "out", `m${i}.mjs`), "utf8");
      if (text !== old[i]) expect(text).toBe(before(i));
    }
    expect(readdirSync(join(root, "out")).some((n) => n.endsWith(".coro-tmp"))).toBe(true);

    // The next build finishes the job and removes the killed run's temporary files.
    expect(coro(["build", "src", "--out-dir", "out", "--no-cache"], root).status).toBe(0);
    expect(readdirSync(join(root, "out")).sort()).toEqual(readdirSync(join(root, "new")).sort());
    for (let i = 0; i < COUNT; i++) expect(readFileSync(join(root, "out", `m${i}.mjs`), "utf8")).toBe(before(i));
  }, 90_000);
});
