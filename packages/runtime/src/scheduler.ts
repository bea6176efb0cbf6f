/**
 * The engine under an `EventLoop`: its ready queue and timer heap, `#runOnce` (asyncio's
 * `_run_once`, the only place callbacks are called), and runs that go round by round until they
 * are stopped or must wait for the host (a real timer, a native promise).
 */
import type { Clock } from "./clock.js";
import { RuntimeError } from "./errors.js";
import type { Handle, TimerHandle } from "./handle.js";
import { HostWaits } from "./host-waits.js";
import type { HostSettled, HostWait } from "./host-waits.js";
import type { EventLoop } from "./loop.js";
import { endStepProbe, startStepProbe, swapRunningLoop } from "./running.js";
import { TimerHeap } from "./timers.js";

/** An active run: `syncName` is the `…Sync` method's name, or undefined for a Promise-returning run. */
interface Session {
  readonly syncName: string | undefined;
  readonly onStop: () => void;
}

/** A real timer this close (ms) counts as due, as asyncio's clock resolution. */
const CLOCK_RESOLUTION = 1;
/** Settled once: `RESOLVED.then(fn)` queues `fn` as a microtask. */
const RESOLVED = Promise.resolve();
/** `#runRounds` result: the run was stopped. */
const STOPPED = -1;

/**
 * Ready queue, timers and the run loop of one EventLoop (its owner, which is `getRunningLoop()`
 * while callbacks run).
 *
 * @example
 * ```ts
 * const scheduler = new Scheduler(loop, createClock("virtual"));
 * scheduler.addReady(handle);
 * scheduler.start("runForeverSync", () => {});
 * ```
 */
export class Scheduler {
  readonly clock: Clock;
  readonly #owner: EventLoop;
  /** Callbacks ready to run, in the order they became ready. */
  #ready: Handle[] = [];
  readonly #timers = new TimerHeap();
  /** Increases with each timer: equal `when`s run in scheduling order. */
  #timerSeq = 0;
  readonly #hostWaits: HostWaits;
  /** The active run, if any. */
  #session: Session | undefined;
  /** `stop()` was called; consumed by `#runRounds`. */
  #stopping = false;
  /** Inside `#pump`: must not be pumped again. */
  #pumping = false;
  /** A host event woke a waiting run: a pump is queued as a microtask. */
  #wakeQueued = false;
  /** While a run waits for the host: the host timer that wakes it for the next loop timer. */
  #hostTimer: ReturnType<typeof setTimeout> | undefined;
  /** During `advance`: the loop time the run stops at once nothing earlier is left; else Infinity. */
  #limit = Infinity;
  /** Debug mode: callbacks that run longer (real ms) are reported; undefined: not timed. */
  slowCallbackMs: number | undefined;

  constructor(owner: EventLoop, clock: Clock) {
    this.#owner = owner;
    this.clock = clock;
    this.#hostWaits = new HostWaits((fn: HostSettled, mode, value) => void owner.callSoon(fn, mode, value));
  }

  /** Whether a run is active. */
  get running(): boolean {
    return this.#session !== undefined;
  }

  /** Queues a handle after those already ready. */
  addReady(handle: Handle): void {
    this.#ready.push(handle);
    this.#requestWake();
  }

  /** The sequence number the next timer gets. */
  nextTimerSeq(): number {
    return this.#timerSeq++;
  }

  /** Schedules a timer handle. */
  addTimer(handle: TimerHandle): void {
    this.#timers.push(handle);
    this.#requestWake();
  }

  /** A scheduled timer was cancelled. */
  noteTimerCancelled(): void {
    this.#timers.noteCancelled();
  }

  /** Waits for a host thenable; `onSettled` then runs as a loop callback. */
  awaitHost(thenable: object, then: Function, onSettled: HostSettled, label: string | (() => string)): HostWait {
    return this.#hostWaits.begin(thenable, then, onSettled, label);
  }

