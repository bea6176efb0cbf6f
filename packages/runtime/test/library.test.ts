import { describe, expect, it } from "vitest";
import { program } from "./compiled.js";

describe("gather", () => {
  it("results in argument order; the first failure fails it; returnExceptions collects", async () => {
    const { log } = await program(`
      async function value(v, ms) { await sleep(ms); return v; }
      async function fail(msg, ms) { await sleep(ms); throw new Error(msg); }
      async function main() {
        say(JSON.stringify(await gather(value("a", 30), value("b", 10), 42)), "at", now());
        try { await gather(value("x", 50), fail("boom", 5)); } catch (e) { say("failed", e.message, "at", now()); }
        const r = await gather(value(1, 1), fail("bad", 1), { returnExceptions: true });
        say(r[0], r[1] instanceof Error ? "Error " + r[1].message : r[1]);
        say(JSON.stringify(await gather()));
      }
      runSync(main());
    `);
    expect(log).toEqual(['["a","b",42] at 30', "failed boom at 35", "1 Error bad", "[]"]);
  });

  it("cancelling the gather cancels the children; a cancelled child fails the gather", async () => {
    const { log } = await program(`
      async function child(name) {
        try { await sleep(100); } finally { say(name, "finally at", now()); }
      }
      async function main() {
        const g = gather(child("a"), child("b"));
        await sleep(10);
        say("cancel", g.cancel("stop"));
        try { await g; } catch (e) { say("gather", errName(e), g.cancelled()); }
        const t1 = spawn(sleep(5, "t1")), t2 = spawn(sleep(50));
        const g2 = gather(t1, t2);
        await sleep(1); t2.cancel();
        try { await g2; } catch (e) { say("g2", e.name); }
      }
      runSync(main());
    `);
    expect(log).toEqual(["cancel true", "a finally at 10", "b finally at 10", "gather CancelledError: stop true", "g2 CancelledError"]);
  });
});

describe("wait and asCompleted", () => {
  it("wait: FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED, timeout", async () => {
    const { log } = await program(`
      async function fail(ms) { await sleep(ms); throw new Error("x"); }
      const names = (set) => [...set].map((t) => t.getName()).sort().join(",") || "-";
      async function main() {
        const a = spawn(sleep(10), "a"), b = spawn(sleep(20), "b"), c = spawn(fail(15), "c");
        let r = await wait([a, b, c], { returnWhen: "FIRST_COMPLETED" });
        say("first", names(r.done), names(r.pending), now());
        r = await wait([a, b, c], { returnWhen: "FIRST_EXCEPTION" });
        say("exception", names(r.done), names(r.pending), now());
        r = await wait([a, b, c], { timeout: 2 });
        say("timeout", names(r.done), names(r.pending), now());
        r = await wait([a, b, c]);
        say("all", names(r.done), names(r.pending), now(), c.exception().message);
        try { await wait([sleep(1)]); } catch (e) { say(e.name); }
      }
      runSync(main());
    `);
    expect(log).toEqual(["first a b,c 10", "exception a,c b 15", "timeout a,c b 17", "all a,b,c - 20 x", "TypeError"]);
  });

  it("asCompleted yields outcomes in finishing order; timeout ends it", async () => {
    const { log } = await program(`
      async function main() {
        for (const next of asCompleted([sleep(30, "slow"), sleep(10, "fast"), sleep(20, "mid")])) say(await next, now());
        const it = asCompleted([sleep(5, "ok"), sleep(50, "late")], { timeout: 20 });
        for (const next of it) {
          try { say(await next, now()); } catch (e) { say(e.name, now()); }
        }
      }
      runSync(main());
    `);
    expect(log).toEqual(["fast 10", "mid 20", "slow 30", "ok 35", "TimeoutError 50"]);
  });
});

describe("shield", () => {
  it("the awaiting task is cancelled; the shielded work goes on", async () => {
    const { log } = await program(`
      async function save() { await sleep(50); say("saved at", now()); return "saved"; }
      async function caller(inner) {
        try { await shield(inner); } catch (e) { say("caller", e.name, "at", now()); throw e; }
      }
      async function main() {
        const inner = spawn(save());
        const t = spawn(caller(inner));
        await sleep(10);
        t.cancel();
        await gather(t, { returnExceptions: true });
        say("inner", await inner);
      }
      runSync(main());
    `);
    expect(log).toEqual(["caller CancelledError at 10", "saved at 50", "inner saved"]);
  });
});

