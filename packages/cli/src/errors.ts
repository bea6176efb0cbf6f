/** The failures the CLI reports itself, each with the exit code it maps to (`exit-codes.ts`). */
import { EXIT } from "./exit-codes.js";

/** Bad usage: unknown command or option, missing `--out-dir`, bad `--mode`, a refused output path… */
export class UsageError extends Error {
  override name = "UsageError";
  readonly exitCode = EXIT.usage;
}

/** An input the CLI cannot use (missing file, unreadable, binary, unsupported extension…). */
export class InputError extends Error {
  override name = "InputError";
  readonly exitCode = EXIT.input;
}

/** An output that could not be written; nothing that existed before was changed. */
export class WriteError extends Error {
  override name = "WriteError";
  readonly exitCode = EXIT.write;
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

/** `permission denied` for EACCES, else the error's message. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOSPC") return "no space left on the device";
  return error instanceof Error ? error.message : String(error);
}
