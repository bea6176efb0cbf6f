/**
 * Generator methods own a `prototype` (their objects inherit from it). A compiled method cannot
 * refer to itself, so once the object literal or class exists, the runtime's
 * `defineGeneratorMethods` replaces each compiled generator method by one that owns it:
 *
 * ```
 * ({ *g() {…} })           →  _defineGeneratorMethods({ g() {…} }, [["g", _g$Frame]])
 * class C { *g() {…} }     →  class C { g() {…} static { _defineGeneratorMethods(this.prototype, [["g", _g$Frame]]); } }
 * ```
 * A computed key is converted once (ToPropertyKey, where the language converts it) into a
 * temporary that the list then names: `*[k]() {…}` → `[_key = _propertyKey(k)]() {…}`, `[_key, …]`.
 * The temporary is a `var` of the enclosing function, so each evaluation has its own and none can
 * overlap another. Private methods keep the shared prototype (their objects inherit from it): a
 * private method cannot be replaced, nor reached without an instance.
 */
import type { NodePath } from "@babel/traverse";
import * as t from "@babel/types";
import type { FileState } from "./file-state.js";

/** Per object literal or class body (and static side): the list the runtime call receives. */
const lists = new WeakMap<t.Node, Map<boolean, t.ArrayExpression>>();

export function giveOwnPrototype(fn: NodePath<t.Function>, file: FileState, frameClass: t.Identifier): void {
  const node = fn.node;
  if (!(t.isObjectMethod(node) || t.isClassMethod(node)) || t.isPrivateName(node.key)) return;
  const key = node.computed ? convertedKey(fn, node, file) : t.isIdentifier(node.key) ? t.stringLiteral(node.key.name) : (t.cloneNode(node.key) as t.Expression);
  const entry = t.arrayExpression([key, t.cloneNode(frameClass)]);
  const isStatic = t.isClassMethod(node) && node.static;
  const holder = fn.parent;
  const known = lists.get(holder) ?? new Map<boolean, t.ArrayExpression>();
  lists.set(holder, known);
  const existing = known.get(isStatic);
  const list = existing ?? t.arrayExpression([]);
  list.elements.push(entry);
  known.set(isStatic, list);
  const define = (home: t.Expression): t.CallExpression => t.callExpression(t.identifier(file.runtimeImport("defineGeneratorMethods")), [home, list]);
  if (t.isClassBody(holder)) {
    if (existing) return;
    // Raw push: the running traversal of the class body does not visit it.
    const home = isStatic ? t.thisExpression() : t.memberExpression(t.thisExpression(), t.identifier("prototype"));
    holder.body.push(t.staticBlock([t.expressionStatement(define(home))]));
    return;
  }
  // An object literal is wrapped once, by its last generator method (methods are compiled in
  // order; wrapping earlier would move the literal's path onto the call under the later ones).
  const literal = holder as t.ObjectExpression;
  const later = literal.properties.slice((fn.key as number) + 1).some((p) => t.isObjectMethod(p) && p.generator);
  if (!later) fn.parentPath.replaceWith(define(literal));
}

/** `[k]` → `[_key = _propertyKey(k)]`; returns `_key`. */
function convertedKey(fn: NodePath<t.Function>, node: t.ObjectMethod | t.ClassMethod, file: FileState): t.Identifier {
  const temp = fn.parentPath.scope.generateUidIdentifier("key");
  fn.parentPath.scope.push({ id: t.cloneNode(temp) });
  const convert = t.callExpression(t.identifier(file.runtimeImport("propertyKey")), [node.key as t.Expression]);
  node.key = t.assignmentExpression("=", t.cloneNode(temp), convert);
  return t.cloneNode(temp);
}