  /** Starts a run. `syncName` set: runs to the end now, or throws why it cannot. */
  start(syncName: string | undefined, onStop: () => void): void {
    if (this.#session !== undefined) throw new RuntimeError("This event loop is already running: await the coroutine instead");
    this.#session = { syncName, onStop };
    this.#pump();
  }

  /**
   * Runs (with virtual-clock semantics) every callback and timer due up to loop time `until`,
   * then sets the clock to `until`. Tasks waiting for the host stay waiting.
   */
  runUntil(until: number): void {
    this.#limit = until;
    try {
      this.start("advance", () => {});
    } finally {
      this.#limit = Infinity;
    }
  }

  /** Ends the run after the current round. */
  stop(): void {
    this.#stopping = true;
    this.#requestWake();
  }

  /** Drops every callback, timer and host wait (the loop is closing). */
  clear(): void {
    this.#ready = [];
    this.#timers.clear();
    this.#hostWaits.clear();
    this.#clearHostTimer();
  }

  /** Runs rounds until the run stops (then ends it) or must wait for the host (then arranges a wake-up). */
  #pump(): void {
    const session = this.#session;
    if (session === undefined || this.#pumping) return;
    this.#clearHostTimer();
    const previous = swapRunningLoop(this.#owner);
    this.#pumping = true;
    let wait: number;
    try {
      wait = this.#runRounds(session.syncName !== undefined);
    } finally {
      this.#pumping = false;
      swapRunningLoop(previous);
    }
    if (wait === STOPPED || session.syncName !== undefined) {
      this.#session = undefined;
      if (wait !== STOPPED) throw this.#waitError(session.syncName!);
      session.onStop();
    } else if (wait !== Infinity && this.clock.kind === "real") {
      this.#hostTimer = setTimeout(this.#wake, wait);
    }
    // Otherwise a host event wakes the run: its callback's callSoon calls #requestWake.
  }

  /**
   * Calls `#runOnce` while something is ready, jumping time to the next timer when allowed (a
   * `…Sync` run, or a virtual clock with no host event awaited). Returns STOPPED or ms to wait.
   */
  #runRounds(sync: boolean): number {
    for (;;) {
      let timeout = this.#timeout();
      if (timeout > 0 && this.#limit !== Infinity && !((this.#timers.peek()?.when() ?? Infinity) <= this.#limit)) {
        // `advance`: nothing is due before the limit.
        this.clock.advanceTo(this.#limit);
        return STOPPED;
      }
      const mayJump = sync || (this.clock.kind === "virtual" && this.#hostWaits.size === 0);
      if (timeout > 0 && timeout !== Infinity && mayJump) {
        this.clock.advanceTo(this.#timers.peek()!.when());
        timeout = 0;
      }
      if (timeout > 0) return timeout;
      this.#runOnce();
      if (this.#stopping) {
        this.#stopping = false;
        return STOPPED;
      }
    }
  }

  /** 0 if a callback is ready (or stop was asked), else ms until the next timer, else Infinity. */
  #timeout(): number {
    if (this.#ready.length > 0 || this.#stopping) return 0;
    this.#timers.dropCancelledTop();
    const next = this.#timers.peek();
    if (next === undefined) return Infinity;
    const wait = next.when() - this.clock.now();
    return wait <= (this.clock.kind === "real" ? CLOCK_RESOLUTION : 0) ? 0 : wait;
  }

  /** One round: due timers join the ready queue, then exactly the callbacks ready now run, FIFO. */
  #runOnce(): void {
    const timers = this.#timers;
    timers.dropCancelledTop();
    if (timers.peek() !== undefined) {
      // Reading the clock costs more than a round without timers: only when one may be due.
      const end = this.clock.now() + (this.clock.kind === "real" ? CLOCK_RESOLUTION : 0);
      for (let t = timers.peek(); t !== undefined && t.when() <= end; t = timers.peek()) {
        timers.pop();
        if (!t.cancelled()) this.#ready.push(t);
      }
    }
    // Callbacks scheduled by this batch go to a fresh queue and wait for the next round.
    const batch = this.#ready;
    this.#ready = [];
    if (this.slowCallbackMs === undefined) {
      for (const handle of batch) handle._run();
    } else {
      for (const handle of batch) this.#runTimed(handle, this.slowCallbackMs);
    }
  }

  /** Debug mode: runs `handle` and reports it if it took longer than `limit` real ms. */
  #runTimed(handle: Handle, limit: number): void {
    startStepProbe();
    const start = performance.now();
    handle._run();
    const took = performance.now() - start;
    const task = endStepProbe();
    if (took > limit) {
      const what = task === undefined ? `callback ${handle._callbackName()}` : `Task '${task.getName()}'`;
      this.#owner.callExceptionHandler({ message: `Executing ${what} took ${took.toFixed(1)} ms (slowCallbackDuration: ${limit} ms)`, handle, ...(task === undefined ? {} : { task }) });
    }
  }

  readonly #wake = (): void => {
    this.#wakeQueued = false;
    this.#hostTimer = undefined;
    this.#pump();
  };

  /** `#wake` from a promise reaction: what escapes is rethrown as an uncaught exception. */
  readonly #wakeAsync = (): void => {
    try {
      this.#wake();
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  /** New work arrived while a Promise-returning run waits for the host: pump soon. */
  #requestWake(): void {
    const session = this.#session;
    if (session === undefined || session.syncName !== undefined || this.#pumping || this.#wakeQueued) return;
    this.#wakeQueued = true;
    // A reaction on a settled promise: the same microtask queue as queueMicrotask, without the
    // AsyncResource Node makes for every queueMicrotask call (a third of a host wait's cost).
    void RESOLVED.then(this.#wakeAsync);
  }

  #clearHostTimer(): void {
    if (this.#hostTimer !== undefined) clearTimeout(this.#hostTimer);
    this.#hostTimer = undefined;
  }

  #waitError(syncName: string): RuntimeError {
    if (this.#hostWaits.size > 0) {
      return new RuntimeError(
        `${syncName} cannot finish without waiting for the host: ${this.#hostWaits.labels().join(", ")} ` +
          "awaits a native promise (or other thenable). Use the Promise-returning variant instead (run, runUntilComplete, runForever).",
      );
    }
    return new RuntimeError(
      `${syncName} cannot finish: nothing is ready, no timer is pending and no host event is awaited, ` +
        "so every task waits for something no one will do (a deadlock).",
    );
  }
}
