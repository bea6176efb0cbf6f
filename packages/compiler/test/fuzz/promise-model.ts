// The program model of the promise-mode generator (issue 4, item 4; SPEC §3) and its fast-check
// arbitraries: async functions of every form that call and await each other, awaiting plain values,
// native promises, a Promise subclass, thenables of every behaviour, other async calls and IIFEs,
// Promise combinators; with try/catch/finally, loops with break/continue, microtask chains and
// pending promises settled from elsewhere. Rendered to source by ./promise-render.ts. Shared by
// test/generated-promise.test.ts and scripts/fuzz.mjs.
import fc from "fast-check";

export type Lit = "str" | "num" | "undef";
export type ThenableMode =
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

export type Aw =
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

export type Stmt =
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

export type FnForm = "decl" | "expr" | "arrow" | "concise" | "method" | "classMethod" | "staticMethod";
export interface Fn {
  form: FnForm;
  body: Stmt[];
  /** The body of a concise arrow: `async () => x`. */
  concise: Aw;
}

export type Top =
  | { k: "log" }
  | { k: "call"; j: number; handle: "then" | "catch" | "finally" | "none" }
  | { k: "micro"; n: number; queue: boolean }
  | { k: "settle"; i: number; reject: boolean; x: Aw }
  | { k: "observe"; x: Aw };

export interface Program {
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

export const programArb: fc.Arbitrary<Program> = fc.record({
  fns: fc.array(fnArb, { minLength: 1, maxLength: 3 }),
  pendings: fc.nat({ max: 2 }),
  main: fc.array(topArb, { minLength: 1, maxLength: 6 }),
  ticks: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 0, max: 14 }) }, { weight: 5, arbitrary: fc.integer({ min: 15, max: 40 }) }),
  rootAt: fc.nat({ max: 6 }),
});

