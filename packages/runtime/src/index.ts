export { Coroutine, AwaitFrame, RAW, DONE } from "./coroutine.js";
export type { FrameInfo, StepFunction, SourceLocation, CoroutineState } from "./coroutine.js";
export { AWAIT, NEXT, THROW, CLOSE } from "./protocol.js";
export {
  RuntimeError,
  CancelledError,
  InvalidStateError,
  TimeoutError,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  BrokenBarrierError,
} from "./errors.js";
export { Future } from "./future.js";
export type { FutureOptions, DoneCallback } from "./future.js";
export { Task, ensureFuture } from "./task.js";
export type { TaskOptions } from "./task.js";
export { awaitOnce } from "./await-once.js";
export type { Awaitable } from "./await-once.js";
export { Handle, TimerHandle } from "./handle.js";
export type { ClockKind } from "./clock.js";
export { EventLoop, allTasks } from "./loop.js";
export type { EventLoopOptions } from "./loop.js";
export type { DiagnosticOptions } from "./loop-diagnostics.js";
export type { ExceptionContext, ExceptionHandler } from "./exception-handler.js";
export { getRunningLoop, getDefaultLoop, currentTask } from "./running.js";
export { sleep } from "./sleep.js";
export type { SleepOptions } from "./sleep.js";
export { run, runSync } from "./run.js";
export type { RunOptions } from "./run.js";
export { gather, GatheringFuture } from "./gather.js";
export type { GatherOptions, GatherResults, AwaitedOf } from "./gather.js";
export { wait } from "./wait.js";
export type { WaitOptions, WaitResult, ReturnWhen } from "./wait.js";
export { timeout, timeoutAt, waitFor, Timeout } from "./timeout.js";
export { shield } from "./shield.js";
export { asCompleted, AsCompleted } from "./as-completed.js";
export type { AsCompletedOptions } from "./as-completed.js";
export { TaskGroup } from "./task-group.js";
export { Lock } from "./sync/lock.js";
export { Event } from "./sync/event.js";
export { Condition } from "./sync/condition.js";
export { Semaphore, BoundedSemaphore } from "./sync/semaphore.js";
export { Barrier } from "./sync/barrier.js";
export { Queue } from "./queues/queue.js";
export type { QueueOptions } from "./queues/queue.js";
export { PriorityQueue, defaultCompare } from "./queues/priority-queue.js";
export type { PriorityQueueOptions } from "./queues/priority-queue.js";
export { LifoQueue } from "./queues/lifo-queue.js";
export { UNINITIALIZED, assertInitialized, checkedWrite, throwConstAssignment } from "./bindings.js";
export { propertyKey } from "./property-key.js";
export { AsyncFrame, AsyncGeneratorFrame, asyncIteratorForPromise, runAsync } from "./promise.js";
export { GeneratorFrame, startGenerator } from "./generator.js";
export { createGenerator, defineClassGeneratorMethods, defineGenerator, defineGeneratorMethods } from "./generator-object.js";
export { AsyncGeneratorCoroutine, asyncIteratorFor } from "./async-generator.js";
