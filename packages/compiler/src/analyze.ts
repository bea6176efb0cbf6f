/**
 * Questions the explosion asks about subtrees, answered by small memoised walks that never
 * enter nested functions (their awaits and `this` are their own).
 */
import * as t from "@babel/types";

let awaitMemo = new WeakMap<t.Node, boolean>();

/** Forgets memoised answers: call after rewriting a function's AST (hoisting inserts statements). */
export function forgetAnalysis(): void {
  awaitMemo = new WeakMap();
}

/** Does `node` contain a suspension point (`await`, `yield`) of the function being compiled? */
export function containsAwait(node: t.Node | null | undefined): boolean {
  if (node == null) return false;
  const known = awaitMemo.get(node);
  if (known !== undefined) return known;
  let found = false;
  // Every suspension point: await, for await, and (in generator bodies) yield.
  if (t.isAwaitExpression(node) || t.isYieldExpression(node) || (t.isForOfStatement(node) && node.await)) found = true;
  else if (!t.isFunction(node) && !t.isClass(node)) {
    for (const child of children(node)) {
      if (containsAwait(child)) {
        found = true;
        break;
      }
    }
  } else if (t.isObjectMethod(node)) {
    // A computed key is evaluated in the enclosing function.
    found = node.computed && containsAwait(node.key);
  } else if (t.isClass(node)) {
    // Heritage and computed keys are evaluated in the enclosing function.
    found = containsAwait(node.superClass) || node.body.body.some((m) => "computed" in m && m.computed && containsAwait(m.key as t.Node));
  }
  awaitMemo.set(node, found);
  return found;
}

/** Does any of `nodes` contain an await? */
export function anyAwait(nodes: readonly (t.Node | null | undefined)[]): boolean {
  return nodes.some(containsAwait);
}

/** The child nodes of `node`, in evaluation (visitor-key) order. */
export function* children(node: t.Node): Generator<t.Node> {
  const keys = t.VISITOR_KEYS[node.type] ?? [];
  for (const key of keys) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const v of value) if (v && typeof v === "object" && "type" in v) yield v as t.Node;
    } else if (value && typeof value === "object" && "type" in value) {
      yield value as t.Node;
    }
  }
}

/** Is evaluating `expr` free of effects and independent of later code (safe to reorder)? */
export function isConstant(expr: t.Node): boolean {
  return (
    t.isNumericLiteral(expr) ||
    t.isStringLiteral(expr) ||
    t.isBooleanLiteral(expr) ||
    t.isNullLiteral(expr) ||
    t.isBigIntLiteral(expr) ||
    (t.isTemplateLiteral(expr) && expr.expressions.length === 0)
  );
}
