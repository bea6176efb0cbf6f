/**
 * Compiles and runs one test variant in a fresh realm, and judges the outcome.
 *
 * Compilation: the test source (with `"use strict";\n` first for the strict variant) goes through
 * coro's `transform` in the chosen mode. Module tests compile with `sourceType: "module"`; script
 * tests with `sourceType: "commonjs"`, which parses them as scripts (sloppy unless the prefix says
 * otherwise) and makes the output `require` the runtime instead of importing it, so the output is
 * still a script evaluated in the realm's global scope. `_FIXTURE` modules a test imports are
 * compiled the same way when they are loaded. Harness files are the test environment and run
 * uncompiled.
 *
 * Outcomes (INTERPRETING.md):
 * - `negative.phase: parse` passes only if the *compiler* rejects the test with a CoroCompileError
 *   whose reason starts with the expected type (`SyntaxError: …`); if coro accepts it, the test
 *   fails even when V8 would reject the compiled output.
 * - `negative.phase: runtime|resolution` passes if evaluation throws (or the module's evaluation
 *   rejects with) an error whose constructor is named `type`.
 * - `flags: [async]` passes when `print("Test262:AsyncTestComplete")` is called; it fails on
 *   `Test262:AsyncTestFailure:…`, on an uncaught error, when the job queue empties and no host work
 *   (timer, dynamic import) remains without `$DONE` having been called, or at the timeout.
 * - Any other test passes when its evaluation completes normally.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { CoroCompileError, transform } from "@coro/compiler";
import { harnessDir, test262Root } from "./paths.mjs";
import { TestRealm } from "./realm.mjs";

/** Harness file name → vm.Script, parsed once per worker and run in every realm. */
const harnessScripts = new Map();

/** Fails the running test from outside (an uncaught exception in a host callback). */
let failRunning;

/** Called by the worker for errors no test code caught (timer callbacks, unhandled host errors). */
export function reportUncaught(error) {
  if (failRunning) failRunning(`uncaught: ${describe(error)}`);
}

/**
 * Runs one variant.
 * @param {{ file: string, variant: string, meta: object }} job
 * @param {{ mode: "promise" | "promise-es2015" | "coroutine", timeout: number, compileEach?: boolean }} options
 * @param {Map<string, object>} [shared] the compiled variants of this test so far (compileVariant)
 * @returns {Promise<{ status: "pass" | "fail", message?: string }>}
 */
export async function runTest(job, { mode, timeout, compileEach = false }, shared = new Map()) {
  const { file, variant, meta } = job;
  const path = join(test262Root, file);
  const isModule = variant === "module";
  const negative = meta.negative;

  const compiled = compileVariant(job, mode, compileEach ? new Map() : shared);
  if (negative?.phase === "parse") return judgeParseNegative(compiled, negative.type, isModule);
  if (compiled.error) return fail(compiled.error);

  let settle;
  const finished = new Promise((resolve) => (settle = resolve));
  const realm = new TestRealm({
    onPrint: (msg) => {
      if (msg.startsWith("Test262:AsyncTestComplete")) settle({ status: "pass" });
      else if (msg.startsWith("Test262:AsyncTestFailure:")) settle(fail(msg.slice("Test262:AsyncTestFailure:".length)));
    },
    loadModuleSource: (fixture) => compileFixture(fixture, mode),
  });
  failRunning = (message) => settle(fail(message));
  try {
    for (const name of harnessFiles(meta, variant)) realm.runScript(harnessScript(name), { timeout });
    const evaluation = await evaluate(realm, compiled.code, path, isModule, timeout);
    if (evaluation.error !== undefined) return judgeThrown(evaluation.error, negative);
    if (negative) return fail(`expected a ${negative.type} at ${negative.phase} time; evaluation completed`);
    if (!meta.flags.includes("async")) return { status: "pass" };
    return await Promise.race([finished, waitForHost(realm, finished, timeout)]);
  } catch (error) {
    return fail(`runner: ${describe(error)}`);
  } finally {
    failRunning = undefined;
    realm.dispose();
  }
}

/**
 * The compiled code of a variant. `shared` holds the compiled variants of the same test (the
 * worker runs a test's variants in a row): the strict variant reuses the sloppy one's output with
 * `"use strict";` in front when that is exactly what compiling it would give (`strictReusesSloppy`).
 */
function compileVariant({ file, variant, meta }, mode, shared) {
  const sloppy = shared.get("sloppy");
  if (variant === "strict" && sloppy?.code !== undefined && strictReusesSloppy(meta)) return { code: `"use strict";\n${sloppy.code}` };
  const source = readFileSync(join(test262Root, file), "utf8");
  const compiled = compile(variant === "strict" ? `"use strict";\n${source}` : source, file, mode, variant === "module");
  shared.set(variant, compiled);
  return compiled;
}

