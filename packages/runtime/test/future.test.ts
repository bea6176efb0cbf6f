import { describe, expect, it } from "vitest";
import { CancelledError, EventLoop, Future, InvalidStateError, RAW, runSync } from "../src/index.js";
import { coroutineFrom } from "./gen-coroutine.js";

function virtualLoop(): EventLoop {
  return new EventLoop({ clock: "virtual" });
}

describe("Future", () => {
  it("has a name like a Task: given, set, or Future-<n>; a Task's default stays Task-<n>", () => {
    const loop = virtualLoop();
    expect(loop.createFuture({ name: "reply" }).getName()).toBe("reply");
    expect(new Future({ loop, name: "direct" }).getName()).toBe("direct");
    const anonymous = loop.createFuture();
    expect(anonymous.getName()).toMatch(/^Future-\d+$/);
    expect(anonymous.getName()).toBe(anonymous.getName());
    anonymous.setName("renamed");
    expect(anonymous.getName()).toBe("renamed");
    expect(anonymous._hasName()).toBe(true);
    expect(loop.createFuture()._hasName()).toBe(false);
    const task = loop.createTask(coroutineFrom(function* () {})());
    expect(task.getName()).toMatch(/^Task-\d+$/);
    loop.runUntilCompleteSync(task);
  });

  it("getStack() of a plain Future is empty (it runs no code); a Task's is its suspended chain", () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    expect(fut.getStack()).toEqual([]);
    const task = loop.createTask(
      coroutineFrom(function* waiter() {
        return (yield fut) as number;
      })(),
    );
    loop.advance(0);
    const asFuture: Future<unknown> = task;
    expect(asFuture.getStack().map((co) => co.name)).toEqual(["waiter"]);
    fut.setResult(7);
    expect(loop.runUntilCompleteSync(task)).toBe(7);
    expect(task.getStack()).toEqual([]);
  });

  it("result() and exception() of a pending Future throw InvalidStateError", () => {
    const fut = virtualLoop().createFuture();
    expect(fut.done()).toBe(false);
    expect(() => fut.result()).toThrow(InvalidStateError);
    expect(() => fut.exception()).toThrow(InvalidStateError);
  });

  it("setResult, then result(); a second set throws InvalidStateError", () => {
    const fut = virtualLoop().createFuture<number>();
    fut.setResult(42);
    expect(fut.done()).toBe(true);
    expect(fut.result()).toBe(42);
    expect(fut.exception()).toBeUndefined();
    expect(() => fut.setResult(1)).toThrow(InvalidStateError);
    expect(() => fut.setException(new Error())).toThrow(InvalidStateError);
    expect(fut.cancel()).toBe(false);
  });

  it("setException: result() throws it, exception() returns it", () => {
    const fut = virtualLoop().createFuture();
    const err = new Error("boom");
    fut.setException(err);
    expect(() => fut.result()).toThrow(err);
    expect(fut.exception()).toBe(err);
  });

  it("cancel(msg): cancelled, and result()/exception() throw CancelledError carrying msg", () => {
    const fut = virtualLoop().createFuture();
    expect(fut.cancel("stop it")).toBe(true);
    expect(fut.cancelled()).toBe(true);
    expect(fut.done()).toBe(true);
    expect(() => fut.result()).toThrow(CancelledError);
    expect(() => fut.exception()).toThrow("stop it");
    expect(fut.cancel()).toBe(false);
  });

  it("done callbacks are scheduled with callSoon, never called inline, FIFO with other callbacks", () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<string>();
    const log: string[] = [];
    fut.addDoneCallback((f) => log.push(`first ${f.result()}`));
    fut.addDoneCallback((f) => log.push(`second ${f.result()}`));
    loop.callSoon(() => log.push("earlier callback"));
    fut.setResult("x");
    expect(log).toEqual([]);
    fut.addDoneCallback(() => log.push("added when done"));
    expect(log).toEqual([]);
    loop.runUntilCompleteSync(fut);
    expect(log).toEqual(["earlier callback", "first x", "second x", "added when done"]);
  });

  it("removeDoneCallback removes every registration and says how many", () => {
    const loop = virtualLoop();
    const fut = loop.createFuture();
    let calls = 0;
    const cb = (): void => void calls++;
    fut.addDoneCallback(cb);
    fut.addDoneCallback(cb);
    expect(fut.removeDoneCallback(cb)).toBe(2);
    expect(fut.removeDoneCallback(cb)).toBe(0);
    fut.setResult(undefined);
    loop.runUntilCompleteSync(fut);
    expect(calls).toBe(0);
  });

  it("is thenable: native await gets the result, the exception, or CancelledError", async () => {
    const loop = new EventLoop();
    const ok = loop.createFuture<number>();
    const bad = loop.createFuture<number>();
    const gone = loop.createFuture<number>();
    ok.setResult(7);
    bad.setException(new Error("bad"));
    gone.cancel("gone");
    const running = loop.runForever();
    expect(await ok).toBe(7);
    await expect(bad).rejects.toThrow("bad");
    await expect(gone).rejects.toBeInstanceOf(CancelledError);
    expect(await ok.finally(() => undefined)).toBe(7);
    expect(await bad.catch((e) => (e as Error).message)).toBe("bad");
    loop.stop();
    await running;
    loop.close();
    // Done before its loop closed: still thenable afterwards.
    const done = new Future<number>({ loop });
    expect(done.getLoop()).toBe(loop);
  });

  it("a coroutine awaiting a done Future does not suspend", () => {
    const fut = virtualLoop().createFuture<number>();
    fut.setResult(5);
    const co = coroutineFrom(function* () {
      return ((yield fut) as number) * 2;
    })();
    expect(co.next()).toEqual({ value: 10, done: true });
  });

  it("a coroutine awaiting a failed Future gets its exception at the await", () => {
    const fut = virtualLoop().createFuture();
    fut.setException(new Error("nope"));
    const co = coroutineFrom(function* () {
      try {
        yield fut;
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(co.next()).toEqual({ value: "nope", done: true });
  });

  it("a coroutine awaiting a pending Future yields the Future itself to a hand driver", () => {
    const fut = virtualLoop().createFuture<string>();
    const co = coroutineFrom(function* () {
      return `got ${String(yield fut)}`;
    })();
    const first = co.next();
    expect(first).toEqual({ value: fut, done: false });
    expect(co.awaiting).toBe(fut);
    expect(() => co.next()).toThrow("await wasn't used with future");
    const co2 = coroutineFrom(function* () {
      return `got ${String(yield fut)}`;
    })();
    co2.next();
    fut.setResult("it");
    expect(co2.next()).toEqual({ value: "got it", done: true });
  });

  it("Future's await frame is a hand-written frame that yields RAW", () => {
    const fut = virtualLoop().createFuture();
    const frame = (fut as unknown as Record<symbol, () => { $step: Function; $s: number; $aw: unknown }>)[Symbol.for("coro.await")]!();
    expect(frame.$step(frame, 0, undefined)).toBe(RAW);
    expect(frame.$aw).toBe(fut);
  });

  it("a Task awaiting a Future resumes when it is set by a timer", () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<string>();
    loop.callLater(50, () => fut.setResult("late"));
    const main = coroutineFrom(function* () {
      const v = yield fut;
      return [v, loop.time()];
    });
    expect(loop.runUntilCompleteSync(main())).toEqual(["late", 50]);
  });

  it("runSync of a Future that nothing will complete reports a deadlock", () => {
    expect(() => runSync(virtualLoop().createFuture())).toThrow(/deadlock/);
  });

  it("runUntilComplete refuses a Future of another loop", () => {
    expect(() => virtualLoop().runUntilCompleteSync(virtualLoop().createFuture())).toThrow("belongs to another loop");
  });
});
