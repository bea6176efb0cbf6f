/**
 * The README's configuration blocks for Rollup, webpack, esbuild and Rspack, used as written in a
 * user-like project (the Vite block is the browser test's): each builds the fixture app through
 * the tool's CLI or API, and the bundle prints the expected output.
 */
import { describe, expect, it } from "vitest";
import { EXPECTED } from "./helpers/app.js";
import { nodeIn, readmeConfigs, userProject } from "./helpers/user-project.js";

/** `webpack(config)` / `rspack(config)` as their CLIs call it, from the project directory. */
const apiBuild = (module: string, name: string, config: string) => `
import { ${name} } from "${module}";
import config from "./${config}";
${name}(config, (error, stats) => {
  if (error || stats.hasErrors()) {
    console.error(error ?? stats.toString({ all: false, errors: true }));
    process.exitCode = 1;
  }
});
`;

const BUILDS: Record<string, { config: string; build: string[]; bundle: string }> = {
  rollup: { config: "rollup.config.js", build: ["node_modules/rollup/dist/bin/rollup", "-c", "--silent"], bundle: "dist/main.js" },
  webpack: {
    config: "webpack.config.js",
    build: ["--input-type=module", "-e", apiBuild("webpack", "webpack", "webpack.config.js").replace('import { webpack }', "import webpack")],
    bundle: "dist/main.cjs",
  },
  esbuild: { config: "build.mjs", build: ["build.mjs"], bundle: "dist/main.js" },
  rspack: { config: "rspack.config.js", build: ["--input-type=module", "-e", apiBuild("@rspack/core", "rspack", "rspack.config.js")], bundle: "dist/main.cjs" },
};

it("the README has a block for every bundler", () => {
  expect([...readmeConfigs().keys()].sort()).toEqual(["build.mjs", "rollup.config.js", "rspack.config.js", "vite.config.js", "webpack.config.js"]);
});

describe.each(Object.keys(BUILDS))("%s, configured as the README says", (bundler) => {
  it("builds the app, and the bundle prints the expected output", () => {
    const { config, build, bundle } = BUILDS[bundler]!;
    const app = userProject(config);
    const built = nodeIn(app, build);
    expect(built.stderr).toBe("");
    expect(built.status).toBe(0);
    const ran = nodeIn(app, [bundle]);
    expect(ran.stderr).toBe("");
    expect(ran.stdout).toBe(EXPECTED);
  }, 120_000);
});
