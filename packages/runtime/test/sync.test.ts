import { describe, expect, it } from "vitest";
import { program } from "./compiled.js";

describe("Lock", () => {
  it("serialises tasks in arrival order; hold() releases even on throw", async () => {
    const { log } = await program(`
      const lock = new Lock();
      async function worker(name, ms) {
        await lock.acquire();
        try { say(name, "in at", now()); await sleep(ms); } finally { lock.release(); }
      }
      async function main() {
        const ts = [spawn(worker("a", 10)), spawn(worker("b", 5)), spawn(worker("c", 1))];
        for (const t of ts) await t;
        try { await lock.hold(async () => { throw new Error("inside"); }); } catch (e) { say("caught", e.message, lock.locked()); }
        say("held", await lock.hold(async () => { await sleep(1); return lock.locked(); }), lock.locked());
        try { lock.release(); } catch (e) { say(errName(e)); }
      }
      runSync(main());
    `);
    expect(log).toEqual(["a in at 0", "b in at 10", "c in at 15", "caught inside false", "held true false", "RuntimeError: Lock is not acquired: release() must follow a successful acquire()"]);
  });

  it("an uncontended acquire does not suspend: await lock.acquire() costs no turn of the loop", async () => {
    const { log } = await program(`
      const lock = new Lock();
      async function other() { say("other ran"); }
      async function main() {
        spawn(other());
        await lock.acquire();
        say("acquired");
        lock.release();
        await sleep(0);
      }
      runSync(main());
    `);
    expect(log).toEqual(["acquired", "other ran"]);
  });

  it("waiters cancelled while the turn belongs to a woken waiter wake nobody (found by the cancellation storm)", async () => {
    const { log } = await program(`
      const lock = new Lock();
      let inside = 0;
      async function worker(name) {
        await lock.hold(async () => { inside++; say(name, "in with", inside, "inside"); await sleep(1); inside--; });
      }
      async function main() {
        await lock.acquire();
        const ws = ["w1", "w2", "w3", "w4"].map((n) => spawn(worker(n), n));
        await sleep(0);
        ws[1].cancel();             // w2 and w3 were only waiting: they run (and leave) before w1,
        ws[2].cancel();             // and must not hand out another turn while w1 holds one
        lock.release();             // the turn goes to w1, which has not run yet
        await gather(...ws, { returnExceptions: true });
        say("locked after", lock.locked());
      }
      runSync(main());
    `);
    expect(log).toEqual(["w1 in with 1 inside", "w4 in with 1 inside", "locked after false"]);
  });

  it("a cancelled waiter leaves the queue; a woken-then-cancelled waiter passes its turn on", async () => {
    const { log } = await program(`
      const lock = new Lock();
      async function waiter(name) {
        try { await lock.acquire(); say(name, "got it"); lock.release(); }
        catch (e) { say(name, e.name); }
      }
      async function main() {
        await lock.acquire();
        const a = spawn(waiter("a")), b = spawn(waiter("b")), c = spawn(waiter("c"));
        await sleep(1);
        b.cancel();
        lock.release();   // wakes a
        a.cancel();       // ... which is cancelled before it runs: c must get the lock
        await gather(a, b, c, { returnExceptions: true });
        say("locked", lock.locked());
      }
      runSync(main());
    `);
    expect(log).toEqual(["b CancelledError", "a CancelledError", "c got it", "locked false"]);
  });
});

describe("Event", () => {
  it("wait() suspends until set(); set wakes everyone; clear() re-arms", async () => {
    const { log } = await program(`
      const ev = new Event();
      async function waiter(name) { await ev.wait(); say(name, "woke at", now()); }
      async function main() {
        const ts = [spawn(waiter("a")), spawn(waiter("b"))];
        await sleep(20);
        say("set", ev.isSet());
        ev.set();
        for (const t of ts) await t;
        say("again", await ev.wait());
        ev.clear();
        say("cleared", ev.isSet());
      }
      runSync(main());
    `);
    expect(log).toEqual(["set false", "a woke at 20", "b woke at 20", "again true", "cleared false"]);
  });
});

