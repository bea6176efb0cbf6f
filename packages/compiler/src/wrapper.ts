/**
 * The wrapper that replaces an async function: same name, same length, it only allocates the
 * frame. Like an async function it is not a constructor and has no `prototype`: function
 * declarations and expressions become methods of a throwaway object literal, and a declaration's
 * binding is hoisted to the top of its scope, where the language initialises function bindings.
 *
 * ```
 * async function f(a) {…}        →   var f = { f(a) { return new _f$Frame(_f$step, a); } }.f;   (at scope top)
 * export default async function  →   var _default = { default() {…} }.default; … export { _default as default };
 * ```
 * Where that cannot be done (a named function expression that refers to itself, a declaration
 * that is not in a statement list), the function stays an ordinary one that rejects `new`.
 */
import type { NodePath } from "@babel/traverse";
import * as t from "@babel/types";
import type { FileState } from "./file-state.js";

export function installWrapper(
  fn: NodePath<t.Function>,
  file: FileState,
  name: string,
  params: t.Function["params"],
  body: t.Statement[],
  selfReferencing: boolean,
  decorate: (wrapper: t.Expression) => t.Expression = (w) => w,
): void {
  const node = fn.node;
  node.generator = false;
  if (fn.parentPath.isExportDefaultDeclaration() && t.isFunctionDeclaration(node) && !node.id) name = "default";
  if (t.isArrowFunctionExpression(node) || t.isObjectMethod(node) || t.isClassMethod(node) || t.isClassPrivateMethod(node)) {
    node.async = false;
    node.params = params as typeof node.params;
    node.body = t.blockStatement(body);
    return;
  }
  const method = (): t.Expression => {
    const valid = t.isValidIdentifier(name, false);
    const key = valid ? t.identifier(name) : t.stringLiteral(name);
    const m = t.objectMethod("method", key, params as Parameters<typeof t.objectMethod>[2], t.blockStatement(body));
    m.loc = node.loc;
    return decorate(t.memberExpression(t.objectExpression([m]), valid ? t.identifier(name) : t.stringLiteral(name), !valid));
  };
  if (t.isFunctionExpression(node) && !selfReferencing) {
    fn.replaceWith(method());
    return;
  }
  if (t.isFunctionExpression(node) && node.id) {
    // A named function expression that refers to itself: the method, bound to its name inside.
    const id = node.id.name;
    const binding = t.variableDeclaration("const", [t.variableDeclarator(t.identifier(id), method())]);
    fn.replaceWith(t.callExpression(t.arrowFunctionExpression([], t.blockStatement([binding, t.returnStatement(t.identifier(id))])), []));
    return;
  }
  if (t.isFunctionDeclaration(node) && hoistDeclaration(fn as NodePath<t.FunctionDeclaration>, file, name, method)) return;
  // Fallback: an ordinary function that refuses `new` itself.
  node.async = false;
  node.params = params as typeof node.params;
  const notConstructor = t.newExpression(t.identifier("TypeError"), [t.stringLiteral(`${name || "anonymous"} is not a constructor`)]);
  node.body = t.blockStatement([
    t.ifStatement(
      t.binaryExpression("!==", t.metaProperty(t.identifier("new"), t.identifier("target")), t.identifier("undefined")),
      t.throwStatement(notConstructor),
    ),
    ...body,
  ]);
}

/** `function f(){}` → `var f = {…}.f` at the top of its scope. Returns false when it cannot. */
function hoistDeclaration(
  fn: NodePath<t.FunctionDeclaration>,
  file: FileState,
  name: string,
  method: () => t.Expression,
): boolean {
  const parent = fn.parentPath;
  if (parent.isExportNamedDeclaration() || parent.isExportDefaultDeclaration()) {
    const local = fn.node.id?.name ?? file.program.scope.generateUid("default");
    file.addTopLevel([t.variableDeclaration("var", [t.variableDeclarator(t.identifier(local), method())])]);
    const exported = parent.isExportDefaultDeclaration() ? "default" : local;
    parent.replaceWith(t.exportNamedDeclaration(null, [t.exportSpecifier(t.identifier(local), t.identifier(exported))]));
    return true;
  }
  const id = fn.node.id!;
  if (parent.isProgram()) {
    file.addTopLevel([t.variableDeclaration("var", [t.variableDeclarator(t.identifier(id.name), method())])]);
    fn.remove();
    return true;
  }
  if (!parent.isBlockStatement()) return false;
  // In a function body the binding is var-scoped; in a nested block it is block-scoped (strict).
  // (Annex B's sloppy-mode var hoisting never applies to async or generator declarations.)
  const kind = parent.parentPath.isFunction() ? "var" : "let";
  const decl = t.variableDeclaration(kind, [t.variableDeclarator(t.identifier(id.name), method())]);
  fn.remove();
  parent.unshiftContainer("body", decl);
  void name;
  return true;
}
