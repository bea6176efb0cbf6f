/**
 * Random small async programs for the generated differential test, decoded from a "choice tape"
 * (an array of numbers fast-check generates and shrinks): each decision reads the next number, and
 * 0 — also what an exhausted tape reads — always picks the simplest option, so shrinking the tape
 * (shorter, smaller numbers) shrinks the program.
 *
 * Every program terminates: loops count to at most 3, `fN` only calls `fM` with M > N, nested
 * functions call only what their definer could, and `log` throws once the trace is long. It logs what it does to
 * an exported `trace` (taps in operands show evaluation order; closures pushed to `CL` are called
 * at the end, showing which binding each captured).
 */

export interface Program {
  /** The program's functions and helpers; `f0(1)` is the entry point. */
  source: string;
  /** False if the program relies on coroutine-only semantics (calling an async function runs nothing). */
  native: boolean;
}

/** Helpers every program has (plain functions: the compilers leave them alone). */
const PRELUDE = `export const trace = [];
const CL = [];
function show(v) {
  if (Array.isArray(v)) return "[" + v.map(show).join(",") + "]";
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}
function log(...xs) {
  // A runaway program (a miscompiled loop) stops here rather than hanging the test.
  if (trace.length >= 3000) throw new Error("runaway");
  trace.push(xs.map(show).join(" "));
}
function t(k, v) { log("t" + k, v); return v; }
function desc(e) { return e instanceof Error ? e.constructor.name + ":" + e.message : "value:" + show(e); }
function* iter(k, n, closeThrows) {
  try { for (let i = 0; i < n; i++) { log("iter", k, i); yield i * 10 + k; } }
  finally { log("iter-close", k); if (closeThrows) throw new Error("close" + k); }
}
function thenable(v) { return { then(resolve) { resolve(v); } }; }
function rejected(m) { return Promise.reject(new Error(m)); }
const O = { k: 100, m(v) { return this.k + v; } };
`;

/** How each variant starts `f0(1)` and finishes the trace; `start` is what drives the entry. */
export function harness(start: (call: string) => string): string {
  return `export function go() {
  return ${start("f0(1)")}
    .then((v) => log("result", v), (e) => log("threw", desc(e)))
    .then(() => { log("closures", CL.map((f) => f())); return trace; });
}
`;
}

class Tape {
  private i = 0;
  constructor(private readonly xs: readonly number[]) {}
  /** A choice in [0, n): 0 when the tape is exhausted. */
  pick(n: number): number {
    const x = this.i < this.xs.length ? this.xs[this.i]! : 0;
    this.i++;
    return n <= 1 ? 0 : x % n;
  }
  /** Says yes with about `pct`% chance; no when the tape is exhausted. */
  maybe(pct: number): boolean {
    return this.pick(100) >= 100 - pct;
  }
}

interface Jump {
  label: string | null;
  loop: boolean;
  /** A switch or loop: what an unlabelled `break` targets. */
  breakable: boolean;
}

interface Ctx {
  /** Index of the enclosing top-level function: it may call fM for M > fn. */
  fn: number;
  vars: string[];
  jumps: Jump[];
  /** Inside a try (or catch) block whose statement has a finally. */
  finallyPending: boolean;
  /** Nesting depth of statements. */
  depth: number;
  /** Inside a nested async function (no further nesting). */
  nested: boolean;
  /** In a parameter default: no `await` allowed. */
  noAwait?: boolean;
}

const MAX_STMT_DEPTH = 3;
const MAX_EXPR_DEPTH = 3;

class Builder {
  private k = 0;
  native = true;
  constructor(
    private readonly tape: Tape,
    private readonly nFns: number,
  ) {}

  private id(): number {
    return ++this.k;
  }

  program(): Program {
    const fns: string[] = [];
    for (let i = this.nFns - 1; i >= 0; i--) fns.unshift(this.fn(i));
    return { source: PRELUDE + fns.join("\n"), native: this.native };
  }

