/**
 * The plugin itself, shared by every bundler: `resolveId` sends the runtime imports to the one
 * installed runtime, `transform` compiles the project files that contain async functions or
 * generators and returns the source map for the bundler to chain.
 */
import { transform } from "@coro/compiler";
import type { PluginBuild } from "esbuild";
import type { UnpluginFactory, UnpluginOptions } from "unplugin";
import { CODE_FILTER, DEFAULT_EXCLUDE, DEFAULT_INCLUDE, compilerOptions, type FilterPattern, type Options } from "./options.js";
import { RUNTIME_ENTRIES, RUNTIME_ROOT } from "./runtime-path.js";
import { toBundlerError } from "./bundler-error.js";
import { projectPath } from "./project-path.js";

export const PLUGIN_NAME = "coro";

/** `@coro/runtime`, `@coro/runtime/promise` or `@coro/runtime/promise-es2015`, exactly (not a deep import). */
const RUNTIME_SPECIFIER = /^@coro\/runtime(?:\/promise(?:-es2015)?)?$/;

export const unpluginFactory: UnpluginFactory<Options | undefined, false> = (options = {}, meta): UnpluginOptions => {
  const compile = compilerOptions(options);
  /** The bundler's root: file names in the output are relative to it (Rollup has none: the working directory). */
  let root = process.cwd();
  return {
    name: PLUGIN_NAME,
    // Before the bundler's own TypeScript/JSX handling: the compiler reads the source as written.
    enforce: "pre",
    vite: { configResolved: (config) => void (root = config.root) },
    webpack: (compiler) => void (root = compiler.context),
    rspack: (compiler) => void (root = compiler.context),
    ...(meta.framework === "esbuild"
      ? {
          esbuild: {
            setup(build: PluginBuild) {
              root = build.initialOptions.absWorkingDir ?? root;
              resolveRuntimeInEsbuild(build);
            },
          },
        }
      : { resolveId: resolveRuntime }),
    transform: {
      filter: {
        id: { include: toList(options.include ?? DEFAULT_INCLUDE), exclude: [...toList(options.exclude ?? DEFAULT_EXCLUDE), runtimeFiles()] },
        code: CODE_FILTER,
      },
      handler(code, id) {
        const file = id.replace(/[?#].*$/, "");
        try {
          const result = transform(code, { ...compile, filename: projectPath(root, file), sourceMaps: true });
          // The map names the file by its full path, as the bundler knows it, to chain it into the bundle's.
          return { code: result.code, map: result.map && { ...result.map, sources: result.map.sources.map(() => file) } };
        } catch (error) {
          throw toBundlerError(error, file, meta.framework);
        }
      },
    },
  };
};

const resolveRuntime: UnpluginOptions["resolveId"] = {
  filter: { id: RUNTIME_SPECIFIER },
  handler: (id) => RUNTIME_ENTRIES.get(id) ?? null,
};

/**
 * esbuild gets its own resolver: unplugin's `resolveId` puts what it resolves in the plugin's own
 * namespace, where esbuild would neither load the file nor see that the runtime's relative imports
 * of `promise.js` and `@coro/runtime/promise` are one module. A plain file path avoids both.
 */
function resolveRuntimeInEsbuild(build: PluginBuild): void {
  build.onResolve({ filter: RUNTIME_SPECIFIER }, (args) => {
    const path = RUNTIME_ENTRIES.get(args.path);
    return path === undefined ? undefined : { path };
  });
}

function toList(pattern: FilterPattern): (string | RegExp)[] {
  return typeof pattern === "string" || pattern instanceof RegExp ? [pattern] : [...pattern];
}

/** Matches the runtime's own files (ids are compared with `/` separators). */
function runtimeFiles(): RegExp {
  const root = RUNTIME_ROOT.replaceAll("\\", "/");
  return new RegExp(`^${root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
}
