/** Validation of `--mode` and `--target`: the compiler modes and targets this CLI can ask for. */
import type { Mode, Target } from "@coro/compiler";
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

const TARGETS: readonly Target[] = ["es2015", "es2017"];

/** Returns the target named by `--target` (default `"es2017"`) for `mode`, or throws a UsageError. */
export function parseTarget(value: unknown, mode: Mode): Target {
  if (value === undefined) return "es2017";
  const target = TARGETS.find((t) => t === value);
  if (target === undefined) {
    throw new UsageError(`unsupported --target ${JSON.stringify(String(value))}: expected ${TARGETS.join(" or ")}`);
  }
  if (target === "es2015" && mode !== "promise") {
    throw new UsageError("--target es2015 needs --mode promise: coroutine mode's runtime needs an ES2018 engine");
  }
  return target;
}