  private fn(i: number): string {
    const withDefault = this.tape.maybe(25);
    const ctx: Ctx = { fn: i, vars: withDefault ? ["a", "b"] : ["a"], jumps: [], finallyPending: false, depth: 0, nested: false };
    const params = withDefault ? `a, b = ${this.expr({ ...ctx, vars: ["a"], noAwait: true }, 1)}` : "a";
    const body = this.stmts(ctx, 1 + this.tape.pick(5));
    return `async function f${i}(${params}) {\n  log("enter f${i}", a);\n${body}  return ${this.expr(ctx, 2)};\n}\n`;
  }

  private stmts(ctx: Ctx, n: number): string {
    const scope: Ctx = { ...ctx, vars: [...ctx.vars] };
    let out = "";
    for (let i = 0; i < n; i++) out += this.stmt(scope);
    return indent(out);
  }

  private block(ctx: Ctx, extra: Partial<Ctx> = {}): string {
    const inner: Ctx = { ...ctx, ...extra, depth: ctx.depth + 1 };
    return `{\n${this.stmts(inner, this.tape.pick(4))}}`;
  }

  /** One statement; may add a `let` to ctx.vars for the statements after it. */
  private stmt(ctx: Ctx): string {
    const deep = ctx.depth >= MAX_STMT_DEPTH;
    const kinds = deep ? 4 : 21;
    const k = this.id();
    switch (this.tape.pick(kinds)) {
      case 0:
        return `log("s${k}", ${this.expr(ctx, MAX_EXPR_DEPTH)});\n`;
      case 1: {
        const s = `let v${k} = ${this.expr(ctx, MAX_EXPR_DEPTH)};\n`;
        ctx.vars.push(`v${k}`);
        return s;
      }
      case 2: {
        const v = this.choose(ctx.vars);
        const op = ["=", "+=", "-=", "??=", "||=", "&&="][this.tape.pick(6)];
        return `${v} ${op} ${this.expr(ctx, MAX_EXPR_DEPTH)};\n`;
      }
      case 3:
        return this.jumpOrReturn(ctx, k);
      case 4:
        return `if (${this.expr(ctx, 2)}) ${this.block(ctx)}${this.tape.maybe(50) ? ` else ${this.block(ctx)}` : ""}\n`;
      case 5:
        return this.forLoop(ctx, k);
      case 6: {
        const label = this.label(k);
        const body = this.block(ctx, { jumps: [...ctx.jumps, { label, loop: true, breakable: true }] });
        return `{\n  let w${k} = 0;\n  ${label ? label + ": " : ""}while (w${k}++ < ${1 + this.tape.pick(3)} && ${this.expr(ctx, 1)}) ${indentTail(body)}\n}\n`;
      }
      case 7: {
        const label = this.label(k);
        const body = this.block(ctx, { jumps: [...ctx.jumps, { label, loop: true, breakable: true }] });
        return `{\n  let d${k} = 0;\n  ${label ? label + ": " : ""}do ${indentTail(body)} while (++d${k} < ${1 + this.tape.pick(3)});\n}\n`;
      }
      case 8: {
        const label = this.label(k);
        // An array, or iter() — whose close (a finally, run by the loop's exit) may throw.
        const shape = this.tape.pick(4);
        const overIter = shape >= 2;
        const closeThrows = shape === 3 ? ", true" : "";
        const source = overIter ? `iter(${k}, ${1 + this.tape.pick(3)}${closeThrows})` : `[${this.expr(ctx, 1)}, ${this.expr(ctx, 1)}]`;
        // Leaving a loop over iter() closes it, which (like a finally) runs before an adopted return.
        const body = this.block(ctx, {
          vars: [...ctx.vars, `x${k}`],
          jumps: [...ctx.jumps, { label, loop: true, breakable: true }],
          finallyPending: ctx.finallyPending || overIter,
        });
        const capture = this.tape.maybe(40) ? `CL.push(() => x${k});\n` : "";
        return `${label ? label + ": " : ""}for (let x${k} of ${source}) {\n${indent(capture)}${indent(body)}\n}\n`;
      }
      case 9:
        return this.tryStmt(ctx, k);
      case 10:
        return this.tryStmt(ctx, k);
      case 11:
        return this.tape.maybe(50) ? `throw new Error("e${k}");\n` : `throw ${this.expr(ctx, 1)};\n`;
      case 12:
        return this.switchStmt(ctx, k);
      case 13: {
        const label = `L${k}`;
        return `${label}: ${this.block(ctx, { jumps: [...ctx.jumps, { label, loop: false, breakable: false }] })}\n`;
      }
      case 14:
        return this.nestedFunction(ctx, k);
      case 15: {
        const label = this.label(k);
        const body = this.block(ctx, { vars: [...ctx.vars, `p${k}`], jumps: [...ctx.jumps, { label, loop: true, breakable: true }] });
        return `${label ? label + ": " : ""}for (let p${k} in { a: ${this.expr(ctx, 1)}, b: 2 }) ${body}\n`;
      }
      case 16: {
        // A closure over whatever is in scope now (called at the end of the program).
        return `CL.push(() => ${this.choose(ctx.vars)});\n`;
      }
      case 17: {
        const s = `var u${k} = ${this.expr(ctx, 2)};\n`;
        ctx.vars.push(`u${k}`);
        return s;
      }
      case 18: {
        // A let declared in a body that suspends, captured after the suspension.
        const s = `let c${k} = ${this.expr(ctx, 1)};\nlog("c${k}", await ${this.awaitable(ctx, 1)});\nCL.push(() => c${k});\n`;
        ctx.vars.push(`c${k}`);
        return s;
      }
      case 19:
        return this.destructuring(ctx, k);
      default:
        return this.jumpOrReturn(ctx, k);
    }
  }

