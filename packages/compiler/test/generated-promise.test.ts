// Generated programs in promise mode (issue 4, item 4; SPEC §3): fast-check builds random small
// programs whose async functions (declarations, arrows with block and concise bodies, function
// expressions, object methods, class instance and static methods) call and await each other, and
// whose every step logs to an array, so that the log is the program's microtask order. They await
// plain values, fresh/already-settled/pending native promises, a Promise subclass, thenables (calling
// `then`'s callbacks synchronously, from a later microtask, several times, throwing, rejecting,
// with a `then` getter, resolving with another awaitable), other async calls and async IIFEs,
// `Promise.all/race/allSettled/any`; they return promises/thenables (with and without `await`),
// catch and finally around awaits, loop with awaits (for, while, for-of over awaitables, with
// break/continue), and interleave `Promise.resolve().then` chains and `queueMicrotask` at the top
// level and inside the functions. Unhandled and late-handled rejections are logged too. A "clock"
// (a chain of then-callbacks logging "tick k") runs alongside, so any await that takes one microtask
// tick more or less than natively moves the log lines after it relative to the ticks.
//
// Each program is compiled with `mode: "promise"` and must print exactly what native Node prints
// (the oracle). Programs are run in batches, one subprocess per batch and mode, each program after
// the previous one's final `setTimeout(…, 0)`; a counterexample is then shrunk program by program.
//
// Deterministic by default (fixed seed). To explore:
//   CORO_FC_SEED=<n> CORO_FC_RUNS=<n> npx vitest run packages/compiler/test/generated-promise.test.ts
// A counterexample is printed shrunk, as a standalone program with both outputs; a compiler bug
// becomes fixtures/generated-promise/<case>/ (stdout from native Node).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { transform } from "../src/index.js";
import { root } from "./load.js";

const SEED = Number(process.env.CORO_FC_SEED ?? 20250411);
const RUNS = Number(process.env.CORO_FC_RUNS ?? 300);
const BATCH = 60;
/** Exploring (a seed given) leaves time to shrink a counterexample. */
const TIMEOUT = process.env.CORO_FC_SEED === undefined ? 120_000 : 3_600_000;
const cache = join(root, "node_modules", ".cache", "coro-generated-promise");

// ---------------------------------------------------------------------------------------------
// The program model

type Lit = "str" | "num" | "undef";
type ThenableMode =
  | "sync" // then(r) { r(v) }
  | "async" // then(r) { queueMicrotask(() => r(v)) }
  | "later" // then(r) { Promise.resolve().then(() => r(v)) }
  | "throw" // then() { throw }
  | "reject" // then(r, j) { j(e) }
  | "resolveThenThrow" // then(r) { r(v); throw } — the throw is ignored
  | "many" // then(r, j) { r(v); r(w); j(e) } — only the first counts
  | "getter" // get then() { log; return function (r) { r(v) } }
  | "getterThrows" // get then() { throw }
  | "notCallable"; // { then: 42 } — a plain value

type Aw =
  | { k: "val"; lit: Lit }
  | { k: "resolve" }
  | { k: "reject" }
  | { k: "shared"; ok: boolean }
  | { k: "pending"; i: number }
  | { k: "thenable"; mode: ThenableMode; inner?: Aw }
  | { k: "call"; j: number }
  | { k: "subclass"; reject: boolean }
  | { k: "chain"; inner?: Aw; throws: boolean }
  | { k: "resolveWith"; inner: Aw }
  | { k: "newPromise"; inner: Aw; reject: boolean }
  | { k: "combo"; op: "all" | "race" | "allSettled" | "any"; items: Aw[] }
  | { k: "iife"; body: Stmt[]; concise?: Aw };

