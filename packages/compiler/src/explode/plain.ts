/**
 * Emits a statement that contains no `await` as it is, except for the exits that leave it:
 * `return` and the `break`/`continue` whose target lies outside it become state-machine
 * transfers (through pending finally blocks).
 *
 * ```
 * while (x) { if (y) break outer; }   →   while (x) { if (y) { _f.$s = 7; continue loop; } }
 * return v;                           →   { _f.$s = -1; return v; }
 * ```
 *
 * An exit that leaves a native `try…finally` or `for…of` of the statement must not change the
 * state before that finally block (or the iterator's `return()`) has run: code there may throw,
 * and the dispatcher picks the handler by the current state. Such an exit records which exit it
 * is and breaks out of the construct natively; the transfer happens after it:
 *
 * ```
 * try { return v; } finally { C }     →   { let _x = 0, _r;
 *                                            _d: try { _r = v; _x = 1; break _d; } finally { C }
 *                                            if (_x === 1) { _f.$s = -1; return _r; } }
 * ```
 *
 * (Outside every try region of the function nothing depends on the state when code throws, and
 * exits transfer at once.) A finally block that ends abruptly itself (throws, or jumps elsewhere)
 * cancels the pending exit, as natively: control never reaches the transfer.
 */
import * as t from "@babel/types";
import type { Emitter } from "../emitter.js";

/**
 * A native construct whose finalisation an escaping exit must run before the state changes. Its
 * names are made on the first exit that needs them (most constructs have none).
 */
interface Deferral {
  /** The label around the construct: escaping exits inside break to it. */
  label: string;
  /** Which exit is pending (1-based index into `exits`; 0: none). */
  which: string;
  /** The pending `return`'s value. */
  value: string;
  /** The exits to perform after the construct, as statements of the enclosing code. */
  exits: t.Statement[];
}

interface Nesting {
  loops: number;
  switches: number;
  labels: string[];
  deferral: Deferral | null;
}

export function emitPlain(em: Emitter, stmt: t.Statement): void {
  const out = rewriteExits(em, stmt, { loops: 0, switches: 0, labels: [], deferral: null }) as t.Statement;
  // A bare exit becomes a block; its statements go to the listing one by one, so the emitter
  // sees the case end in a return or continue.
  if (out !== stmt && t.isBlockStatement(out)) for (const s of out.body) em.emit(s);
  else em.emit(out);
}

/** Returns `node` with its escaping exits replaced (mutating children in place). */
function rewriteExits(em: Emitter, node: t.Node, nesting: Nesting): t.Node {
  if (t.isFunction(node) || t.isClass(node)) return node;
  if (t.isReturnStatement(node)) {
    const { deferral } = nesting;
    if (deferral === null) return t.inherits(t.blockStatement(em.returnStatements(node.argument ?? null)), node);
    name(em, deferral);
    const exit = t.returnStatement(node.argument ? t.identifier(deferral.value) : null);
    const save = node.argument ? [assignTo(deferral.value, node.argument)] : [];
    return t.inherits(t.blockStatement([...save, ...defer(deferral, exit)]), node);
  }
  if (t.isBreakStatement(node) || t.isContinueStatement(node)) {
    if (isLocal(node, nesting)) return node;
    if (nesting.deferral !== null) return t.inherits(t.blockStatement(defer(name(em, nesting.deferral), t.cloneNode(node))), node);
    return t.inherits(t.blockStatement(em.exitFor(node)), node);
  }
  if ((t.isTryStatement(node) && node.finalizer) || (t.isForOfStatement(node) && !node.await)) {
    return rewriteFinalized(em, node, nesting, node);
  }
  if (t.isLabeledStatement(node)) {
    // A labelled for…of keeps its labels (`continue L` needs them on the loop itself): the
    // deferral wraps the labelled statement.
    let body: t.Statement = node.body;
    while (t.isLabeledStatement(body)) body = body.body;
    if (t.isForOfStatement(body) && !body.await) return rewriteFinalized(em, body, nesting, node);
  }
  rewriteChildren(em, node, nesting);
  return node;
}