  /** A destructuring declaration (awaits in the initialiser and in defaults) or assignment. */
  private destructuring(ctx: Ctx, k: number): string {
    if (this.tape.maybe(40)) {
      const [a, b] = [this.choose(ctx.vars), this.choose(ctx.vars)];
      return `[${a}, { p: ${b} = ${this.expr(ctx, 1)} } = {}] = [${this.expr(ctx, 2)}, ${this.tape.maybe(50) ? `{ p: ${this.expr(ctx, 1)} }` : "undefined"}];\n`;
    }
    const names = [`d${k}`, `e${k}`, `r${k}`];
    const s = `let [d${k}, { q: e${k} = ${this.expr(ctx, 2)} } = {}, ...r${k}] = [${this.expr(ctx, 2)}, (await ${this.awaitable(ctx, 1)}) ? { q: ${this.expr(ctx, 1)} } : {}, ${this.expr(ctx, 1)}];\n`;
    ctx.vars.push(...names);
    return s;
  }

  private label(k: number): string | null {
    return this.tape.maybe(40) ? `L${k}` : null;
  }

  private forLoop(ctx: Ctx, k: number): string {
    const label = this.label(k);
    const i = `i${k}`;
    const capture = this.tape.maybe(50) ? `CL.push(() => ${i} + ":" + ${this.choose(ctx.vars)});\n` : "";
    const body = this.block(ctx, { vars: [...ctx.vars], jumps: [...ctx.jumps, { label, loop: true, breakable: true }] });
    // The loop variable is read but never assigned by the body, so the bound always holds.
    const bodyWithI = body.replace(/^\{\n/, `{\n  log("${i}", ${i});\n${indent(capture)}`);
    const test = this.tape.maybe(30) ? ` && ${this.expr(ctx, 2)}` : "";
    const update = this.tape.maybe(30) ? `, ${this.expr(ctx, 1)}` : "";
    return `${label ? label + ": " : ""}for (let ${i} = 0; ${i} < ${1 + this.tape.pick(3)}${test}; ${i}++${update}) ${bodyWithI}\n`;
  }

  private jumpOrReturn(ctx: Ctx, k: number): string {
    const options: string[] = [];
    const innermost = ctx.jumps[ctx.jumps.length - 1];
    if (ctx.jumps.some((j) => j.breakable)) options.push("break;\n");
    if (ctx.jumps.some((j) => j.loop)) options.push("continue;\n");
    for (const j of ctx.jumps) {
      if (j.label === null) continue;
      options.push(`break ${j.label};\n`);
      if (j.loop) options.push(`continue ${j.label};\n`);
    }
    void innermost;
    const ret = this.returnStmt(ctx, k);
    if (options.length === 0 || this.tape.maybe(30)) return ret;
    const jump = options[this.tape.pick(options.length)]!;
    return this.tape.maybe(70) ? `if (${this.expr(ctx, 1)}) ${jump}` : jump;
  }

  private returnStmt(ctx: Ctx, k: number): string {
    if (!ctx.nested && ctx.fn + 1 < this.nFns && this.tape.maybe(25)) {
      // `return fM(…)` without await: the caller adopts the coroutine. Natively the callee runs at
      // the call, before any finally of the caller; in coroutine mode it runs when adopted.
      if (ctx.finallyPending) this.native = false;
      return `return ${this.call(ctx, 1)};\n`;
    }
    void k;
    return `return ${this.expr(ctx, 2)};\n`;
  }

  private tryStmt(ctx: Ctx, k: number): string {
    const shape = this.tape.pick(3); // 0: catch, 1: finally, 2: both
    const hasCatch = shape !== 1;
    const hasFinally = shape !== 0;
    const pending = ctx.finallyPending || hasFinally;
    let s = `try ${this.block(ctx, { finallyPending: pending })}`;
    if (hasCatch) {
      const binding = this.tape.pick(3);
      const head = binding === 0 ? `(e${k})` : binding === 1 ? "" : `({ message: m${k} })`;
      const shown = binding === 0 ? `log("caught", desc(e${k}));\n` : binding === 1 ? `log("caught ${k}");\n` : `log("caught", m${k});\n`;
      const body = this.block(ctx, { finallyPending: pending });
      s += ` catch ${head}${head ? " " : ""}${body.replace(/^\{\n/, `{\n${indent(shown)}`)}`;
    }
    if (hasFinally) {
      const body = this.block(ctx);
      s += ` finally ${body.replace(/^\{\n/, `{\n  log("finally ${k}");\n`)}`;
    }
    return s + "\n";
  }

  private switchStmt(ctx: Ctx, k: number): string {
    const inner: Ctx = { ...ctx, depth: ctx.depth + 1, jumps: [...ctx.jumps, { label: null, loop: false, breakable: true }] };
    let s = `switch (${this.expr(ctx, 2)}) {\n`;
    const n = 1 + this.tape.pick(3);
    const defaultAt = this.tape.pick(n + 1);
    for (let c = 0; c < n; c++) {
      if (c === defaultAt) s += `  default: {\n${indent(indent(this.stmts(inner, this.tape.pick(3))))}  }\n`;
      const test = this.tape.maybe(30) ? this.expr(ctx, 2) : String(c);
      const brk = this.tape.maybe(50) ? "    break;\n" : "";
      s += `  case ${test}: {\n  log("case ${k}", ${c});\n${indent(indent(this.stmts(inner, this.tape.pick(3))))}  }\n${brk}`;
    }
    return s + "}\n";
  }

  /** A nested async function over the current locals, awaited right away (maybe twice). */
  private nestedFunction(ctx: Ctx, k: number): string {
    if (ctx.nested) return `log("s${k}", ${this.expr(ctx, 2)});\n`;
    const name = `g${k}`;
    const inner: Ctx = { fn: ctx.fn, vars: [...ctx.vars, "x"], jumps: [], finallyPending: false, depth: ctx.depth + 1, nested: true };
    const body = this.stmts(inner, 1 + this.tape.pick(3));
    const ret = `  return ${this.expr(inner, 2)};\n`;
    const decl = this.tape.maybe(50)
      ? `async function ${name}(x) {\n${body}${ret}}\n`
      : `const ${name} = async (x) => {\n  log("${name} args", arguments.length);\n${body}${ret}};\n`;
    const calls = 1 + this.tape.pick(2);
    let s = decl;
    for (let c = 0; c < calls; c++) s += `log("${name}", await ${name}(${this.expr(ctx, 1)}));\n`;
    return s;
  }

  private choose(vars: string[]): string {
    return vars[this.tape.pick(vars.length)]!;
  }

  private call(ctx: Ctx, d: number): string {
    const target = ctx.fn + 1 + this.tape.pick(this.nFns - ctx.fn - 1);
    return `f${target}(${this.expr(ctx, d)})`;
  }

  private expr(ctx: Ctx, d: number): string {
    if (d <= 0) return this.leaf(ctx);
    const e = (): string => this.expr(ctx, d - 1);
    switch (this.tape.pick(19)) {
      case 0:
        return this.leaf(ctx);
      case 1:
      case 2:
        if (ctx.noAwait) return `t(${this.id()}, ${e()})`;
        return `(await ${this.awaitable(ctx, d)})`;
      case 3:
        return `(${e()} ${["+", "-", "*", "<", "===", "%"][this.tape.pick(6)]} ${e()})`;
      case 4:
        return `(${e()} ${["&&", "||", "??"][this.tape.pick(3)]} ${e()})`;
      case 5:
        return `(${e()} ? ${e()} : ${e()})`;
      case 6:
        return `\`${"${"}${e()}}:${"${"}${e()}}\``;
      case 7:
        return `t(${this.id()}, ${e()})`;
      case 8: {
        const v = this.choose(ctx.vars);
        const op = ["=", "+=", "*=", "??=", "||=", "&&="][this.tape.pick(6)];
        return `(${v} ${op} ${e()})`;
      }
      case 9:
        return `O.m(${e()})`;
      case 10:
        return `[${e()}, ...[${e()}]].join("/")`;
      case 11:
        return `({ p: ${e()}, [${e()}]: 1, q: ${e()} }).q`;
      case 12:
        return `(${e()}, ${e()})`;
      case 13:
        return `${["typeof ", "!", "-", "void "][this.tape.pick(4)]}(${e()})`;
      case 14: {
        const v = this.choose(ctx.vars);
        return ["", `${v}++`, `++${v}`, `${v}--`][1 + this.tape.pick(3)]!;
      }
      case 15:
        if (ctx.noAwait) return `[${e()}, ${e()}][${e()} ? 1 : 0]`;
        return `[${e()}, ${e()}][(await ${this.awaitable(ctx, d)}) ? 1 : 0]`;
      case 16:
        return `O?.["m"]?.(${ctx.noAwait ? e() : `await ${this.awaitable(ctx, d)}`})`;
      case 17: {
        const [a, b] = [this.choose(ctx.vars), this.choose(ctx.vars)];
        return `([${a}, ${b}] = [${e()}, ${e()}]).length`;
      }
      default:
        if (ctx.noAwait) return `(${e()} ?? ${e()})`;
        return `(${e()} ${["&&", "||"][this.tape.pick(2)]} (await ${this.awaitable(ctx, d)}))`;
    }
  }

  private leaf(ctx: Ctx): string {
    switch (this.tape.pick(3)) {
      case 0:
        return String(this.tape.pick(5));
      case 1:
        return this.choose(ctx.vars);
      default:
        return `"s${this.tape.pick(3)}"`;
    }
  }

  private awaitable(ctx: Ctx, d: number): string {
    const e = (): string => this.expr(ctx, d - 1);
    switch (this.tape.pick(7)) {
      case 0:
        return e();
      case 1:
      case 2:
        if (ctx.fn + 1 < this.nFns) return this.call(ctx, d - 1);
        return e();
      case 3:
        return `Promise.resolve(${e()})`;
      case 4:
        return `thenable(${e()})`;
      case 5:
        return `rejected("r${this.id()}")`;
      default:
        // An async arrow: lexical arguments, and awaits of its own.
        return `(async (y) => { log("arrow", y, arguments.length); return (await ${this.tape.maybe(50) && ctx.fn + 1 < this.nFns ? this.call(ctx, 0) : "y"}) + 1; })(${e()})`;
    }
  }
}

function indent(s: string): string {
  return s.replace(/^(?=.)/gm, "  ");
}

/** Indents every line but the first (for a block that follows other text on its line). */
function indentTail(s: string): string {
  return s.replace(/\n(?=.)/g, "\n  ");
}

/** Decodes a program from a choice tape. */
export function buildProgram(tape: readonly number[]): Program {
  const t = new Tape(tape);
  const nFns = 1 + t.pick(4);
  return new Builder(t, nFns).program();
}
