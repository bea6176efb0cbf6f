/**
 * The fixture app under test, copied to a fresh directory in os.tmpdir() so nothing resolves
 * `@coro/runtime` for it except the plugin; and running what a bundler built from it.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

/** fixtures/apps/tasks in the repository. */
export const APP_SOURCE = fileURLToPath(new URL("../../../../fixtures/apps/tasks", import.meta.url));

/** What the app prints, written by hand and reviewed (fixtures/apps/tasks/expected.txt). */
export const EXPECTED = readFileSync(join(APP_SOURCE, "expected.txt"), "utf8");

if (!existsSync(fileURLToPath(new URL("../../dist/index.js", import.meta.url)))) {
  throw new Error("packages/unplugin/dist is missing: build first with `npx tsc -b packages/unplugin` (from the repo root)");
}

// pnpm's bin shims put its store on NODE_PATH; neither the bundlers nor the bundles may lean on it.
delete process.env["NODE_PATH"];

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the app (removed after the test file); returns its directory. */
export function copyApp(): string {
  const dir = mkdtempSync(join(tmpdir(), "coro-app-"));
  cpSync(APP_SOURCE, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

/** The `node_modules/<name>` directories that Node's lookup from `dir` upwards would find. */
export function resolvableFrom(dir: string, name: string): string[] {
  const found: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, "node_modules", name))) found.push(join(at, "node_modules", name));
    if (dirname(at) === at) return found;
  }
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node file` (a built bundle) with a timeout. */
export function runNode(file: string, cwd: string): Ran {
  const result = spawnSync(process.execPath, [file], { cwd, encoding: "utf8", timeout: 20_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
