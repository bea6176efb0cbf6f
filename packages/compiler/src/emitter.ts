/**
 * The per-function explosion context: the IR listing being built, the jump-target stack, try
 * regions, temporaries, and the statements that route `return`/`break`/`continue` through
 * pending `finally` blocks.
 */
import * as t from "@babel/types";
import { Label, type Instr, type TryRegion } from "./ir.js";
import { JumpTargets } from "./jump-targets.js";
import type { ScopeObject } from "./scope-objects.js";
import { errorAt, type CoroCompileError } from "./errors.js";
import { COMPLETION_JUMP, COMPLETION_RETURN, FIELD_STATE } from "./protocol.js";

export interface EmitterNames {
  /** The step function's frame parameter. */
  frame: string;
  /** The step function's resume-value parameter (`await`'s result after resuming). */
  sent: string;
  /** The label of the step function's dispatch loop. */
  loop: string;
}

export interface SourceContext {
  source: string;
  filename: string;
}

export class Emitter {
  readonly listing: Instr[] = [];
  readonly regions: TryRegion[] = [];
  readonly jumps = new JumpTargets();
  /** Compiler-owned frame fields (temporaries, completion slots) the frame class initialises. */
  readonly fields: string[] = [];
  /** Per-iteration scope objects by the node of their scope (see scope-objects.ts). */
  readonly scopeObjects = new Map<t.Node, ScopeObject>();
  private tempCount = 0;
  private readonly temps = new Set<string>();
  private tryDepth = 0;

  /** The local name of a runtime helper (by its role), imported on first use; set by the function compiler. */
  runtimeImport: (role: "asyncIterator") => string = () => {
    throw new Error("internal error: runtimeImport not set");
  };

  /** A fresh identifier name in the program; set by the function compiler. */
  generateUid: (hint: string) => string = () => {
    throw new Error("internal error: generateUid not set");
  };

  /** Names of the step function's own native locals (see `local`). */
  private readonly locals = new Set<string>();

  /** A fresh name for a native local of the step function, which the compiler alone writes and reads. */
  local(hint: string): string {
    const name = this.generateUid(hint);
    this.locals.add(name);
    return name;
  }

  /** What is being compiled: the driver tells suspensions apart by it. */
  kind: "async" | "generator" | "asyncGenerator" = "async";

  constructor(
    readonly names: EmitterNames,
    readonly ctx: SourceContext,
  ) {}

  // ── nodes ──────────────────────────────────────────────────────────────────────────────────

  /** `_f.name`, a fresh node each call. */
  field(name: string): t.MemberExpression {
    return t.memberExpression(t.identifier(this.names.frame), t.identifier(name));
  }

  /** The value of the last `await` (valid until the next one). */
  sent(): t.Identifier {
    return t.identifier(this.names.sent);
  }

  isFrame(node: t.Node): boolean {
    return t.isIdentifier(node, { name: this.names.frame });
  }

  /** A new frame field for an intermediate value, named after its role: `$left3`, `$iter4`. */
  temp(hint = "t"): string {
    const name = `$${hint}${this.tempCount++}`;
    this.temps.add(name);
    this.fields.push(name);
    return name;
  }

  /** Is `node` a reference to one of our temporaries (written only by the compiler)? */
  isTemp(node: t.Node): boolean {
    return t.isMemberExpression(node) && this.isFrame(node.object) && t.isIdentifier(node.property) && this.temps.has(node.property.name);
  }

  // ── listing ────────────────────────────────────────────────────────────────────────────────

  label(debugName: string): Label {
    return new Label(debugName);
  }

  mark(label: Label): void {
    if (label.pos !== -1) throw new Error(`internal error: label ${label.debugName} marked twice`);
    label.pos = this.listing.length;
    this.listing.push({ kind: "label", label });
  }

  /** The source statement being exploded: generated statements map back to it. */
  sourceLoc: t.SourceLocation | null | undefined = null;

  emit(node: t.Statement): void {
    if (!node.loc && this.sourceLoc) node.loc = this.sourceLoc;
    this.listing.push({ kind: "stmt", node });
  }

  emitExpression(expr: t.Expression): void {
    this.emit(t.expressionStatement(expr));
  }

  jump(target: Label, loc?: t.SourceLocation | null): void {
    this.listing.push({ kind: "jump", target, loc: loc ?? this.sourceLoc });
  }

  jumpIfNot(test: t.Expression, target: Label): void {
    this.emit(t.ifStatement(negate(test), this.jumpStatement(target)));
  }

  jumpIf(test: t.Expression, target: Label): void {
    this.emit(t.ifStatement(test, this.jumpStatement(target)));
  }

  /** Suspends on `operand`; returns the expression holding the resumed value. */
  await(operand: t.Expression, loc: t.SourceLocation | null | undefined, signal = 0): t.Identifier {
    const resume = this.label("resume");
    this.listing.push({ kind: "await", operand, resume, loc, signal });
    this.mark(resume);
    return this.sent();
  }

  /** Fields of block scopes that start in the temporal dead zone, by the scope's node. */
  private readonly uninitialized = new Map<t.Node, string[]>();
  /** The expression for UNINITIALIZED (the runtime import), set by the function compiler. */
  uninitializedValue: () => t.Expression = () => t.identifier("undefined");

  uninitializedAtEntry(node: t.Node, field: string): void {
    const list = this.uninitialized.get(node) ?? [];
    list.push(field);
    this.uninitialized.set(node, list);
  }

