/** The two kinds of failure the CLI reports itself, each with the exit code it maps to. */

/** Bad usage: unknown command or option, missing `--out-dir`, bad `--mode`… Exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
  readonly exitCode = 2;
}

/** An input the CLI cannot read (missing file, unsupported extension…). Exit code 1. */
export class InputError extends Error {
  override name = "InputError";
  readonly exitCode = 1;
}

/** The `code` the compiler puts on every `CoroCompileError`; it survives the hooks thread. */
export const COMPILE_ERROR_CODE = "CORO_COMPILE_ERROR";

/** A compile error, possibly one that crossed from the module hooks thread (class lost, fields kept). */
export interface CompileErrorLike {
  code: typeof COMPILE_ERROR_CODE;
  message: string;
  filename?: string;
}

/** Whether `error` is a `CoroCompileError`, even one serialized across threads. */
export function isCompileError(error: unknown): error is CompileErrorLike {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: unknown }).code === COMPILE_ERROR_CODE &&
    typeof (error as { message?: unknown }).message === "string"
  );
}
