/**
 * The diagnostic half of an `EventLoop` (its base class): the exception handler, debug mode (coroutines
 * never awaited, slow callbacks), and the failures nobody retrieved. `loop.ts` holds the rest.
 */
import type { Coroutine } from "./coroutine.js";
import { printException, reportException } from "./exception-handler.js";
import type { ExceptionContext, ExceptionHandler } from "./exception-handler.js";
import type { Future } from "./future.js";
import type { EventLoop } from "./loop.js";
import { LostErrors } from "./lost-errors.js";
import { NeverAwaited, watchCoroutineCreations } from "./never-awaited.js";
import { option } from "./options.js";

/** The options `LoopDiagnostics` reads (a subset of `EventLoopOptions`). */
export interface DiagnosticOptions {
  /** Debug mode (see `getDebug`). */
  debug?: boolean;
  /** Receives errors nobody else could handle; default: `defaultExceptionHandler`. */
  exceptionHandler?: ExceptionHandler;
  /** Debug mode reports callbacks (task steps included) that run longer than this (ms); default 100. */
  slowCallbackDuration?: number;
}

/**
 * Base of `EventLoop`: what a loop reports, and how. Not meant to be used on its own.
 *
 * @example
 * ```ts
 * const loop = new EventLoop({ debug: true, exceptionHandler: (l, ctx) => log(ctx.message) });
 * ```
 */
export abstract class LoopDiagnostics {
  /** Failed Futures and Tasks whose exception nobody retrieved yet, held weakly. */
  readonly #lost = new LostErrors((context) => this.callExceptionHandler(context));
  /** Debug mode: coroutines created while this loop ran and not started yet. */
  #neverAwaited: NeverAwaited | undefined;
  #debug = false;
  #slowCallbackDuration = 100;
  #exceptionHandler: ExceptionHandler | undefined;

  /** Reads the diagnostic options (own properties only). */
  protected _configure(options: DiagnosticOptions): void {
    this.#exceptionHandler = option(options, "exceptionHandler");
    const slow = option(options, "slowCallbackDuration");
    if (slow !== undefined) this.slowCallbackDuration = slow;
    if (option(options, "debug") === true) this.setDebug(true);
  }

  /** Starts (ms) or stops (undefined) timing callbacks against the slow-callback threshold. */
  protected abstract _timeCallbacks(ms: number | undefined): void;

  /**
   * Whether debug mode is on.
   *
   * @example
   * ```ts
   * new EventLoop({ debug: true }).getDebug(); // true
   * ```
   */
  getDebug(): boolean {
    return this.#debug;
  }

  /**
   * Turns debug mode on or off.
   *
   * @example
   * ```ts
   * loop.setDebug(true);
   * ```
   */
  setDebug(enabled: boolean): void {
    this.#debug = enabled === true;
    if (this.#debug) {
      watchCoroutineCreations();
      this.#neverAwaited ??= new NeverAwaited((context) => this.callExceptionHandler(context));
    }
    this._timeCallbacks(this.#debug ? this.#slowCallbackDuration : undefined);
  }

  /**
   * In debug mode, a callback (a task step included) that runs longer than this many ms is
   * reported to the exception handler. Default 100.
   *
   * @example
   * ```ts
   * loop.slowCallbackDuration = 20;
   * ```
   */
  get slowCallbackDuration(): number {
    return this.#slowCallbackDuration;
  }

  set slowCallbackDuration(ms: number) {
    if (typeof ms !== "number" || !(ms >= 0)) throw new TypeError(`slowCallbackDuration must be a number of ms ≥ 0, got ${String(ms)}`);
    this.#slowCallbackDuration = ms;
    if (this.#debug) this._timeCallbacks(ms);
  }

  /**
   * Replaces the exception handler (undefined: the default one).
   *
   * @example
   * ```ts
   * loop.setExceptionHandler((loop, ctx) => errors.push(ctx.exception));
   * ```
   */
  setExceptionHandler(handler: ExceptionHandler | undefined): void {
    this.#exceptionHandler = handler;
  }

  /**
   * The custom exception handler, if any.
   *
   * @example
   * ```ts
   * loop.getExceptionHandler(); // undefined
   * ```
   */
  getExceptionHandler(): ExceptionHandler | undefined {
    return this.#exceptionHandler;
  }

  /**
   * Reports an error nobody else could handle (a callback threw, …) to the exception handler.
   *
   * @example
   * ```ts
   * loop.callExceptionHandler({ message: "lost error", exception: err });
   * ```
   */
  callExceptionHandler(context: ExceptionContext): void {
    reportException(this as unknown as EventLoop, this.#exceptionHandler, context);
  }

  /**
   * Prints the context to `console.error`.
   *
   * @example
   * ```ts
   * loop.defaultExceptionHandler({ message: "oops" });
   * ```
   */
  defaultExceptionHandler(context: ExceptionContext): void {
    printException(context);
  }

  /** @internal A Future failed with `exception` (`failed`), or its exception was retrieved (`!failed`). */
  _noteUnretrieved(fut: Future<unknown>, failed: boolean, exception?: unknown): void {
    if (failed) this.#lost.failed(fut, exception);
    else this.#lost.retrieved(fut);
  }

  /** @internal Debug mode: a coroutine was created while this loop ran. */
  _coroutineCreated(co: Coroutine): void {
    this.#neverAwaited?.created(co);
  }

  /** The loop is closing: reports the coroutines never awaited, then the failures nobody retrieved. */
  protected _reportLeftovers(): void {
    this.#neverAwaited?.reportAll();
    this.#lost.reportAll();
  }
}