type Stmt =
  | { k: "log" }
  | { k: "await"; x: Aw; form: "bare" | "log" | "assign" }
  | { k: "await2"; a: Aw; b: Aw }
  | { k: "throw" }
  | { k: "return"; x?: Aw; awaitIt: boolean }
  | { k: "break" }
  | { k: "continue" }
  | { k: "micro"; n: number; queue: boolean }
  | { k: "settle"; i: number; reject: boolean; x: Aw }
  | { k: "spawn"; j: number; handle: "then" | "catch" | "finally" | "none" }
  | { k: "try"; body: Stmt[]; catchBody?: Stmt[]; finallyBody?: Stmt[] }
  | { k: "for"; n: number; body: Stmt[] }
  | { k: "while"; n: number; body: Stmt[] }
  | { k: "forOf"; items: Aw[]; body: Stmt[] };

type FnForm = "decl" | "expr" | "arrow" | "concise" | "method" | "classMethod" | "staticMethod";
interface Fn {
  form: FnForm;
  body: Stmt[];
  /** The body of a concise arrow: `async () => x`. */
  concise: Aw;
}

type Top =
  | { k: "log" }
  | { k: "call"; j: number; handle: "then" | "catch" | "finally" | "none" }
  | { k: "micro"; n: number; queue: boolean }
  | { k: "settle"; i: number; reject: boolean; x: Aw }
  | { k: "observe"; x: Aw };

