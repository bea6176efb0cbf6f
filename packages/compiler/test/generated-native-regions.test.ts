// Generated programs for one corner of the state-machine design: statements that never suspend are
// kept native inside a suspending function, and their exits (`return`, `break`, `continue`) become
// state transfers. When such an exit leaves a native `try…finally` or `for…of`, the finally block
// (or the iterator's `return()`) runs first and may throw, return or jump itself — and the handler
// that catches a throw there is chosen by the state. The long fuzz run found one such bug (seed
// 20289054, fixtures/try-finally/throw-from-inner-finally-in-catch-runs-outer-finally) once in
// 78,000 programs; this generator makes the corner the whole program.
//
// Each program is one body of synchronous statements — nested try/catch/finally, labelled blocks,
// loops, for…of over iterators whose close logs and may throw, throws, returns and breaks and
// continues to labels inside and outside it, returned values whose evaluation throws — placed after a suspension inside a try/catch/finally
// inside a loop, so that every exit is a state transfer out of a try region. It runs as an async
// function in both modes and as a generator, compiled and natively; all must log the same.
//
//   CORO_FC_SEED=<n> CORO_FC_RUNS=<n> npx vitest run packages/compiler/test/generated-native-regions.test.ts
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { transform } from "../src/index.js";
import { root } from "./load.js";

const SEED = Number(process.env.CORO_FC_SEED ?? 20261202);
const RUNS = Number(process.env.CORO_FC_RUNS ?? 300);

type S =
  | { k: "log" }
  | { k: "throw" }
  | { k: "return" }
  | { k: "jump"; kind: "break" | "continue"; target: number }
  | { k: "if"; body: S[] }
  | { k: "try"; body: S[]; handler?: S[]; finalizer?: S[] }
  | { k: "forOf"; n: number; closeThrows: boolean; body: S[] }
  | { k: "for"; body: S[] }
  | { k: "block"; body: S[] };

const memo = new Map<number, fc.Arbitrary<S>>();
function stmt(d: number): fc.Arbitrary<S> {
  const known = memo.get(d);
  if (known) return known;
  const block = (max: number): fc.Arbitrary<S[]> => fc.array(stmt(d - 1), { maxLength: max });
  const leaves: fc.WeightedArbitrary<S>[] = [
    { weight: 3, arbitrary: fc.constant({ k: "log" as const }) },
    { weight: 2, arbitrary: fc.constant({ k: "throw" as const }) },
    { weight: 2, arbitrary: fc.constant({ k: "return" as const }) },
    {
      weight: 4,
      // The target: an index into the enclosing labels (resolved when rendering, outermost first).
      arbitrary: fc.record({ k: fc.constant("jump" as const), kind: fc.constantFrom<"break" | "continue">("break", "continue"), target: fc.nat(5) }),
    },
  ];
  const compound: fc.WeightedArbitrary<S>[] =
    d > 0
      ? [
          { weight: 2, arbitrary: fc.record({ k: fc.constant("if" as const), body: block(2) }) },
          {
            weight: 5,
            arbitrary: fc
              .record({ k: fc.constant("try" as const), body: block(3), handler: block(2), finalizer: block(2) }, { requiredKeys: ["k", "body"] })
              .map((s) => (s.handler || s.finalizer ? s : { ...s, finalizer: [] })),
          },
          {
            weight: 3,
            arbitrary: fc.record({ k: fc.constant("forOf" as const), n: fc.nat(2), closeThrows: fc.boolean(), body: block(3) }),
          },
          { weight: 1, arbitrary: fc.record({ k: fc.constant("for" as const), body: block(2) }) },
          { weight: 1, arbitrary: fc.record({ k: fc.constant("block" as const), body: block(2) }) },
        ]
      : [];
  const arb = fc.oneof(...leaves, ...compound);
  memo.set(d, arb);
  return arb;
}

/** `finally`: whether try regions with a finally block enclose the body (exits then pass through it). */
const programArb = fc.record({ body: fc.array(stmt(3), { minLength: 1, maxLength: 4 }), finally: fc.boolean() });
type Program = typeof programArb extends fc.Arbitrary<infer P> ? P : never;

/** A label the body may name: `loop` labels accept `continue`. */
interface Target {
  name: string;
  loop: boolean;
}

/**
 * The function around the body: the outer loop (label `L0`) and its try region exist in the
 * state machine; `SUSPEND` is `await null` or `yield "y"`.
 */
