import { describe, expect, it } from "vitest";
import { EventLoop, getRunningLoop, runSync, sleep } from "../src/index.js";
import type { ExceptionContext } from "../src/index.js";
import { collectUntil } from "./collect.js";
import { program } from "./compiled.js";
import { coroutineFrom } from "./gen-coroutine.js";

describe("debug mode: coroutines never awaited", () => {
  const body = `
    async function save(x) { say("saved", x); }
    async function main() {
      save(1);                                  // marker:forgot
      await save(2);
      const later = save(3);
      await sleep(1);
      await later;
      sleep(10);                                // marker:sleep
    }
    export const messages = [];
    runSync(main(), { debug: true, slowCallbackDuration: 60_000, exceptionHandler: (loop, ctx) => messages.push(ctx.message) });
    runSync(main(), { exceptionHandler: (loop, ctx) => messages.push("without debug: " + ctx.message) });
  `;

  it("reports each one when the loop closes, with the stack where it was created", async () => {
    const { messages, log } = await program<{ messages: string[] }>(body);
    expect(log).toEqual(["saved 2", "saved 3", "saved 2", "saved 3"]);
    expect(messages).toHaveLength(2);
    // The JavaScript stack of the creation, down to where the loop resumed the creator (positions
    // are in the compiled file): the coroutine function, then its caller, main's state machine.
    const [save, sleepMsg] = messages.map((m) => m.split("\n"));
    expect(save!.slice(0, 2)).toEqual(["coroutine 'save' was never awaited; created at:", expect.stringMatching(/^\s+at save \(file:.*\.mjs:\d+:\d+\)$/)]);
    expect(save!.slice(2)).toEqual([expect.stringMatching(/^\s+at .*main\$step .*\.mjs:\d+:\d+\)$/)]);
    expect(sleepMsg!.slice(0, 2)).toEqual(["coroutine 'sleep' was never awaited; created at:", expect.stringMatching(/^\s+at sleep \(.*sleep\.js:\d+:\d+\)$/)]);
    expect(sleepMsg!.slice(2)).toEqual([expect.stringMatching(/^\s+at .*main\$step .*\.mjs:\d+:\d+\)$/)]);
  });

  it("reports one that is garbage-collected while the loop keeps running", async () => {
    const messages: string[] = [];
    const loop = new EventLoop({ debug: true, slowCallbackDuration: 60_000, exceptionHandler: (_loop, ctx) => messages.push(ctx.message) });
    const forget = coroutineFrom(function* forgotten() {
      yield sleep(0);
    });
    loop.callSoon(() => void forget());
    const running = loop.runForever();
    await collectUntil(() => messages.length > 0);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^coroutine 'forgotten' was never awaited; created at:\n/);
    loop.stop();
    await running;
    loop.close();
    expect(messages).toHaveLength(1);
  });

  it("tasks, awaited, closed and hand-driven coroutines are not reported", () => {
    const messages: string[] = [];
    const step = coroutineFrom(function* () {
      yield sleep(0);
    });
    const main = coroutineFrom(function* () {
      yield step();
      step().close();
      for (const _ of step()) void _;
      const task = getRunningLoop()!.createTask(step());
      task.cancel();
    });
    runSync(main(), { debug: true, slowCallbackDuration: 60_000, exceptionHandler: (_loop, ctx: ExceptionContext) => messages.push(ctx.message) });
    expect(messages).toEqual([]);
  });
});

describe("debug mode: slow callbacks", () => {
  const busy = (ms: number): void => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  };

  it("a callback or task step slower than slowCallbackDuration is reported, naming it", () => {
    const contexts: ExceptionContext[] = [];
    const loop = new EventLoop({ clock: "virtual", debug: true, slowCallbackDuration: 40, exceptionHandler: (_l, ctx) => contexts.push(ctx) });
    expect(loop.slowCallbackDuration).toBe(40);
    loop.callSoon(function crunch() {
      busy(120);
    });
    loop.callSoon(function quick() {});
    const grind = coroutineFrom(function* () {
      yield sleep(0);
      busy(120);
    });
    loop.runUntilCompleteSync(loop.createTask(grind(), { name: "grinder" }));
    expect(contexts.map((c) => c.message.replace(/took [\d.]+ ms/, "took N ms"))).toEqual([
      "Executing callback crunch took N ms (slowCallbackDuration: 40 ms)",
      "Executing Task 'grinder' took N ms (slowCallbackDuration: 40 ms)",
    ]);
    expect(contexts[1]!.task?.getName()).toBe("grinder");
    loop.setDebug(false);
    loop.callSoon(() => busy(120));
    loop.runUntilCompleteSync(sleep(0));
    expect(contexts).toHaveLength(2);
    expect(() => (loop.slowCallbackDuration = -1)).toThrow(TypeError);
  });
});
