// Renders a promise-mode program (./promise-model.ts) to source: every step logs to an array, so the
// log is the program's microtask order. `standalone` makes a runnable module of one program (what a
// fixture's input.js holds); `batchModule` runs many programs one after another in one process.
import type { Aw, Fn, Lit, Program, Stmt, ThenableMode, Top } from "./promise-model.js";


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

export function render(p: Program): string {
  return new Renderer(p).body();
}

/** A program as a standalone module (what a fixture's input.js holds). */
export function standalone(body: string): string {
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
export function batchModule(bodies: string[]): string {
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
