/**
 * The exit codes of `coro`, one per kind of failure (README "Exit codes" lists the same table).
 * When several kinds happen in one build, the highest code wins.
 */
export const EXIT = {
  /** Everything compiled and was written (or, with `--check`, every output is up to date). */
  ok: 0,
  /** Some input did not compile (syntax error, unsupported construct), or `--check` found stale outputs. */
  compileError: 1,
  /** Bad usage: unknown option, bad value, an output path that would escape `--out-dir` or overwrite an input. */
  usage: 2,
  /** An input could not be used: missing, unreadable, a directory where a file was expected, binary or not UTF-8. */
  input: 3,
  /** An output could not be written (permission, full disk); outputs that existed before are left as they were. */
  write: 4,
  /** The compiler failed unexpectedly on some input (a bug in coro: please report it with the file). */
  internal: 5,
} as const;

export type ExitCodeValue = (typeof EXIT)[keyof typeof EXIT];
