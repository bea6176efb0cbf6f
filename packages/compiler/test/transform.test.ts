// transform()'s contract: options, errors with file:line:column and a code frame, source maps,
// and the protocol constants it shares with the runtime.
import { describe, expect, it } from "vitest";
import { CoroCompileError, transform } from "../src/index.js";
import * as compilerProtocol from "../src/protocol.js";
import * as runtimeProtocol from "../../runtime/src/protocol.js";

describe("transform", () => {
  it("compiles an async function into a state machine importing the runtime", () => {
    const { code, map } = transform("async function f(){ await g(); }", { filename: "f.js" });
    expect(code).toMatch(/import \{ Coroutine as _Coroutine \} from "@coro\/runtime"/);
    expect(code).toMatch(/switch \(_f\.\$s\)/);
    expect(code).not.toMatch(/\basync\b|\bawait\b/);
    expect(map).toBeNull();
  });

  it("produces a source map back to the input when asked", () => {
    const { map } = transform("async function f(){\n  await g();\n}", { filename: "f.js", sourceMaps: true });
    expect(map?.sources).toEqual(["f.js"]);
    expect(map?.mappings.length).toBeGreaterThan(0);
  });

  it("reports a syntax error with file:line:column and a code frame", () => {
    let error: unknown;
    try {
      transform("let ok = 1;\nlet x = = 2;\n", { filename: "bad.js" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CoroCompileError);
    const e = error as CoroCompileError;
    expect(e.message).toMatch(/^bad\.js:2:\d+: SyntaxError: /);
    expect(e.frame).toContain("> 2 | let x = = 2;");
    expect(e.loc?.line).toBe(2);
  });

  it("rejects what it cannot compile instead of miscompiling", () => {
    expect(() => transform("async function g() {\n  eval('x');\n}", { filename: "g.js" })).toThrow(
      /g\.js:2:3: direct eval in strict-mode code inside an async or generator function cannot be compiled/,
    );
    const sloppy = { filename: "s.js", sourceType: "commonjs" } as const;
    expect(() => transform("async function g(o) {\n  with (o) { await x; }\n}", sloppy)).toThrow(
      /s\.js:2:3: a with statement whose body awaits cannot be compiled/,
    );
    // Sloppy-mode code may: its lookups go through a scope object (fixtures/scoping/with-and-sloppy-direct-eval).
    expect(transform("async function g(o) {\n  with (o) x;\n  await eval('x');\n}", sloppy).code).toContain("with (");
  });

  it("validates options", () => {
    expect(() => transform("", { mode: "nonsense" as never })).toThrow(TypeError);
    expect(() => transform("", { mode: "nonsense" as never })).toThrow(/unsupported mode "nonsense"/);
  });

  it("never lets a local shadow a member of the runtime's Coroutine", async () => {
    const { Coroutine } = await import("../../runtime/src/coroutine.js");
    const members = new Set<string>();
    for (let proto = Coroutine.prototype; proto !== null; proto = Object.getPrototypeOf(proto)) {
      for (const key of Object.getOwnPropertyNames(proto)) members.add(key);
    }
    const unreserved = [...members].filter((m) => !m.startsWith("$") && !compilerProtocol.RESERVED_FIELD_NAMES.has(m));
    expect(unreserved).toEqual([]);
  });

  it("shares the protocol constants with the runtime", () => {
    expect(Symbol.for(compilerProtocol.AWAIT_KEY)).toBe(runtimeProtocol.AWAIT);
    expect([compilerProtocol.MODE_NEXT, compilerProtocol.MODE_THROW, compilerProtocol.MODE_CLOSE]).toEqual([
      runtimeProtocol.NEXT,
      runtimeProtocol.THROW,
      runtimeProtocol.CLOSE,
    ]);
  });
});
