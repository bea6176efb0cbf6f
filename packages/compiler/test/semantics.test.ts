// The coroutine protocol as compiled code sees it (SPEC §1.2–1.4): send/throw/close, finally blocks
// run by close innermost first, the protocol errors, deep delegation, and native interop.
import { describe, expect, it } from "vitest";
import { loadCompiled } from "./load.js";

describe("compiled coroutines", () => {
  it("close() runs finally blocks, innermost awaited coroutine first, and may await coroutines that finish", async () => {
    const m = await loadCompiled(`
      import { sleep } from "@coro/runtime";
      export const log = [];
      async function helper(tag) { log.push("helper " + tag); }
      async function inner() {
        try { await sleep(0); log.push("not reached"); }
        finally { log.push("inner finally"); await helper("in inner finally"); }
      }
      export async function outer() {
        try { await inner(); }
        catch (e) { log.push("outer catch (wrong)"); }
        finally { log.push("outer finally"); }
        log.push("after (wrong)");
      }
    `);
    const co = m.outer();
    expect(co.next()).toEqual({ value: undefined, done: false });
    expect(co.state).toBe("suspended");
    expect(co.close()).toEqual({ value: undefined, done: true });
    expect(m.log).toEqual(["inner finally", "helper in inner finally", "outer finally"]);
    expect(co.state).toBe("closed");
    expect(co.next()).toEqual({ value: undefined, done: true });
  });

  it("close() throws RuntimeError when the coroutine suspends while closing", async () => {
    const m = await loadCompiled(`
      import { sleep } from "@coro/runtime";
      export async function stubborn() {
        try { await sleep(0); } finally { await sleep(0); }
      }
    `);
    const co = m.stubborn();
    co.next();
    expect(() => co.close()).toThrow(/coroutine ignored close/);
  });

  it("send() delivers values and throw() raises at the suspension point", async () => {
    const m = await loadCompiled(`
      const ask = { then() {} };   // a thenable: yielded raw to a hand-written driver
      export async function echo() {
        const got = [];
        for (let i = 0; i < 3; i++) {
          try { got.push(await ask); }
          catch (e) { got.push("caught " + e); }
        }
        return got;
      }
    `);
    const co = m.echo();
    expect(co.next().done).toBe(false);
    expect(co.send("a").done).toBe(false);
    expect(co.throw("boom").done).toBe(false);
    expect(co.send("c")).toEqual({ value: ["a", "caught boom", "c"], done: true });
  });

  it("throw() before the first resume closes the coroutine and rethrows", async () => {
    const m = await loadCompiled(`export const log = []; export async function f() { log.push("ran"); }`);
    const co = m.f();
    expect(() => co.throw(new Error("early"))).toThrow("early");
    expect(co.state).toBe("closed");
    expect(m.log).toEqual([]);
  });

  it("resuming a running coroutine throws 'coroutine already executing'", async () => {
    const m = await loadCompiled(`
      export const box = {};
      export async function selfResume() { box.co.next(); }
    `);
    m.box.co = m.selfResume();
    expect(() => m.box.co.next()).toThrow(new TypeError("coroutine already executing"));
  });

  it("awaiting a coroutine twice throws 'cannot reuse already awaited coroutine'", async () => {
    const m = await loadCompiled(`
      async function one() { return 1; }
      export async function twice() {
        const c = one();
        await c;
        try { await c; } catch (e) { return e.name + ": " + e.message; }
      }
    `);
    expect(m.twice().next()).toEqual({ value: "RuntimeError: cannot reuse already awaited coroutine", done: true });
  });

  it("a million nested awaits need no JavaScript stack; native async recursion overflows long before", async () => {
    const m = await loadCompiled(`
      export async function depth(n) { return n === 0 ? 0 : 1 + (await depth(n - 1)); }
      export async function nativeDepth(n) { return n === 0 ? 0 : 1 + (await nativeDepth(n - 1)); }
    `);
    expect(m.depth(1_000_000).next()).toEqual({ value: 1_000_000, done: true });
    // The same function, left native (not compiled), recursing synchronously until the first await.
    const nativeDepth = async (n: number): Promise<number> => (n === 0 ? 0 : 1 + (await nativeDepth(n - 1)));
    await expect(nativeDepth(1_000_000)).rejects.toThrow(RangeError);
  });

  it("a coroutine awaits a native promise under run(), and native code awaits a coroutine", async () => {
    const m = await loadCompiled(`
      import { run } from "@coro/runtime";
      export async function viaPromise() {
        const v = await new Promise((resolve) => setTimeout(() => resolve(21), 5));
        return v * 2;
      }
      export function main() { return run(viaPromise()); }
      export async function answer() { return 42; }
    `);
    expect(await m.main()).toBe(42);
    expect(await m.answer()).toBe(42);
  });

  it("location() points at the await in the original source", async () => {
    const m = await loadCompiled(
      ["import { sleep } from '@coro/runtime';", "export async function where() {", "  await sleep(0);", "}"].join("\n"),
      "where.js",
    );
    const co = m.where();
    co.next();
    expect(co.location()).toEqual({ file: "where.js", line: 3, column: 3, functionName: "where" });
  });

  it("locals may be named like the Coroutine's own members", async () => {
    const m = await loadCompiled(`
      import { sleep } from "@coro/runtime";
      export async function clash(name, next) {
        let state = 1, then = 2, $s = 3, constructor = 4, __proto__ = 5;
        await sleep(0);
        return [name, next, state, then, $s, constructor, __proto__].join(",");
      }
    `);
    const co = m.clash("n", "x");
    expect(co.name).toBe("clash");
    expect(co.next()).toEqual({ value: undefined, done: false });
    expect(co.next()).toEqual({ value: "n,x,1,2,3,4,5", done: true });
  });

  it("keeps name and length of every function form", async () => {
    const m = await loadCompiled(`
      export async function decl(a, b) {}
      export const arrow = async (x) => x;
      export const obj = { async method(p, q = 1, ...r) {} };
      export class K { async m(a) {} static async s() {} }
    `);
    expect([m.decl.name, m.decl.length]).toEqual(["decl", 2]);
    expect([m.arrow.name, m.arrow.length]).toEqual(["arrow", 1]);
    expect([m.obj.method.name, m.obj.method.length]).toEqual(["method", 1]);
    expect([m.K.prototype.m.name, m.K.s.name]).toEqual(["m", "s"]);
    expect(Object.prototype.toString.call(m.decl(1, 2))).toBe("[object Coroutine]");
  });
});
