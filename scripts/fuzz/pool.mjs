// Long-lived fuzz workers (scripts/fuzz/worker.mjs) for scripts/fuzz.mjs. A worker loads the
// compiler, Babel and the generators once and runs chunk after chunk, so Babel's code stays hot
// (a fresh process spends its first hundred programs in cold code); it is retired — and the next
// chunk gets a fresh one — after RETIRE_AFTER programs or once its memory passes RETIRE_RSS, because
// each program's modules stay in the module map. A worker that crashes or times out is killed.
import { fork } from "node:child_process";
import { join } from "node:path";

/** Programs a worker runs before it is replaced. */
export const RETIRE_AFTER = 1_500;
/** Resident memory (bytes) after which a worker is replaced. */
export const RETIRE_RSS = 1_000_000_000;

export class FuzzWorker {
  #child;
  #stderr = "";
  /** Resolves the message in flight (one at a time). */
  #settle;
  /** Programs run so far. */
  programs = 0;
  /** Dead (exited or killed) or closed: takes no more messages. */
  exited = false;
  #closed = false;
  /** Resolves when the process has exited. */
  #exit;

  /** `bundle`: the generators and the compiler, built by scripts/fuzz/build.mjs. */
  constructor(root, bundle) {
    // A larger young generation: Babel allocates many short-lived objects (fewer scavenges: about
    // 15% less CPU time than the default in a 300-program coroutine run).
    this.#child = fork(join(root, "scripts", "fuzz", "worker.mjs"), [bundle], {
      cwd: root,
      execArgv: ["--max-semi-space-size=64"],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    this.#child.stderr.on("data", (d) => (this.#stderr = (this.#stderr + d).slice(-4000)));
    this.#child.on("message", (m) => this.#settle?.(m));
    this.#exit = new Promise((resolve) => this.#child.once("exit", resolve));
    this.#child.on("exit", (code, signal) => {
      this.exited = true;
      this.#settle?.({ crashed: `worker exited (${signal ?? code}) without an answer:\n${this.#stderr}` });
    });
  }

  /** Sends one message; resolves with the answer, or { crashed } / { timedOut } (the worker is then dead). */
  ask(message, timeoutMs) {
    if (this.exited) return Promise.resolve({ crashed: `worker exited before the message:\n${this.#stderr}` });
    this.#stderr = "";
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#settle = undefined;
        this.kill();
        resolve({ timedOut: true });
      }, timeoutMs);
      this.#settle = (answer) => {
        this.#settle = undefined;
        clearTimeout(timer);
        resolve(answer);
      };
      this.#child.send(message);
    });
  }

  /** Whether the worker should be replaced before its next chunk. */
  get spent() {
    return this.exited || this.#closed || this.programs >= RETIRE_AFTER;
  }

  /** Ends the worker when it is idle (it exits when its channel closes); resolves once it has exited. */
  close() {
    this.#closed = true;
    if (!this.exited && this.#child.connected) this.#child.disconnect();
    return this.#exit;
  }

  kill() {
    if (!this.exited) this.#child.kill("SIGKILL");
    this.exited = true;
  }
}
