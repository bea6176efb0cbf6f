// A polluted Object.prototype must not change what the runtime does: every options object it is
// handed is read through its own properties only.
import { describe, expect, it } from "vitest";
import { EventLoop, Future, PriorityQueue, Queue, asCompleted, gather, runSync, sleep, wait } from "../src/index.js";
import { coroutineFrom } from "./gen-coroutine.js";

const POLLUTION: Record<string, unknown> = {
  clock: "virtual",
  debug: true,
  exceptionHandler: () => {
    throw new Error("the polluted handler ran");
  },
  slowCallbackDuration: 0,
  name: "polluted",
  loop: new EventLoop({ clock: "virtual" }),
  maxsize: 1,
  compare: (a: number, b: number) => b - a,
  returnExceptions: true,
  returnWhen: "FIRST_COMPLETED",
  timeout: 0,
};

/** Runs `fn` with Object.prototype polluted by POLLUTION, then cleans up. */
function polluted<T>(fn: () => T): T {
  const proto = Object.prototype as Record<string, unknown>;
  for (const [key, value] of Object.entries(POLLUTION)) proto[key] = value;
  try {
    return fn();
  } finally {
    for (const key of Object.keys(POLLUTION)) delete proto[key];
  }
}

describe("prototype pollution", () => {
  it("does not reach loop, task, future, queue, gather, wait or asCompleted options", () => {
    const fail = coroutineFrom(function* () {
      yield sleep(1);
      throw new Error("child failed");
    });
    const main = coroutineFrom(function* () {
      const out: Record<string, unknown> = {};
      const loop = new EventLoop();
      out.realClock = loop.time() > 0;
      out.debug = loop.getDebug();
      out.handler = loop.getExceptionHandler();
      out.slow = loop.slowCallbackDuration;
      loop.close();
      const fut = new Future();
      out.futureLoop = fut.getLoop() === POLLUTION.loop ? "polluted" : "running";
      const q = new Queue<number>();
      out.maxsize = q.maxsize;
      const pq = new PriorityQueue<number>({});
      for (const n of [3, 1, 2]) pq.putNowait(n);
      out.priority = [pq.getNowait(), pq.getNowait(), pq.getNowait()];
      try {
        yield gather(fail());
        out.gather = "returned";
      } catch (e) {
        out.gather = (e as Error).message;
      }
      const slow = coroutineFrom(function* () {
        yield sleep(5);
        return "slow";
      });
      const running = fut.getLoop().createTask(slow());
      out.taskName = running.getName().startsWith("Task-");
      const quick = fut.getLoop().createTask(sleep(1, "quick"));
      const { done, pending } = (yield wait([running, quick])) as { done: Set<unknown>; pending: Set<unknown> };
      out.wait = [done.size, pending.size];
      const order: unknown[] = [];
      for (const next of asCompleted([sleep(2, "b"), sleep(1, "a")])) order.push(yield next);
      out.asCompleted = order;
      return out;
    });
    const out = polluted(() => runSync(main()));
    expect(out).toEqual({
      realClock: true,
      debug: false,
      handler: undefined,
      slow: 100,
      futureLoop: "running",
      maxsize: 0,
      priority: [1, 2, 3],
      gather: "child failed",
      taskName: true,
      wait: [2, 0],
      asCompleted: ["a", "b"],
    });
  });
});
