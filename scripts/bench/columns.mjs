/**
 * The benchmark's columns: how each one compiles a workload, and the small per-column prelude
 * (compiled with the workload) and driver (appended after compiling) that run its `main(host)`.
 *
 * A workload is an ES module exporting `async function main(host)`; `host` is the only place a
 * column differs at run time:
 *   host.scale          iteration multiplier (1 for `pnpm bench`, small for `--quick`)
 *   host.spawn(call)    start a concurrent task (coro: loop.createTask; others: the promise itself)
 *   host.all(tasks)     await every task, results in order (coro: a compiled coroutine awaiting
 *                       each Task in turn; others: Promise.all)
 *   host.tick()         yield to the scheduler once (coro: sleep(0); others: a setImmediate promise)
 * The driver times `main` inside the process and prints one JSON line: checksum, wall ms, CPU ms
 * (user + system, all threads), maxRSS (KiB).
 */
import { createRequire } from "node:module";
import { transform as coroTransform } from "@coro/compiler";

const require = createRequire(import.meta.url);
const babel = require("@babel/core");
const ts = require("typescript");
const swc = require("@swc/core");

// Regenerator as it is used: Babel's preset-env down to ES5 (the same target as the TypeScript and
// SWC columns). async-to-generator + regenerator alone crash on destructuring, for…of and spread
// around an await (\`unknown Statement of type "ForOfStatement"\`); preset-env lowers those first.
const babelPreset = [[require.resolve("@babel/preset-env"), { targets: { ie: "11" }, modules: false }]];

/** Prints the result line; `t0` is set by the driver just before `main` starts. */
const report = `
function __report(result, t0, c0) {
  const ms = performance.now() - t0;
  const { user, system } = process.cpuUsage(c0);
  console.log(JSON.stringify({ checksum: result, ms, cpu: (user + system) / 1000, maxRSS: process.resourceUsage().maxRSS }));
}`;

const promiseHost = (scale) => `
const __host = {
  kind: "promise",
  scale: ${scale},
  spawn: (p) => p,
  all: (ps) => Promise.all(ps),
  tick: () => new Promise((resolve) => setImmediate(resolve)),
};${report}
const __c0 = process.cpuUsage();
const __t0 = performance.now();
__report(await main(__host), __t0, __c0);
`;

const coroHost = (scale) => `
import { run as __run, sleep as __sleep, getRunningLoop as __getRunningLoop } from "@coro/runtime";
const __host = {
  kind: "coro",
  scale: ${scale},
  spawn: (coroutine) => __getRunningLoop().createTask(coroutine),
  all: __all,
  tick: () => __sleep(0),
};${report}
const __c0 = process.cpuUsage();
const __t0 = performance.now();
__report(await __run(main(__host)), __t0, __c0);
`;

/** Compiled together with the workload in coroutine mode: `host.all` as a coroutine. */
const coroPrelude = `
async function __all(tasks) {
  const results = new Array(tasks.length);
  for (let i = 0; i < tasks.length; i++) results[i] = await tasks[i];
  return results;
}
`;

/**
 * Each column: `compile(source, filename, sourceType)` → code; `prelude` compiled with a
 * workload; `driver(scale)` appended after compiling; `tick` says what host.tick() is.
 */
export const columns = [
  {
    id: "native",
    title: "native",
    compile: (source) => source,
    prelude: "",
    driver: promiseHost,
    tick: "setImmediate",
  },
  {
    id: "coro",
    title: "coro coroutine",
    compile: (source, filename, sourceType = "module") => coroTransform(source, { filename, sourceType }).code,
    prelude: coroPrelude,
    driver: coroHost,
    tick: "sleep(0)",
  },
  {
    id: "coro-promise",
    title: "coro promise",
    compile: (source, filename, sourceType = "module") =>
      coroTransform(source, { filename, sourceType, mode: "promise" }).code,
    prelude: "",
    driver: promiseHost,
    tick: "setImmediate",
  },
  {
    id: "coro-promise-es2015",
    title: "coro promise es2015",
    compile: (source, filename, sourceType = "module") =>
      coroTransform(source, { filename, sourceType, mode: "promise", target: "es2015" }).code,
    prelude: "",
    driver: promiseHost,
    tick: "setImmediate",
  },
  {
    id: "regenerator",
    title: "regenerator ES5",
    compile: (source, filename, sourceType = "module") =>
      babel.transformSync(source, {
        filename,
        babelrc: false,
        configFile: false,
        sourceType,
        presets: babelPreset,
      }).code,
    prelude: "",
    driver: promiseHost,
    tick: "setImmediate",
  },
  {
    id: "tsc",
    title: "TypeScript ES5",
    compile: (source, filename, sourceType = "module") =>
      ts.transpileModule(source, {
        fileName: filename,
        compilerOptions: {
          target: ts.ScriptTarget.ES5,
          module: sourceType === "module" ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
          downlevelIteration: true,
          allowJs: true,
        },
      }).outputText,
    prelude: "",
    driver: promiseHost,
    tick: "setImmediate",
  },
  {
    id: "swc",
    title: "SWC ES5",
    compile: (source, filename, sourceType = "module") =>
      swc.transformSync(source, {
        filename,
        swcrc: false,
        configFile: false,
        isModule: sourceType === "module",
        jsc: { target: "es5", parser: { syntax: "ecmascript" } },
        module: sourceType === "module" ? { type: "es6" } : undefined,
      }).code,
    prelude: "",
    driver: promiseHost,
    tick: "setImmediate",
  },
];