interface Program {
  fns: Fn[];
  pendings: number;
  main: Top[];
  /** A chain of `ticks` then-callbacks started first, logging each microtask tick ("the clock"). */
  ticks: number;
  /** Where among `main` the last function (which may call the others) is surely called. */
  rootAt: number;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const lit = fc.constantFrom<Lit>("str", "num", "undef");
const thenableMode = fc.constantFrom<ThenableMode>(
  "sync", "async", "later", "throw", "reject", "resolveThenThrow", "many", "getter", "getterThrows", "notCallable",
);
const handle = fc.constantFrom<"then" | "catch" | "finally" | "none">("then", "then", "catch", "finally", "none");
const pendingIndex = fc.nat({ max: 1 });

const awMemo = new Map<number, fc.Arbitrary<Aw>>();
const stmtMemo = new Map<number, fc.Arbitrary<Stmt>>();

function block(d: number, max = 3): fc.Arbitrary<Stmt[]> {
  return fc.array(stmt(d), { minLength: 0, maxLength: max });
}

function aw(d: number): fc.Arbitrary<Aw> {
  const memo = awMemo.get(d);
  if (memo) return memo;
  const leaves: fc.WeightedArbitrary<Aw>[] = [
    { weight: 3, arbitrary: fc.record({ k: fc.constant("val" as const), lit }) },
    { weight: 3, arbitrary: fc.constant({ k: "resolve" as const }) },
    { weight: 2, arbitrary: fc.constant({ k: "reject" as const }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant("shared" as const), ok: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant("pending" as const), i: pendingIndex }) },
    { weight: 4, arbitrary: fc.record({ k: fc.constant("thenable" as const), mode: thenableMode }) },
    { weight: 5, arbitrary: fc.record({ k: fc.constant("call" as const), j: fc.nat({ max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant("subclass" as const), reject: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant("chain" as const), throws: fc.boolean() }) },
  ];
  const inner = d > 0 ? aw(d - 1) : undefined;
  const compound: fc.WeightedArbitrary<Aw>[] = inner
    ? [
        { weight: 3, arbitrary: fc.record({ k: fc.constant("thenable" as const), mode: thenableMode, inner }) },
        { weight: 1, arbitrary: fc.record({ k: fc.constant("resolveWith" as const), inner }) },
        { weight: 1, arbitrary: fc.record({ k: fc.constant("chain" as const), inner, throws: fc.boolean() }) },
        {
          weight: 1,
          arbitrary: fc.record({ k: fc.constant("newPromise" as const), inner, reject: fc.boolean() }),
        },
        {
          weight: 2,
          arbitrary: fc.record({
            k: fc.constant("combo" as const),
            op: fc.constantFrom<"all" | "race" | "allSettled" | "any">("all", "race", "allSettled", "any"),
            items: fc.array(inner, { maxLength: 3 }),
          }),
        },
        {
          weight: 2,
          arbitrary: fc.oneof(
            fc.record({ k: fc.constant("iife" as const), body: block(d - 1, 2) }),
            fc.record({ k: fc.constant("iife" as const), body: fc.constant<Stmt[]>([]), concise: inner }),
          ),
        },
      ]
    : [];
  const arb = fc.oneof(...leaves, ...compound);
  awMemo.set(d, arb);
  return arb;
}

function stmt(d: number): fc.Arbitrary<Stmt> {
  const memo = stmtMemo.get(d);
  if (memo) return memo;
  const x = aw(Math.min(d, 1));
  const leaves: fc.WeightedArbitrary<Stmt>[] = [
    { weight: 3, arbitrary: fc.constant({ k: "log" as const }) },
    {
      weight: 10,
      arbitrary: fc.record({
        k: fc.constant("await" as const),
        x,
        form: fc.constantFrom<"bare" | "log" | "assign">("bare", "log", "log", "assign"),
      }),
    },
    { weight: 2, arbitrary: fc.record({ k: fc.constant("await2" as const), a: x, b: x }) },
    { weight: 1, arbitrary: fc.constant({ k: "throw" as const }) },
    {
      weight: 2,
      arbitrary: fc.record(
        { k: fc.constant("return" as const), x, awaitIt: fc.boolean() },
        { requiredKeys: ["k", "awaitIt"] },
      ),
    },
    { weight: 1, arbitrary: fc.constant({ k: "break" as const }) },
    { weight: 1, arbitrary: fc.constant({ k: "continue" as const }) },
    {
      weight: 2,
      arbitrary: fc.record({ k: fc.constant("micro" as const), n: fc.integer({ min: 1, max: 3 }), queue: fc.boolean() }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ k: fc.constant("settle" as const), i: pendingIndex, reject: fc.boolean(), x: aw(0) }),
    },
    { weight: 2, arbitrary: fc.record({ k: fc.constant("spawn" as const), j: fc.nat({ max: 3 }), handle }) },
  ];
  const compound: fc.WeightedArbitrary<Stmt>[] =
    d > 0
      ? [
          {
            weight: 3,
            arbitrary: fc
              .record(
                { k: fc.constant("try" as const), body: block(d - 1), catchBody: block(d - 1, 2), finallyBody: block(d - 1, 2) },
                { requiredKeys: ["k", "body"] },
              )
              .map((t) => (t.catchBody || t.finallyBody ? t : { ...t, catchBody: [] })),
          },
          {
            weight: 2,
            arbitrary: fc.record({ k: fc.constant("for" as const), n: fc.nat({ max: 3 }), body: block(d - 1, 2) }),
          },
          {
            weight: 1,
            arbitrary: fc.record({ k: fc.constant("while" as const), n: fc.nat({ max: 3 }), body: block(d - 1, 2) }),
          },
          {
            weight: 1,
            arbitrary: fc.record({
              k: fc.constant("forOf" as const),
              items: fc.array(aw(0), { maxLength: 3 }),
              body: block(d - 1, 2),
            }),
          },
        ]
      : [];
  const arb = fc.oneof(...leaves, ...compound);
  stmtMemo.set(d, arb);
  return arb;
}

const fnArb: fc.Arbitrary<Fn> = fc.record({
  form: fc.constantFrom<FnForm>("decl", "decl", "expr", "arrow", "concise", "method", "classMethod", "staticMethod"),
  body: fc.array(stmt(2), { minLength: 1, maxLength: 4 }),
  concise: aw(1),
});

const topArb: fc.Arbitrary<Top> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ k: "log" as const }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant("call" as const), j: fc.nat({ max: 3 }), handle }) },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant("micro" as const), n: fc.integer({ min: 1, max: 4 }), queue: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant("settle" as const), i: pendingIndex, reject: fc.boolean(), x: aw(1) }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("observe" as const), x: aw(1) }) },
);

