/**
 * The jump-target stack (regenerator's "leap manager"): what `break`, `continue` and `return`
 * reach from the current point of the explosion. Push and pop are paired and asserted.
 */
import type { Label, TryRegion } from "./ir.js";

export type JumpEntry =
  /** `ownRegion`: a for…of's iterator-closing region, which `continue` stays inside. */
  | { kind: "loop"; breakLabel: Label; continueLabel: Label; labels: readonly string[]; ownRegion?: TryRegion }
  | { kind: "switch"; breakLabel: Label; labels: readonly string[] }
  | { kind: "labeled"; breakLabel: Label; labels: readonly string[] }
  /** Inside the try or catch block of a region with a finally: exits pass through it. */
  | { kind: "finally"; region: TryRegion }
  ;

export class JumpTargets {
  private readonly stack: JumpEntry[] = [];

  push(entry: JumpEntry): void {
    this.stack.push(entry);
  }

  pop(expected: JumpEntry): void {
    const top = this.stack.pop();
    if (top !== expected) throw new Error("internal error: unbalanced jump-target stack");
  }

  /** Entries from innermost to outermost. */
  *inward(): Generator<JumpEntry> {
    for (let i = this.stack.length - 1; i >= 0; i--) yield this.stack[i]!;
  }

  /** The innermost region whose finally block an exit from here must run first. */
  innermostFinally(): TryRegion | null {
    for (const e of this.inward()) if (e.kind === "finally") return e.region;
    return null;
  }

  /**
   * Resolves `break`/`continue` (optionally labelled) to its label and the finally regions it
   * leaves, innermost first. Returns null when no target matches.
   */
  resolve(kind: "break" | "continue", label: string | null): { target: Label; crossed: TryRegion[] } | null {
    const crossed: TryRegion[] = [];
    for (const e of this.inward()) {
      if (e.kind === "finally") {
        crossed.push(e.region);
        continue;
      }
      const named = label === null || e.labels.includes(label);
      if (kind === "continue") {
        if (e.kind === "loop" && named) {
          return { target: e.continueLabel, crossed: crossed.filter((r) => r !== e.ownRegion) };
        }
      } else if (label === null ? e.kind !== "labeled" : named) {
        return { target: e.breakLabel, crossed };
      }
    }
    return null;
  }
}
