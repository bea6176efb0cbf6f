/** Which loop is running its callbacks right now, and which task is stepping (JavaScript is single-threaded: one of each at most). */
import type { EventLoop } from "./loop.js";
import type { Task } from "./task.js";

/** The loop inside its `runOnce` batch loop, or undefined between batches. */
let runningLoop: EventLoop | undefined;
/** The task whose coroutine is being resumed, or undefined. */
let steppingTask: Task<unknown> | undefined;
/** Makes the default loop; installed by loop.ts so this module imports no value from it. */
let defaultLoopFactory: (() => EventLoop) | undefined;
let defaultLoop: EventLoop | undefined;

/**
 * The loop that is running callbacks now, or undefined (e.g. in native code between host events).
 *
 * @example
 * ```ts
 * run(async function main() { getRunningLoop()!.time(); });
 * getRunningLoop(); // undefined out here
 * ```
 */
export function getRunningLoop(): EventLoop | undefined {
  return runningLoop;
}

/** @internal Sets the running loop; returns the previous one, to restore. */
export function swapRunningLoop(loop: EventLoop | undefined): EventLoop | undefined {
  const previous = runningLoop;
  runningLoop = loop;
  return previous;
}

/**
 * The task whose coroutine is running now, or undefined.
 *
 * @example
 * ```ts
 * async function main() { console.log(currentTask()?.getName()); }
 * ```
 */
export function currentTask(): Task<unknown> | undefined {
  return steppingTask;
}

/** @internal Sets the stepping task; returns the previous one, to restore. */
export function swapCurrentTask(task: Task<unknown> | undefined): Task<unknown> | undefined {
  const previous = steppingTask;
  steppingTask = task;
  if (probing && task !== undefined) probed = task;
  return previous;
}

/** Debug mode times one callback: is a probe on, and the task that began a step during it. */
let probing = false;
let probed: Task<unknown> | undefined;

/** @internal Starts noting which task steps (debug mode's slow-callback report names it). */
export function startStepProbe(): void {
  probing = true;
  probed = undefined;
}

/** @internal Stops noting; returns the task that stepped since `startStepProbe`, if any. */
export function endStepProbe(): Task<unknown> | undefined {
  const task = probed;
  probing = false;
  probed = undefined;
  return task;
}

/** @internal Installed by loop.ts at load time. */
export function setDefaultLoopFactory(factory: () => EventLoop): void {
  defaultLoopFactory = factory;
}

/**
 * The loop that Futures, `sleep` timers and natively awaited coroutines use when no loop is
 * running: a real-clock loop that runs forever on the host's event loop, created on first use.
 *
 * @example
 * ```ts
 * await someCoroutine(); // in plain native code: runs as a Task on getDefaultLoop()
 * ```
 */
export function getDefaultLoop(): EventLoop {
  if (defaultLoop === undefined || !defaultLoop.isRunning()) {
    if (defaultLoopFactory === undefined) throw new Error("import '@coro/runtime' first");
    defaultLoop = defaultLoopFactory();
  }
  return defaultLoop;
}

/** @internal The running loop, else the default loop. */
export function currentLoop(): EventLoop {
  return runningLoop ?? getDefaultLoop();
}
