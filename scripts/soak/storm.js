// A cancellation storm (compiled by coro in coroutine mode): thousands of tasks over a Lock, a
// Semaphore, a Queue and an Event, cancelled at random moments chosen by a seeded PRNG, many while
// their finally blocks run and await. Used by scripts/soak.mjs (figures) and
// packages/runtime/test/storm.test.ts (assertions). `storm(seed, n)` returns what happened.
import { EventLoop, Lock, Semaphore, Queue, Event, sleep, waitFor, currentTask, allTasks, CancelledError, TimeoutError } from "@coro/runtime";

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function storm(seed, n) {
  const rnd = mulberry32(seed);
  const pick = (k) => Math.floor(rnd() * k);
  const reports = [];
  const loop = new EventLoop({ clock: "virtual", exceptionHandler: (l, ctx) => reports.push(ctx) });
  const lock = new Lock();
  const sem = new Semaphore(3);
  const queue = new Queue({ maxsize: 4 });
  const never = new Event();
  const inFinally = new Set();
  let thrown = 0, cancelsInFinally = 0, uncancelled = 0;

  async function step(id) {
    switch (pick(5)) {
      case 0: await sleep(pick(20)); break;
      case 1: await lock.hold(() => sleep(pick(4))); break;
      case 2: await sem.hold(() => sleep(pick(6))); break;
      case 3: await queue.put(id); await sleep(pick(3)); await queue.get(); break;
      default: try { await waitFor(never.wait(), pick(10)); } catch (e) { if (!(e instanceof TimeoutError)) throw e; }
    }
  }

  async function work(id, depth) {
    const task = currentTask();
    try {
      await step(id);
      if (depth > 0) await work(id, depth - 1);
      if (pick(12) === 0) { thrown++; throw new Error("work " + id); }
    } catch (e) {
      // Some tasks swallow one cancellation and carry on, as asyncio allows with uncancel().
      if (e instanceof CancelledError && pick(5) === 0) { task.uncancel(); uncancelled++; await sleep(pick(3)); }
      else throw e;
    } finally {
      inFinally.add(task);
      try {
        if (pick(2) === 0) await lock.hold(() => sleep(pick(3)));   // cleanup that awaits
        if (pick(25) === 0) { thrown++; throw new Error("finally " + id); }
      } finally {
        inFinally.delete(task);
      }
    }
    return id;
  }

  const tasks = [];
  for (let i = 0; i < n; i++) tasks.push(loop.createTask(work(i, pick(4)), { name: "w" + i }));
  for (let k = 0; k < 2 * n; k++) {
    loop.callLater(pick(80), () => {
      const task = tasks[pick(n)];
      if (inFinally.has(task)) cancelsInFinally++;
      task.cancel("storm");
    });
  }
  loop.advance(50);
  loop.close();   // cancels what is left, runs finally blocks, reports what nobody retrieved

  const reportedTasks = new Map();
  const otherReports = [];
  for (const ctx of reports) {
    if (ctx.task !== undefined && ctx.message === "Task '" + ctx.task.getName() + "' exception was never retrieved" && ctx.exception === ctx.task.exception()) {
      reportedTasks.set(ctx.task, (reportedTasks.get(ctx.task) ?? 0) + 1);
    } else otherReports.push(ctx.message);
  }
  const failedTasks = tasks.filter((t) => t.done() && !t.cancelled() && t.exception() !== undefined);
  return {
    pending: allTasks(loop).length,
    notDone: tasks.filter((t) => !t.done()).length,
    lockHeld: lock.locked(),
    semValue: sem.value,
    cancelled: tasks.filter((t) => t.cancelled()).length,
    failed: failedTasks.length,
    succeeded: tasks.filter((t) => t.done() && !t.cancelled() && t.exception() === undefined).length,
    thrown, cancelsInFinally, uncancelled,
    reportedTasks: reportedTasks.size,
    reportedTwice: [...reportedTasks.values()].filter((c) => c > 1).length,
    unreportedFailures: failedTasks.filter((t) => !reportedTasks.has(t)).length,
    otherReports,
    // Failures other than the errors the workers throw on purpose (a broken primitive, a runtime bug).
    foreign: failedTasks.map((t) => t.exception()).filter((e) => !/^(work|finally) \d+$/.test(e.message)).map((e) => e.name + ": " + e.message),
  };
}
