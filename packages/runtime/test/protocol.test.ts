import { describe, expect, it } from "vitest";
import { Coroutine, RuntimeError, sleep } from "../src/index.js";
import { coroutineFrom } from "./gen-coroutine.js";

/** A thenable that never settles: awaiting it makes the coroutine yield it to its driver. */
function pending(label: string): PromiseLike<never> & { label: string } {
  return { label, then: () => undefined as never };
}

describe("send", () => {
  it("the sent value becomes the value of the await that suspended, through delegation", () => {
    const got: unknown[] = [];
    const inner = coroutineFrom(function* inner() {
      got.push(yield pending("a"));
      got.push(yield pending("b"));
      return "inner-done";
    });
    const outer = coroutineFrom(function* outer() {
      const r = yield inner();
      got.push(r);
      return "outer-done";
    });
    const co = outer();
    const first = co.next("ignored");
    expect(first.done).toBe(false);
    expect((first.value as { label: string }).label).toBe("a");
    expect(co.awaiting).toBeInstanceOf(Coroutine);
    const second = co.send(1);
    expect((second.value as { label: string }).label).toBe("b");
    expect(co.send(2)).toEqual({ value: "outer-done", done: true });
    expect(got).toEqual([1, 2, "inner-done"]);
  });

  it("awaiting a non-awaitable value does not suspend", () => {
    const co = coroutineFrom(function* () {
      return ((yield 1) as number) + ((yield "x") === "x" ? 1 : 0);
    })();
    expect(co.next()).toEqual({ value: 2, done: true });
  });
});

describe("throw", () => {
  it("raises at the innermost await; try/catch in the awaiting coroutine sees errors of the awaited one", () => {
    const log: string[] = [];
    const inner = coroutineFrom(function* inner() {
      try {
        yield pending("x");
      } finally {
        log.push("inner finally");
      }
    });
    const outer = coroutineFrom(function* outer() {
      try {
        yield inner();
      } catch (e) {
        log.push(`outer caught ${(e as Error).message}`);
        return "recovered";
      }
    });
    const co = outer();
    co.next();
    expect(co.throw(new Error("boom"))).toEqual({ value: "recovered", done: true });
    expect(log).toEqual(["inner finally", "outer caught boom"]);
  });

  it("an uncaught error escapes the root and closes it", () => {
    const co = coroutineFrom(function* () {
      yield pending("x");
    })();
    co.next();
    const err = new Error("out");
    expect(() => co.throw(err)).toThrow(err);
    expect(co.state).toBe("closed");
    expect(co.next()).toEqual({ value: undefined, done: true });
  });

  it("before the first resume: the coroutine closes without running and the error is thrown", () => {
    let ran = false;
    const co = coroutineFrom(function* () {
      ran = true;
    })();
    expect(() => co.throw(new TypeError("early"))).toThrow("early");
    expect(ran).toBe(false);
    expect(co.state).toBe("closed");
  });
});

