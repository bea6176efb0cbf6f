import { describe, expect, it } from "vitest";
import { program } from "./compiled.js";

describe("Task.signal", () => {
  it("aborts when the task is asked to cancel, with a CancelledError reason", async () => {
    const { log } = await program(`
      async function worker() {
        const signal = currentTask().signal;
        signal.addEventListener("abort", () => say("aborted:", signal.reason.name, signal.reason.message));
        await sleep(100);
      }
      async function main() {
        const t = spawn(worker());
        await sleep(1);
        say("before", t.signal.aborted);
        t.cancel("user left");
        await gather(t, { returnExceptions: true });
        const done = spawn(sleep(1));
        await done;
        say("finished task", done.signal.aborted);
        const pre = spawn(sleep(1));
        pre.cancel();
        say("read after cancel", pre.signal.aborted);
        await gather(pre, { returnExceptions: true });
      }
      runSync(main());
    `);
    expect(log).toEqual(["before false", "aborted: CancelledError user left", "finished task false", "read after cancel true"]);
  });
});

describe("loop.close() and lost errors", () => {
  it("close() cancels pending tasks and runs their finally blocks (which may await)", async () => {
    const { log } = await program(`
      async function worker(name) {
        try { await sleep(1000); } finally { await sleep(5); say(name, "finally at", now()); }
      }
      const loop = new EventLoop({ clock: "virtual" });
      loop.createTask(worker("a"));
      loop.createTask(worker("b"));
      loop.runUntilCompleteSync(sleep(10));
      loop.close();
      say("closed", loop.isClosed(), allTasks(loop).length);
    `);
    expect(log).toEqual(["a finally at 15", "b finally at 15", "closed true 0"]);
  });

  it("a Task whose exception nobody retrieved is reported when the loop closes, in failure order", async () => {
    const { log } = await program(`
      async function fail(msg, ms) { await sleep(ms); throw new Error(msg); }
      const loop = new EventLoop({ clock: "virtual", exceptionHandler: (l, ctx) => say(ctx.message, "|", ctx.exception.message) });
      const t2 = loop.createTask(fail("second", 2), { name: "t2" });
      loop.createTask(fail("first", 1), { name: "t1" });
      const seen = loop.createTask(fail("seen", 1), { name: "seen" });
      loop.runUntilCompleteSync(sleep(5));
      seen.exception();
      say("before close");
      loop.close();
    `);
    expect(log).toEqual(["before close", "Task 't1' exception was never retrieved | first", "Task 't2' exception was never retrieved | second"]);
  });

  it("run() reports an unawaited failed task, but not main's own exception", async () => {
    const { log, outcome } = await program(`
      async function fail(msg) { await sleep(1); throw new Error(msg); }
      async function main() {
        spawn(fail("forgotten"), "orphan");
        await sleep(5);
        throw new Error("main failed");
      }
      let outcome;
      try { runSync(main(), { exceptionHandler: (l, ctx) => say(ctx.message, ctx.exception.message) }); }
      catch (e) { outcome = e.message; }
      export { outcome };
    `);
    expect(log).toEqual(["Task 'orphan' exception was never retrieved forgotten"]);
    expect(outcome).toBe("main failed");
  });

  it("close() abandons a task that cannot finish without the host: its finally blocks still run", async () => {
    const { log, state } = await program(`
      async function stubborn() {
        try { await sleep(100); } catch { say("ignores cancel, waits on the host"); await new Promise(() => {}); }
        finally { say("stubborn finally"); }
      }
      const loop = new EventLoop({ clock: "virtual" });
      const a = loop.createTask(stubborn());
      loop.runUntilCompleteSync(sleep(1));
      loop.close();
      export const state = [a.cancelled(), loop.isClosed()].join(" ");
    `);
    expect(log).toEqual(["ignores cancel, waits on the host", "stubborn finally"]);
    expect(state).toBe("true true");
  });
});

describe("uncancel / cancelling (Python 3.11)", () => {
  it("count requests; uncancel withdraws one", async () => {
    const { log } = await program(`
      async function main() {
        const t = spawn(sleep(10, "slept"));
        t.cancel(); t.cancel();
        say(t.cancelling(), t.uncancel(), t.uncancel(), t.cancelling());
        say(await t);
      }
      runSync(main());
    `);
    expect(log).toEqual(["2 1 0 0", "slept"]);
  });
});
