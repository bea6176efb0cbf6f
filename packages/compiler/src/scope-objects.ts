/**
 * Per-iteration bindings that survive suspension. A hoisted `let`/`const` of a scope that is
 * entered again and again (a loop's own scope or a block inside a loop) and that a closure
 * captures cannot be a single frame field: each closure must keep its own iteration's binding.
 * Such bindings live in a scope object, `_f.$sN = { i: undefined }`, made anew each time the
 * scope is entered (and copied, as the language copies a `for` loop's bindings, per iteration);
 * each closure captures the scope object current when it was created.
 *
 * ```
 * for (let i = 0; i < 3; i++) { await x; fs.push(() => i); }
 *   →  _f.$s0 = { i: undefined }; _f.$s0.i = 0; …
 *      fs.push(((_s) => () => _s.i)(_f.$s0));   …   update: _f.$s0 = { i: _f.$s0.i }; _f.$s0.i++
 * ```
 */
import type { Binding, NodePath } from "@babel/traverse";
import * as t from "@babel/types";
import type { Emitter } from "./emitter.js";

export interface ScopeObject {
  /** The frame field holding the current scope object. */
  readonly field: string;
  /** The name closures see it by. */
  readonly alias: string;
  /** The scope's node: the explosion makes the object when it enters this node. */
  readonly node: t.Node;
  /** Field names of the bindings inside it. */
  readonly names: string[];
  /** Those that start in the temporal dead zone. */
  readonly uninitialized: Set<string>;
}

/**
 * The outermost closure-like node (function, class, object literal holding a method) between
 * `path` and the compiled function's body, or null when `path` runs in the body itself.
 */
export function outermostClosure(path: NodePath, body: NodePath): NodePath | null {
  let found: NodePath | null = null;
  for (let p: NodePath | null = path.parentPath; p && p !== body; p = p.parentPath) {
    if (p.isFunction() || p.isClass()) found = p;
  }
  if (found?.isObjectMethod()) found = found.parentPath;
  return found;
}

function insideLoop(path: NodePath, fn: NodePath): boolean {
  for (let p: NodePath | null = path; p && p !== fn; p = p.parentPath) if (p.isLoop()) return true;
  return false;
}

/** Chooses the bindings that need scope objects; registers the objects with the emitter. */
export function planScopeObjects(
  fn: NodePath<t.Function>,
  blockBindings: ReadonlyMap<Binding, string>,
  em: Emitter,
  uid: (name: string) => string,
): Map<Binding, ScopeObject> {
  const body = fn.get("body") as NodePath;
  const plan = new Map<Binding, ScopeObject>();
  for (const [binding, field] of blockBindings) {
    if (!insideLoop(binding.scope.path, fn)) continue;
    const refs = [...binding.referencePaths, ...binding.constantViolations];
    if (!refs.some((r) => outermostClosure(r, body) !== null)) continue;
    const node = binding.scope.block;
    let object = em.scopeObjects.get(node);
    if (object === undefined) {
      object = { field: `$s${em.scopeObjects.size}`, alias: uid("s"), node, names: [], uninitialized: new Set() };
      em.scopeObjects.set(node, object);
      em.fields.push(object.field);
    }
    object.names.push(field);
    plan.set(binding, object);
  }
  return plan;
}

/**
 * Makes each recorded closure capture the scope objects it reads: an expression becomes
 * `((_s) => closure)(_f.$s0)`; a native declaration gets `const _s = _f.$s0;` at its block's start.
 */
export function wrapClosures(wraps: ReadonlyMap<NodePath, ReadonlySet<ScopeObject>>, em: Emitter): void {
  for (const [closure, objects] of wraps) {
    const list = [...objects];
    if (closure.isFunctionDeclaration() || closure.isClassDeclaration()) {
      const block = closure.parentPath;
      const decl = t.variableDeclaration(
        "const",
        list.map((o) => t.variableDeclarator(t.identifier(o.alias), em.field(o.field))),
      );
      if (block?.isBlockStatement()) block.unshiftContainer("body", decl);
      else if (block?.isSwitchCase()) block.unshiftContainer("consequent", decl);
      else throw em.error("internal error: closure declaration outside a statement list", closure.node);
      continue;
    }
    const arrow = t.arrowFunctionExpression(
      list.map((o) => t.identifier(o.alias)),
      closure.node as t.Expression,
    );
    closure.replaceWith(t.callExpression(arrow, list.map((o) => em.field(o.field))));
  }
}
