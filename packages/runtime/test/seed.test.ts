import { beforeEach, describe, expect, it } from "vitest";
import { EventLoop, run, sleep } from "../src/index.js";
import { coroutineFrom } from "./gen-coroutine.js";

let log: string[];
beforeEach(() => {
  log = [];
});

const simplePrint = coroutineFrom(function* simplePrint(msg: string) {
  log.push(msg);
});

const complexWork = coroutineFrom(function* complexWork() {
  yield simplePrint("Hello");
  yield sleep(0);
  yield simplePrint("World");
});

describe("SPEC §1.5 seed transcript", () => {
  it("calling a coroutine function runs nothing", () => {
    const co = simplePrint("Hello");
    expect(log).toEqual([]);
    expect(Object.prototype.toString.call(co)).toBe("[object Coroutine]");
    expect(co.state).toBe("created");
    expect(co.name).toBe("simplePrint");
  });

  it("run(simplePrint) prints Hello before returning its Promise", async () => {
    const p = run(simplePrint("Hello"));
    expect(p).toBeInstanceOf(Promise);
    expect(log).toEqual(["Hello"]);
    await expect(p).resolves.toBeUndefined();
  });

  it("new EventLoop().runUntilComplete(simplePrint) prints Hello", async () => {
    const loop = new EventLoop();
    const p = loop.runUntilComplete(simplePrint("Hello"));
    expect(log).toEqual(["Hello"]);
    await p;
    loop.close();
  });

  it("for…of drives a coroutine to the end", () => {
    for (const _ of simplePrint("Hello")) void _;
    expect(log).toEqual(["Hello"]);
    for (const _ of complexWork()) void _;
    expect(log).toEqual(["Hello", "Hello", "World"]);
  });

  it("it.next() on complexWork: Hello and sleep(0)'s undefined, then World and done", () => {
    const it = complexWork();
    expect(it.next()).toEqual({ value: undefined, done: false });
    expect(log).toEqual(["Hello"]);
    expect(it.state).toBe("suspended");
    expect(it.next()).toEqual({ value: undefined, done: true });
    expect(log).toEqual(["Hello", "World"]);
    expect(it.state).toBe("closed");
    expect(it.next()).toEqual({ value: undefined, done: true });
  });
});
