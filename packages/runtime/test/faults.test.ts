import { afterEach, describe, expect, it, vi } from "vitest";
import { EventLoop, Future, getDefaultLoop, sleep } from "../src/index.js";
import type { ExceptionContext } from "../src/index.js";
import { collectUntil } from "./collect.js";
import { program } from "./compiled.js";
import { coroutineFrom } from "./gen-coroutine.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("faults do not stop the loop", () => {
  it("callbacks, done callbacks and the exception handler itself may throw: every later callback still runs", () => {
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    const seen: string[] = [];
    const loop = new EventLoop({
      clock: "virtual",
      exceptionHandler: (_loop, ctx) => {
        seen.push(ctx.message);
        if (ctx.message.includes("handlerBomb")) throw new Error("the handler failed too");
      },
    });
    const ran: string[] = [];
    loop.callSoon(function callbackBomb() {
      throw new Error("callback");
    });
    loop.callLater(5, function timerBomb() {
      throw new Error("timer");
    });
    const fut = loop.createFuture<number>();
    fut.addDoneCallback(function doneBomb() {
      throw new Error("done callback");
    });
    fut.addDoneCallback(() => ran.push("second done callback"));
    loop.callSoon(() => fut.setResult(1));
    loop.callSoon(function handlerBomb() {
      throw new Error("handled badly");
    });
    loop.callLater(10, () => ran.push("timer at 10"));
    loop.advance(20);
    expect(seen).toEqual([
      "Exception in callback callbackBomb",
      "Exception in callback handlerBomb",
      "Exception in callback doneBomb",
      "Exception in callback timerBomb",
    ]);
    expect(ran).toEqual(["second done callback", "timer at 10"]);
    // The handler's own failure is printed (with the context it could not handle), not lost.
    expect(printed.mock.calls.map((c) => c[0])).toEqual(["Unhandled error in the exception handler", "Exception in callback handlerBomb"]);
    expect(printed.mock.calls[0]![1]).toMatchObject({ message: "the handler failed too" });
    loop.close();
  });
});

describe("errors nobody retrieved, on a loop that never closes", () => {
  it("a failed Task is reported through the exception handler once it is garbage-collected", async () => {
    const loop = getDefaultLoop();
    const contexts: ExceptionContext[] = [];
    loop.setExceptionHandler((_l, ctx) => contexts.push(ctx));
    try {
      const fail = coroutineFrom(function* () {
        yield sleep(1);
        throw new Error("nobody looked");
      });
      const kept = loop.createTask(fail(), { name: "kept" });
      loop.createTask(fail(), { name: "orphan" });
      new Future({ loop }).setException(new Error("a Future too"));
      await new Promise((resolve) => setTimeout(resolve, 20));
      await collectUntil(() => contexts.length >= 2);
      expect(contexts.map((c) => `${c.message}: ${(c.exception as Error).message}`).sort()).toEqual([
        "Future exception was never retrieved: a Future too",
        "Task 'orphan' exception was never retrieved: nobody looked",
      ]);
      expect(kept.done()).toBe(true);
      // Retrieved later by its owner: never reported.
      expect((kept.exception() as Error).message).toBe("nobody looked");
      await collectUntil(() => false, 3);
      expect(contexts).toHaveLength(2);
    } finally {
      loop.setExceptionHandler(undefined);
    }
  });
});

describe("closing a loop finalises everything", () => {
  it("pending tasks (their finally blocks), timers, and suspended async generators (aclose) all finish", async () => {
    const { log, state } = await program(`
      async function* numbers(name) {
        try { for (let i = 0; ; i++) { yield i; await sleep(1); } }
        finally { await sleep(5); say(name, "generator closed at", now()); }
      }
      async function reader(name, gen) {
        try { for await (const n of gen) { if (n === 2) await sleep(10_000); } }
        finally { say(name, "task finally at", now()); }
      }
      async function pauses(gen) { await gen.next(); await gen.next(); say("paused holds its generator"); await sleep(1); }
      async function* badClose() { try { yield 1; } finally { throw new Error("finally failed"); } }
      const loop = new EventLoop({ clock: "virtual", exceptionHandler: (l, ctx) => say("handler:", ctx.message, ctx.exception?.message) });
      const left = numbers("left");
      loop.createTask(reader("reader", numbers("read")));
      loop.createTask(pauses(left));
      loop.createTask((async () => { await badClose().next(); })());
      let timerRan = false;
      loop.callLater(1e9, () => { timerRan = true; });
      loop.advance(100);
      say("closing at", loop.time());
      loop.close();
      export const state = [loop.isClosed(), allTasks(loop).length, timerRan].join(" ");
    `);
    expect(log).toEqual([
      "paused holds its generator",
      "closing at 100",
      // First the pending tasks are cancelled and run until they finish.
      "read generator closed at 105",
      "reader task finally at 105",
      // Then the generators left suspended are closed, each as a task: the loop runs until they finish.
      "handler: an error occurred during closing of an asynchronous generator finally failed",
      "left generator closed at 110",
    ]);
    expect(state).toBe("true 0 false");
  });

  it("run() waits for the host while it closes a suspended generator whose finally awaits a native promise", async () => {
    const { log } = await program(`
      async function* lines() {
        try { yield "first"; yield "second"; }
        finally { await new Promise((resolve) => setTimeout(resolve, 2)); say("file closed"); }
      }
      async function main() {
        const it = lines();
        say((await it.next()).value);
        return "main done";      // leaves the generator suspended at its first yield
      }
      say(await run(main()));
    `);
    expect(log).toEqual(["first", "file closed", "main done"]);
  });
});