const programArb: fc.Arbitrary<Program> = fc.record({
  fns: fc.array(fnArb, { minLength: 1, maxLength: 3 }),
  pendings: fc.nat({ max: 2 }),
  main: fc.array(topArb, { minLength: 1, maxLength: 6 }),
  ticks: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 0, max: 14 }) }, { weight: 5, arbitrary: fc.integer({ min: 15, max: 40 }) }),
  rootAt: fc.nat({ max: 6 }),
});

// ---------------------------------------------------------------------------------------------
// Rendering

/** Shared by every program: how values are shown; nothing here touches a `then`. */
const SHOW = `function show(v) {
  if (v === null || (typeof v !== "object" && typeof v !== "function")) return typeof v === "string" ? v : String(v);
  if (typeof v === "function") return "function";
  if (Array.isArray(v)) return "[" + v.map(show).join(",") + "]";
  if (v instanceof Error) return v.name + ": " + v.message + (Array.isArray(v.errors) ? " " + show(v.errors) : "");
  if (Object.getPrototypeOf(v) === Promise.prototype) return "promise";
  if (Object.prototype.hasOwnProperty.call(v, "status")) return v.status + ":" + show(v.status === "fulfilled" ? v.value : v.reason);
  return "object";
}`;

class Renderer {
  private n = 0;
  constructor(private p: Program) {}

  label(prefix = "L"): string {
    return `${prefix}${this.n++}`;
  }

  /** The call expression of function j as seen from function `from` (it may call only lower ones). */
  call(j: number, from: number): string | undefined {
    if (from === 0) return undefined;
    const i = j % from;
    switch (this.p.fns[i]!.form) {
      case "method":
        return `o${i}.f${i}()`;
      case "classMethod":
        return `new C${i}().f${i}()`;
      case "staticMethod":
        return `C${i}.f${i}()`;
      default:
        return `f${i}()`;
    }
  }

  lit(l: Lit): string {
    return l === "str" ? `"${this.label("v")}"` : l === "num" ? String(this.n++) : "undefined";
  }

  aw(a: Aw, from: number, ind: string): string {
    switch (a.k) {
      case "val":
        return this.lit(a.lit);
      case "resolve":
        return `Promise.resolve("${this.label("v")}")`;
      case "reject":
        return `Promise.reject("${this.label("e")}")`;
      case "shared":
        return a.ok ? "settledOk" : "settledFail";
      case "pending":
        return this.p.pendings > a.i ? `pend${a.i}` : "settledOk";
      case "call":
        return this.call(a.j, from) ?? `"${this.label("v")}"`;
      case "subclass":
        return a.reject ? `MyP.reject("${this.label("e")}")` : `MyP.resolve("${this.label("v")}")`;
      case "chain": {
        const l = this.label();
        const src = a.inner ? `Promise.resolve().then(() => ${this.aw(a.inner, from, ind)})` : `Promise.resolve("${this.label("v")}")`;
        return a.throws
          ? `${src}.then((x) => { log("${l} chain " + show(x)); throw "${l}"; })`
          : `${src}.then((x) => { log("${l} chain " + show(x)); return x; })`;
      }
      case "resolveWith":
        return `Promise.resolve(${this.aw(a.inner, from, ind)})`;
      case "newPromise": {
        const l = this.label();
        return `new Promise((res, rej) => { log("${l} executor"); ${a.reject ? "rej" : "res"}(${this.aw(a.inner, from, ind)}); })`;
      }
      case "combo":
        return `Promise.${a.op}([${a.items.map((x) => this.aw(x, from, ind)).join(", ")}])`;
      case "iife": {
        const l = this.label();
        if (a.concise) return `(async () => (${this.aw(a.concise, from, ind)}))()`;
        const body = this.block(a.body, from, ind + "  ", false);
        return `(async () => {\n${ind}  log("${l} iife");\n${body}${ind}})()`;
      }
      case "thenable":
        // Parenthesized: it may be the body of a concise arrow.
        return `(${this.thenable(a.mode, a.inner, from, ind)})`;
    }
  }

