/**
 * `coro build` on bad inputs and failing outputs: each gets a clear message and its exit code
 * (README "Exit codes"), and no output that existed before is changed.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exitCodeFor, problemFromError } from "../src/problems.js";
import { BIN, coro, project } from "./helpers.js";

const GOOD = "export async function f(x) {\n  return await x;\n}\n";

/** Every file name under `dir`, recursively. */
function names(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

describe("coro build: unusable inputs exit 3 and write nothing", () => {
  it("binary and non-UTF-8 files are named with the offending byte", () => {
    const root = project({ "src/good.mjs": GOOD });
    writeFileSync(join(root, "src/image.js"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    writeFileSync(join(root, "src/latin1.js"), Buffer.concat([Buffer.from("const café = '"), Buffer.from([0xe9]), Buffer.from("';\n")]));
    const result = coro(["build", "src", "--out-dir", "out", "--no-cache"], root);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("src/image.js: a binary file (NUL byte at offset 4), not JavaScript or TypeScript source");
    expect(result.stderr).toContain("src/latin1.js: not valid UTF-8 (first bad byte at offset 15); save the file as UTF-8");
    expect(result.stderr).toContain("2 files did not compile; nothing was written");
    expect(existsSync(join(root, "out"))).toBe(false);
  });

  const isRoot = process.getuid?.() === 0;
  // As root, permissions do not apply: the CLI runs as `nobody`, which must be able to read the bin.
  const canDropRoot = !isRoot || spawnSync(process.execPath, [BIN, "--version"], { uid: 65534, gid: 65534 }).status === 0;
  it.skipIf(!canDropRoot)("an unreadable file or directory is named (run as an unprivileged user when the tests run as root)", () => {
    const root = project({ "src/good.mjs": GOOD, "src/secret.mjs": GOOD, "src/locked/inner.mjs": GOOD });
    chmodSync(root, 0o755);
    chmodSync(join(root, "src/secret.mjs"), 0o000);
    chmodSync(join(root, "src/locked"), 0o000);
    const result = coro(["build", "src", "--out-dir", "out", "--no-cache"], root, isRoot ? { uid: 65534 } : {});
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("src/locked: cannot read the directory: permission denied");
    expect(existsSync(join(root, "out"))).toBe(false);
    chmodSync(join(root, "src/locked"), 0o755);
    const file = coro(["build", "src", "--out-dir", "out", "--no-cache"], root, isRoot ? { uid: 65534 } : {});
    expect(file.status).toBe(3);
    expect(file.stderr).toContain("src/secret.mjs: cannot read the file: permission denied");
    expect(existsSync(join(root, "out"))).toBe(false);
  });
});

describe("coro build: symbolic links", () => {
  it("a link to a file inside the tree is compiled; links out of the tree are skipped with a warning; directory links are not followed", () => {
    const root = project({ "src/a.mjs": GOOD, "src/sub/c.mjs": GOOD, "outside/secret.mjs": GOOD, "outside/deep/x.mjs": GOOD });
    symlinkSync("a.mjs", join(root, "src/alias.mjs"));
    symlinkSync("sub", join(root, "src/inner"));
    symlinkSync("../outside/secret.mjs", join(root, "src/leak.mjs"));
    symlinkSync("../outside", join(root, "src/leakdir"));
    const result = coro(["build", "src", "--out-dir", "out", "--no-cache"], root);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`src/leak.mjs: skipped, a symbolic link to ${join(root, "outside/secret.mjs")}, outside the input tree (not followed)`);
    expect(result.stderr).toContain(`src/leakdir: skipped, a symbolic link to ${join(root, "outside")}, outside the input tree (not followed)`);
    expect(names(join(root, "out"))).toEqual(["a.mjs", "alias.mjs", "sub", "sub/c.mjs"]);
  });
});

describe("coro build: outputs", () => {
  it("refuses (exit 2) an output path that a link inside --out-dir would lead out of it; nothing is written", () => {
    const root = project({ "src/main.mjs": GOOD, "src/lib/x.mjs": GOOD, "elsewhere/keep.txt": "keep\n" });
    mkdirSync(join(root, "out"));
    symlinkSync("../elsewhere", join(root, "out/lib"));
    const result = coro(["build", "src", "--out-dir", "out", "--no-cache"], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("out/lib/x.mjs: refusing to write outside --out-dir out");
    expect(names(join(root, "elsewhere"))).toEqual(["keep.txt"]);
    expect(existsSync(join(root, "out/main.mjs"))).toBe(false);
  });

  it("an output that cannot be written exits 4; older outputs are untouched and no temporary file is left", () => {
    const root = project({ "src/main.mjs": GOOD, "src/lib/x.mjs": GOOD, "out/main.mjs": "// old\n", "out/lib": "a file where a directory is needed\n" });
    const result = coro(["build", "src", "--out-dir", "out", "--no-cache"], root);
    expect(result.status).toBe(4);
    expect(result.stderr).toMatch(/out\/lib\/x\.mjs: cannot write: .*; no output was changed/);
    expect(readFileSync(join(root, "out/main.mjs"), "utf8")).toBe("// old\n");
    expect(names(join(root, "out"))).toEqual(["lib", "main.mjs"]);
  });

  it("a full disk exits 4 and leaves the previous outputs whole (writes are temp file + rename)", (context) => {
    const tiny = join(project({}), "tiny");
    mkdirSync(tiny);
    // Needs permission to mount a 64 KB tmpfs (root, in a container that allows it); skipped otherwise.
    if (spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", tiny]).status !== 0) context.skip("cannot mount a tmpfs here");
    try {
      fillTinyDisk(tiny);
    } finally {
      spawnSync("umount", [tiny]);
    }
  });
});

/** Builds 80 KB of output into the 64 KB file system `tiny`. */
function fillTinyDisk(tiny: string): void {
  const big = `export const data = "${"x".repeat(80_000)}";\nexport async function f() {}\n`;
  const root = project({ "src/a.mjs": GOOD, "src/big.mjs": big });
  writeFileSync(join(tiny, "a.mjs"), "// old a\n");
  writeFileSync(join(tiny, "big.mjs"), "// old big\n");
  const result = coro(["build", "src", "--out-dir", tiny, "--no-cache"], root);
  expect(result.status).toBe(4);
  expect(result.stderr).toContain("no space left on the device; no output was changed");
  expect(readFileSync(join(tiny, "a.mjs"), "utf8")).toBe("// old a\n");
  expect(readFileSync(join(tiny, "big.mjs"), "utf8")).toBe("// old big\n");
  expect(names(tiny)).toEqual(["a.mjs", "big.mjs"]);
}

describe("exit code 5: the compiler failing unexpectedly", () => {
  it("is reported as an internal error of that file, and outranks compile errors", () => {
    const internal = problemFromError(new TypeError("boom"), "/p/a.js", "a.js");
    expect(internal.kind).toBe("internal");
    expect(internal.headline).toBe("a.js: the compiler failed unexpectedly (a bug in coro, please report it with this file): boom");
    const compile = problemFromError(Object.assign(new Error("a.js:1:2: bad\n> 1 | x"), { code: "CORO_COMPILE_ERROR", loc: { line: 1, column: 1 } }), "/p/a.js", "a.js");
    expect(compile).toMatchObject({ kind: "compile", headline: "a.js:1:2: bad", loc: { line: 1, column: 2 } });
    expect(exitCodeFor([compile])).toBe(1);
    expect(exitCodeFor([compile, internal])).toBe(5);
    expect(exitCodeFor([])).toBe(0);
  });
});