  /** Entering the scope of `node`: dead-zone fields reset, a fresh scope object if it has one. */
  enterScope(node: t.Node): void {
    for (const field of this.uninitialized.get(node) ?? []) this.emit(assign(this.field(field), this.uninitializedValue()));
    const object = this.scopeObjects.get(node);
    if (object === undefined) return;
    const props = object.names.map((n) =>
      t.objectProperty(t.identifier(n), object.uninitialized.has(n) ? this.uninitializedValue() : t.identifier("undefined")),
    );
    this.emit(assign(this.field(object.field), t.objectExpression(props)));
  }

  /** A `for` loop's next iteration: a copy of the scope object (CreatePerIterationEnvironment). */
  copyScope(node: t.Node): void {
    const object = this.scopeObjects.get(node);
    if (object === undefined) return;
    const props = object.names.map((n) =>
      t.objectProperty(t.identifier(n), t.memberExpression(this.field(object.field), t.identifier(n))),
    );
    this.emit(assign(this.field(object.field), t.objectExpression(props)));
  }

  // ── control transfer ───────────────────────────────────────────────────────────────────────

  /** `{ _f.$s = L; continue loop; }` */
  jumpStatement(target: Label | t.Expression): t.BlockStatement {
    const state = target instanceof Label ? target.ref() : target;
    return t.blockStatement([
      t.expressionStatement(t.assignmentExpression("=", this.field(FIELD_STATE), state)),
      t.continueStatement(t.identifier(this.names.loop)),
    ]);
  }

  /** `return value` from the current point: through the innermost pending finally, if any. */
  returnStatements(value: t.Expression | null, region = this.jumps.innermostFinally()): t.Statement[] {
    if (region !== null) {
      return [
        assign(this.field(region.completionField), t.numericLiteral(COMPLETION_RETURN)),
        assign(this.field(region.valueField), value ?? t.identifier("undefined")),
        ...this.jumpStatement(region.finallyStart!).body,
      ];
    }
    // Inside a try region the value is evaluated before the state says "done": if evaluating it
    // throws, the dispatcher must still route the exception to the region's handlers.
    if (value !== null && this.inRegion && !this.cannotThrow(value)) {
      return [assign(this.sent(), value), assign(this.field(FIELD_STATE), t.numericLiteral(-1)), t.returnStatement(this.sent())];
    }
    return [assign(this.field(FIELD_STATE), t.numericLiteral(-1)), t.returnStatement(value)];
  }

  /** Evaluating `value` cannot throw: a literal, the resume value, a local of ours, a field of the frame (a data property). */
  private cannotThrow(value: t.Expression): boolean {
    if (t.isLiteral(value) && !t.isTemplateLiteral(value)) return true;
    if (t.isIdentifier(value) && (value.name === this.names.sent || this.locals.has(value.name))) return true;
    return t.isMemberExpression(value) && this.isFrame(value.object) && !value.computed;
  }

  /** `break`/`continue` to `target`, leaving the `crossed` finally regions (innermost first). */
  exitStatements(target: Label, crossed: readonly TryRegion[]): t.Statement[] {
    const first = crossed[0];
    if (first === undefined) return this.jumpStatement(target).body;
    return [
      assign(this.field(first.completionField), t.numericLiteral(COMPLETION_JUMP)),
      assign(this.field(first.valueField), target.ref()),
      ...this.jumpStatement(first.finallyStart!).body,
    ];
  }

  /** Resolves a `break`/`continue` statement, or reports it. */
  exitFor(node: t.BreakStatement | t.ContinueStatement): t.Statement[] {
    const kind = t.isBreakStatement(node) ? "break" : "continue";
    const resolved = this.jumps.resolve(kind, node.label?.name ?? null);
    if (resolved === null) throw this.error(`cannot resolve this ${kind}`, node);
    return this.exitStatements(resolved.target, resolved.crossed);
  }

  // ── regions ────────────────────────────────────────────────────────────────────────────────

  openRegion(hasCatch: boolean, hasFinally: boolean): TryRegion {
    const id = this.regions.length;
    const region: TryRegion = {
      id,
      tryStart: this.label(`try${id}`),
      tryEnd: hasCatch ? this.label(`catch${id}`) : this.label(`finally${id}`),
      catchStart: null,
      finallyStart: null,
      handlerEnd: this.label(`handled${id}`),
      completionField: `$c${id}`,
      valueField: `$v${id}`,
      depth: this.tryDepth++,
    };
    const r = region as { -readonly [K in keyof TryRegion]: TryRegion[K] };
    if (hasCatch) r.catchStart = region.tryEnd;
    if (hasFinally) {
      r.finallyStart = hasCatch ? this.label(`finally${id}`) : region.tryEnd;
      r.handlerEnd = region.finallyStart!;
      this.fields.push(region.completionField, region.valueField);
    }
    this.regions.push(region);
    return region;
  }

  /** Is the current point inside a try region (its exceptions routed by the state)? */
  get inRegion(): boolean {
    return this.tryDepth > 0;
  }

  closeRegion(): void {
    this.tryDepth--;
  }

  error(reason: string, node: t.Node | null | undefined): CoroCompileError {
    return errorAt(reason, node, this.ctx.source, this.ctx.filename);
  }
}

export function assign(target: t.LVal, value: t.Expression): t.ExpressionStatement {
  return t.expressionStatement(t.assignmentExpression("=", target, value));
}

export function negate(test: t.Expression): t.Expression {
  return t.isUnaryExpression(test, { operator: "!" }) ? test.argument : t.unaryExpression("!", test);
}
