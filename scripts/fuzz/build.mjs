// Bundles the fuzz generators and runners (packages/compiler/test/fuzz/seeded.ts and what it imports:
// the compiler's src/, the reference rewriter) into one plain ES module, so that fuzz workers run
// without a TypeScript loader: with tsx, every module a program imports went through tsx's loader
// thread, and each worker transpiled the compiler again. esbuild is a pinned devDependency of the
// workspace root (the version tsx and the esbuild plugin's tests use too).
//
// The bundle is written under packages/compiler/node_modules/.cache/coro-fuzz/, named by its content:
// from there its bare imports (@babel/*, fast-check) resolve as the sources' do. Each source's
// `import.meta.url` is replaced by that source's own URL, so paths computed from it stay right.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The path of the bundle of the current sources (built if it is not there yet). `patch(path, text)`,
 * if given, rewrites each TypeScript source as it is bundled (the harness test uses it to bundle a
 * deliberately broken compiler without touching src/).
 */
export async function buildFuzzBundle(root, { patch = (_path, text) => text } = {}) {
  const esbuild = createRequire(join(root, "package.json"))("esbuild");
  const result = await esbuild.build({
    entryPoints: [join(root, "packages", "compiler", "test", "fuzz", "seeded.ts")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "silent",
    plugins: [ownImportMetaUrl(patch)],
  });
  const code = result.outputFiles[0].text;
  const dir = join(root, "packages", "compiler", "node_modules", ".cache", "coro-fuzz");
  const file = join(dir, `seeded-${createHash("sha1").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  return file;
}

/** An esbuild plugin: `import.meta.url` in a TypeScript source becomes that source's file URL. */
const ownImportMetaUrl = (patch) => ({
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: patch(args.path, readFileSync(args.path, "utf8")).replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
      loader: "ts",
    }));
  },
});
