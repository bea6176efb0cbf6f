import { describe, expect, it } from "vitest";
import { EventLoop, RuntimeError, sleep } from "../src/index.js";
import { coroutineFrom } from "./gen-coroutine.js";

describe("loop.advance(ms)", () => {
  it("runs exactly what is due up to now + ms, in time order, and leaves the clock there", () => {
    const loop = new EventLoop({ clock: "virtual" });
    const fired: string[] = [];
    loop.callLater(30, () => fired.push(`t30@${loop.time()}`));
    loop.callLater(10, () => {
      fired.push(`t10@${loop.time()}`);
      loop.callLater(5, () => fired.push(`t15@${loop.time()}`));
      loop.callSoon(() => fired.push(`soon@${loop.time()}`));
    });
    loop.callLater(50, () => fired.push(`t50@${loop.time()}`));
    loop.advance(0);
    expect(fired).toEqual([]);
    loop.advance(30);
    expect(fired).toEqual(["t10@10", "soon@10", "t15@15", "t30@30"]);
    expect(loop.time()).toBe(30);
    loop.advance(19);
    expect(loop.time()).toBe(49);
    expect(fired).toHaveLength(4);
    loop.advance(1);
    expect(fired.at(-1)).toBe("t50@50");
    expect(loop.isRunning()).toBe(false);
  });

  it("steps tasks: a sleeping task wakes only once its time has come", () => {
    const loop = new EventLoop({ clock: "virtual" });
    const log: number[] = [];
    const ticker = coroutineFrom(function* () {
      for (let i = 0; i < 3; i++) {
        yield sleep(100);
        log.push(loop.time());
      }
      return "ticked";
    });
    const task = loop.createTask(ticker());
    loop.advance(99);
    expect(log).toEqual([]);
    loop.advance(1);
    expect(log).toEqual([100]);
    loop.advance(250);
    expect(log).toEqual([100, 200, 300]);
    expect(task.result()).toBe("ticked");
    expect(loop.time()).toBe(350);
  });

  it("a task waiting on the host stays waiting (no error); bad arguments and re-entry are refused", () => {
    const loop = new EventLoop({ clock: "virtual" });
    const waitHost = coroutineFrom(function* () {
      return yield new Promise(() => {});
    });
    const task = loop.createTask(waitHost());
    loop.advance(1000);
    expect(task.done()).toBe(false);
    expect(() => loop.advance(-1)).toThrow(TypeError);
    expect(() => loop.advance(Number.NaN)).toThrow(TypeError);
    let inner: unknown;
    loop.callSoon(() => {
      try {
        loop.advance(1);
      } catch (e) {
        inner = e;
      }
    });
    loop.advance(0);
    expect(inner).toBeInstanceOf(RuntimeError);
    loop.close();
    expect(() => loop.advance(1)).toThrow(/closed/);
  });
});
