/**
 * Name lookups the compiler cannot resolve: `with` and sloppy-mode direct `eval`. Hoisting turns
 * locals into frame fields, which code that looks names up at run time could not find. Each such
 * site gets a *scope object*: accessors for the locals it can see, made by ordinary code that
 * hoisting then rewrites like any other (frame fields, dead-zone checks, `const`), so a run-time
 * lookup through it reaches the very binding the compiled code uses.
 *
 * ```
 * with (o) { v = x + 1; }             →  with ({ get v() {…}, set v(_v) {…}, get x() {…}, … }) with (o) { v = x + 1; }
 * eval(s)                             →  function (_s, _c) { with (_s) return eval(_c); }.call(this, { get x() {…}, … }, s)
 * ```
 * A `with` body's own identifiers must then be looked up at run time, so the body is detached
 * before hoisting (hoisting sees an empty block) and put back after it, with `this`,
 * `arguments` and `new.target` read from the scope object too. `var` declarations in it become
 * assignments (they assign through the object, as the language does) and the names are declared
 * in the function. Strict-mode code has neither `with` nor a sloppy `eval`: a strict direct eval
 * in a body stays a compile error, as does a `with` whose body suspends.
 */
import type { Binding, NodePath, Scope } from "@babel/traverse";
import * as t from "@babel/types";
import { containsAwait } from "./analyze.js";
import type { Emitter } from "./emitter.js";
import { isDirectEval } from "./native-params.js";

/** Puts the detached `with` bodies back (call after hoisting, before explosion). */
export type Restore = () => void;

export function prepareDynamicScopes(fn: NodePath<t.Function>, em: Emitter): Restore {
  const detached: { holder: t.WithStatement; body: t.Statement }[] = [];
  const uid = (name: string): string => fn.scope.generateUid(name);
  const declared = new Set<string>();
  const withs: NodePath<t.WithStatement>[] = [];
  const evals: NodePath<t.CallExpression>[] = [];
  fn.get("body").traverse({
    WithStatement(p) {
      if (containsAwait(p.node.body)) throw em.error("a with statement whose body awaits cannot be compiled (its scope is dynamic)", p.node);
      withs.push(p);
    },
    CallExpression(p) {
      if (!isDirectEval(p)) return;
      if (p.isInStrictMode()) {
        throw em.error(
          "direct eval in strict-mode code inside an async or generator function cannot be compiled (it reads locals by name); use indirect (0, eval)(…)",
          p.node,
        );
      }
      evals.push(p);
    },
  });
  if (withs.length === 0 && evals.length === 0) return () => {};

  // Innermost `with` first, so an outer one detaches a body whose inner sites are already done.
  for (const p of withs.reverse()) {
    const names = freeLocals(p.get("body"), fn);
    const context = contextNames(p.get("body"), uid);
    for (const name of hoistVars(p.get("body"))) {
      declared.add(name);
      names.add(name);
    }
    const scope = scopeObject(names, context, uid);
    const body = p.node.body;
    const inner = t.withStatement(p.node.object, t.blockStatement([]));
    detached.push({ holder: inner, body });
    p.replaceWith(t.withStatement(scope, inner));
    p.skip();
  }
  for (const p of evals) {
    const names = new Set<string>();
    const lexical = new Set<string>();
    for (let s: Scope | undefined = p.scope; s; s = s.parent) {
      for (const [name, binding] of Object.entries(s.bindings)) {
        names.add(name);
        if ((binding.kind === "let" || binding.kind === "const") && name !== "arguments") lexical.add(name);
      }
      if (s === fn.scope) break;
    }
    // The eval code's `var`s may not redeclare a lexical binding it can see (SyntaxError): the same
    // names, declared (never read) in the function that runs it, make the engine check exactly that.
    const shadows = [...lexical].map((n) => t.variableDeclaration("let", [t.variableDeclarator(t.identifier(n))]));
    const context = { this: null, args: hasOwnArguments(p), newTarget: null };
    const scopeParam = t.identifier(uid("scope"));
    const codeParam = t.identifier(uid("code"));
    const evaluate = t.functionExpression(
      null,
      [scopeParam, codeParam],
      t.blockStatement([
        ...shadows,
        t.withStatement(t.cloneNode(scopeParam), t.returnStatement(t.callExpression(t.identifier("eval"), [t.cloneNode(codeParam)]))),
      ]),
    );
    const call = t.callExpression(t.memberExpression(evaluate, t.identifier("call")), [
      t.thisExpression(),
      scopeObject(names, context, uid),
      ...p.node.arguments,
    ]);
    p.replaceWith(t.inherits(call, p.node));
    p.skip();
  }
  if (declared.size > 0) {
    const decl = t.variableDeclaration("var", [...declared].map((n) => t.variableDeclarator(t.identifier(n))));
    (fn.get("body") as NodePath<t.BlockStatement>).unshiftContainer("body", decl);
  }
  fn.scope.crawl();
  return () => {
    for (const { holder, body } of detached) holder.body = body;
  };
}

interface ContextNames {
  /** Names that stand for `this` and `new.target` in a detached body (null: not used there). */
  this: string | null;
  args: boolean;
  newTarget: string | null;
}

