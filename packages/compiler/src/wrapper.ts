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
  // A body's own "use strict" stays on the wrapper (a plain call's `this` is then undefined).
  const ownStrict = t.isBlockStatement(node.body) && node.body.directives.some((d) => d.value.value === "use strict");
  const block = (statements: t.Statement[]): t.BlockStatement =>
    t.blockStatement(statements, ownStrict && params.every((p) => t.isIdentifier(p)) ? [t.directive(t.directiveLiteral("use strict"))] : []);
  if (fn.parentPath.isExportDefaultDeclaration() && t.isFunctionDeclaration(node) && !node.id) name = "default";
  if (t.isArrowFunctionExpression(node) || t.isObjectMethod(node) || t.isClassMethod(node) || t.isClassPrivateMethod(node)) {
    node.async = false;
    node.params = params as typeof node.params;
    node.body = block(body);
    return;
  }
  const runtimeKey = t.isFunctionExpression(node) && !node.id ? computedKeyOf(fn, file) : null;
  const method = (): t.Expression => {
    const valid = runtimeKey === null && t.isValidIdentifier(name, false);
    const key = (): t.Expression => (runtimeKey ? t.cloneNode(runtimeKey) : valid ? t.identifier(name) : t.stringLiteral(name));
    const m = t.objectMethod("method", key(), params as Parameters<typeof t.objectMethod>[2], block(body), runtimeKey !== null);
    m.loc = node.loc;
    return decorate(t.memberExpression(t.objectExpression([m]), key(), !valid));
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
  node.body = block([
    t.ifStatement(
      t.binaryExpression("!==", t.metaProperty(t.identifier("new"), t.identifier("target")), t.identifier("undefined")),
      t.throwStatement(notConstructor),
    ),
    ...body,
  ]);
}

/**
 * An anonymous function that is the value of a computed property key is named after the key's
 * value: the key is converted once into a temporary that also keys the wrapper method.
 *
 * ```
 * { [k]: function* () {} }  →  { [_key = _propertyKey(k)]: …{ [_key]() {…} }[_key]… }
 * ```
 */
function computedKeyOf(fn: NodePath<t.Function>, file: FileState): t.Identifier | null {
  const parent = fn.parentPath;
  if (!parent.isObjectProperty() || !parent.node.computed || fn.key !== "value") return null;
  const temp = parent.scope.generateUidIdentifier("key");
  parent.scope.push({ id: t.cloneNode(temp) });
  const convert = t.callExpression(t.identifier(file.runtimeImport("propertyKey")), [parent.node.key as t.Expression]);
  parent.node.key = t.assignmentExpression("=", t.cloneNode(temp), convert);
  return temp;
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
  if (parent.isSwitchCase()) {
    blockAnnexBHoisting(parent.parentPath as NodePath<t.SwitchStatement>, id.name);
    return false;
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

/** Per switch statement: the `let` declaration that keeps its async/generator declarations block-scoped. */
const blockers = new WeakMap<t.SwitchStatement, t.VariableDeclaration>();

/**
 * An async or generator declaration in a `case` clause stays an ordinary function declaration,
 * which keeps its binding in the case block and its initialisation at the block's entry, as the
 * language has it. But in sloppy mode an ordinary declaration there would also get Annex B's var
 * binding in the enclosing function, which async and generator declarations never get. That
 * hoisting is skipped wherever a `var` of the name would clash with a lexical declaration of an
 * enclosing block, so the switch is put in a block that declares the name:
 *
 * ```
 * switch (d) { default: async function x() {} }
 *   →   { const _d = d; { let x; switch (_d) { default: function x() {…} } } }
 * ```
 * The discriminant is evaluated first, outside the block, where `x` still means what it meant.
 */
function blockAnnexBHoisting(switchPath: NodePath<t.SwitchStatement>, name: string): void {
  if (switchPath.isInStrictMode()) return;
  const existing = blockers.get(switchPath.node);
  if (existing !== undefined) {
    if (!existing.declarations.some((d) => t.isIdentifier(d.id, { name }))) existing.declarations.push(t.variableDeclarator(t.identifier(name)));
    return;
  }
  let statement: NodePath<t.Statement> = switchPath;
  while (statement.parentPath?.isLabeledStatement()) statement = statement.parentPath as NodePath<t.Statement>;
  const discriminant = switchPath.scope.parent?.generateUidIdentifier("discriminant") ?? switchPath.scope.generateUidIdentifier("discriminant");
  const blocker = t.variableDeclaration("let", [t.variableDeclarator(t.identifier(name))]);
  blockers.set(switchPath.node, blocker);
  const original = switchPath.node.discriminant;
  switchPath.node.discriminant = t.cloneNode(discriminant);
  statement.replaceWith(
    t.blockStatement([
      t.variableDeclaration("const", [t.variableDeclarator(discriminant, original)]),
      t.blockStatement([blocker, statement.node]),
    ]),
  );
}
