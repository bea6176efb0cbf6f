/**
 * Compiles one async function: hoist its bindings into frame fields, explode its body into the
 * IR, emit the step function, then replace the function by a wrapper that only allocates the
 * frame. The frame class and the function's static info go to the top of the program; the step
 * function sits beside the function (it may close over the same bindings), or inline as an arrow
 * when the body needs the wrapper's own `super` or private names.
 *
 * ```
 * async function f(a) { return (await g(a)) + 1; }
 *   →
 * const _f$info = { name: "f", file: "x.js", locs: [0, 0, 1, 31] };
 * class _f$Frame extends _Coroutine { constructor(step, a) { super(_f$info, step); this.a = a; } }
 * function f(a) { return new _f$Frame(_f$step, a); }
 * function _f$step(_f, _m, _v) { … }
 * ```
 */
import type { NodePath } from "@babel/traverse";
import * as t from "@babel/types";
import { forgetAnalysis } from "./analyze.js";
import { Emitter } from "./emitter.js";
import { emitStep } from "./emit.js";
import { explodeStatement } from "./explode/statements.js";
import { hoistBindings } from "./hoist.js";
import { installWrapper } from "./wrapper.js";
import { giveOwnPrototype } from "./method-prototype.js";
import { finishNativeParams, prepareNativeParams } from "./native-params.js";
import { prepareDynamicScopes } from "./dynamic-scope.js";
import { awaitReturnValues } from "./async-generator-return.js";
import type { FileState } from "./file-state.js";

