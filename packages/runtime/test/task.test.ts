import { describe, expect, it } from "vitest";
import { CancelledError, EventLoop, RuntimeError, Task, allTasks, currentTask, getRunningLoop, runSync, sleep } from "../src/index.js";
import { coroutineFrom } from "./gen-coroutine.js";

const loopNow = (): EventLoop => getRunningLoop()!;

describe("Task", () => {
  it("has a name, its coroutine, and is the current task while it runs", () => {
    const loop = new EventLoop({ clock: "virtual" });
    let seen: Task | undefined;
    const co = coroutineFrom(function* () {
      seen = currentTask();
      return allTasks().length;
    })();
    const task = loop.createTask(co, { name: "worker" });
    expect(task.getName()).toBe("worker");
    expect(task.getCoro()).toBe(co);
    expect(Object.prototype.toString.call(task)).toBe("[object Task]");
    expect(loop.runUntilCompleteSync(task)).toBe(1);
    expect(seen).toBe(task);
    expect(currentTask()).toBeUndefined();
    expect(allTasks(loop)).toEqual([]);
    task.setName("renamed");
    expect(task.getName()).toBe("renamed");
    expect(loop.createTask(sleep(0)).getName()).toMatch(/^Task-\d+$/);
  });

  it("a coroutine awaiting a Task gets its result or its exception", () => {
    const child = coroutineFrom(function* (fail: boolean) {
      yield sleep(5);
      if (fail) throw new Error("child failed");
      return "child ok";
    });
    const main = coroutineFrom(function* () {
      const ok = loopNow().createTask(child(false));
      const bad = loopNow().createTask(child(true));
      const results: unknown[] = [yield ok];
      try {
        yield bad;
      } catch (e) {
        results.push((e as Error).message);
      }
      return results;
    });
    expect(runSync(main())).toEqual(["child ok", "child failed"]);
  });

  it("getStack() lists the coroutines the task is suspended in, outermost first", () => {
    const loop = new EventLoop({ clock: "virtual" });
    const inner = coroutineFrom(function* inner() {
      yield sleep(10);
    });
    const outer = coroutineFrom(function* outer() {
      yield inner();
    });
    const task = loop.createTask(outer());
    loop.runUntilCompleteSync(sleep(1));
    expect(task.getStack().map((c) => c.name)).toEqual(["outer", "inner", "sleep"]);
    loop.runUntilCompleteSync(task);
    expect(task.getStack()).toEqual([]);
  });

  it("setResult / setException are not for Tasks", () => {
    const task = new EventLoop({ clock: "virtual" }).createTask(sleep(0));
    expect(() => task.setResult(undefined)).toThrow(RuntimeError);
    expect(() => task.setException(new Error())).toThrow(RuntimeError);
  });

  it("a bad yield is thrown back into the coroutine as a precise TypeError", () => {
    const loop = new EventLoop({ clock: "virtual" });
    const badFrame = coroutineFrom(function* () {
      // An awaitable whose iterator yields 42 to the driver.
      try {
        yield {
          [Symbol.for("coro.await")]: function* () {
            yield 42;
          },
        };
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    });
    expect(loop.runUntilCompleteSync(badFrame())).toMatch(
      /^TypeError: Task got bad yield: 42\. A coroutine may yield to its Task only undefined \(reschedule me\), a Future, or a thenable/,
    );
  });

  it("a task awaiting itself gets a RuntimeError", () => {
    const loop = new EventLoop({ clock: "virtual" });
    const holder: { task?: Task } = {};
    const co = coroutineFrom(function* () {
      try {
        yield holder.task;
      } catch (e) {
        return (e as Error).message;
      }
    })();
    holder.task = loop.createTask(co, { name: "narcissus" });
    expect(loop.runUntilCompleteSync(holder.task)).toBe("Task cannot await on itself: 'narcissus'");
  });

  it("sleep(0) lets other tasks run, strictly round robin", () => {
    const log: string[] = [];
    const worker = coroutineFrom(function* (name: string) {
      for (let i = 0; i < 3; i++) {
        log.push(`${name}${i}`);
        yield sleep(0);
      }
    });
    const main = coroutineFrom(function* () {
      const tasks = ["a", "b", "c"].map((n) => loopNow().createTask(worker(n)));
      for (const t of tasks) yield t;
    });
    runSync(main());
    expect(log).toEqual(["a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"]);
  });
});

describe("cancellation", () => {
  it("cancel() throws CancelledError at the innermost await; finally blocks run; the awaiter sees it", () => {
    const log: string[] = [];
    const inner = coroutineFrom(function* inner() {
      try {
        yield sleep(1000);
        log.push("never");
      } finally {
        log.push(`inner finally at ${loopNow().time()}`);
      }
    });
    const worker = coroutineFrom(function* worker() {
      try {
        yield inner();
      } finally {
        log.push("worker finally");
      }
    });
    const main = coroutineFrom(function* () {
      const task = loopNow().createTask(worker());
      yield sleep(10);
      expect(task.cancel("enough")).toBe(true);
      expect(task.cancelling()).toBe(1);
      try {
        yield task;
      } catch (e) {
        log.push(`main caught ${(e as Error).name}: ${(e as Error).message}`);
      }
      expect(task.cancelled()).toBe(true);
      expect(task.cancel()).toBe(false);
      return loopNow().time();
    });
    expect(runSync(main())).toBe(10);
    expect(log).toEqual(["inner finally at 10", "worker finally", "main caught CancelledError: enough"]);
  });

  it("a coroutine may catch CancelledError and finish normally", () => {
    const main = coroutineFrom(function* () {
      const task = loopNow().createTask(
        coroutineFrom(function* () {
          try {
            yield sleep(100);
          } catch (e) {
            if (!(e instanceof CancelledError)) throw e;
            return "ignored the cancel";
          }
        })(),
      );
      yield sleep(0);
      task.cancel();
      const r = yield task;
      return [r, task.cancelled()];
    });
    expect(runSync(main())).toEqual(["ignored the cancel", false]);
  });

  it("cancelling a task before it starts: its body never runs", () => {
    let ran = false;
    const main = coroutineFrom(function* () {
      const task = loopNow().createTask(
        coroutineFrom(function* () {
          ran = true;
        })(),
      );
      task.cancel();
      try {
        yield task;
      } catch (e) {
        return e instanceof CancelledError;
      }
    });
    expect(runSync(main())).toBe(true);
    expect(ran).toBe(false);
  });

  it("cancelling a task that awaits a native promise delivers CancelledError at once", async () => {
    const loop = new EventLoop();
    const log: string[] = [];
    let settle: (v: string) => void = () => undefined;
    const hostPromise = new Promise<string>((r) => (settle = r));
    const waiter = coroutineFrom(function* () {
      try {
        log.push(`got ${String(yield hostPromise)}`);
      } catch (e) {
        log.push(`cancelled: ${(e as Error).message}`);
        throw e;
      }
    });
    const task = loop.createTask(waiter());
    const main = coroutineFrom(function* () {
      yield sleep(0);
      task.cancel("stop waiting");
      try {
        yield task;
      } catch {
        log.push("main saw the cancel");
      }
      settle("too late");
      yield sleep(5);
      return task.cancelled();
    });
    expect(await loop.runUntilComplete(main())).toBe(true);
    expect(log).toEqual(["cancelled: stop waiting", "main saw the cancel"]);
  });

  it("uncancel() withdraws the request", () => {
    const main = coroutineFrom(function* () {
      const task = loopNow().createTask(sleep(0, "finished"));
      task.cancel();
      expect(task.uncancel()).toBe(0);
      return yield task;
    });
    expect(runSync(main())).toBe("finished");
  });
});