  thenable(mode: ThenableMode, inner: Aw | undefined, from: number, ind: string): string {
    const a = { mode, inner };
    const l = this.label("t");
    const v = () => (a.inner ? this.aw(a.inner, from, ind) : `"${this.label("v")}"`);
    switch (a.mode) {
      case "sync":
        return `{ then(r) { log("${l} then"); r(${v()}); } }`;
      case "async":
        return `{ then(r) { log("${l} then"); queueMicrotask(() => { log("${l} resolves"); r(${v()}); }); } }`;
      case "later":
        return `{ then(r) { log("${l} then"); Promise.resolve().then(() => { log("${l} resolves"); r(${v()}); }); } }`;
      case "throw":
        return `{ then() { log("${l} then"); throw "${l}"; } }`;
      case "reject":
        return `{ then(r, j) { log("${l} then"); j("${l}"); } }`;
      case "resolveThenThrow":
        return `{ then(r) { log("${l} then"); r(${v()}); throw "${l} ignored"; } }`;
      case "many":
        return `{ then(r, j) { log("${l} then"); r(${v()}); r("${l} second"); j("${l} third"); } }`;
      case "getter":
        return `{ get then() { log("${l} get then"); return function (r) { log("${l} then"); r(${v()}); }; } }`;
      case "getterThrows":
        return `{ get then() { log("${l} get then"); throw "${l}"; } }`;
      case "notCallable":
        return `{ then: "${l}" }`;
    }
  }

  block(stmts: Stmt[], from: number, ind: string, inLoop: boolean): string {
    return stmts.map((s) => this.stmt(s, from, ind, inLoop)).join("");
  }

  handled(call: string, l: string, h: "then" | "catch" | "finally" | "none"): string {
    switch (h) {
      case "then":
        return `${call}.then((v) => log("${l} ok " + show(v)), (e) => log("${l} err " + show(e)))`;
      case "catch":
        return `${call}.catch((e) => log("${l} caught " + show(e)))`;
      case "finally":
        return `${call}.finally(() => log("${l} finally")).catch((e) => log("${l} caught " + show(e)))`;
      case "none":
        return call;
    }
  }

  micro(n: number, queue: boolean, l: string): string {
    if (queue) return `queueMicrotask(() => { log("${l} qm"); queueMicrotask(() => log("${l} qm2")); })`;
    let s = "Promise.resolve()";
    for (let k = 0; k < n; k++) s += `.then(() => log("${l} tick${k + 1}"))`;
    return s;
  }

  settle(i: number, reject: boolean, x: Aw, from: number, ind: string): string {
    if (this.p.pendings <= i) return `log("${this.label()} (no pending)")`;
    const l = this.label();
    return reject ? `(log("${l} reject pend${i}"), rej${i}("${l}"))` : `(log("${l} resolve pend${i}"), res${i}(${this.aw(x, from, ind)}))`;
  }

