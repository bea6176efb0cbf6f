/** The frame class a compiled async function (promise mode) extends, shared by both promise drivers. */

/** One call of a compiled async function in promise mode: its locals are the subclass's fields. */
export class AsyncFrame {
  /** Program counter of the state machine; -1 once finished. Written by `$step` only. */
  $s: number;
  readonly $step: (frame: any, mode: number, value: unknown) => unknown;

  constructor(step: (frame: any, mode: number, value: unknown) => unknown) {
    this.$s = 0;
    this.$step = step;
  }
}