function render({ body, finally: withFinally }: Program): (suspend: string) => string {
  let n = 0;
  const lines = (ss: S[], targets: Target[], ind: string): string => ss.map((s) => one(s, targets, ind)).join("");
  const one = (s: S, targets: Target[], ind: string): string => {
    const k = ++n;
    switch (s.k) {
      case "log":
        return `${ind}log("s${k}");\n`;
      case "throw":
        return `${ind}if (c++ % 3 !== 1) throw "t${k}";\n`;
      case "return":
        // Evaluating the returned value may throw too (before the function is done).
        return `${ind}if (c++ % 3 !== 1) return c % 4 === 0 ? boom("rv${k}") : "r${k}";\n`;
      case "jump": {
        const usable = s.kind === "break" ? targets : targets.filter((t) => t.loop);
        const target = usable[s.target % usable.length]!;
        return `${ind}if (c++ % 3 !== 1) ${s.kind} ${target.name};\n`;
      }
      case "if":
        return `${ind}if (c++ % 2) {\n${lines(s.body, targets, ind + "  ")}${ind}}\n`;
      case "try": {
        let out = `${ind}try {\n${ind}  log("try${k}");\n${lines(s.body, targets, ind + "  ")}${ind}}`;
        if (s.handler) out += ` catch (e) {\n${ind}  log("catch${k} " + e);\n${lines(s.handler, targets, ind + "  ")}${ind}}`;
        if (s.finalizer) out += ` finally {\n${ind}  log("finally${k}");\n${lines(s.finalizer, targets, ind + "  ")}${ind}}`;
        return out + "\n";
      }
      case "forOf": {
        const inner = [...targets, { name: `L${k}`, loop: true }];
        return `${ind}L${k}: for (const v of iter(${k}, ${s.n + 1}, ${s.closeThrows})) {\n${ind}  log("of${k} " + v);\n${lines(s.body, inner, ind + "  ")}${ind}}\n`;
      }
      case "for": {
        const inner = [...targets, { name: `L${k}`, loop: true }];
        return `${ind}L${k}: for (let i = 0; i < 2; i++) {\n${ind}  log("for${k} " + i);\n${lines(s.body, inner, ind + "  ")}${ind}}\n`;
      }
      case "block": {
        const inner = [...targets, { name: `L${k}`, loop: false }];
        return `${ind}L${k}: {\n${lines(s.body, inner, ind + "  ")}${ind}}\n`;
      }
    }
  };
  const text = lines(body, [{ name: "L0", loop: true }], "        ");
  const fin = withFinally ? ` finally {\n        log("finally o" + o);\n      }` : "";
  return (suspend) => `  let c = 0;
  L0: for (let o = 0; o < 2; o++) {
    try {
      try {
        ${suspend};
        log("o" + o);
${text}        log("end" + o);
      } catch (e) {
        log("caught " + e);
      }${fin}
    } catch (e) {
      log("outer caught " + e);
    }
  }
  return "done";
`;
}

const PRELUDE = `function boom(x) {
  throw x;
}
function iter(k, n, closeThrows) {
  let i = 0;
  return {
    [Symbol.iterator]() { return this; },
    next() { return i < n ? { value: i++, done: false } : { value: undefined, done: true }; },
    return() { log("close" + k); if (closeThrows) throw "close" + k; return {}; },
  };
}
let out = [];
const log = (x) => out.push(x);
`;

/** One module running every program of a batch as `kind`; prints the logs as JSON. */
function batchModule(bodies: string[][], kind: "async" | "generator"): string {
  const fns = bodies
    .map((b, i) => (kind === "async" ? `async function p${i}() {\n${b[0]}}\n` : `function* p${i}() {\n${b[1]}}\n`))
    .join("");
  const call =
    kind === "async"
      ? `try { log("result " + (await p())); } catch (e) { log("threw " + e); }`
      : `try { log("result " + JSON.stringify([...p()])); } catch (e) { log("threw " + e); }`;
  return `${PRELUDE}${fns}
async function main() {
  const all = [];
  for (const p of [${bodies.map((_, i) => `p${i}`).join(", ")}]) {
    out = [];
    ${call}
    all.push(out);
  }
  return all;
}
console.log(JSON.stringify(await main()));
`;
}

const cache = join(root, "node_modules", ".cache", "coro-generated-native-regions");

function runModule(code: string): string[][] {
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${createHash("sha1").update(code).digest("hex")}.mjs`);
  writeFileSync(file, code);
  const res = spawnSync(process.execPath, [file], { encoding: "utf8", timeout: 60_000, cwd: root });
  if (res.status !== 0) throw new Error(`exit ${res.status}\n${res.stderr}`);
  return JSON.parse(res.stdout) as string[][];
}

describe("native statements inside try regions (generated)", () => {
  const programs = fc.sample(programArb, { seed: SEED, numRuns: RUNS });
  const texts = programs.map((p) => {
    const r = render(p);
    return [r("await null"), r('yield "y"')];
  });

  for (const kind of ["async", "generator"] as const) {
    it(`${kind === "async" ? "async functions" : "generators"}: compiled in both modes, ${RUNS} programs (seed ${SEED}) log what native Node logs`, () => {
      const source = batchModule(texts, kind);
      const native = runModule(source);
      expect(native).toHaveLength(RUNS);
      for (const mode of ["promise", "coroutine"] as const) {
        const compiled = runModule(transform(source, { filename: "native-regions.js", mode }).code);
        for (let i = 0; i < RUNS; i++) {
          if (JSON.stringify(compiled[i]) !== JSON.stringify(native[i])) {
            const body = texts[i]![kind === "async" ? 0 : 1];
            expect.fail(`${mode} mode differs from native Node (program ${i}):\n${body}\n--- native ---\n${native[i]!.join("\n")}\n--- compiled ---\n${compiled[i]!.join("\n")}`);
          }
        }
      }
    }, 120_000);
  }

  it("the generator covers what it promises", () => {
    const all = texts.map((t) => t[0]).join("\n");
    for (const construct of ["} finally {", "} catch (e) {", "for (const v of iter(", ", true))", "break L0;", "continue L0;", "return c % 4 === 0 ? boom(", "throw \"t"]) {
      expect(all.includes(construct), construct).toBe(true);
    }
    // Bodies inside a try region with a finally block, and inside one without.
    expect(texts.some((t) => t[0].includes('log("finally o"'))).toBe(true);
    expect(texts.some((t) => !t[0].includes('log("finally o"'))).toBe(true);
    // Exits to labels inside the body too (resolved natively), not only to the outer loop.
    expect(/(break|continue) L[1-9]/.test(all)).toBe(true);
  });
});
