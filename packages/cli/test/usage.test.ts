/** Exit codes and messages for bad usage, --help and --version. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_DIR, coro, project } from "./helpers.js";

const VERSION = (JSON.parse(readFileSync(join(CLI_DIR, "package.json"), "utf8")) as { version: string }).version;

describe("usage", () => {
  const root = project({ "a.js": "export async function a() {}\n" });

  it("--version prints the package version", () => {
    const result = coro(["--version"], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^coro/${VERSION.replaceAll(".", "\\.")}\\b`));
  });

  it("--help lists the commands, and `build --help` the build options", () => {
    const top = coro(["--help"], root);
    expect(top.status).toBe(0);
    expect(top.stdout).toContain("build [...inputs]");
    expect(top.stdout).toContain("run <file>");
    expect(top.stdout).toContain("--mode");
    const build = coro(["build", "--help"], root);
    expect(build.status).toBe(0);
    expect(build.stdout).toContain("--out-dir <dir>");
    expect(build.stdout).toContain("--source-maps");
    expect(build.stdout).toContain("--strip-types");
    expect(build.stdout).toContain(".ts .tsx .mts .cts");
  });

  it.each([
    { args: [], message: "missing command" },
    { args: ["frobnicate"], message: 'unknown command "frobnicate"' },
    { args: ["build", "a.js", "--out-dir", "out", "--frob"], message: "Unknown option `--frob`" },
    { args: ["build", "a.js"], message: "needs --out-dir" },
    { args: ["build", "a.js", "--out-dir"], message: "value is missing" },
    { args: ["build", "--out-dir", "out"], message: "needs files, directories or globs" },
    { args: ["build", "-", "a.js"], message: "cannot be combined" },
    { args: ["build", "a.js", "--out-dir", "out", "--mode", "generator"], message: 'unsupported --mode "generator"' },
    { args: ["--mode", "x", "run", "a.js"], message: 'unsupported --mode "x"' },
    { args: ["build", "a.js", "--out-dir", "out", "--mode", "promise", "--target", "es5"], message: 'unsupported --target "es5"' },
    { args: ["build", "a.js", "--out-dir", "out", "--target", "es2015"], message: "--target es2015 needs --mode promise" },
    { args: ["build", "-", "--target", "es2015"], message: "--target es2015 needs --mode promise" },
    { args: ["--target", "es2015", "run", "a.js"], message: "--target does not apply to coro run" },
    { args: ["run"], message: "missing required args" },
    { args: ["build", "a.js", "--out-dir", "out", "--in-place"], message: "--in-place and --out-dir exclude each other" },
    { args: ["build", "a.js", "--out-dir", "out", "--watch", "--check"], message: "--watch and --check exclude each other" },
    { args: ["build", "a.js", "--out-dir", "out", "--source-maps=yes"], message: '--source-maps takes true, inline or false, not "yes"' },
    { args: ["build", "-", "--watch"], message: "--watch does not apply to - (stdin)" },
  ])("coro $args exits 2: $message", ({ args, message }: { args: string[]; message: string }) => {
    const result = coro(args, root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("coro --help");
  });

  it("after the script path, options belong to the script", () => {
    const result = coro(["run", "a.js", "--mode", "x", "--frob"], root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("bad usage writes nothing", () => {
    const result = coro(["build", "a.js", "--out-dir", "out", "--mode", "generator"], root);
    expect(result.status).toBe(2);
    expect(() => readFileSync(join(root, "out", "a.js"))).toThrow();
  });
});
