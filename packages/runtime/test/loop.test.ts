import { describe, expect, it } from "vitest";
import { EventLoop, RuntimeError, getRunningLoop, run, runSync, sleep } from "../src/index.js";
import { coroutineFrom } from "./gen-coroutine.js";

describe("callSoon / callLater / callAt", () => {
  it("ready callbacks run FIFO, then timers by time; equal times run in scheduling order", () => {
    const loop = new EventLoop({ clock: "virtual" });
    const log: string[] = [];
    loop.callLater(20, () => log.push("t20-a"));
    loop.callAt(10, () => log.push("t10"));
    loop.callLater(20, () => log.push("t20-b"));
    loop.callLater(0, () => log.push("t0"));
    loop.callSoon(() => {
      log.push("soon1");
      loop.callSoon(() => log.push("soon-from-soon1"));
    });
    loop.callSoon((x: string) => log.push(x), "soon2");
    loop.callLater(20, () => loop.stop());
    loop.runForeverSync();
    expect(log).toEqual(["soon1", "soon2", "t0", "soon-from-soon1", "t10", "t20-a", "t20-b"]);
    expect(loop.time()).toBe(20);
    loop.close();
  });

  it("a cancelled handle does not run", () => {
    const loop = new EventLoop({ clock: "virtual" });
    const log: string[] = [];
    const h = loop.callSoon(() => log.push("soon"));
    const t = loop.callLater(5, () => log.push("later"));
    h.cancel();
    t.cancel();
    expect(h.cancelled() && t.cancelled()).toBe(true);
    expect(t.when()).toBe(5);
    loop.runUntilCompleteSync(sleep(10));
    expect(log).toEqual([]);
  });

  it("many cancelled timers are dropped and the rest still run in order", () => {
    const loop = new EventLoop({ clock: "virtual" });
    const log: number[] = [];
    const handles = Array.from({ length: 500 }, (_, i) => loop.callLater(500 - i, () => log.push(500 - i)));
    handles.forEach((h, i) => i % 100 !== 0 && h.cancel());
    loop.runUntilCompleteSync(sleep(1000));
    expect(log).toEqual([100, 200, 300, 400, 500]);
  });

  it("an exception in a callback goes to the exception handler and the loop goes on", () => {
    const seen: unknown[] = [];
    const loop = new EventLoop({ clock: "virtual", exceptionHandler: (_l, ctx) => seen.push(ctx.exception) });
    const err = new Error("cb failed");
    const log: string[] = [];
    loop.callSoon(() => {
      throw err;
    });
    loop.callSoon(() => log.push("next"));
    loop.runUntilCompleteSync(sleep(0));
    expect(seen).toEqual([err]);
    expect(log).toEqual(["next"]);
  });
});

