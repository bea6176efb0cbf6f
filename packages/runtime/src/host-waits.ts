/** The host events (native promises, other thenables) a loop's tasks are waiting on. */
import { NEXT, THROW } from "./protocol.js";

/**
 * One pending `thenable.then(…)` registration. Cancelling it makes the later settlement a no-op.
 *
 * @example
 * ```ts
 * const wait = waits.begin(promise, promise.then, onSettled, "task 'main'");
 * wait.cancel();
 * ```
 */
export interface HostWait {
  /** Who waits, for error messages ("task 'main'"). */
  readonly label: string;
  /** Forgets the wait: its settlement will be ignored. */
  cancel(): void;
}

/** Called with NEXT and the fulfilment value, or THROW and the rejection reason. */
export type HostSettled = (mode: number, value: unknown) => void;

/**
 * The set of host waits of one loop. A settlement is delivered once, through `deliver` (the
 * loop's `callSoon`), so the waiting task resumes inside the loop, never inside a host callback.
 *
 * @example
 * ```ts
 * const waits = new HostWaits((fn, mode, value) => loop.callSoon(fn, mode, value));
 * waits.size; // 0
 * ```
 */
export class HostWaits {
  /** Waits whose thenable has not settled and that were not cancelled. */
  readonly #active = new Set<HostWait>();
  readonly #deliver: (fn: HostSettled, mode: number, value: unknown) => void;

  constructor(deliver: (fn: HostSettled, mode: number, value: unknown) => void) {
    this.#deliver = deliver;
  }

  /** How many host events the loop waits for. */
  get size(): number {
    return this.#active.size;
  }

  /** Labels of the waiters, for error messages. */
  labels(): string[] {
    return [...this.#active].map((w) => w.label);
  }

  /** Calls `then` on `thenable`; its first settlement goes to `onSettled` via `deliver`. */
  begin(thenable: object, then: Function, onSettled: HostSettled, label: string): HostWait {
    const active = this.#active;
    const wait: HostWait = { label, cancel: () => void active.delete(wait) };
    active.add(wait);
    const settle = (mode: number) => (value: unknown) => {
      if (!active.delete(wait)) return;
      this.#deliver(onSettled, mode, value);
    };
    try {
      then.call(thenable, settle(NEXT), settle(THROW));
    } catch (error) {
      settle(THROW)(error);
    }
    return wait;
  }

  /** Forgets every wait (the loop is closing). */
  clear(): void {
    this.#active.clear();
  }
}