describe("close", () => {
  const nestedLevels = (log: string[]) => {
    const level = coroutineFrom(function* nested(n: number): Generator<unknown, void, unknown> {
      try {
        if (n === 0) yield pending("bottom");
        else yield level(n - 1);
        log.push(`after ${n}`);
      } finally {
        log.push(`finally ${n}`);
      }
    });
    return level;
  };

  it("closing a single frame runs its finally and returns { value, done: true }", () => {
    const log: string[] = [];
    const co = nestedLevels(log)(0);
    co.next();
    expect(co.close("bye")).toEqual({ value: "bye", done: true });
    expect(log).toEqual(["finally 0"]);
    expect(co.state).toBe("closed");
    expect(co.next()).toEqual({ value: undefined, done: true });
    expect(co.close()).toEqual({ value: undefined, done: true });
  });

  it("closing a chain runs its finally blocks innermost first, the root resumed with close too", () => {
    const log: string[] = [];
    const co = nestedLevels(log)(2);
    co.next();
    expect(co.close("bye")).toEqual({ value: "bye", done: true });
    expect(log).toEqual(["finally 0", "finally 1", "finally 2"]);
    expect(co.state).toBe("closed");
  });

  it("a finally may await a coroutine that finishes without suspending", () => {
    const log: string[] = [];
    const cleanup = coroutineFrom(function* cleanup() {
      log.push("cleanup");
      return 1;
    });
    const co = coroutineFrom(function* () {
      try {
        yield sleep(0);
      } finally {
        log.push(`cleaned ${String(yield cleanup())}`);
      }
    })();
    co.next();
    co.close();
    expect(log).toEqual(["cleanup", "cleaned 1"]);
  });

  it("awaiting a thenable while closing throws RuntimeError('coroutine ignored close')", () => {
    const co = coroutineFrom(function* () {
      try {
        yield pending("first");
      } finally {
        yield pending("in finally");
      }
    })();
    co.next();
    let error: unknown;
    try {
      co.close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toBe("coroutine ignored close");
  });

  it("sleep(0) in a finally while closing is ignored close too (it yields to the driver)", () => {
    const co = coroutineFrom(function* () {
      try {
        yield pending("first");
      } finally {
        yield sleep(0);
      }
    })();
    co.next();
    expect(() => co.close()).toThrow("coroutine ignored close");
  });

  it("closing a created coroutine runs nothing", () => {
    let ran = false;
    const co = coroutineFrom(function* () {
      ran = true;
    })();
    expect(co.close(5)).toEqual({ value: 5, done: true });
    expect(ran).toBe(false);
    expect(co.state).toBe("closed");
  });
});

describe("protocol errors", () => {
  it("resuming a running coroutine throws TypeError('coroutine already executing')", () => {
    let self: Coroutine | undefined;
    let caught: unknown;
    self = coroutineFrom(function* () {
      try {
        self!.next();
      } catch (e) {
        caught = e;
      }
      expect(self!.state).toBe("running");
      return "ok";
    })();
    expect(self.next()).toEqual({ value: "ok", done: true });
    expect(caught).toBeInstanceOf(TypeError);
    expect((caught as Error).message).toBe("coroutine already executing");
  });

  it("awaiting a coroutine twice throws RuntimeError('cannot reuse already awaited coroutine')", () => {
    const child = coroutineFrom(function* child() {
      return 1;
    })();
    const co = coroutineFrom(function* () {
      const a = yield child;
      try {
        yield child;
      } catch (e) {
        return [a, e];
      }
    })();
    const { value, done } = co.next();
    expect(done).toBe(true);
    const [a, e] = value as [number, Error];
    expect(a).toBe(1);
    expect(e).toBeInstanceOf(RuntimeError);
    expect(e.message).toBe("cannot reuse already awaited coroutine");
  });

  it("awaiting a coroutine that was started by hand is rejected too", () => {
    const started = coroutineFrom(function* () {
      yield sleep(0);
    })();
    started.next();
    const co = coroutineFrom(function* () {
      yield started;
    })();
    expect(() => co.next()).toThrow("cannot reuse already awaited coroutine");
  });

  it("Symbol.iterator and the await protocol return the coroutine itself", () => {
    const co = coroutineFrom(function* () {})();
    expect(co[Symbol.iterator]()).toBe(co);
    expect((co as unknown as Record<symbol, () => unknown>)[Symbol.for("coro.await")]!()).toBe(co);
  });
});

describe("deep delegation", () => {
  it("a chain of 1,000,000 awaited coroutines runs to completion, suspending at the bottom", () => {
    const DEPTH = 1_000_000;
    const rec = coroutineFrom(function* recurse(n: number): Generator<unknown, number, unknown> {
      if (n === 0) {
        yield sleep(0);
        return 0;
      }
      return 1 + ((yield rec(n - 1)) as number);
    });
    const co = rec(DEPTH);
    expect(co.next()).toEqual({ value: undefined, done: false });
    expect(co.state).toBe("suspended");
    expect(co.next()).toEqual({ value: DEPTH, done: true });
  });
});
