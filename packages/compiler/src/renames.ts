/**
 * Renaming: every identifier of a hoisted binding — in the body and in nested closures — becomes a
 * frame field (`_f.x`), a scope object's field (`_f.$s0.x`, or `_s.x` inside a closure), or a
 * dead-zone-checked read. Bindings are resolved once, before any rewriting, by identifier node.
 */
import type { Binding, NodePath } from "@babel/traverse";
import * as t from "@babel/types";
import type { Emitter } from "./emitter.js";
import { outermostClosure, type ScopeObject } from "./scope-objects.js";

/** Where a renamed identifier goes: a frame field, or a field of a per-iteration scope object. */
export interface Target {
  field: string;
  scope: ScopeObject | null;
}

/** Finds every identifier (reference or declaration) of a hoisted binding, in the body and closures. */
export function collectRenames(
  body: NodePath<t.BlockStatement>,
  hoisted: Map<Binding, string>,
  scopeObjects: Map<Binding, ScopeObject>,
): Map<t.Identifier, Target> {
  const renames = new Map<t.Identifier, Target>();
  // Declaration sites first: Babel does not resolve identifiers of a catch clause's pattern.
  for (const [binding, field] of hoisted) renames.set(binding.identifier, { field, scope: scopeObjects.get(binding) ?? null });
  body.traverse({
    Identifier(p) {
      if (!p.isReferencedIdentifier() && !(p as NodePath).isBindingIdentifier()) return;
      // A label (`e: for…`, `break e`) is not the variable `e`, though Babel counts it as a binding.
      if (p.parentPath.isLabeledStatement() || p.parentPath.isBreakStatement() || p.parentPath.isContinueStatement()) return;
      const binding = p.scope.getBinding(p.node.name);
      const field = binding && hoisted.get(binding);
      if (field !== undefined) renames.set(p.node, { field, scope: scopeObjects.get(binding!) ?? null });
    },
  });
  return renames;
}

/** Every collected identifier becomes `_f.field` (`(0, _f.field)` as a callee, so `this` stays undefined). */
export function applyRenames(
  body: NodePath<t.BlockStatement>,
  renames: Map<t.Identifier, Target>,
  em: Emitter,
  checks: Map<t.Identifier, string>,
  check: (ref: t.Expression, name: string) => t.Expression,
): Map<NodePath, Set<ScopeObject>> {
  const wraps = new Map<NodePath, Set<ScopeObject>>();
  body.traverse({
    Identifier(p) {
      const target = renames.get(p.node);
      if (target === undefined) return;
      const parent = p.parentPath;
      if (parent.isObjectProperty() && parent.node.shorthand) parent.node.shorthand = false;
      keepInferredName(p.node.name, parent);
      let ref: t.MemberExpression;
      if (target.scope === null) ref = em.field(target.field);
      else {
        const closure = outermostClosure(p, body);
        if (closure === null) ref = t.memberExpression(em.field(target.scope.field), t.identifier(target.field));
        else {
          ref = t.memberExpression(t.identifier(target.scope.alias), t.identifier(target.field));
          const set = wraps.get(closure) ?? new Set();
          set.add(target.scope);
          wraps.set(closure, set);
        }
      }
      ref.loc = p.node.loc;
      const checked = checks.get(p.node);
      if (checked !== undefined) {
        p.replaceWith(check(ref, checked));
        p.skip();
        return;
      }
      const isCallee =
        ((parent.isCallExpression() || parent.isOptionalCallExpression()) && p.key === "callee") ||
        (parent.isTaggedTemplateExpression() && p.key === "tag");
      p.replaceWith(isCallee ? t.sequenceExpression([t.numericLiteral(0), ref]) : ref);
      p.skip();
    },
  });
  return wraps;
}

/**
 * `x = function () {}` names the function "x"; `_f.x = function () {}` would not. An anonymous
 * function or class assigned to a renamed binding gets its name from a property key instead:
 * `_f.x = { x: function () {} }.x`.
 */
function keepInferredName(name: string, parent: NodePath): void {
  const node = parent.node;
  const namesRight =
    (t.isAssignmentExpression(node) && ["=", "||=", "&&=", "??="].includes(node.operator) && t.isIdentifier(node.left, { name })) ||
    (t.isAssignmentPattern(node) && t.isIdentifier(node.left, { name }));
  if (!namesRight) return;
  const right = (node as t.AssignmentExpression | t.AssignmentPattern).right;
  const anonymous =
    t.isArrowFunctionExpression(right) || ((t.isFunctionExpression(right) || t.isClassExpression(right)) && !right.id);
  if (!anonymous) return;
  const holder = t.objectExpression([t.objectProperty(t.identifier(name), right)]);
  (node as t.AssignmentExpression | t.AssignmentPattern).right = t.memberExpression(holder, t.identifier(name));
}
