/**
 * Separates coro's own arguments from the script's in `coro run`: everything after the script path
 * belongs to the script, options included, as with `node file.js --flag`.
 *
 * @example
 * ```text
 * ["--mode", "coroutine", "run", "app.js", "--port", "80"]
 *   -> coro: ["--mode", "coroutine", "run", "app.js"], script: ["--port", "80"]
 * ```
 */

/** coro options that take a value as the next argument (`--mode coroutine`). */
const VALUE_OPTIONS: readonly string[] = ["--mode", "--out-dir", "--filename", "--extensions", "--ignore", "--cache-dir", "--workers"];

export interface SplitArgv {
  /** Arguments for coro's own parser, ending with the script path when there is one. */
  coro: string[];
  /** Arguments after the script path, passed through untouched. */
  script: string[];
}

/** Splits `args` (process.argv without node and the bin) when its command is `run`. */
export function splitRunArgv(args: readonly string[]): SplitArgv {
  let seenRun = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      if (!seenRun) return { coro: [...args], script: [] };
      return { coro: [...args.slice(0, i), ...args.slice(i + 1, i + 2)], script: args.slice(i + 2) };
    }
    if (arg.startsWith("-") && arg !== "-") {
      if (VALUE_OPTIONS.includes(arg)) i++;
      continue;
    }
    if (!seenRun) {
      if (arg !== "run") return { coro: [...args], script: [] };
      seenRun = true;
      continue;
    }
    return { coro: args.slice(0, i + 1), script: args.slice(i + 1) };
  }
  return { coro: [...args], script: [] };
}