export function compileAsyncFunction(fn: NodePath<t.Function>, file: FileState): void {
  const ctx = { source: file.source, filename: file.filename };
  const kind = fn.node.generator ? (fn.node.async ? "asyncGenerator" : "generator") : "async";
  fn.scope.crawl();
  const program = file.program;
  const uid = (name: string): string => program.scope.generateUid(name);
  const name = functionName(fn);
  const base = name.replace(/[^\w$]/g, "_") || "anonymous";
  const names = { frame: uid("f"), sent: uid("v"), loop: uid("loop") };
  const modeName = uid("m");
  const errorName = uid("e");
  const em = new Emitter(names, ctx);
  em.kind = kind;
  em.generateUid = uid;

  if (t.isArrowFunctionExpression(fn.node) && !t.isBlockStatement(fn.node.body)) {
    const expr = fn.node.body;
    fn.node.body = t.blockStatement([t.inherits(t.returnStatement(expr), expr)]);
    fn.node.expression = false;
    fn.scope.crawl();
  }
  if (kind === "asyncGenerator" && file.mode === "promise") awaitReturnValues(fn);
  const nativeParams = prepareNativeParams(fn);
  const ownStrict = t.isBlockStatement(fn.node.body) && fn.node.body.directives.some((d) => d.value.value === "use strict");
  const sloppy = !ownStrict && !fn.isInStrictMode() && !t.isArrowFunctionExpression(fn.node);
  const restoreWithBodies = prepareDynamicScopes(fn, em);
  const inline = needsInlineStep(fn) || !stepHome(fn);
  const runtimeImport = (exported: string): string => file.runtimeImport(exported);
  em.uninitializedValue = () => t.identifier(runtimeImport("UNINITIALIZED"));
  em.runtimeImport = () => runtimeImport(file.mode === "promise" ? "asyncIteratorForPromise" : "asyncIteratorFor");
  const hoist = hoistBindings(fn, em, { inline, runtimeImport });
  forgetAnalysis();
  const body = fn.node.body as t.BlockStatement;
  if (nativeParams) finishNativeParams(nativeParams, body, hoist, uid);
  restoreWithBodies();
  if (kind !== "async" && hoist.prologueLength > 0) {
    // Generators evaluate their parameters at the call: the wrapper runs the step up to this
    // suspension (signal 3) before it hands out the generator object.
    em.enterScope(body);
    body.body.slice(0, hoist.prologueLength).forEach((s) => explodeStatement(em, s));
    em.await(t.identifier("undefined"), fn.node.loc, 3);
    body.body.slice(hoist.prologueLength).forEach((s) => explodeStatement(em, s));
  } else {
    explodeStatement(em, body);
  }
  const step = emitStep(em, modeName, errorName);

  // Static info and the frame class, once per function, at the program's top.
  // Promise mode: frames need no static info (no introspection); they extend AsyncFrame.
  const promiseMode = file.mode === "promise";
  const infoId = t.identifier(uid(`${base}$info`));
  const infoProps = [
    t.objectProperty(t.identifier("name"), t.stringLiteral(name)),
    t.objectProperty(t.identifier("file"), t.stringLiteral(file.filename)),
  ];
  if (file.locations) infoProps.push(t.objectProperty(t.identifier("locs"), t.arrayExpression(step.locs.map((n) => t.numericLiteral(n)))));
  const classId = t.identifier(uid(`${base}$Frame`));
  const ctorParams: t.Identifier[] = [t.identifier("step")];
  const withInfo = !promiseMode && kind === "async";
  const superArgs: t.Expression[] = withInfo ? [t.cloneNode(infoId), t.identifier("step")] : [t.identifier("step")];
  const ctorBody: t.Statement[] = [t.expressionStatement(t.callExpression(t.super(), superArgs))];
  const args: t.Expression[] = [];
  const setField = (field: string, value: t.Expression): void => {
    ctorBody.push(t.expressionStatement(t.assignmentExpression("=", t.memberExpression(t.thisExpression(), t.identifier(field)), value)));
  };
  const pass = (param: string, field: string, value: t.Expression): void => {
    ctorParams.push(t.identifier(param));
    setField(field, t.identifier(param));
    args.push(value);
  };
  if (hoist.usesThis) pass("self", "$this", t.thisExpression());
  if (hoist.usesNewTarget) pass("newTarget", "$nt", t.metaProperty(t.identifier("new"), t.identifier("target")));
  if (hoist.usesArguments) pass("args", "$args", t.identifier("arguments"));
  if (hoist.params.source) pass("params", "$params", hoist.params.source);
  if (hoist.selfName) pass("self_fn", hoist.selfName.field, t.identifier(hoist.selfName.name));
  const classMembers: t.ClassMethod[] = [];
  if (sloppy && hoist.usesArguments && hoist.params.simple?.length) {
    // Sloppy mode with simple parameters: `arguments[i]` and the i-th parameter are one variable.
    // The wrapper's own parameters keep that link; the frame reaches them through accessors.
    const access = mappedParameters(hoist.params.simple, uid("value"));
    pass("params_access", "$pa", access.object);
    classMembers.push(...access.members);
  } else {
    for (const p of hoist.params.simple ?? []) pass(p.field === p.name ? p.name : `p_${p.field}`, p.field, t.identifier(p.name));
  }
  for (const field of [...hoist.fields, ...em.fields]) {
    setField(field, hoist.uninitialized.has(field) ? em.uninitializedValue() : t.identifier("undefined"));
  }
  const frameClass = t.classDeclaration(
    classId,
    t.identifier(file.runtimeImport(baseClass(kind, promiseMode))),
    t.classBody([t.classMethod("constructor", t.identifier("constructor"), ctorParams, t.blockStatement(ctorBody)), ...classMembers]),
  );
  const info = t.variableDeclaration("const", [t.variableDeclarator(infoId, t.objectExpression(infoProps))]);
  file.addTopLevel(withInfo ? [info, frameClass] : [frameClass]);

  // The step function: beside the function, or inline in the wrapper.
  let stepRef: t.Expression;
  if (inline) {
    stepRef = t.arrowFunctionExpression(step.params, step.body);
  } else {
    const stepId = t.identifier(uid(`${base}$step`));
    stepRef = t.cloneNode(stepId);
    const decl = t.functionDeclaration(stepId, step.params, step.body);
    decl.loc = fn.node.loc;
    insertQuietly(stepHome(fn)!, decl);
  }

  // The wrapper: same name, same length, allocates the frame and runs nothing.
  const frame = t.newExpression(t.cloneNode(classId), [stepRef, ...args]);
  const started =
    promiseMode && kind === "async"
      ? t.callExpression(t.identifier(file.runtimeImport("runAsync")), [frame])
      : kind !== "async" && hoist.prologueLength > 0
        ? t.callExpression(t.identifier(file.runtimeImport("startGenerator")), [frame])
        : frame;
  if (kind === "async") {
    installWrapper(fn, file, name, hoist.params.wrapperParams, [t.returnStatement(started)], hoist.selfName !== null);
    return;
  }
  installGeneratorWrapper(fn, file, name, hoist, started, classId);
}

