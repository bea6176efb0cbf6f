/**
 * The fixture app set up as a user's project: the README's configuration files written into it,
 * and `@coro/unplugin` plus the bundlers linked into its node_modules as an install would put them
 * (`@coro/runtime` is not: the plugin brings it).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { copyApp, type Ran } from "./app.js";

const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));
const README = fileURLToPath(new URL("../../../../README.md", import.meta.url));

/** The packages a user of each bundler would have installed. */
const INSTALLED = ["vite", "rollup", "webpack", "esbuild", "@rspack/core"];

/** The README's configuration blocks of the bundler section, by the file name on their first line. */
export function readmeConfigs(): Map<string, string> {
  const readme = readFileSync(README, "utf8");
  const start = readme.indexOf("## Bundler plugins (@coro/unplugin)");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  const configs = new Map<string, string>();
  for (const [, name, code] of section.matchAll(/```js\n\/\/ ([\w.]+) — [^\n]*\n([\s\S]*?)```/g)) configs.set(name!, code!);
  return configs;
}

/** A copy of the app with the README's `file` in it and the packages linked; returns its directory. */
export function userProject(file: string): string {
  const code = readmeConfigs().get(file);
  if (code === undefined) throw new Error(`README.md has no \`// ${file} — …\` block in its bundler section`);
  const app = copyApp();
  writeFileSync(join(app, file), code);
  link(app, "@coro/unplugin", PACKAGE_DIR);
  for (const name of INSTALLED) link(app, name, realpathSync(join(PACKAGE_DIR, "node_modules", name)));
  return app;
}

function link(app: string, name: string, target: string): void {
  const path = join(app, "node_modules", name);
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path, "dir");
}

/**
 * Runs `node args` in `cwd` (a CLI of a linked package, a build script, a bundle). Node's
 * ExperimentalWarnings are off: on Node 24 webpack's use of `stripTypeScriptTypes` prints one.
 */
export function nodeIn(cwd: string, args: readonly string[]): Ran {
  const result = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
