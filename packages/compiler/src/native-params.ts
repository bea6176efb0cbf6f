/**
 * Parameters evaluated natively. A direct `eval` in a parameter initialiser runs in the
 * parameter scope of the function, with rules only the engine knows exactly (its `var`s may not
 * redeclare a parameter or `arguments`: SyntaxError). When the parameter list calls `eval`
 * directly, coro evaluates the whole list with an ordinary function of the same kind and the
 * same parameters, and copies the bound values into the frame:
 *
 * ```
 * async function f(a, b = eval(s)) {…}
 *   →  prologue: [_f.a, _f.b] = function (a, b = eval(s)) { return [a, b]; }.apply(_f.$this, _f.$params);
 * ```
 * Before hoisting, the list is replaced by one pattern that binds the same names, so hoisting
 * plans their frame fields (and the `this` the call needs) as for any parameter list; after
 * hoisting, the prologue it produced is rewritten into the call above.
 */
import type { NodePath } from "@babel/traverse";
import * as t from "@babel/types";
import type { HoistResult } from "./hoist.js";

export interface NativeParams {
  /** The untouched parameter list. */
  original: t.FunctionExpression["params"];
  /** The names it binds, in order. */
  names: string[];
  /** The function's `length`: parameters before the first default or rest. */
  length: number;
  arrow: boolean;
  /** The body's own declarations of `arguments`, emptied: they change what the engine lets eval declare. */
  stubs: t.Statement[];
}

/** Does a parameter initialiser call `eval` directly (the global `eval`, not a local one)? */
export function isDirectEval(p: NodePath<t.CallExpression>): boolean {
  return t.isIdentifier(p.node.callee, { name: "eval" }) && !p.scope.getBinding("eval");
}

/** Replaces a parameter list that calls eval directly by `[a, b, …] = [this]`; null when it does not. */
export function prepareNativeParams(fn: NodePath<t.Function>): NativeParams | null {
  let found = false;
  for (const param of fn.get("params")) {
    param.traverse({
      CallExpression(p) {
        if (isDirectEval(p)) {
          found = true;
          p.stop();
        }
      },
    });
  }
  if (!found) return null;
  const original = fn.node.params.map((p) => t.cloneNode(p, true)) as t.FunctionExpression["params"];
  const names = original.flatMap((p) => Object.keys(t.getBindingIdentifiers(p as t.Node)));
  let length = original.findIndex((p) => t.isAssignmentPattern(p) || t.isRestElement(p));
  if (length === -1) length = original.length;
  const pattern = t.arrayPattern(names.map((n) => t.identifier(n)));
  fn.node.params = [t.assignmentPattern(pattern, t.arrayExpression([t.thisExpression()]))];
  fn.scope.crawl();
  return { original, names, length, arrow: t.isArrowFunctionExpression(fn.node), stubs: argumentsStubs(fn.node.body) };
}

/** `function arguments() {…}` → `function arguments() {}`, `let arguments = x` → `let arguments;`. */
function argumentsStubs(body: t.Function["body"]): t.Statement[] {
  if (!t.isBlockStatement(body)) return [];
  const stubs: t.Statement[] = [];
  for (const s of body.body) {
    if (t.isFunctionDeclaration(s) && s.id?.name === "arguments") {
      stubs.push(t.functionDeclaration(t.identifier("arguments"), [], t.blockStatement([]), s.generator, s.async));
    } else if (t.isClassDeclaration(s) && s.id?.name === "arguments") {
      stubs.push(t.classDeclaration(t.identifier("arguments"), null, t.classBody([])));
    } else if (t.isVariableDeclaration(s) && s.declarations.some((d) => "arguments" in t.getBindingIdentifiers(d.id))) {
      stubs.push(t.variableDeclaration(s.kind === "const" ? "let" : s.kind, [t.variableDeclarator(t.identifier("arguments"))]));
    }
  }
  return stubs;
}

/**
 * Rewrites hoisting's prologue `[[_f.a, …] = [THIS]] = SOURCE` into the native evaluation, and
 * gives the wrapper back the original `length`.
 */
export function finishNativeParams(plan: NativeParams, body: t.BlockStatement, hoist: HoistResult, uid: (name: string) => string): void {
  const statement = body.body[0] as t.ExpressionStatement;
  const assignment = statement.expression as t.AssignmentExpression;
  const outer = assignment.left as t.ArrayPattern;
  const inner = outer.elements[0] as t.AssignmentPattern;
  const targets = inner.left as t.ArrayPattern;
  const self = (inner.right as t.ArrayExpression).elements[0] as t.Expression;
  const values = t.arrayExpression(plan.names.map((n) => t.identifier(n)));
  const placeholders = Array.from({ length: plan.length }, () => t.identifier(uid("p")));
  let call: t.Expression;
  if (plan.arrow) {
    // An arrow's `this` is lexical: the arrow is made inside a function called with it.
    const arrow = t.arrowFunctionExpression(plan.original, t.blockStatement([t.returnStatement(values), ...plan.stubs]));
    const maker = t.functionExpression(null, [], t.blockStatement([t.returnStatement(arrow)]));
    const made = t.callExpression(t.memberExpression(maker, t.identifier("call")), [self]);
    call = t.callExpression(made, [t.spreadElement(assignment.right)]);
    const rest = t.identifier(uid("rest"));
    hoist.params.wrapperParams = [...placeholders, t.restElement(rest)];
    hoist.params.source = t.arrayExpression([...placeholders.map((p) => t.cloneNode(p)), t.spreadElement(t.cloneNode(rest))]);
  } else {
    const evaluate = t.functionExpression(null, plan.original, t.blockStatement([t.returnStatement(values), ...plan.stubs]));
    call = t.callExpression(t.memberExpression(evaluate, t.identifier("apply")), [self, assignment.right]);
    hoist.params.wrapperParams = placeholders;
  }
  statement.expression = t.assignmentExpression("=", targets, call);
}