/** Locals of the function (outside `body`) that `body` refers to by name. */
function freeLocals(body: NodePath, fn: NodePath<t.Function>): Set<string> {
  const names = new Set<string>();
  const isInside = (binding: Binding): boolean => binding.scope === fn.scope || isDescendant(binding.scope, fn.scope);
  const own = body.isScopable() ? body.scope : null;
  body.traverse({
    Identifier(p) {
      if (!p.isReferencedIdentifier() && !isAssigned(p)) return;
      const binding = p.scope.getBinding(p.node.name);
      if (binding && isInside(binding) && (own === null || (binding.scope !== own && !isDescendant(binding.scope, own)))) {
        names.add(p.node.name);
      }
    },
  });
  return names;
}

function isAssigned(p: NodePath<t.Identifier>): boolean {
  const parent = p.parent;
  return (
    (t.isAssignmentExpression(parent) && parent.left === p.node) ||
    (t.isUpdateExpression(parent) && parent.argument === p.node) ||
    ((t.isForInStatement(parent) || t.isForOfStatement(parent)) && parent.left === p.node)
  );
}

function isDescendant(scope: Scope, ancestor: Scope): boolean {
  for (let s = scope.parent; s; s = s.parent) if (s === ancestor) return true;
  return false;
}

/**
 * `this`, `arguments` and `new.target` of the function inside a detached body (outside nested
 * non-arrow functions) become names the scope object defines.
 */
function contextNames(body: NodePath, uid: (name: string) => string): ContextNames {
  const context: ContextNames = { this: null, args: false, newTarget: null };
  body.traverse({
    Function(p) {
      if (!p.isArrowFunctionExpression()) p.skip();
    },
    ClassBody(p) {
      p.skip();
    },
    ThisExpression(p) {
      context.this ??= uid("this");
      p.replaceWith(t.identifier(context.this));
    },
    MetaProperty(p) {
      if (p.node.meta.name !== "new") return;
      context.newTarget ??= uid("newTarget");
      p.replaceWith(t.identifier(context.newTarget));
    },
    Identifier(p) {
      if (p.node.name === "arguments" && p.isReferencedIdentifier() && !p.scope.getBinding("arguments")) context.args = true;
    },
  });
  if (context.args && !hasOwnArguments(body)) context.args = false;
  return context;
}

/** Is there a non-arrow function around `p`, whose `arguments` the scope object can hand out? */
function hasOwnArguments(p: NodePath): boolean {
  return p.findParent((a) => a.isFunction() && !a.isArrowFunctionExpression()) !== null;
}

/** `var` declarations of a detached body (not in nested functions) become assignments; returns their names. */
function hoistVars(body: NodePath): string[] {
  const names: string[] = [];
  body.traverse({
    Function(p) {
      if (p.isFunctionDeclaration()) {
        throw p.buildCodeFrameError("a function declaration inside a with statement in an async or generator function cannot be compiled");
      }
      p.skip();
    },
    VariableDeclaration(p) {
      if (p.node.kind !== "var") return;
      for (const d of p.node.declarations) names.push(...Object.keys(t.getBindingIdentifiers(d.id)));
      const parent = p.parentPath;
      if ((parent.isForInStatement() || parent.isForOfStatement()) && p.key === "left") {
        p.replaceWith(p.node.declarations[0]!.id);
        return;
      }
      const assignments = p.node.declarations.filter((d) => d.init).map((d) => t.assignmentExpression("=", d.id as t.LVal, d.init!));
      const expr = assignments.length === 1 ? assignments[0]! : t.sequenceExpression(assignments);
      if (parent.isForStatement() && p.key === "init") {
        if (assignments.length > 0) p.replaceWith(expr);
        else p.remove();
      } else if (assignments.length > 0) p.replaceWith(t.expressionStatement(expr));
      else p.replaceWith(t.emptyStatement());
    },
  });
  return names;
}

/** `{ __proto__: null, get x() { return x; }, set x(_v) { x = _v; }, …, _this: this, arguments }`. */
function scopeObject(names: Set<string>, context: ContextNames, uid: (name: string) => string): t.ObjectExpression {
  const props: (t.ObjectProperty | t.ObjectMethod)[] = [t.objectProperty(t.identifier("__proto__"), t.nullLiteral())];
  const value = t.identifier(uid("value"));
  for (const name of names) {
    if (name === "arguments") continue;
    props.push(t.objectMethod("get", t.identifier(name), [], t.blockStatement([t.returnStatement(t.identifier(name))])));
    props.push(
      t.objectMethod(
        "set",
        t.identifier(name),
        [t.cloneNode(value)],
        t.blockStatement([t.expressionStatement(t.assignmentExpression("=", t.identifier(name), t.cloneNode(value)))]),
      ),
    );
  }
  if (context.this) props.push(t.objectProperty(t.identifier(context.this), t.thisExpression()));
  if (context.newTarget) props.push(t.objectProperty(t.identifier(context.newTarget), t.metaProperty(t.identifier("new"), t.identifier("target"))));
  if (context.args) props.push(t.objectProperty(t.identifier("arguments"), t.identifier("arguments")));
  return t.objectExpression(props);
}
