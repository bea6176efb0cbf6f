/** Shared by the CLI tests: spawn the built `coro` bin, and make throwaway projects in os.tmpdir(). */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

/** The bin under test: the build output, as users run it. */
export const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
/** packages/cli */
export const CLI_DIR = fileURLToPath(new URL("..", import.meta.url));
/** packages/runtime, linked into projects that "depend on" the runtime. */
export const RUNTIME_DIR = fileURLToPath(new URL("../../runtime", import.meta.url));

if (!existsSync(BIN)) {
  throw new Error(`${BIN} is missing: build first with \`npx tsc -b packages/cli\` (from the repo root)`);
}

/**
 * Flags for `node` running built CommonJS, which does `require("@coro/runtime")`. That needs the
 * runtime's package.json to export "." under a condition `require` matches ("default", "require"
 * or "module-sync"); while it exports only under "import", `--conditions=import` stands in, so the
 * CommonJS output is still run for real. Empty once the runtime exports such a condition.
 */
export const REQUIRE_RUNTIME_FLAGS: readonly string[] = runtimeIsRequirable() ? [] : ["--conditions=import"];

function runtimeIsRequirable(): boolean {
  const manifest = JSON.parse(readFileSync(join(RUNTIME_DIR, "package.json"), "utf8")) as {
    exports?: Record<string, unknown>;
  };
  const root = manifest.exports?.["."];
  if (typeof root === "string") return true;
  return typeof root === "object" && root !== null && ["default", "require", "module-sync", "node"].some((c) => c in root);
}

export interface Spawned {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  input?: string;
  /** Extra environment; colours are off unless this sets FORCE_COLOR. */
  env?: NodeJS.ProcessEnv;
  /** Run as this user (and group) id, e.g. so that root meets file permissions. */
  uid?: number;
}

/** Runs `node <args>` in `cwd`, colors off, and returns its exit status and output. */
export function node(args: readonly string[], cwd: string, input?: string | SpawnOptions): Spawned {
  const options: SpawnOptions = typeof input === "string" || input === undefined ? { input } : input;
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env["FORCE_COLOR"];
  Object.assign(env, options.env);
  if (env["FORCE_COLOR"] !== undefined) delete env["NO_COLOR"];
  const ids = options.uid === undefined ? {} : { uid: options.uid, gid: options.uid };
  const result = spawnSync(process.execPath, args, { cwd, input: options.input, env, encoding: "utf8", timeout: 30_000, ...ids });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `coro <args>` in `cwd`. */
export function coro(args: readonly string[], cwd: string, input?: string | SpawnOptions): Spawned {
  return node([BIN, ...args], cwd, input);
}

const projects: string[] = [];
afterAll(() => {
  for (const dir of projects) rmSync(dir, { recursive: true, force: true });
});

/**
 * Creates a temporary directory holding `files` (relative path -> text), removed after the test file.
 * With `runtime: true`, node_modules/@coro/runtime links to the workspace runtime, as in a project
 * that depends on it.
 */
export function project(files: Record<string, string>, options: { runtime?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), "coro-cli-"));
  projects.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  if (options.runtime) {
    mkdirSync(join(root, "node_modules", "@coro"), { recursive: true });
    symlinkSync(RUNTIME_DIR, join(root, "node_modules", "@coro", "runtime"), "dir");
  }
  return root;
}

/** Lines of `text`, without the trailing empty one. */
export function lines(text: string): string[] {
  return text.split("\n").filter((line, i, all) => line !== "" || i < all.length - 1);
}
