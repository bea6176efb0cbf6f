// @coro/compiler/babel from a babel.config.js on disk, through @babel/core's config loading, next
// to @babel/preset-env (targeting an old browser) and a project plugin; the output runs in Node.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { root } from "./load.js";

const require = createRequire(import.meta.url);
const babel = require("@babel/core") as typeof import("@babel/core");

// Under the repository's node_modules, so the config's plugin and preset names and the output's
// `@coro/runtime` import resolve from the workspace, as in a project that depends on them.
const base = join(root, "node_modules", ".cache", "coro-tests");
mkdirSync(base, { recursive: true });
const dir = mkdtempSync(join(base, "babel-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG = `export default {
  presets: [["@babel/preset-env", { targets: "ie 11", modules: false }]],
  plugins: [["@coro/compiler/babel", { mode: "coroutine", locations: false }], "./plugins/build-info.cjs"],
};
`;

/** A project plugin: replaces the identifier __BUILD__ by a string. */
const BUILD_INFO_PLUGIN = `module.exports = function buildInfo({ types: t }) {
  return {
    name: "build-info",
    visitor: {
      Identifier(path) {
        if (path.node.name === "__BUILD__") path.replaceWith(t.stringLiteral("built by babel"));
      },
    },
  };
};
`;

const APP = `import { run, sleep } from "@coro/runtime";
class Account {
  constructor(owner) { this.owner = owner; this.balance = 0; }
  async deposit(amount) {
    await sleep(0);
    this.balance += amount;
    return this.balance;
  }
}
const main = async () => {
  const account = new Account("ada");
  const steps = [];
  for (const amount of [5, 10, 20]) steps.push(await account.deposit(amount));
  const { owner, balance } = account;
  return \`\${__BUILD__}: \${owner} \${balance} [\${steps.join(",")}]\`;
};
const co = main();
console.log(Object.prototype.toString.call(co));
run(co).then((text) => console.log(text));
`;

describe("@coro/compiler/babel in a babel.config.js", () => {
  it("is loaded from the config file with preset-env and a project plugin, and the output runs", async () => {
    writeFileSync(join(dir, "babel.config.js"), CONFIG);
    mkdirSync(join(dir, "plugins"));
    writeFileSync(join(dir, "plugins", "build-info.cjs"), BUILD_INFO_PLUGIN);
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src", "app.js"), APP);

    const options = await babel.loadOptionsAsync({ cwd: dir, filename: join(dir, "src", "app.js") });
    const names = (options?.plugins ?? []).map((p) => (p as { key: string }).key);
    expect(names.slice(0, 2)).toEqual(["coro", "build-info"]);
    expect(names).toContain("transform-classes");

    const result = await babel.transformFileAsync(join(dir, "src", "app.js"), { cwd: dir });
    const code = result!.code!;
    expect(code).toMatch(/from "@coro\/runtime"/);
    expect(code).not.toMatch(/\bclass [A-Z]|=>|\bconst |`|\basync [a-z(]|\bawait |regeneratorRuntime/);
    expect(code).toContain('"built by babel"');

    const out = join(dir, "out.mjs");
    writeFileSync(out, code);
    expect(execFileSync(process.execPath, [out], { encoding: "utf8" })).toBe("[object Coroutine]\nbuilt by babel: ada 35 [5,15,35]\n");
    expect(readFileSync(join(dir, "src", "app.js"), "utf8")).toBe(APP);
  });

  it("promise mode with target es2015 and preset-env for an engine without async functions: no regenerator, ES2015 output that runs", async () => {
    const es2015 = join(dir, "es2015");
    mkdirSync(join(es2015, "src"), { recursive: true });
    // Safari 10.0: ES2015 (classes, generators, Promise) but no async functions.
    writeFileSync(
      join(es2015, "babel.config.js"),
      `export default {
  presets: [["@babel/preset-env", { targets: "safari 10", modules: false }]],
  plugins: [["@coro/compiler/babel", { mode: "promise", target: "es2015", locations: false }]],
};
`,
    );
    const app = `class Account {
  constructor(owner) { this.owner = owner; this.balance = 0; }
  async deposit(amount) { await null; this.balance += amount; return this.balance; }
  *history() { yield* [this.owner, this.balance]; }
}
const order = [];
const main = async () => {
  const account = new Account("ada");
  for (const amount of [5, 10, 20]) order.push(await account.deposit(amount));
  return [...account.history()].join(" ") + " [" + order.join(",") + "]";
};
const p = main();
Promise.resolve().then(() => order.push("tick"));
p.then((text) => console.log(Object.prototype.toString.call(p), text));
`;
    writeFileSync(join(es2015, "src", "app.js"), app);
    const result = await babel.transformFileAsync(join(es2015, "src", "app.js"), { cwd: es2015 });
    const code = result!.code!;
    expect(code).toMatch(/from "@coro\/runtime\/promise-es2015"/);
    expect(code).not.toMatch(/\basync [a-z(]|\bawait |regeneratorRuntime|_asyncToGenerator/);
    const { parse } = await import("acorn");
    expect(() => parse(code, { ecmaVersion: 2015, sourceType: "module" })).not.toThrow();
    const out = join(es2015, "out.mjs");
    writeFileSync(out, code);
    const native = join(es2015, "native.mjs");
    writeFileSync(native, app);
    const expected = execFileSync(process.execPath, [native], { encoding: "utf8" });
    expect(expected).toMatch(/^\[object Promise\] ada 35 \[.*tick.*\]\n$/);
    expect(execFileSync(process.execPath, [out], { encoding: "utf8" })).toBe(expected);
  });
});