/**
 * A generator's wrapper returns a generator object holding the frame, inheriting from the
 * function's `prototype` read at the call (runtime generator-object.ts). A generator function
 * reads itself from the cell `defineGenerator` passes it; a method cannot refer to itself: it
 * creates its objects from the shared prototype and `defineGeneratorMethods` wraps it in a
 * function that owns a `prototype` and gives them that one (method-prototype.ts).
 */
function installGeneratorWrapper(
  fn: NodePath<t.Function>,
  file: FileState,
  name: string,
  hoist: ReturnType<typeof hoistBindings>,
  frame: t.Expression,
  classId: t.Identifier,
): void {
  const isMethod = t.isObjectMethod(fn.node) || t.isClassMethod(fn.node) || t.isClassPrivateMethod(fn.node);
  const self = t.identifier(isMethod ? "undefined" : file.program.scope.generateUid("self"));
  const fnOf = isMethod ? self : t.memberExpression(t.cloneNode(self), t.identifier("fn"));
  const create = t.callExpression(t.identifier(file.runtimeImport("createGenerator")), [fnOf, frame]);
  let decorated = false;
  const decorate = (wrapper: t.Expression): t.Expression => {
    decorated = true;
    const make = t.arrowFunctionExpression([t.cloneNode(self)], wrapper);
    return t.callExpression(t.identifier(file.runtimeImport("defineGenerator")), [make, t.cloneNode(classId)]);
  };
  installWrapper(fn, file, name, hoist.params.wrapperParams, [t.returnStatement(create)], hoist.selfName !== null, decorate);
  if (isMethod) giveOwnPrototype(fn, file, classId);
  if (!isMethod && !decorated) {
    // An ordinary function kept in place (wrapper.ts's fallback): no cell, the shared prototype.
    const body = (fn.node.body as t.BlockStatement).body;
    body.unshift(t.variableDeclaration("const", [t.variableDeclarator(t.cloneNode(self), t.objectExpression([]))]));
  }
}

/**
 * Accessors for mapped parameters: the wrapper passes `{ get a() { return a; }, set a(v) { a = v; } }`
 * (its own, mapped, parameters) and the frame class forwards its fields to it.
 */
function mappedParameters(params: { name: string; field: string }[], value: string): { object: t.ObjectExpression; members: t.ClassMethod[] } {
  const v = (): t.Identifier => t.identifier(value);
  const access = (field: string): t.MemberExpression =>
    t.memberExpression(t.memberExpression(t.thisExpression(), t.identifier("$pa")), t.identifier(field));
  const object = t.objectExpression(
    params.flatMap((p) => [
      t.objectMethod("get", t.identifier(p.field), [], t.blockStatement([t.returnStatement(t.identifier(p.name))])),
      t.objectMethod("set", t.identifier(p.field), [v()], t.blockStatement([t.expressionStatement(t.assignmentExpression("=", t.identifier(p.name), v()))])),
    ]),
  );
  const members = params.flatMap((p) => [
    t.classMethod("get", t.identifier(p.field), [], t.blockStatement([t.returnStatement(access(p.field))])),
    t.classMethod("set", t.identifier(p.field), [v()], t.blockStatement([t.expressionStatement(t.assignmentExpression("=", access(p.field), v()))])),
  ]);
  return { object, members };
}