  stmt(s: Stmt, from: number, ind: string, inLoop: boolean): string {
    const l = this.label();
    switch (s.k) {
      case "log":
        return `${ind}log("${l}");\n`;
      case "await": {
        const x = this.aw(s.x, from, ind);
        if (s.form === "bare") return `${ind}log("${l} before"); await ${x}; log("${l} after");\n`;
        if (s.form === "assign") return `${ind}{ let x = "${l} unset"; x = await ${x}; log("${l} = " + show(x)); }\n`;
        return `${ind}log("${l} " + show(await ${x}));\n`;
      }
      case "await2":
        return `${ind}log("${l} " + show(await ${this.aw(s.a, from, ind)}) + " " + show(await ${this.aw(s.b, from, ind)}));\n`;
      case "throw":
        return `${ind}log("${l} throw"); throw "${l}";\n`;
      case "return": {
        const x = s.x ? (s.awaitIt ? ` await ${this.aw(s.x, from, ind)}` : ` ${this.aw(s.x, from, ind)}`) : ` "${l}"`;
        return `${ind}log("${l} return"); return${x};\n`;
      }
      case "break":
        return inLoop ? `${ind}log("${l} break"); break;\n` : `${ind}log("${l}");\n`;
      case "continue":
        return inLoop ? `${ind}log("${l} continue"); continue;\n` : `${ind}log("${l}");\n`;
      case "micro":
        return `${ind}${this.micro(s.n, s.queue, l)};\n`;
      case "settle":
        return `${ind}${this.settle(s.i, s.reject, s.x, from, ind)};\n`;
      case "spawn": {
        const c = this.call(s.j, from);
        return c ? `${ind}${this.handled(c, l, s.handle)};\n` : `${ind}log("${l}");\n`;
      }
      case "try": {
        let out = `${ind}try {\n${ind}  log("${l} try");\n${this.block(s.body, from, ind + "  ", inLoop)}${ind}}`;
        if (s.catchBody)
          out += ` catch (e) {\n${ind}  log("${l} catch " + show(e));\n${this.block(s.catchBody, from, ind + "  ", inLoop)}${ind}}`;
        if (s.finallyBody)
          out += ` finally {\n${ind}  log("${l} finally");\n${this.block(s.finallyBody, from, ind + "  ", inLoop)}${ind}}`;
        return out + "\n";
      }
      case "for":
        return `${ind}for (let i = 0; i < ${s.n}; i++) {\n${ind}  log("${l} i=" + i);\n${this.block(s.body, from, ind + "  ", true)}${ind}}\n`;
      case "while":
        return `${ind}{\n${ind}  let w = 0;\n${ind}  while (w++ < ${s.n}) {\n${ind}    log("${l} w=" + w);\n${this.block(s.body, from, ind + "    ", true)}${ind}  }\n${ind}}\n`;
      case "forOf": {
        const items = s.items.map((x) => this.aw(x, from, ind + "  ")).join(", ");
        return `${ind}for (const v of [${items}]) {\n${ind}  log("${l} of " + show(await v));\n${this.block(s.body, from, ind + "  ", true)}${ind}}\n`;
      }
    }
  }

  fn(f: Fn, i: number): string {
    const body = `  log("f${i} start");\n${this.block(f.body, i, "  ", false)}`;
    switch (f.form) {
      case "decl":
        return `async function f${i}() {\n${body}}\n`;
      case "expr":
        return `const f${i} = async function () {\n${body}};\n`;
      case "arrow":
        return `const f${i} = async () => {\n${body}};\n`;
      case "concise":
        return `const f${i} = async () => (${this.aw(f.concise, i, "")});\n`;
      case "method":
        return `const o${i} = {\n  async f${i}() {\n${indent(body)}  },\n};\n`;
      case "classMethod":
        return `class C${i} {\n  async f${i}() {\n${indent(body)}  }\n}\n`;
      case "staticMethod":
        return `class C${i} {\n  static async f${i}() {\n${indent(body)}  }\n}\n`;
    }
  }

  top(t: Top): string {
    const l = this.label("m");
    const n = this.p.fns.length;
    switch (t.k) {
      case "log":
        return `log("${l}");\n`;
      case "call":
        return `${this.handled(this.call(t.j, n)!, l, t.handle)};\n`;
      case "micro":
        return `${this.micro(t.n, t.queue, l)};\n`;
      case "settle":
        return `${this.settle(t.i, t.reject, t.x, n, "")};\n`;
      case "observe":
        return `Promise.resolve(${this.aw(t.x, n, "")}).then((v) => log("${l} ok " + show(v)), (e) => log("${l} err " + show(e)));\n`;
    }
  }