function rewriteChildren(em: Emitter, node: t.Node, nesting: Nesting, protectedKeys?: ReadonlySet<string>, deferral?: Deferral): void {
  let inner = nesting;
  if (t.isLoop(node)) inner = { ...nesting, loops: nesting.loops + 1 };
  else if (t.isSwitchStatement(node)) inner = { ...nesting, switches: nesting.switches + 1 };
  else if (t.isLabeledStatement(node)) inner = { ...nesting, labels: [...nesting.labels, node.label.name] };
  const record = node as unknown as Record<string, unknown>;
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const value = record[key];
    // A loop's own head is outside its body: `continue` there belongs to an outer loop.
    let scope = t.isLoop(node) && key !== "body" ? nesting : t.isSwitchStatement(node) && key === "discriminant" ? nesting : inner;
    if (deferral !== undefined && protectedKeys?.has(key)) scope = { ...scope, deferral };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child = value[i];
        if (child && typeof child === "object" && "type" in child) value[i] = rewriteExits(em, child as t.Node, scope);
      }
    } else if (value && typeof value === "object" && "type" in value) {
      record[key] = rewriteExits(em, value as t.Node, scope);
    }
  }
}

const PROTECTED: Record<string, ReadonlySet<string>> = {
  TryStatement: new Set(["block", "handler"]),
  ForOfStatement: new Set(["body"]),
};

/**
 * A `try…finally` (its block and handler) or a `for…of` (its body, whose exits close the
 * iterator): escaping exits inside wait for the construct to finish before they transfer. `whole` is
 * the construct with the labels it carries, which stay on it.
 */
function rewriteFinalized(em: Emitter, node: t.TryStatement | t.ForOfStatement, nesting: Nesting, whole: t.Statement): t.Node {
  const labels: string[] = [];
  for (let s = whole; t.isLabeledStatement(s); s = s.body) labels.push(s.label.name);
  const inside = { ...nesting, labels: [...nesting.labels, ...labels] };
  // Outside every try region an exception leaves the step whatever the state: no need to wait.
  if (!em.inRegion) {
    rewriteChildren(em, node, inside);
    return whole;
  }
  const deferral: Deferral = { label: "", which: "", value: "", exits: [] };
  rewriteChildren(em, node, inside, PROTECTED[node.type], deferral);
  if (deferral.exits.length === 0) return whole;
  // The exits happen where the construct was, so they resolve (and defer) as they would there.
  let dispatch: t.Statement | null = null;
  for (let i = deferral.exits.length - 1; i >= 0; i--) {
    const exit = rewriteExits(em, deferral.exits[i]!, nesting) as t.Statement;
    const test = t.binaryExpression("===", t.identifier(deferral.which), t.numericLiteral(i + 1));
    dispatch = t.ifStatement(test, exit, dispatch);
  }
  const declarators = [t.variableDeclarator(t.identifier(deferral.which), t.numericLiteral(0))];
  if (deferral.exits.some((e) => t.isReturnStatement(e) && e.argument)) declarators.push(t.variableDeclarator(t.identifier(deferral.value)));
  return t.inherits(
    t.blockStatement([
      t.variableDeclaration("let", declarators),
      t.labeledStatement(t.identifier(deferral.label), whole),
      dispatch!,
    ]),
    whole,
  );
}

/** Gives `deferral` its names, on its first exit. */
function name(em: Emitter, deferral: Deferral): Deferral {
  if (deferral.label === "") Object.assign(deferral, { label: em.local("d"), which: em.local("x"), value: em.local("r") });
  return deferral;
}

/** Records `exit` as pending and leaves the construct: `_x = k; break _d;` */
function defer(deferral: Deferral, exit: t.Statement): t.Statement[] {
  deferral.exits.push(exit);
  return [assignTo(deferral.which, t.numericLiteral(deferral.exits.length)), t.breakStatement(t.identifier(deferral.label))];
}

function assignTo(name: string, value: t.Expression): t.ExpressionStatement {
  return t.expressionStatement(t.assignmentExpression("=", t.identifier(name), value));
}

function isLocal(node: t.BreakStatement | t.ContinueStatement, nesting: Nesting): boolean {
  if (node.label) return nesting.labels.includes(node.label.name);
  if (t.isContinueStatement(node)) return nesting.loops > 0;
  return nesting.loops > 0 || nesting.switches > 0;
}
