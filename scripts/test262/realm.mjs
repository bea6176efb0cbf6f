/**
 * A fresh test realm: a `vm` context with the host hooks test262 needs (`print`, `$262`), the
 * host functions the runtime needs, a per-realm module map, and the runtime loaded inside it.
 *
 * What the realm's global gets, besides the built-ins:
 * - `print(msg)`: the `$DONE` protocol's output channel (doneprintHandle.js calls it);
 * - `$262`: `global`, `createRealm()`, `evalScript(src)`, `detachArrayBuffer(buf)`, `gc()`;
 * - non-enumerable, as on Node's own global: `setTimeout`, `clearTimeout`, `queueMicrotask`,
 *   `performance`, `console` (the runtime's event loop uses them), and `require`, which only
 *   answers `@coro/runtime…` — script tests are compiled as CommonJS (see run-test.mjs), so their
 *   output says `require("@coro/runtime")`, and this returns the realm's own runtime module.
 *
 * Modules: specifiers `./x` resolve against the importing test262 file, `.json` files (or
 * `with { type: "json" }`) become JSON modules, `@coro/runtime…` resolves to this realm's copy of
 * the runtime. Every module is instantiated once per realm. Timers the realm starts are cleared by
 * `dispose()`, so nothing leaks into the next test of the worker.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
import { isRuntimeSpecifier, resolveRuntime, RUNTIME_ENTRIES } from "./runtime-modules.mjs";
import { runtimeScript } from "./runtime-script.mjs";

export class TestRealm {
  /** The vm context; its global is the test's global object. */
  context;
  /** Absolute path → vm.Module, for test262 files and runtime entries alike (module map). */
  #modules = new Map();
  /** The realm's runtime loader (runtime-script.mjs), once the realm needs the runtime. */
  #loadRuntime;
  /** Host timers started by the realm and not yet fired or cleared. */
  #timers = new Set();
  /** Module → the modules its static imports linked to (for #erroredDependency). */
  #imports = new Map();
  /** Dynamic imports started and not yet settled. */
  #pendingImports = 0;
  /** What the realm wrote to its `console` (kept for failure messages, not printed). */
  output = [];
  #console;
  /** Source of a test262 module file (compiled by the caller). */
  #loadModuleSource;

  /**
   * @param {{ onPrint: (msg: string) => void, loadModuleSource: (path: string) => string }} hooks
   *   `loadModuleSource` returns the code to run for a test262 module file (the compiled source).
   */
  constructor({ onPrint, loadModuleSource }) {
    this.#loadModuleSource = loadModuleSource;
    const log = (...args) => this.output.push(args.map(String).join(" "));
    this.#console = { log, error: log, warn: log, info: log, debug: log };
    this.context = vm.createContext({});
    const global = vm.runInContext("globalThis", this.context);
    defineHidden(global, "print", (msg) => onPrint(String(msg)));
    this.#installHostFunctions(global);
    defineHidden(global, "$262", this.#create262(global));
  }

  /** Parses a script of test262 file `path` (throws V8's SyntaxError); `path` anchors its `import()`s. */
  createScript(code, path) {
    return new vm.Script(code, {
      filename: path,
      importModuleDynamically: (specifier, _script, attributes) => this.importDynamic(specifier, path, attributes),
    });
  }

  /** Evaluates a vm.Script (a test, or a harness file parsed once per worker) in the global scope. */
  runScript(script, { timeout } = {}) {
    return script.runInContext(this.context, { timeout });
  }

  /** The module of test262 file `path`, created (not linked) with `code` as its source. */
  createModule(path, code) {
    let module = this.#modules.get(path);
    if (module !== undefined) return module;
    module = new vm.SourceTextModule(code, {
      context: this.context,
      identifier: pathToFileURL(path).href,
      initializeImportMeta: (meta) => {
        meta.url = pathToFileURL(path).href;
      },
      importModuleDynamically: (specifier, _module, attributes) => this.importDynamic(specifier, path, attributes),
    });
    this.#modules.set(path, module);
    return module;
  }

  /** Links and evaluates a module; resolves when its evaluation (top-level await included) ends. */
  async evaluateModule(module, { timeout } = {}) {
    if (module.status === "unlinked") await module.link((specifier, referrer, extra) => this.#link(specifier, referrer, extra));
    return module.evaluate({ timeout });
  }

  /** The exports of runtime file `path` in this realm (the runtime is evaluated on first use). */
  #runtimeExports(path) {
    this.#loadRuntime ??= runtimeScript(RUNTIME_ENTRIES).runInContext(this.context);
    return this.#loadRuntime(path);
  }

  /** `import(specifier)` from the test262 file at `fromPath`. */
  async importDynamic(specifier, fromPath, attributes) {
    this.#pendingImports++;
    try {
      const module = this.#resolve(specifier, fromPath, attributes);
      // Evaluate() again on an evaluated module is how the spec finds its cycle root's promise: it
      // waits for a pending top-level await and rejects for an errored cycle.
      // Except where V8 (Node 20 and 24) aborts the process: on an errored module, and on a
      // fulfilled member of a cycle whose root errored; the answer is then that module's error.
      if (module.status === "errored") throw module.error;
      if (module.status === "evaluated") {
        const errored = this.#erroredDependency(module);
        if (errored !== undefined) throw errored.error;
      }
      if (module.status !== "evaluating") await this.evaluateModule(module);
      return module;
    } finally {
      this.#pendingImports--;
    }
  }

  /** Clears the realm's pending timers. */
  dispose() {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Whether host work can still call back into the realm (a timer or a dynamic import). */
  get hasPendingHostWork() {
    return this.#timers.size > 0 || this.#pendingImports > 0;
  }

  #link(specifier, referrer, extra) {
    const fromPath = referrer.identifier.startsWith("file:") ? new URL(referrer.identifier).pathname : referrer.identifier;
    const module = this.#resolve(specifier, decodeURIComponent(fromPath), extra?.attributes ?? extra?.assert ?? {});
    const edges = this.#imports.get(referrer) ?? new Set();
    edges.add(module);
    this.#imports.set(referrer, edges);
    return module;
  }

  /** An errored module among those `module` imports, directly or not. */
  #erroredDependency(module) {
    const seen = new Set([module]);
    const queue = [module];
    while (queue.length > 0) {
      for (const next of this.#imports.get(queue.shift()) ?? []) {
        if (seen.has(next)) continue;
        if (next.status === "errored") return next;
        seen.add(next);
        queue.push(next);
      }
    }
    return undefined;
  }

  #resolve(specifier, fromPath, attributes = {}) {
    if (isRuntimeSpecifier(specifier)) return this.#runtimeModule(resolveRuntime(specifier));
    if (!specifier.startsWith("./") && !specifier.startsWith("../")) {
      throw new SyntaxError(`test262 realm: cannot resolve module specifier ${JSON.stringify(specifier)}`);
    }
    const path = resolve(dirname(fromPath), specifier);
    const existing = this.#modules.get(path);
    if (existing !== undefined) return existing;
    if (attributes?.type === "json" || path.endsWith(".json")) return this.#jsonModule(path);
    return this.createModule(path, this.#loadModuleSource(path));
  }

  /** A runtime entry as a module of this realm: its exports, from the realm's runtime instance. */
  #runtimeModule(path) {
    let module = this.#modules.get(path);
    if (module === undefined) {
      const exports = this.#runtimeExports(path);
      module = new vm.SyntheticModule(Object.keys(exports), function () {
        for (const name of Object.keys(exports)) this.setExport(name, exports[name]);
      }, { context: this.context, identifier: pathToFileURL(path).href });
      this.#modules.set(path, module);
    }
    return module;
  }

  #jsonModule(path) {
    const text = readFileSync(path, "utf8");
    const context = this.context;
    const module = new vm.SyntheticModule(["default"], function () {
      this.setExport("default", vm.runInContext(`JSON.parse(${JSON.stringify(text)})`, context));
    }, { context, identifier: pathToFileURL(path).href });
    this.#modules.set(path, module);
    return module;
  }

  #installHostFunctions(global) {
    const timers = this.#timers;
    defineHidden(global, "setTimeout", (fn, ms, ...args) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn(...args);
      }, ms);
      timers.add(timer);
      return timer;
    });
    defineHidden(global, "clearTimeout", (timer) => {
      timers.delete(timer);
      clearTimeout(timer);
    });
    defineHidden(global, "queueMicrotask", (fn) => queueMicrotask(fn));
    defineHidden(global, "performance", performance);
    defineHidden(global, "console", this.#console);
    defineHidden(global, "require", (specifier) => {
      if (!isRuntimeSpecifier(specifier)) throw new Error(`test262 realm: require(${JSON.stringify(specifier)}) is not the runtime`);
      return this.#runtimeExports(resolveRuntime(specifier));
    });
  }

  /** `$262`, the host-defined test262 object, as an object of this realm. */
  #create262(global) {
    const $262 = vm.runInContext("({})", this.context);
    const context = this.context;
    Object.assign($262, {
      global,
      createRealm: () => new TestRealm({ onPrint: () => {}, loadModuleSource: this.#loadModuleSource }).$262,
      evalScript: (code) => vm.runInContext(code, context),
      detachArrayBuffer: (buffer) => void structuredClone(buffer, { transfer: [buffer] }),
      gc: () => {
        throw new (vm.runInContext("TypeError", context))("$262.gc is not available in this runner");
      },
      agent: vm.runInContext("({})", context),
    });
    this.$262 = $262;
    return $262;
  }
}

function defineHidden(object, name, value) {
  Object.defineProperty(object, name, { value, writable: true, configurable: true, enumerable: false });
}
