/**
 * The state-machine IR: a linear listing of instructions between labels. Labels become the
 * `case`s of the step function's switch; a label's state number is its order of position, so a
 * try region is always a contiguous range of states.
 *
 * ```
 * stmt   <JS statement without await>      emitted as is
 * jump   L                                 _f.$s = L; continue loop
 * await  <operand>, resume L               _v = operand; _f.$s = L; return _v   (then L:)
 *        (yield and yield* the same, with `_f.$y = 1 | 2` telling the driver which it is)
 * return <value>                           _f.$s = -1; return value
 * end-finally R                            route R's pending completion onwards
 * ```
 * Label references inside `stmt` nodes are NumericLiteral placeholders patched after numbering.
 */
import * as t from "@babel/types";

export class Label {
  /** Index in the listing this label marks; -1 until marked. */
  pos = -1;
  /** Assigned state number; -1 until numbered. */
  state = -1;
  private readonly refs: t.NumericLiteral[] = [];
  constructor(readonly debugName: string) {}

  /** A fresh literal that will hold this label's state number (never shared between nodes). */
  ref(): t.NumericLiteral {
    const lit = t.numericLiteral(this.state);
    this.refs.push(lit);
    return lit;
  }

  /** Writes the state number into every reference handed out. */
  resolve(state: number): void {
    this.state = state;
    for (const lit of this.refs) lit.value = state;
  }
}

/** A try statement whose body or handlers suspend. Ranges are [start, end) in label positions. */
export interface TryRegion {
  readonly id: number;
  readonly tryStart: Label;
  /** First position after the try block (start of catch, else of finally). */
  readonly tryEnd: Label;
  readonly catchStart: Label | null;
  readonly finallyStart: Label | null;
  /** First position after the catch block (= finallyStart when there is a finally). */
  readonly handlerEnd: Label;
  /** Frame fields holding the pending completion while the finally block runs. */
  readonly completionField: string;
  readonly valueField: string;
  /** Nesting depth: 0 for outermost regions. */
  readonly depth: number;
}

export type Instr =
  | { kind: "stmt"; node: t.Statement }
  | { kind: "label"; label: Label }
  | { kind: "jump"; target: Label; loc: t.SourceLocation | null | undefined }
  /** A suspension: `await` (signal 0), `yield` in an async generator (1), `yield*` (2). */
  | { kind: "await"; operand: t.Expression; resume: Label; loc: t.SourceLocation | null | undefined; signal: number }
  | { kind: "return"; value: t.Expression | null; loc: t.SourceLocation | null | undefined }
  | { kind: "end-finally"; region: TryRegion };

/** A readable dump of a listing, for debugging and IR tests. */
export function printListing(listing: readonly Instr[], print: (node: t.Node) => string): string {
  return listing
    .map((ins) => {
      switch (ins.kind) {
        case "stmt":
          return `  ${print(ins.node).replace(/\n/g, "\n  ")}`;
        case "label":
          return `${ins.label.debugName}@${ins.label.state}:`;
        case "jump":
          return `  jump ${ins.target.debugName}`;
        case "await":
          return `  await ${print(ins.operand)} -> ${ins.resume.debugName}`;
        case "return":
          return `  return ${ins.value ? print(ins.value) : ""}`;
        case "end-finally":
          return `  end-finally #${ins.region.id}`;
      }
    })
    .join("\n");
}