  /** The program's body: it logs with `log`, shows with `show`, and leaves nothing pending but promises. */
  body(): string {
    let out = "class MyP extends Promise {}\n";
    out += `const settledOk = Promise.resolve("ok");\nconst settledFail = Promise.reject("fail");\nsettledFail.catch(() => {});\n`;
    for (let i = 0; i < this.p.pendings; i++)
      out += `let res${i}, rej${i};\nconst pend${i} = new Promise((res, rej) => { res${i} = res; rej${i} = rej; });\n`;
    this.p.fns.forEach((f, i) => (out += this.fn(f, i)));
    out += `log("main start");\n`;
    if (this.p.ticks > 0)
      out += `{\n  let clock = Promise.resolve();\n  for (let k = 1; k <= ${this.p.ticks}; k++) clock = clock.then(() => log("tick " + k));\n}\n`;
    const root: Top = { k: "call", j: this.p.fns.length - 1, handle: "then" };
    const main = [...this.p.main];
    main.splice(Math.min(this.p.rootAt, main.length), 0, root);
    for (const t of main) out += this.top(t);
    out += `log("main end");\n`;
    return out;
  }
}

function indent(s: string): string {
  return s.replace(/^(?=.)/gm, "  ");
}

function render(p: Program): string {
  return new Renderer(p).body();
}

/** A program as a standalone module (what a fixture's input.js holds). */
function standalone(body: string): string {
  return [
    "const out = [];",
    "const log = (x) => out.push(x);",
    SHOW,
    `process.on("unhandledRejection", (r) => log("unhandled " + show(r)));`,
    `process.on("rejectionHandled", () => log("rejection handled late"));`,
    body.trimEnd(),
    `setTimeout(() => console.log(out.join("\\n")), 0);`,
    "",
  ].join("\n");
}

/** Many programs in one module, each run after the previous one's final timer; prints JSON logs. */
function batchModule(bodies: string[]): string {
  const progs = bodies.map((b) => `  function (log) {\n${indent(indent(b))}  },\n`).join("");
  return `${SHOW}
let current = [];
process.on("unhandledRejection", (r) => current.push("unhandled " + show(r)));
process.on("rejectionHandled", () => current.push("rejection handled late"));
process.on("uncaughtException", (e) => current.push("uncaught " + show(e)));
const programs = [
${progs}];
const results = [];
function next(k) {
  if (k === programs.length) {
    process.stdout.write(JSON.stringify(results));
    return;
  }
  const out = (current = []);
  try {
    programs[k]((x) => out.push(x));
  } catch (e) {
    out.push("sync throw " + show(e));
  }
  setTimeout(() => {
    results.push(out);
    next(k + 1);
  }, 0);
}
next(0);
`;
}

// ---------------------------------------------------------------------------------------------
// Running

type Outcome = { ok: true; logs: string[] } | { ok: false; error: string };
interface Result {
  native: Outcome;
  compiled: Outcome;
}

