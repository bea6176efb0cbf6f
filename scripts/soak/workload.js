// The soak workload (compiled by coro in coroutine mode): tasks flowing through a bounded Queue, a
// Semaphore and a Lock, and tasks that all sleep at once. Used by scripts/soak.mjs (full size) and
// packages/runtime/test/soak.test.ts (scaled down).
import { EventLoop, Lock, Queue, Semaphore, gather, sleep, allTasks } from "@coro/runtime";

/** `total` tasks, `batch` at a time: each puts a number in the queue, takes a permit, then takes a number out under the lock. */
export function flow(total, batch) {
  const loop = new EventLoop({ clock: "virtual" });
  const queue = new Queue({ maxsize: 256 });
  const permits = new Semaphore(64);
  const lock = new Lock();
  let sum = 0;
  async function job(i) {
    await queue.put(i);
    await permits.hold(() => sleep(i % 3));
    await lock.hold(async () => {
      sum += await queue.get();
    });
  }
  async function main() {
    for (let start = 0; start < total; start += batch) {
      const tasks = [];
      for (let i = start; i < Math.min(total, start + batch); i++) tasks.push(loop.createTask(job(i)));
      await gather(...tasks);
    }
  }
  loop.runUntilCompleteSync(main());
  const left = allTasks(loop).length + queue.qsize() + (lock.locked() ? 1 : 0) + (64 - permits.value);
  loop.close();
  return { sum, expected: (total * (total - 1)) / 2, left };
}

/**
 * `n` tasks that all sleep at once. `measure()` is called while every one is suspended (to weigh
 * them); then time moves on and they all finish.
 */
export function sleepers(n, measure) {
  const loop = new EventLoop({ clock: "virtual" });
  let finished = 0;
  async function sleeper() {
    await sleep(1000);
    finished++;
  }
  for (let i = 0; i < n; i++) loop.createTask(sleeper());
  loop.advance(0);
  const measured = measure();
  loop.advance(1000);
  const left = allTasks(loop).length;
  loop.close();
  return { finished, left, measured };
}
