/** Validation of `--mode`: the compiler modes this CLI can ask for. */
import type { Mode } from "@coro/compiler";
import { UsageError } from "./errors.js";

const MODES: readonly Mode[] = ["coroutine", "promise"];

/** Returns the mode named by `--mode` (default `"coroutine"`), or throws a UsageError. */
export function parseMode(value: unknown): Mode {
  if (value === undefined) return "coroutine";
  const mode = MODES.find((m) => m === value);
  if (mode === undefined) {
    throw new UsageError(
      `unsupported --mode ${JSON.stringify(String(value))}: expected ${MODES.join(" or ")}`,
    );
  }
  return mode;
}
