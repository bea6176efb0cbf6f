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
  readonly #active = new Set<PendingWait>();
  readonly #deliver: Deliver;

  constructor(deliver: Deliver) {
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

  /**
   * Calls `then` on `thenable`; its first settlement goes to `onSettled` via `deliver`. `label` may
   * be a function, called only if an error message needs it (most waits never do).
   */
  begin(thenable: object, then: Function, onSettled: HostSettled, label: string | (() => string)): HostWait {
    const wait = new PendingWait(this.#active, this.#deliver, onSettled, label);
    this.#active.add(wait);
    try {
      then.call(thenable, wait.fulfil, wait.reject);
    } catch (error) {
      wait.reject(error);
    }
    return wait;
  }

  /** Forgets every wait (the loop is closing). */
  clear(): void {
    this.#active.clear();
  }
}

type Deliver = (fn: HostSettled, mode: number, value: unknown) => void;

/** One registration: an object and the two callbacks given to `then` (the least a wait can cost). */
class PendingWait implements HostWait {
  readonly #active: Set<PendingWait>;
  readonly #deliver: Deliver;
  readonly #onSettled: HostSettled;
  readonly #label: string | (() => string);
  readonly fulfil = (value: unknown): void => this.#settle(NEXT, value);
  readonly reject = (reason: unknown): void => this.#settle(THROW, reason);

  constructor(active: Set<PendingWait>, deliver: Deliver, onSettled: HostSettled, label: string | (() => string)) {
    this.#active = active;
    this.#deliver = deliver;
    this.#onSettled = onSettled;
    this.#label = label;
  }

  get label(): string {
    return typeof this.#label === "string" ? this.#label : this.#label();
  }

  cancel(): void {
    this.#active.delete(this);
  }

  #settle(mode: number, value: unknown): void {
    if (this.#active.delete(this)) this.#deliver(this.#onSettled, mode, value);
  }
}
