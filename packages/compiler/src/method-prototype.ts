/**
 * Generator methods own a `prototype` (their objects inherit from it). A compiled method cannot
 * refer to itself, so once the object literal or class exists, the runtime's
 * `defineGeneratorMethods` replaces each compiled generator method by one that owns it:
 *
 * ```
 * ({ *g() {…} })           →  _defineGeneratorMethods({ g() {…} }, [["g", _g$Frame]])
 * class C { *g() {…} }     →  class C { g() {…} static { _defineGeneratorMethods(this.prototype, [["g", _g$Frame]]); } }
 * ```
 * Methods with computed or private keys keep the shared prototype (their objects inherit from it).
 */
import type { NodePath } from "@babel/traverse";
import * as t from "@babel/types";
import type { FileState } from "./file-state.js";

/** Per object literal or class body (and static side): the list the runtime call receives. */
const lists = new WeakMap<t.Node, Map<boolean, t.ArrayExpression>>();

export function giveOwnPrototype(fn: NodePath<t.Function>, file: FileState, frameClass: t.Identifier): void {
  const node = fn.node;
  if (!(t.isObjectMethod(node) || t.isClassMethod(node)) || node.computed || t.isPrivateName(node.key)) return;
  const key = t.isIdentifier(node.key) ? t.stringLiteral(node.key.name) : (t.cloneNode(node.key) as t.Expression);
  const entry = t.arrayExpression([key, t.cloneNode(frameClass)]);
  const isStatic = t.isClassMethod(node) && node.static;
  const holder = fn.parentPath.node;
  const known = lists.get(holder) ?? new Map<boolean, t.ArrayExpression>();
  lists.set(holder, known);
  const existing = known.get(isStatic);
  if (existing) {
    existing.elements.push(entry);
    return;
  }
  const list = t.arrayExpression([entry]);
  known.set(isStatic, list);
  const define = (home: t.Expression): t.CallExpression => t.callExpression(t.identifier(file.runtimeImport("defineGeneratorMethods")), [home, list]);
  if (t.isClassBody(holder)) {
    // Raw push: the running traversal of the class body does not visit it.
    const home = isStatic ? t.thisExpression() : t.memberExpression(t.thisExpression(), t.identifier("prototype"));
    holder.body.push(t.staticBlock([t.expressionStatement(define(home))]));
  } else {
    fn.parentPath.replaceWith(define(holder as t.ObjectExpression));
  }
}
