/** `coro build --watch` (a real chokidar watcher on a real directory), the TTY progress line, and colours. */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, coro, project } from "./helpers.js";

/** Resolves once `read()` satisfies `ok`, polling; rejects after `ms`. */
async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function readOr(path: string, fallback = ""): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fallback;
  }
}

describe("coro build --watch", () => {
  it("rebuilds a changed file, reports a syntax error and keeps watching, then recovers", async () => {
    const root = project({ "src/a.mjs": "export async function a() {\n  return 1;\n}\n", "src/b.mjs": "export async function b() {}\n" });
    const child = spawn(process.execPath, [BIN, "build", "src", "--out-dir", "out", "--watch", "--verbose", "--no-cache"], {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    try {
      await until("the watcher", () => stdout.includes("watching src for changes"));
      expect(readOr(join(root, "out/a.mjs"))).toContain("return 1");

      writeFileSync(join(root, "src/a.mjs"), "export async function a() {\n  return 2;\n}\n");
      await until("the rebuild", () => readOr(join(root, "out/a.mjs")).includes("return 2"));
      await until("the summary", () => /\(1 from cache, 1 file written\)/.test(stdout));

      writeFileSync(join(root, "src/b.mjs"), "export async function b() {\n  return (1 +;\n}\n");
      await until("the error", () => stderr.includes("src/b.mjs:2:"));
      expect(stderr).toContain("> 2 |   return (1 +;");
      expect(child.exitCode).toBeNull();

      writeFileSync(join(root, "src/b.mjs"), "export async function b() {\n  return 3;\n}\n");
      await until("the recovery", () => readOr(join(root, "out/b.mjs")).includes("return 3"));
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    expect(child.exitCode).toBe(0);
  });
});

describe("coro build on a terminal", () => {
  // `script` gives the CLI a pseudo-terminal, as a user's shell would.
  const hasScript = spawnSync("script", ["--version"]).status === 0;
  it.skipIf(!hasScript)("draws a progress line on a TTY for a long run, then clears it for the summary", () => {
    const files: Record<string, string> = {};
    // Enough files that even a fast machine is still compiling when the line appears (after 0.3 s).
    for (let i = 0; i < 400; i++) files[`src/m${i}.mjs`] = `export async function f${i}(x) {\n  for (const y of x) await y;\n}\n`;
    const root = project(files);
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} build src --out-dir out --workers 0 --no-cache`;
    const result = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\r\x1b\[Kcoro compiling \d+\/400 files \(\d+%\)/);
    expect(result.stdout).toContain("\r\x1b[K");
    expect(result.stdout).toContain("coro: compiled 400 files into out");
  });

  it("colours diagnostics and highlights the code frame with FORCE_COLOR; NO_COLOR output is plain", () => {
    const root = project({ "bad.mjs": "export const a = 1;\nexport async function f() {\n  return (1 +;\n}\n" });
    const coloured = coro(["build", "bad.mjs", "--out-dir", "out"], root, { env: { FORCE_COLOR: "1" } });
    expect(coloured.status).toBe(1);
    expect(coloured.stderr).toContain("\x1b[31m\x1b[1merror\x1b[22m\x1b[39m");
    expect(coloured.stderr).toContain("\x1b[31m\x1b[1m>\x1b[22m\x1b[39m\x1b[90m 3 |\x1b[39m   \x1b[36mreturn\x1b[39m");
    const plain = coro(["build", "bad.mjs", "--out-dir", "out"], root);
    expect(plain.stderr).not.toContain("\x1b[");
    expect(plain.stderr).toContain("error bad.mjs:3:");
    expect(plain.stderr).toContain("> 3 |   return (1 +;");
  });
});
