/**
 * One function per bundler: build `entry` (relative to the app directory) through the plugin with
 * source maps on, write the bundle to `<app>/out-<bundler>/`, and return it. A failed build throws
 * an Error carrying the bundler's own error text.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Options } from "@coro/unplugin";
import coroEsbuild from "@coro/unplugin/esbuild";
import coroRollup from "@coro/unplugin/rollup";
import coroRspack from "@coro/unplugin/rspack";
import coroVite from "@coro/unplugin/vite";
import coroWebpack from "@coro/unplugin/webpack";
import { build as esbuild } from "esbuild";
import { rollup } from "rollup";
import { build as vite } from "vite";
import webpack from "webpack";
import { rspack } from "@rspack/core";

export interface Built {
  /** The bundle's entry file, runnable with `node`. */
  file: string;
  code: string;
  /** The bundle's source map (version 3). */
  map: { sources: string[]; mappings: string; [field: string]: unknown };
}

export type Builder = (app: string, entry: string, options?: Options) => Promise<Built>;

function built(file: string): Built {
  return { file, code: readFileSync(file, "utf8"), map: JSON.parse(readFileSync(`${file}.map`, "utf8")) as Built["map"] };
}

/** Entry name without directory and extension: `src/main.js` → `main`, `index.html` → `index`. */
function entryName(entry: string): string {
  return entry.replace(/^.*\//, "").replace(/\.[^.]+$/, "");
}

export const buildVite: Builder = async (app, entry, options) => {
  const outDir = join(app, "out-vite");
  await vite({
    root: app,
    configFile: false,
    logLevel: "silent",
    plugins: [coroVite(options)],
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap: true,
      modulePreload: { polyfill: false },
      rollupOptions: { input: resolve(app, entry), output: { entryFileNames: "[name].js" } },
    },
  });
  return built(join(outDir, `${entryName(entry)}.js`));
};

/** Rollup has no root of its own: it is run from the project's directory, as its CLI would be. */
export const buildRollup: Builder = async (app, entry, options) => {
  const file = join(app, "out-rollup", `${entryName(entry)}.js`);
  const cwd = process.cwd();
  process.chdir(app);
  try {
    const bundle = await rollup({ input: resolve(app, entry), plugins: [coroRollup(options)], onwarn: rethrow });
    try {
      await bundle.write({ file, format: "es", sourcemap: true });
    } finally {
      await bundle.close();
    }
  } finally {
    process.chdir(cwd);
  }
  return built(file);
};

/** Rollup's warnings (an unresolved import, a broken source map) fail the build in these tests. */
function rethrow(warning: { message: string }): never {
  throw new Error(warning.message);
}

export const buildEsbuild: Builder = async (app, entry, options) => {
  const outfile = join(app, "out-esbuild", `${entryName(entry)}.js`);
  await esbuild({
    entryPoints: [resolve(app, entry)],
    absWorkingDir: app,
    bundle: true,
    format: "esm",
    platform: "neutral",
    outfile,
    sourcemap: true,
    logLevel: "silent",
    plugins: [coroEsbuild(options)],
  });
  return built(outfile);
};

/** webpack and Rspack share a configuration: CommonJS output for Node, no minifying. */
function webpackLikeConfig(app: string, entry: string, bundler: string) {
  return {
    context: app,
    mode: "none" as const,
    target: "node" as const,
    entry: resolve(app, entry),
    devtool: "source-map" as const,
    output: { path: join(app, `out-${bundler}`), filename: `${entryName(entry)}.cjs` },
  };
}

interface StatsLike {
  hasErrors(): boolean;
  toString(options: { all: false; errors: true; errorDetails: false }): string;
}

function statsOrThrow(error: Error | null | undefined, stats: StatsLike | undefined): void {
  if (error) throw error;
  if (!stats) throw new Error("no stats");
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true, errorDetails: false }));
}

/** Runs a webpack-style `compile(callback)` and fails on its error or on the errors in its stats. */
function compileWith(compile: (callback: (error: Error | null, stats?: StatsLike) => void) => void): Promise<void> {
  return new Promise<void>((done, fail) => {
    compile((error, stats) => {
      try {
        statsOrThrow(error, stats);
        done();
      } catch (failure) {
        fail(failure);
      }
    });
  });
}

export const buildWebpack: Builder = async (app, entry, options) => {
  const config = { ...webpackLikeConfig(app, entry, "webpack"), plugins: [coroWebpack(options)] };
  await compileWith((callback) => webpack(config, callback));
  return built(join(config.output.path, config.output.filename));
};

export const buildRspack: Builder = async (app, entry, options) => {
  const config = { ...webpackLikeConfig(app, entry, "rspack"), plugins: [coroRspack(options)] };
  await compileWith((callback) => rspack(config, callback));
  return built(join(config.output.path, config.output.filename));
};

export const BUILDERS: Readonly<Record<string, Builder>> = {
  vite: buildVite,
  rollup: buildRollup,
  webpack: buildWebpack,
  esbuild: buildEsbuild,
  rspack: buildRspack,
};
