/**
 * Generator methods own a `prototype` (their objects inherit from it). A compiled method cannot
 * refer to itself, so once the object literal or class exists, the runtime replaces each compiled
 * generator method by one that owns it:
 *
 * ```
 * ({ *g() {…} })             →  _defineGeneratorMethods({ g() {…} }, [["g", _g$Frame]])
 * class C { *g() {…} }       →  class C { g() {…} }  _defineClassGeneratorMethods(C, [["g", _g$Frame]], [])
 * x = class { static *g() {…} }  →  x = _defineClassGeneratorMethods(class { static g() {…} }, [], [["g", _g$Frame]], "x")
 * ```
 * ES2015 syntax only (no static block), so that output for old engines stays valid. A class
 * expression is wrapped in the runtime call; when it is anonymous, the name NamedEvaluation would
 * have given it (`x` above) is passed along for the runtime to set (under a computed key, the key's
 * value, converted once into a temporary).
 *
 * A computed method key is converted once (ToPropertyKey, where the language converts it) into a
 * temporary that the list then names: `*[k]() {…}` → `[_key = _propertyKey(k)]() {…}`, `[_key, …]`.
 * The temporary is a `var` of the enclosing function, so each evaluation has its own and none can
 * overlap another. Private methods keep the shared prototype (their objects inherit from it): a
 * private method cannot be replaced, nor reached without an instance.
 */
import type { NodePath } from "@babel/traverse";
import * as t from "@babel/types";
import type { FileState } from "./file-state.js";

/** Per object literal or class body: the lists the runtime call receives (instance side, static side). */
const lists = new WeakMap<t.Node, { instance: t.ArrayExpression; statics: t.ArrayExpression }>();

export function giveOwnPrototype(fn: NodePath<t.Function>, file: FileState, frameClass: t.Identifier): void {
  const node = fn.node;
  if (!(t.isObjectMethod(node) || t.isClassMethod(node)) || t.isPrivateName(node.key)) return;
  const key = node.computed ? convertKey(fn, node as { key: t.Expression }, file) : t.isIdentifier(node.key) ? t.stringLiteral(node.key.name) : (t.cloneNode(node.key) as t.Expression);
  const holder = fn.parent;
  const known = lists.get(holder) ?? { instance: t.arrayExpression([]), statics: t.arrayExpression([]) };
  lists.set(holder, known);
  (t.isClassMethod(node) && node.static ? known.statics : known.instance).elements.push(t.arrayExpression([key, t.cloneNode(frameClass)]));
  // Wrapped once, by the last generator method (methods are compiled in order; wrapping earlier
  // would move the holder's path onto the call under the later ones).
  const members = (t.isClassBody(holder) ? holder.body : (holder as t.ObjectExpression).properties) as t.Node[];
  const later = members.slice((fn.key as number) + 1).some((m) => (t.isObjectMethod(m) || t.isClassMethod(m)) && m.generator && !t.isPrivateName(m.key));
  if (later) return;
  if (t.isClassBody(holder)) defineOnClass(fn.parentPath.parentPath as NodePath<t.Class>, known, file);
  else fn.parentPath.replaceWith(t.callExpression(t.identifier(file.runtimeImport("defineGeneratorMethods")), [holder as t.ObjectExpression, known.instance]));
}

function defineOnClass(cls: NodePath<t.Class>, known: { instance: t.ArrayExpression; statics: t.ArrayExpression }, file: FileState): void {
  const define = (subject: t.Expression, name: t.Expression | null): t.CallExpression =>
    t.callExpression(t.identifier(file.runtimeImport("defineClassGeneratorMethods")), [subject, known.instance, known.statics, ...(name === null ? [] : [name])]);
  if (cls.isClassDeclaration() && cls.node.id) {
    const statement = define(t.cloneNode(cls.node.id), null);
    const after = cls.parentPath.isExportNamedDeclaration() || cls.parentPath.isExportDefaultDeclaration() ? cls.parentPath : cls;
    after.insertAfter(t.expressionStatement(statement));
    return;
  }
  if (cls.isClassDeclaration()) {
    // `export default class {…}`: the anonymous default export becomes an expression named "default".
    const { superClass, body, decorators } = cls.node;
    const expression = t.classExpression(null, superClass, body, decorators);
    cls.replaceWith(define(expression, t.stringLiteral("default")));
    return;
  }
  const node = cls.node as t.ClassExpression;
  cls.replaceWith(define(node, node.id ? null : namedEvaluationName(cls, file)));
}

/**
 * The name NamedEvaluation gives an anonymous class expression at `path`, or null where it gives
 * none. Under a computed key the name is the key's value: the key is converted once into a
 * temporary (as for a computed method key) that is passed along.
 */
function namedEvaluationName(path: NodePath, file: FileState): t.Expression | null {
  const parent = path.parent;
  const nameOf = (target: t.Node): t.Expression | null => (t.isIdentifier(target) ? t.stringLiteral(target.name) : null);
  if (t.isVariableDeclarator(parent) && parent.init === path.node) return nameOf(parent.id);
  if (t.isAssignmentExpression(parent) && parent.right === path.node && ["=", "||=", "&&=", "??="].includes(parent.operator)) return nameOf(parent.left);
  if (t.isAssignmentPattern(parent) && parent.right === path.node) return nameOf(parent.left);
  if (t.isExportDefaultDeclaration(parent)) return t.stringLiteral("default");
  if (t.isClassPrivateProperty(parent) && parent.value === path.node) return t.stringLiteral(`#${parent.key.id.name}`);
  if ((t.isObjectProperty(parent) || t.isClassProperty(parent)) && parent.value === path.node) {
    if (parent.computed) return convertKey(path.parentPath!, parent as { key: t.Expression }, file);
    if (t.isIdentifier(parent.key)) return t.stringLiteral(parent.key.name);
    if (t.isStringLiteral(parent.key)) return t.stringLiteral(parent.key.value);
    if (t.isNumericLiteral(parent.key)) return t.stringLiteral(String(parent.key.value));
  }
  return null;
}

/** The computed key of `member` (at `path`): `[k]` → `[_key = _propertyKey(k)]`; returns `_key`. */
function convertKey(path: NodePath, member: { key: t.Expression }, file: FileState): t.Identifier {
  const scope = path.parentPath!.scope;
  const temp = scope.generateUidIdentifier("key");
  scope.push({ id: t.cloneNode(temp) });
  const convert = t.callExpression(t.identifier(file.runtimeImport("propertyKey")), [member.key]);
  member.key = t.assignmentExpression("=", t.cloneNode(temp), convert);
  return t.cloneNode(temp);
}