/**
 * Whether compiling a test's strict variant gives its sloppy output behind `"use strict";`. The
 * compiler's output depends on strictness in one place only (an assignment to a named function
 * expression's own name is dropped in sloppy code and throws in strict code: lexical.ts), and
 * test262 flags every test whose behaviour differs by strictness `onlyStrict` or `noStrict`, so
 * a test that runs in both variants never relies on it. Negative tests may be rejected in one
 * variant only (the early errors of strict code), so both variants of them are compiled.
 * `pnpm test262 --compile-each` compiles every variant, to check this claim.
 */
function strictReusesSloppy(meta) {
  return meta.negative === undefined;
}

/**
 * `{ code }`, or `{ error, type }` with the error type a CoroCompileError names. Mode `native`
 * skips coro (V8 judges parse errors): the runner's own baseline, which shows what fails
 * because of the host or the runner rather than the compiler.
 */
function compile(code, file, mode, isModule) {
  if (mode === "native") return nativeParse(code, isModule);
  const options = mode === "promise-es2015" ? { mode: "promise", target: "es2015" } : { mode };
  try {
    return transform(code, { filename: file, ...options, sourceType: isModule ? "module" : "commonjs" });
  } catch (error) {
    if (error instanceof CoroCompileError) {
      const type = /^(\w*Error)\b/.exec(error.reason)?.[1];
      return { error: `compile error: ${firstLine(error.reason)}`, type: type ?? "CoroCompileError" };
    }
    return { error: `compiler crash: ${describe(error)}`, type: "crash" };
  }
}

function nativeParse(code, isModule) {
  try {
    if (isModule) new vm.SourceTextModule(code);
    else new vm.Script(code);
    return { code };
  } catch (error) {
    return { error: `V8: ${describe(error)}`, type: errorName(error) };
  }
}

function compileFixture(path, mode) {
  const file = path.slice(test262Root.length + 1);
  const result = compile(readFileSync(path, "utf8"), file, mode, true);
  if (result.error) throw new SyntaxError(`${file}: ${result.error}`);
  return result.code;
}

function judgeParseNegative(compiled, type, isModule) {
  if (compiled.error) {
    if (compiled.type === type) return { status: "pass" };
    return fail(`expected ${type} at parse time, got ${compiled.error}`);
  }
  let v8 = "V8 accepts the output too";
  try {
    if (isModule) new vm.SourceTextModule(compiled.code);
    else new vm.Script(compiled.code);
  } catch (error) {
    v8 = `V8 rejects the output: ${describe(error)}`;
  }
  return fail(`expected ${type} at parse time; coro accepted the program (${v8})`);
}

/** Runs the compiled test; `{ error }` when it throws or its module evaluation rejects. */
async function evaluate(realm, code, path, isModule, timeout) {
  let unit;
  try {
    unit = isModule ? realm.createModule(path, code) : realm.createScript(code, path);
  } catch (error) {
    throw new Error(`compiled output does not parse: ${describe(error)}`);
  }
  try {
    if (isModule) {
      await realm.evaluateModule(unit, { timeout });
    } else {
      realm.runScript(unit, { timeout });
    }
    return {};
  } catch (error) {
    return { error };
  }
}

function judgeThrown(error, negative) {
  const name = errorName(error);
  if (negative && negative.phase !== "parse") {
    if (name === negative.type) return { status: "pass" };
    return fail(`expected ${negative.type} at ${negative.phase} time, got ${describe(error)}`);
  }
  return fail(describe(error));
}

/** Waits until the test calls `$DONE`, the realm has nothing left that could call it, or the timeout. */
async function waitForHost(realm, finished, timeout) {
  let settled = false;
  finished.then(() => (settled = true));
  const deadline = Date.now() + timeout;
  let idleTurns = 0;
  while (!settled) {
    if (Date.now() > deadline) return fail(`timeout: $DONE not called within ${timeout} ms`);
    if (realm.hasPendingHostWork) {
      idleTurns = 0;
      await new Promise((resolve) => setTimeout(resolve, 1));
    } else {
      if (++idleTurns > 2) return fail("$DONE was never called (the job queue emptied)");
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return finished;
}

/** The harness files of a variant, in evaluation order. */
export function harnessFiles(meta, variant) {
  if (variant === "raw") return [];
  const files = ["assert.js", "sta.js"];
  if (meta.flags.includes("async")) files.push("doneprintHandle.js");
  for (const include of meta.includes) if (!files.includes(include)) files.push(include);
  return files;
}

function harnessScript(name) {
  let script = harnessScripts.get(name);
  if (script === undefined) {
    const path = join(harnessDir, name);
    script = new vm.Script(readFileSync(path, "utf8"), { filename: path });
    harnessScripts.set(name, script);
  }
  return script;
}

function errorName(error) {
  try {
    return error?.constructor?.name ?? typeof error;
  } catch {
    return "unknown";
  }
}

function describe(error) {
  try {
    if (error !== null && typeof error === "object" && "message" in error) {
      return `${errorName(error)}: ${firstLine(String(error.message))}`;
    }
    return `thrown ${typeof error}: ${firstLine(String(error))}`;
  } catch {
    return "an error that cannot be described";
  }
}

function firstLine(text) {
  return text.split("\n")[0].slice(0, 300);
}

function fail(message) {
  return { status: "fail", message };
}