describe("Condition", () => {
  it("producer/consumer with waitFor; notify(n) wakes n waiters in order", async () => {
    const { log } = await program(`
      const cond = new Condition();
      const items = [];
      async function consumer(name) {
        await cond.hold(async () => {
          await cond.waitFor(() => items.length > 0);
          say(name, "took", items.shift(), "at", now());
        });
      }
      async function main() {
        const ts = ["c1", "c2", "c3"].map((n) => spawn(consumer(n)));
        await sleep(5);
        await cond.hold(async () => { items.push("x", "y"); cond.notify(2); });
        await sleep(5);
        await cond.hold(async () => { items.push("z"); cond.notifyAll(); });
        for (const t of ts) await t;
        try { cond.notify(); } catch (e) { say(errName(e)); }
      }
      runSync(main());
    `);
    expect(log).toEqual(["c1 took x at 5", "c2 took y at 5", "c3 took z at 10", "RuntimeError: Condition.notify(): acquire the lock first"]);
  });

  it("a cancelled wait re-acquires the lock before CancelledError propagates", async () => {
    const { log } = await program(`
      const cond = new Condition();
      async function waiter() {
        await cond.acquire();
        try { await cond.wait(); } catch (e) { say("caught", e.name, "holding", cond.locked()); throw e; }
        finally { cond.release(); }
      }
      async function main() {
        const t = spawn(waiter());
        await sleep(1);
        t.cancel();
        try { await t; } catch (e) { say("task", e.name); }
        say("locked after", cond.locked());
      }
      runSync(main());
    `);
    expect(log).toEqual(["caught CancelledError holding true", "task CancelledError", "locked after false"]);
  });
});

describe("Semaphore and BoundedSemaphore", () => {
  it("at most n holders; FIFO; a bounded semaphore refuses an extra release", async () => {
    const { log } = await program(`
      const sem = new Semaphore(2);
      async function job(name) { await sem.hold(async () => { say(name, "start", now()); await sleep(10); }); }
      async function main() {
        await gather(job("a"), job("b"), job("c"), job("d"), job("e"));
        say("value", sem.value, "locked", sem.locked());
        const b = new BoundedSemaphore(1);
        await b.acquire(); b.release();
        try { b.release(); } catch (e) { say(errName(e)); }
      }
      runSync(main());
    `);
    expect(log).toEqual(["a start 0", "b start 0", "c start 10", "d start 10", "e start 20", "value 2 locked false", "RangeError: BoundedSemaphore released too many times"]);
  });

  it("a waiter given a permit but cancelled before it runs gives the permit back", async () => {
    const { log } = await program(`
      const sem = new Semaphore(0);
      async function waiter(name) {
        try { await sem.acquire(); say(name, "acquired"); } catch (e) { say(name, e.name); }
      }
      async function main() {
        const a = spawn(waiter("a")), b = spawn(waiter("b"));
        await sleep(1);
        sem.release();   // a gets the permit...
        a.cancel();      // ...but is cancelled first: b must get it
        await gather(a, b, { returnExceptions: true });
        say("value", sem.value);
      }
      runSync(main());
    `);
    expect(log).toEqual(["a CancelledError", "b acquired", "value 0"]);
  });
});

describe("Barrier", () => {
  it("releases parties together, returns arrival indexes, is reusable; abort breaks it", async () => {
    const { log } = await program(`
      const barrier = new Barrier(3);
      async function runner(name, ms) {
        await sleep(ms);
        const i = await barrier.wait();
        say(name, "passed", i, "at", now());
      }
      async function main() {
        await gather(runner("a", 5), runner("b", 1), runner("c", 9));
        await gather(runner("d", 1), runner("e", 2), runner("f", 3));
        const late = spawn(runner("g", 0));
        await sleep(1);
        say("waiting", barrier.nWaiting);
        await barrier.abort();
        try { await late; } catch (e) { say("g", e.name, barrier.broken); }
        try { await barrier.wait(); } catch (e) { say("after abort", e.name); }
      }
      runSync(main());
    `);
    expect(log).toEqual([
      "c passed 2 at 9", "b passed 0 at 9", "a passed 1 at 9",
      "f passed 2 at 12", "d passed 0 at 12", "e passed 1 at 12",
      "waiting 1", "g BrokenBarrierError true", "after abort BrokenBarrierError",
    ]);
  });
});
