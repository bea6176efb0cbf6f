import { describe, expect, it } from "vitest";
import { program } from "./compiled.js";

describe("Queue", () => {
  it("a bounded worker pool: put waits while full, join waits for taskDone", async () => {
    const { log } = await program(`
      const q = new Queue({ maxsize: 2 });
      async function worker(name) {
        for (;;) {
          const job = await q.get();
          await sleep(job);
          say(name, "did", job, "at", now());
          q.taskDone();
        }
      }
      async function main() {
        const workers = [spawn(worker("w1")), spawn(worker("w2"))];
        for (const job of [30, 10, 20, 10, 5]) { await q.put(job); say("queued", job, "at", now(), "size", q.qsize()); }
        await q.join();
        say("all done at", now());
        for (const w of workers) w.cancel();
        await gather(...workers, { returnExceptions: true });
      }
      runSync(main());
    `);
    expect(log).toEqual([
      "queued 30 at 0 size 1", "queued 10 at 0 size 2", "queued 20 at 0 size 1", "queued 10 at 0 size 2",
      "w2 did 10 at 10", "queued 5 at 10 size 2",
      "w1 did 30 at 30", "w2 did 20 at 30", "w2 did 5 at 35", "w1 did 10 at 40", "all done at 40",
    ]);
  });

  it("nowait variants raise QueueEmpty / QueueFull; taskDone too often is InvalidStateError", async () => {
    const { log } = await program(`
      async function main() {
        const q = new Queue({ maxsize: 1 });
        try { q.getNowait(); } catch (e) { say(e.name); }
        q.putNowait("a");
        try { q.putNowait("b"); } catch (e) { say(e.name, q.full(), q.maxsize); }
        say(q.getNowait(), q.empty());
        q.taskDone();
        try { q.taskDone(); } catch (e) { say(e.name); }
      }
      runSync(main());
    `);
    expect(log).toEqual(["QueueEmpty", "QueueFull true 1", "a true", "InvalidStateError"]);
  });

  it("shutdown: getters drain then get QueueShutDown; putters fail; immediate drops items", async () => {
    const { log } = await program(`
      async function consumer(q, name) {
        try { for (;;) { say(name, "got", await q.get()); q.taskDone(); } }
        catch (e) { say(name, e.name); }
      }
      async function main() {
        const q = new Queue();
        q.putNowait(1); q.putNowait(2);
        q.shutdown();
        await consumer(q, "c1");
        try { await q.put(3); } catch (e) { say("put", e.name, q.isShutDown()); }

        const q2 = new Queue({ maxsize: 1 });
        q2.putNowait("x");
        const putter = spawn((async () => { try { await q2.put("y"); } catch (e) { say("putter", e.name); } })());
        const waiter = spawn((async () => { await q2.join(); say("join returned"); })());
        await sleep(1);
        q2.shutdown(true);
        await gather(putter, waiter);
        say("size", q2.qsize());
      }
      runSync(main());
    `);
    expect(log).toEqual(["c1 got 1", "c1 got 2", "c1 QueueShutDown", "put QueueShutDown true", "join returned", "putter QueueShutDown", "size 0"]);
  });

  it("PriorityQueue returns the smallest first (FIFO among equals); LifoQueue the newest", async () => {
    const { log } = await program(`
      async function main() {
        const pq = new PriorityQueue();
        for (const e of [[2, "write docs"], [1, "fix bug"], [3, "lunch"], [1, "review"]]) await pq.put(e);
        const out = [];
        while (!pq.empty()) out.push((await pq.get())[1]);
        say(out.join(", "));
        const byLen = new PriorityQueue({ compare: (a, b) => a.length - b.length });
        for (const w of ["ccc", "a", "bb", "d"]) byLen.putNowait(w);
        say([byLen.getNowait(), byLen.getNowait(), byLen.getNowait(), byLen.getNowait()].join(" "));
        const lq = new LifoQueue();
        for (const n of [1, 2, 3]) lq.putNowait(n);
        say(await lq.get(), await lq.get(), await lq.get());
      }
      runSync(main());
    `);
    expect(log).toEqual(["fix bug, review, write docs, lunch", "a d bb ccc", "3 2 1"]);
  });

  it("get waiters are served in arrival order", async () => {
    const { log } = await program(`
      const q = new Queue();
      async function getter(name) { say(name, "got", await q.get()); }
      async function main() {
        const ts = ["g1", "g2", "g3"].map((n) => spawn(getter(n)));
        await sleep(1);
        for (const x of ["a", "b", "c"]) q.putNowait(x);
        await gather(...ts);
      }
      runSync(main());
    `);
    expect(log).toEqual(["g1 got a", "g2 got b", "g3 got c"]);
  });
});