/**
 * Declares `decl` before `home` without Babel's insertBefore, which builds a scope for the new
 * function, crawls it, and queues it for the running traversal: the step is plain code that no
 * visitor needs (an enclosing function's own crawl still sees its name). Sibling paths keep
 * their keys.
 */
function insertQuietly(home: NodePath<t.Statement>, decl: t.Statement): void {
  // Babel 8 keeps updateSiblingKeys private: there, the ordinary (slower) insertion.
  const update = (home as { updateSiblingKeys?: (from: number, by: number) => void }).updateSiblingKeys;
  if (typeof update !== "function") {
    home.insertBefore(decl);
    return;
  }
  const index = home.key as number;
  (home.container as t.Statement[]).splice(index, 0, decl);
  update.call(home, index, 1);
}

/** The runtime class a function's frame class extends. */
function baseClass(kind: "async" | "generator" | "asyncGenerator", promiseMode: boolean): string {
  if (kind === "generator") return "GeneratorFrame";
  if (kind === "asyncGenerator") return promiseMode ? "AsyncGeneratorFrame" : "AsyncGeneratorCoroutine";
  return promiseMode ? "AsyncFrame" : "Coroutine";
}

/** Does the body need the wrapper's own `super` or the class's private names? */
function needsInlineStep(fn: NodePath<t.Function>): boolean {
  let found = false;
  fn.traverse({
    Super(p) {
      found = true;
      p.stop();
    },
    PrivateName(p) {
      found = true;
      p.stop();
    },
  });
  return found;
}

/**
 * The statement before which the step function can be declared and still see every binding the
 * function sees, or null when there is none (then the step is inlined).
 */
function stepHome(fn: NodePath<t.Function>): NodePath<t.Statement> | null {
  let stmt: NodePath | null = fn.isStatement() ? fn : fn.parentPath.getStatementParent();
  while (stmt && (stmt.parentPath?.isExportNamedDeclaration() || stmt.parentPath?.isExportDefaultDeclaration())) {
    stmt = stmt.parentPath;
  }
  if (!stmt || !Array.isArray(stmt.container)) return null;
  let scope = fn.scope.parent;
  // Class scopes only bind the class's own name; a class declaration's name is also outside.
  while (scope && scope.path.isClass() && (scope.path.isClassDeclaration() || !scope.path.node.id)) scope = scope.parent;
  return scope === stmt.parentPath!.scope ? (stmt as NodePath<t.Statement>) : null;
}

/** The name a function gets by the usual inference (declaration id, variable, property key). */
function functionName(fn: NodePath<t.Function>): string {
  const node = fn.node;
  if ((t.isFunctionDeclaration(node) || t.isFunctionExpression(node)) && node.id) return node.id.name;
  if (t.isObjectMethod(node) || t.isClassMethod(node) || t.isClassPrivateMethod(node)) {
    const key = node.key;
    if (t.isIdentifier(key) && !node.computed) return key.name;
    if (t.isStringLiteral(key)) return key.value;
    if (t.isNumericLiteral(key)) return String(key.value);
    if (t.isPrivateName(key)) return `#${key.id.name}`;
    return "";
  }
  const parent = fn.parentPath;
  if (parent.isExportDefaultDeclaration()) return "default";
  if (parent.isVariableDeclarator() && t.isIdentifier(parent.node.id)) return parent.node.id.name;
  if (parent.isAssignmentExpression() && t.isIdentifier(parent.node.left)) return parent.node.left.name;
  if (parent.isAssignmentPattern() && t.isIdentifier(parent.node.left)) return parent.node.left.name;
  if ((parent.isObjectProperty() || parent.isClassProperty()) && t.isIdentifier(parent.node.key) && !parent.node.computed) {
    return parent.node.key.name;
  }
  return "";
}