function runModule(code: string): { logs?: string[][]; error?: string } {
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${createHash("sha1").update(code).digest("hex")}.mjs`);
  writeFileSync(file, code);
  const res = spawnSync(process.execPath, [file], { encoding: "utf8", timeout: 20_000, cwd: root });
  if (res.status !== 0 || res.error) return { error: `exit ${res.status} ${res.error ?? ""}\n${res.stderr}` };
  try {
    return { logs: JSON.parse(res.stdout) as string[][] };
  } catch {
    return { error: `unparsable output:\n${res.stdout}\n${res.stderr}` };
  }
}

function runMode(bodies: string[], compile: boolean): Outcome[] {
  let code = batchModule(bodies);
  if (compile) {
    try {
      code = transform(code, { filename: "gen.js", mode: "promise" }).code;
    } catch (error) {
      if (bodies.length > 1) return bisect(bodies, compile);
      return [{ ok: false, error: `compile error: ${error instanceof Error ? error.message : String(error)}` }];
    }
  }
  const r = runModule(code);
  if (r.logs && r.logs.length === bodies.length) return r.logs.map((logs) => ({ ok: true, logs }));
  // One program broke the batch (a crash or a hang): run them one by one to pin it down.
  if (bodies.length > 1) return bisect(bodies, compile);
  return [{ ok: false, error: r.error ?? "no result" }];
}

function bisect(bodies: string[], compile: boolean): Outcome[] {
  const half = Math.ceil(bodies.length / 2);
  return [...runMode(bodies.slice(0, half), compile), ...runMode(bodies.slice(half), compile)];
}

const results = new Map<string, Result>();

/** Runs programs (bodies) not run yet, in batches, natively and compiled. */
function runAll(bodies: string[]): void {
  const todo = [...new Set(bodies.filter((b) => !results.has(b)))];
  for (let k = 0; k < todo.length; k += BATCH) {
    const chunk = todo.slice(k, k + BATCH);
    const native = runMode(chunk, false);
    const compiled = runMode(chunk, true);
    chunk.forEach((b, idx) => results.set(b, { native: native[idx]!, compiled: compiled[idx]! }));
  }
}

function agree(r: Result): boolean {
  return r.native.ok && r.compiled.ok && JSON.stringify(r.native.logs) === JSON.stringify(r.compiled.logs);
}

function describeOutcome(o: Outcome): string {
  return o.ok ? o.logs.join("\n") : o.error;
}

function report(body: string, r: Result): string {
  const n = r.native.ok ? r.native.logs : [];
  const c = r.compiled.ok ? r.compiled.logs : [];
  let first = 0;
  while (first < n.length && n[first] === c[first]) first++;
  return [
    "promise mode differs from native Node for this program:",
    standalone(body),
    `--- native ---\n${describeOutcome(r.native)}`,
    `--- compiled (mode: "promise") ---\n${describeOutcome(r.compiled)}`,
    `--- first difference at line ${first + 1}: native ${JSON.stringify(n[first])}, compiled ${JSON.stringify(c[first])}`,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------

describe("generated programs in promise mode", () => {
  it(`print what native Node prints (${RUNS} programs, seed ${SEED})`, () => {
    // Run every program the property will see in batches first; the property then only looks the
    // results up, and runs programs one by one only while shrinking a counterexample.
    const bodies = fc.sample(programArb, { seed: SEED, numRuns: RUNS }).map(render);
    runAll(bodies);
    let nativeFailures = 0;
    let misses = 0;
    fc.assert(
      fc.property(programArb, (p) => {
        const body = render(p);
        if (!results.has(body)) misses++;
        runAll([body]);
        const r = results.get(body)!;
        if (!r.native.ok) {
          // Not a valid test case (the generator's fault); counted below, never hidden.
          nativeFailures++;
          throw new Error(`the generated program fails natively:\n${standalone(body)}\n${r.native.error}`);
        }
        if (!agree(r)) throw new Error(report(body, r));
      }),
      {
        seed: SEED,
        numRuns: RUNS,
        endOnFailure: process.env.CORO_FC_SHRINK === "0",
        interruptAfterTimeLimit: TIMEOUT - 30_000,
      },
    );
    expect(nativeFailures).toBe(0);
    // Every program was run in a batch (the sample and the property see the same programs).
    expect(misses).toBe(0);
  }, TIMEOUT);

  it("the generator covers what it promises", () => {
    const text = fc.sample(programArb, { seed: SEED, numRuns: RUNS }).map(render).join("\n");
    for (const construct of [
      "async function f", "const f0 = async function", "= async () => {", "= async () => (", "(async () => (", "async f", "static async f",
      "new C", "await ", "return await ", "return Promise", "return ({", "Promise.resolve(\"", "Promise.reject(", "settledOk",
      "settledFail", "pend0", "res0(", "rej0(", "MyP.resolve(", "({ then(r) {", "queueMicrotask(() => { log(",
      "Promise.resolve().then(() => { log(", "throw \"", "get then()", "{ then: ", "Promise.all([", "Promise.race([",
      "Promise.allSettled([", "Promise.any([", "(async () => {", "(async () => ", "try {", "catch (e)", "finally {",
      "for (let i", "while (w++", "for (const v of", "break;", "continue;", ".then((x) => {", "new Promise((res, rej) =>",
      ".finally(", ".catch(", "tick2", "clock.then(",
    ])
      expect(text.includes(construct), construct).toBe(true);
  });
});