describe("timeout, timeoutAt, waitFor", () => {
  it("an expired scope turns the cancellation into TimeoutError; finally blocks run; the task goes on", async () => {
    const { log } = await program(`
      async function slow() { try { await sleep(100); return "done"; } finally { say("slow finally at", now()); } }
      async function main() {
        say(await timeout(200, () => slow()), now());
        try { await timeout(30, async (scope) => { say("deadline", scope.when()); await slow(); }); }
        catch (e) { say(errName(e), e.cause.name, now(), currentTask().cancelling()); }
        try { say(await waitFor(slow(), 10)); } catch (e) { say("waitFor", e.name, now()); }
        say(await waitFor(sleep(5, "quick"), 10), now());
        say(await waitFor(sleep(5, "no limit"), null));
        const deadline = now() + 50;
        say(await timeoutAt(deadline, () => sleep(20, "step1")), now());
        try { await timeoutAt(deadline, () => sleep(40)); } catch (e) { say("step2", e.name, now()); }
      }
      runSync(main());
    `);
    expect(log).toEqual([
      "slow finally at 100", "done 100",
      "deadline 130", "slow finally at 130", "TimeoutError: timed out: the deadline at 130 ms passed CancelledError 130 0",
      "slow finally at 140", "waitFor TimeoutError 140",
      "quick 145", "no limit", "step1 170", "step2 TimeoutError 200",
    ]);
  });

  it("reschedule moves the deadline; expired() tells; an outer cancel stays a CancelledError", async () => {
    const { log } = await program(`
      async function main() {
        await timeout(10, async (scope) => {
          scope.reschedule(now() + 100);
          await sleep(50);
          say("still here at", now(), scope.expired());
          scope.reschedule(null);
          await sleep(100);
          say("no deadline", now(), String(scope.when()));
        });
        const t = spawn(timeout(1000, () => sleep(500)));
        await sleep(1);
        t.cancel();
        try { await t; } catch (e) { say("outer cancel:", e.name); }
      }
      runSync(main());
    `);
    expect(log).toEqual(["still here at 50 false", "no deadline 150 null", "outer cancel: CancelledError"]);
  });
});

describe("TaskGroup", () => {
  it("waits for every child; returns the body's value", async () => {
    const { log } = await program(`
      async function child(name, ms) { await sleep(ms); say(name, "done at", now()); return name; }
      async function main() {
        let a, b;
        const r = await TaskGroup.run(async (tg) => {
          a = tg.createTask(child("a", 20));
          b = tg.createTask(child("b", 10));
          return "body";
        });
        say(r, a.result(), b.result(), now());
      }
      runSync(main());
    `);
    expect(log).toEqual(["b done at 10", "a done at 20", "body a b 20"]);
  });

  it("a failing child cancels its siblings and the body; errors come out in an AggregateError", async () => {
    const { log } = await program(`
      async function child(name, ms, fail) {
        try { await sleep(ms); if (fail) throw new Error(name + " failed"); say(name, "ok"); }
        catch (e) { say(name, e.name || e.message, "at", now()); throw e; }
        finally { await sleep(1); say(name, "cleaned up at", now()); }
      }
      async function main() {
        try {
          await TaskGroup.run(async (tg) => {
            tg.createTask(child("a", 100));
            tg.createTask(child("b", 10, true));
            tg.createTask(child("c", 20, true));
            try { await sleep(1000); } catch (e) { say("body", e.name, "at", now()); throw e; }
          });
        } catch (e) {
          say(e.constructor.name, e.message, e.errors.map((x) => x.message).join(", "), "at", now());
        }
        say("cancelling", currentTask().cancelling());
        let late;
        await TaskGroup.run(async (tg) => { late = tg; });
        try { late.createTask(sleep(1)); } catch (e) { say(e.name); }
      }
      runSync(main());
    `);
    expect(log).toEqual([
      "b Error at 10", "b cleaned up at 11",
      "a CancelledError at 11", "c CancelledError at 11", "body CancelledError at 11",
      "a cleaned up at 12", "c cleaned up at 12",
      "AggregateError unhandled errors in a TaskGroup b failed at 12",
      "cancelling 0", "RuntimeError",
    ]);
  });

  it("cancelling the task that runs the group cancels the children and propagates", async () => {
    const { log } = await program(`
      async function child(name) { try { await sleep(100); } finally { say(name, "finally at", now()); } }
      async function parent() {
        await TaskGroup.run(async (tg) => { tg.createTask(child("a")); tg.createTask(child("b")); await sleep(1000); });
      }
      async function main() {
        const t = spawn(parent());
        await sleep(5);
        t.cancel();
        try { await t; } catch (e) { say("parent", e.name, t.cancelled()); }
      }
      runSync(main());
    `);
    expect(log).toEqual(["a finally at 5", "b finally at 5", "parent CancelledError true"]);
  });
});