describe("virtual clock", () => {
  const worker = coroutineFrom(function* worker(log: string[], name: string, delays: number[]) {
    for (const d of delays) {
      yield sleep(d);
      log.push(`${name}@${getRunningLoop()!.time()}`);
    }
    return name;
  });
  const main = coroutineFrom(function* main(log: string[]) {
    const loop = getRunningLoop()!;
    const a = loop.createTask(worker(log, "a", [300, 300, 300]));
    const b = loop.createTask(worker(log, "b", [100, 500]));
    const c = loop.createTask(worker(log, "c", [200, 0, 400, 1000]));
    return [yield a, yield b, yield c, loop.time()];
  });

  it("runSync with long sleeps finishes instantly and in time order, the same every time", () => {
    const started = performance.now();
    const transcripts = Array.from({ length: 3 }, () => {
      const log: string[] = [];
      const result = runSync(main(log));
      return { log, result };
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(transcripts[0]!.log).toEqual(["b@100", "c@200", "c@200", "a@300", "b@600", "c@600", "a@600", "a@900", "c@1600"]);
    expect(transcripts[0]!.result).toEqual(["a", "b", "c", 1600]);
    expect(transcripts[1]).toEqual(transcripts[0]);
    expect(transcripts[2]).toEqual(transcripts[0]);
  });

  it("run() on a virtual clock jumps too, and resolves", async () => {
    const log: string[] = [];
    await expect(run(main(log), { clock: "virtual" })).resolves.toEqual(["a", "b", "c", 1600]);
  });

  it("runUntilCompleteSync on a real-clock loop has virtual-clock semantics: it jumps", () => {
    const loop = new EventLoop();
    const before = loop.time();
    const started = performance.now();
    expect(loop.runUntilCompleteSync(sleep(60_000, "jumped"))).toBe("jumped");
    expect(performance.now() - started).toBeLessThan(1000);
    expect(loop.time() - before).toBeGreaterThanOrEqual(60_000);
    loop.close();
  });

  it("the timer heap keeps (when, scheduling order) for many random timers", () => {
    const loop = new EventLoop({ clock: "virtual" });
    const fired: [number, number][] = [];
    let seed = 7;
    const random = (): number => (seed = (seed * 48271) % 2147483647) % 50;
    const expected: [number, number][] = [];
    for (let i = 0; i < 2000; i++) {
      const when = random();
      expected.push([when, i]);
      loop.callAt(when, () => fired.push([when, i]));
    }
    loop.runUntilCompleteSync(sleep(100));
    expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(fired).toEqual(expected);
  });

  it("sleep(ms, value) returns value", () => {
    expect(runSync(sleep(60_000, "later"))).toBe("later");
  });
});

describe("running", () => {
  it("runUntilCompleteSync throws a clear error if it would have to wait for a native promise", () => {
    const loop = new EventLoop({ clock: "virtual" });
    const co = coroutineFrom(function* waiting() {
      yield new Promise(() => undefined);
    })();
    expect(() => loop.runUntilCompleteSync(co)).toThrow(/cannot finish without waiting for the host: task 'Task-\d+'/);
    expect(loop.isRunning()).toBe(false);
  });

  it("runSync cancels the main task when it would have to wait, so finally blocks run", () => {
    const log: string[] = [];
    const co = coroutineFrom(function* () {
      try {
        yield Promise.resolve(1);
      } finally {
        log.push("finally");
      }
    })();
    expect(() => runSync(co)).toThrow(/use the Promise-returning variant/i);
    expect(log).toEqual(["finally"]);
  });

  it("re-entrant runUntilComplete on a running loop is an error; so is running another loop", () => {
    const loop = new EventLoop({ clock: "virtual" });
    const errors: string[] = [];
    const co = coroutineFrom(function* () {
      for (const attempt of [() => loop.runUntilCompleteSync(sleep(0)), () => loop.runUntilComplete(sleep(0)), () => runSync(sleep(0)), () => new EventLoop().runForeverSync()]) {
        try {
          attempt();
        } catch (e) {
          errors.push(`${(e as Error).name}: ${(e as Error).message}`);
        }
      }
      expect(loop.isRunning()).toBe(true);
      expect(getRunningLoop()).toBe(loop);
    })();
    loop.runUntilCompleteSync(co);
    expect(getRunningLoop()).toBeUndefined();
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/^RuntimeError: This event loop is already running/);
    expect(errors[1]).toMatch(/^RuntimeError: This event loop is already running/);
    expect(errors[2]).toMatch(/^RuntimeError: runSync\(\) cannot be called while an event loop is running/);
    expect(errors[3]).toMatch(/^RuntimeError: Cannot run an event loop while another loop is running/);
  });

  it("a closed loop refuses work; closing a running loop is an error", () => {
    const loop = new EventLoop({ clock: "virtual" });
    let closeError: unknown;
    loop.callSoon(() => {
      try {
        loop.close();
      } catch (e) {
        closeError = e;
      }
      loop.stop();
    });
    loop.runForeverSync();
    expect(closeError).toBeInstanceOf(RuntimeError);
    loop.close();
    expect(loop.isClosed()).toBe(true);
    expect(() => loop.callSoon(() => undefined)).toThrow("Event loop is closed");
    expect(() => loop.runUntilCompleteSync(sleep(0))).toThrow("Event loop is closed");
  });

  it("stop() before the future is done: runUntilComplete rejects", async () => {
    const loop = new EventLoop({ clock: "virtual" });
    loop.callSoon(() => loop.stop());
    await expect(loop.runUntilComplete(sleep(100))).rejects.toThrow("Event loop stopped before the Future completed");
  });

  it("a real-clock loop waits for its timers with host timeouts", async () => {
    const loop = new EventLoop();
    const start = loop.time();
    const log: string[] = [];
    loop.callLater(30, () => log.push("30"));
    loop.callLater(10, () => log.push("10"));
    const p = loop.runUntilComplete(sleep(40, "slept"));
    expect(log).toEqual([]);
    expect(await p).toBe("slept");
    expect(log).toEqual(["10", "30"]);
    expect(loop.time() - start).toBeGreaterThanOrEqual(38);
  });
});

describe("run", () => {
  it("returns a Promise, and runs synchronously as far as it can", async () => {
    const log: string[] = [];
    const main = coroutineFrom(function* () {
      log.push("start");
      yield sleep(0);
      const loop = getRunningLoop()!;
      loop.callSoon(() => log.push("callback"));
      yield sleep(0);
      log.push("before host");
      const v = yield Promise.resolve("from host");
      log.push(`after host: ${String(v)}`);
      return "result";
    });
    const p = run(main());
    expect(p).toBeInstanceOf(Promise);
    expect(log).toEqual(["start", "callback", "before host"]);
    expect(await p).toBe("result");
    expect(log).toEqual(["start", "callback", "before host", "after host: from host"]);
  });

  it("cancels the tasks left when main returns, running their finally blocks, before it resolves", () => {
    const log: string[] = [];
    const background = coroutineFrom(function* () {
      try {
        yield sleep(10_000);
      } finally {
        log.push("background cleaned up");
      }
    });
    const main = coroutineFrom(function* () {
      getRunningLoop()!.createTask(background());
      yield sleep(0);
      return "main done";
    });
    const p = run(main());
    expect(log).toEqual(["background cleaned up"]);
    return expect(p).resolves.toBe("main done");
  });

  it("rejects with main's exception", async () => {
    const main = coroutineFrom(function* () {
      yield sleep(1);
      throw new Error("main failed");
    });
    await expect(run(main())).rejects.toThrow("main failed");
    expect(() => runSync(main())).toThrow("main failed");
  });

  it("a coroutine awaiting native promises under run gets their values and rejections", async () => {
    const main = coroutineFrom(function* () {
      const a = (yield new Promise((r) => setTimeout(r, 5, 20))) as number;
      let b = 0;
      try {
        yield Promise.reject(new Error("rejected"));
      } catch (e) {
        b = (e as Error).message.length;
      }
      const c = (yield (async () => 3)()) as number;
      return a + b + c;
    });
    expect(await run(main())).toBe(20 + 8 + 3);
  });
});
