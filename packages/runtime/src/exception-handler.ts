/** What a loop does with errors nobody else could handle (a callback threw, a task's error was never retrieved, …). */
import type { Future } from "./future.js";
import type { Handle } from "./handle.js";
import type { EventLoop } from "./loop.js";
import type { Task } from "./task.js";

/**
 * What the exception handler is told.
 *
 * @example
 * ```ts
 * loop.callExceptionHandler({ message: "lost error", exception: new Error("x") });
 * ```
 */
export interface ExceptionContext {
  message: string;
  exception?: unknown;
  handle?: Handle;
  future?: Future<unknown>;
  task?: Task<unknown>;
}

/**
 * A loop's exception handler (asyncio's `set_exception_handler`).
 *
 * @example
 * ```ts
 * const handler: ExceptionHandler = (loop, ctx) => console.warn(ctx.message, ctx.exception);
 * ```
 */
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => void;

/**
 * Prints an exception context to `console.error` (every loop's default handler).
 *
 * @example
 * ```ts
 * printException({ message: "Exception in callback f", exception: err });
 * ```
 */
export function printException(context: ExceptionContext): void {
  console.error(context.message, ...("exception" in context ? [context.exception] : []));
}

/**
 * Hands `context` to `handler` (or prints it); a handler that throws is reported and bypassed.
 *
 * @example
 * ```ts
 * reportException(loop, loop.getExceptionHandler(), { message: "oops" });
 * ```
 */
export function reportException(loop: EventLoop, handler: ExceptionHandler | undefined, context: ExceptionContext): void {
  if (handler === undefined) return printException(context);
  try {
    handler(loop, context);
  } catch (exception) {
    printException({ message: "Unhandled error in the exception handler", exception });
    printException(context);
  }
}
