/**
 * Debug mode's watch for coroutines created and never awaited (asyncio's "coroutine … was never
 * awaited"). While a loop in debug mode runs, each coroutine created records where; it is reported
 * through that loop's exception handler if it is collected, or the loop closes, before it starts.
 * Outside debug mode nothing is recorded: the creation hook is not even installed.
 */
import { AwaitFrame, Coroutine, setCreationHook } from "./coroutine.js";
import type { ExceptionContext } from "./exception-handler.js";
import type { EventLoop } from "./loop.js";
import { CREATED } from "./protocol.js";
import { getRunningLoop } from "./running.js";

/** A coroutine not started yet, and where it was created. Never holds the coroutine strongly. */
interface Unstarted {
  readonly ref: WeakRef<Coroutine>;
  readonly name: string;
  readonly createdAt: string;
}

/**
 * The unstarted coroutines created while one loop ran in debug mode.
 *
 * @example
 * ```ts
 * const watch = new NeverAwaited((ctx) => loop.callExceptionHandler(ctx));
 * watch.created(co);   // from the creation hook
 * watch.reportAll();   // at close: those still unstarted
 * ```
 */
export class NeverAwaited {
  readonly #pending = new Set<Unstarted>();
  readonly #registry: FinalizationRegistry<Unstarted>;
  readonly #report: (context: ExceptionContext) => void;

  constructor(report: (context: ExceptionContext) => void) {
    this.#report = report;
    this.#registry = new FinalizationRegistry((entry) => {
      if (this.#pending.delete(entry)) this.#report(context(entry));
    });
  }

  /** Watches `co` until its status leaves CREATED (it starts, or is closed or thrown into). */
  created(co: Coroutine): void {
    const holder = { stack: "" };
    Error.captureStackTrace(holder, Coroutine);
    const entry: Unstarted = { ref: new WeakRef(co), name: co.name || "<anonymous>", createdAt: callerFrames(holder.stack) };
    this.#pending.add(entry);
    this.#registry.register(co, entry, entry);
    watchStart(co, () => {
      this.#pending.delete(entry);
      this.#registry.unregister(entry);
    });
  }

  /** Reports the coroutines still unstarted (the loop is closing), in creation order. */
  reportAll(): void {
    for (const entry of [...this.#pending]) {
      this.#pending.delete(entry);
      this.#registry.unregister(entry);
      if (entry.ref.deref()?.$st === CREATED) this.#report(context(entry));
    }
  }
}

function context(entry: Unstarted): ExceptionContext {
  return { message: `coroutine '${entry.name}' was never awaited; created at:\n${entry.createdAt}` };
}

/**
 * The stack between the coroutine's constructors and the loop: the function that made it, its
 * caller, … down to the frame a driver resumed (the loop's machinery below it is left out).
 */
function callerFrames(stack: string): string {
  const lines = stack.split("\n").slice(1);
  while (lines.length > 1 && /^\s*at new /.test(lines[0]!)) lines.shift();
  const driver = lines.findIndex((line) => /\.\$resume \(/.test(line));
  return (driver < 0 ? lines : lines.slice(0, driver)).join("\n");
}

/**
 * Calls `onStart` once, when `co.$st` is first written (the driver starts it, delegation adopts
 * it, or it is closed): an own accessor in place of the field until then, a plain field after.
 */
function watchStart(co: Coroutine, onStart: () => void): void {
  let st = co.$st;
  Object.defineProperty(co, "$st", {
    configurable: true,
    enumerable: true,
    get: () => st,
    set: (value: number) => {
      st = value;
      if (value === CREATED) return;
      Object.defineProperty(co, "$st", { value, writable: true, configurable: true, enumerable: true });
      onStart();
    },
  });
}

/** The hook: coroutines created while a debug-mode loop runs are watched by that loop. */
function onCreated(co: Coroutine): void {
  const loop: EventLoop | undefined = getRunningLoop();
  if (loop === undefined || !loop.getDebug() || co instanceof AwaitFrame) return;
  loop._coroutineCreated(co);
}

/**
 * @internal Installs the creation hook (once a loop enters debug mode; it stays installed, and
 * costs one `getDebug()` check per coroutine created while some loop runs).
 */
export function watchCoroutineCreations(): void {
  setCreationHook(onCreated);
}
