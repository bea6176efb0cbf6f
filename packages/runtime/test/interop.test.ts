import { describe, expect, it } from "vitest";
import { EventLoop, getDefaultLoop, getRunningLoop, run, sleep } from "../src/index.js";
import { program } from "./compiled.js";
import { coroutineFrom } from "./gen-coroutine.js";

describe("native code awaiting coroutines, Tasks and Futures", () => {
  it("await on a Coroutine outside any loop runs it as a Task on the default loop", async () => {
    const log: string[] = [];
    const work = coroutineFrom(function* (x: number) {
      log.push(`start on ${getRunningLoop() === getDefaultLoop() ? "default loop" : "?"}`);
      yield sleep(5);
      return x * 2;
    });
    expect(await work(21)).toBe(42);
    expect(log).toEqual(["start on default loop"]);
  });

  it("then() on the same coroutine reuses one Task: the body runs once", async () => {
    let runs = 0;
    const co = coroutineFrom(function* () {
      runs++;
      yield sleep(1);
      return "once";
    })();
    const [a, b] = await Promise.all([co, co.then((v) => `${v}!`)]);
    expect([a, b, runs]).toEqual(["once", "once!", 1]);
  });

  it("then() on a coroutine whose Task already finished gives that Task's outcome", async () => {
    let runs = 0;
    const ok = coroutineFrom(function* () {
      runs++;
      yield sleep(0);
      return 7;
    })();
    const bad = coroutineFrom(function* () {
      runs++;
      yield sleep(0);
      throw new Error("bad");
    })();
    const loop = new EventLoop({ clock: "virtual" });
    const okTask = loop.createTask(ok);
    const badTask = loop.createTask(bad);
    loop.runUntilCompleteSync(okTask);
    expect([okTask.done(), badTask.done()]).toEqual([true, true]);
    badTask.exception();
    expect(await ok).toBe(7);
    await expect(bad).rejects.toThrow("bad");
    expect(runs).toBe(2);
  });

  it("a rejected coroutine rejects the native await; catch/finally work", async () => {
    const failing = coroutineFrom(function* () {
      yield sleep(0);
      throw new Error("coroutine failed");
    });
    await expect(failing()).rejects.toThrow("coroutine failed");
    let finallyRan = false;
    expect(await failing().catch((e) => (e as Error).message)).toBe("coroutine failed");
    await failing()
      .finally(() => (finallyRan = true))
      .catch(() => undefined);
    expect(finallyRan).toBe(true);
  });

  it("inside run: a native async function awaits a Task and a Future of the loop, and the coroutine awaits it", async () => {
    const log: string[] = [];
    const child = coroutineFrom(function* () {
      yield sleep(10);
      return "child";
    });
    const main = coroutineFrom(function* () {
      const loop = getRunningLoop()!;
      const task = loop.createTask(child());
      const fut = loop.createFuture<string>();
      loop.callLater(20, () => fut.setResult("future"));
      const native = (async () => {
        const a = await task;
        log.push(`native got ${a}`);
        const b = await fut;
        log.push(`native got ${b}`);
        return `${a}+${b}`;
      })();
      return yield native;
    });
    expect(await run(main())).toBe("child+future");
    expect(log).toEqual(["native got child", "native got future"]);
  });

  it("native code calling a coroutine inside a running loop schedules it on that loop", async () => {
    const loop = new EventLoop();
    let ranOn: EventLoop | undefined;
    const inner = coroutineFrom(function* () {
      ranOn = getRunningLoop();
      return "inner";
    });
    const main = coroutineFrom(function* () {
      // then() is called synchronously, while `loop` runs its callbacks.
      const p = inner().then((v) => v);
      return yield p;
    });
    expect(await loop.runUntilComplete(main())).toBe("inner");
    expect(ranOn).toBe(loop);
  });

  it("a coroutine awaiting a native async function that itself awaits a coroutine", async () => {
    const leaf = coroutineFrom(function* (n: number) {
      yield sleep(1);
      return n + 1;
    });
    const main = coroutineFrom(function* () {
      const viaNative = async (n: number): Promise<number> => (await leaf(n)) * 10;
      return yield viaNative(1);
    });
    expect(await run(main())).toBe(20);
  });
});

describe("AbortSignal into sleep", () => {
  it("aborting the signal ends the sleep early with the signal's reason; an aborted signal fails at once", async () => {
    const { log } = await program(`
      async function nap(ms, signal) {
        try { await sleep(ms, "rested", { signal }); say("rested at", now()); }
        catch (e) { say("woken at", now(), "by", e.message); }
      }
      async function main() {
        const ac = new AbortController();
        getRunningLoop().callLater(30, () => ac.abort(new Error("alarm")));
        await nap(1000, ac.signal);
        await nap(10, ac.signal);
        await nap(10, new AbortController().signal);
        try { sleep(1, undefined, { signal: "soon" }); } catch (e) { say(e.name); }
      }
      runSync(main());
      // The host aborts (a real timer): a real-clock loop wakes for it.
      const t0 = performance.now();
      await run(nap(60_000, AbortSignal.timeout(5)));
      say("host abort in under a second:", performance.now() - t0 < 1000);
    `);
    expect(log).toEqual([
      "woken at 30 by alarm",
      "woken at 30 by alarm",
      "rested at 40",
      "TypeError",
      expect.stringMatching(/^woken at [\d.]+ by The operation was aborted due to timeout$/),
      "host abort in under a second: true",
    ]);
  });
});
