// Async iteration against native code: the same program, left native and compiled by coro, must
// log the same. %AsyncFromSyncIteratorPrototype% (for await / yield* over a sync iterable) in both
// modes; in promise mode also the microtask ticks and `constructor` lookups of `await`, and the
// ticks of `return` in async generators (ECMA-262: `return expr` awaits, `return;` does not).
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { transform } from "../../compiler/src/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const cache = join(root, "node_modules", ".cache", "coro-runtime-tests");

type Mode = "native" | "promise" | "coroutine";

/** Imports `source` (a module exporting `main(log)`) native or compiled, and returns what `main` logged. */
async function logOf(source: string, mode: Mode): Promise<string[]> {
  let code = source;
  if (mode !== "native") {
    code = transform(source, { filename: `async-iteration-${mode}.js`, mode }).code;
    if (mode === "coroutine") code += `\nimport { run as __run } from "@coro/runtime";\nexport const drive = (co) => __run(co);\n`;
  }
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${createHash("sha1").update(mode + code).digest("hex")}.mjs`);
  writeFileSync(file, code);
  const m = (await import(pathToFileURL(file).href)) as { main: (log: string[]) => unknown; drive?: (co: unknown) => Promise<unknown> };
  const log: string[] = [];
  const done = m.main(log);
  await (m.drive ? m.drive(done) : done);
  return log;
}

/** The native log, and the same from each compiled mode given. */
async function compare(source: string, modes: Mode[]): Promise<void> {
  const expected = await logOf(source, "native");
  expect(expected.length).toBeGreaterThan(0);
  for (const mode of modes) expect([mode, await logOf(source, mode)]).toEqual([mode, expected]);
}

/**
 * ES2023 made %AsyncFromSyncIteratorPrototype% close the sync iterator (a rejected value; `throw()`
 * without a sync `throw`). Node 22+ does (V8 12); Node 20's V8 11.3 does not. Where native code
 * follows the older text, the spec's log is checked instead of native's.
 */
async function compareWithSpec(source: string, specLog: string[], modes: Mode[]): Promise<void> {
  const native = await logOf(source, "native");
  if (Number(process.versions.v8.split(".")[0]) >= 12) expect(native).toEqual(specLog);
  for (const mode of modes) expect([mode, await logOf(source, mode)]).toEqual([mode, specLog]);
}

const constructorDescriptor = Object.getOwnPropertyDescriptor(Promise.prototype, "constructor")!;
afterEach(() => {
  Object.defineProperty(Promise.prototype, "constructor", constructorDescriptor);
});

describe("for await / yield* over a sync iterable (CreateAsyncFromSyncIterator)", () => {
  it("passes no argument on when none was given, and one when one was", async () => {
    await compare(
      `
      export async function main(log) {
        const sync = {
          [Symbol.iterator]() { return this; },
          next(...args) { log.push("next " + args.length); return { done: args.length > 0 || this.n++ > 0, value: 1 }; },
          return(...args) { log.push("return " + args.length); return { done: true }; },
          n: 0,
        };
        for await (const x of sync) { log.push("body " + x); break; }
        async function* g() { return yield* sync; }
        const it = g();
        await it.next("ignored: the first next starts the body");
        log.push(JSON.stringify(await it.next(undefined)));
      }`,
      ["promise", "coroutine"],
    );
  });

  it("closes the sync iterator when a value rejects, but not for a done result or return()", async () => {
    await compareWithSpec(
      `
      function iterable(log, results) {
        return {
          [Symbol.iterator]() {
            let i = 0;
            return {
              next: () => results[i++],
              return: () => { log.push("closed"); return {}; },
            };
          },
        };
      }
      export async function main(log) {
        const boom = () => Promise.reject(new Error("boom"));
        try { for await (const x of iterable(log, [{ value: boom(), done: false }])) log.push("body"); }
        catch (e) { log.push("caught " + e.message); }
        try { for await (const x of iterable(log, [{ value: boom(), done: true }])) log.push("body"); }
        catch (e) { log.push("caught " + e.message); }
        async function* g(it) { yield* it; }
        const it = g(iterable(log, [{ value: 1, done: false }, { value: boom(), done: false }]));
        log.push(JSON.stringify(await it.next()));
        try { await it.next(); } catch (e) { log.push("caught " + e.message); }
      }`,
      ["closed", "caught boom", "caught boom", '{"value":1,"done":false}', "closed", "caught boom"],
      ["promise", "coroutine"],
    );
  });

  it("throw() without a sync throw method closes the iterator, and an error of return() wins", async () => {
    await compareWithSpec(
      `
      export async function main(log) {
        for (const failing of [false, true]) {
          const sync = {
            [Symbol.iterator]() { return this; },
            next() { return { value: 1, done: false }; },
            get return() { log.push("get return"); return () => { if (failing) throw new Error("return failed"); log.push("return called"); return {}; }; },
          };
          async function* g() { yield* sync; }
          const it = g();
          await it.next();
          try { await it.throw(new Error("thrown in")); } catch (e) { log.push(e.constructor.name + (e instanceof TypeError ? "" : ": " + e.message)); }
        }
      }`,
      ["get return", "return called", "TypeError", "get return", "Error: return failed"],
      ["promise", "coroutine"],
    );
  });
});

describe("promise mode: ticks and lookups as native", () => {
  /** Logs six microtask ticks and every `constructor` lookup on a promise while they pass; `body` defines `f`, started then. */
  const ticking = (body: string): string => `
    export function main(log) {
      ${body}
      const original = Object.getOwnPropertyDescriptor(Promise.prototype, "constructor");
      let on = false;
      let t = Promise.resolve(0);
      for (let i = 1; i <= 6; i++) t = t.then(() => log.push("tick " + i));
      t = t.then(() => { on = false; Object.defineProperty(Promise.prototype, "constructor", original); });
      Object.defineProperty(Promise.prototype, "constructor", {
        get() { if (on) log.push("constructor"); return Promise; }, configurable: true,
      });
      on = true;
      f();
      return t;
    }`;

  it("for await over an async and a sync iterator: no lookup of its own, native ticks", async () => {
    await compare(
      ticking(`
      async function f() {
        const p = Promise.resolve(0);
        log.push("pre");
        for await (const x of { [Symbol.asyncIterator]() { return [p][Symbol.iterator](); } }) log.push("async body");
        for await (const x of [p]) log.push("sync body");
        log.push("post");
      }`),
      ["promise"],
    );
  });

  it("return in an async generator: `return;` takes no tick, `return expr` awaits expr", async () => {
    await compare(
      ticking(`
      async function* g1() {}
      async function* g2() { return; }
      async function* g3() { return undefined; }
      async function* g4() { return Promise.resolve("p"); }
      async function* g5() { yield 1; }
      async function f() {
        for (const g of [g1, g2, g3, g4]) g().next().then((r) => log.push(g.name + " " + JSON.stringify(r)));
        const it = g5();
        it.next();
        it.return({ get then() { log.push("get then"); return undefined; } }).then(() => log.push("g5 returned"));
      }`),
      ["promise"],
    );
  });

  it("a rejected `return` value is thrown at the return statement, inside the generator's try", async () => {
    await compare(
      `
      export async function main(log) {
        async function* g() {
          try { return Promise.reject(new Error("late")); }
          catch (e) { log.push("caught inside: " + e.message); yield "recovered"; }
          finally { log.push("finally"); }
        }
        const it = g();
        log.push(JSON.stringify(await it.next()));
        log.push(JSON.stringify(await it.next()));
      }`,
      ["promise"],
    );
  });
});
