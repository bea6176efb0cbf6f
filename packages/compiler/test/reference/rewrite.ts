/**
 * The reference compiler: rewrites every `async` function of a program into a plain function that
 * returns a reference coroutine over a native generator (see ./coroutine.mjs). It shares no code
 * with packages/compiler/src; it only uses Babel to parse, walk and print.
 *
 * ```js
 * async function f(a, b = g()) { return (await a) + b; }
 * // becomes
 * function f(__refArg0) {
 *   if (new.target !== undefined) throw new TypeError("f is not a constructor");
 *   return __reference.start("f", function* (a, b = g()) { return (yield a) + b; }, this, arguments);
 * }
 * ```
 * - The wrapper keeps the source function's kind and place (declaration, expression, arrow,
 *   object/class method, static, private, computed key), so hoisting, `.name` (also inferred names)
 *   and `this` binding stay native; its placeholder parameters give it the source's `.length`.
 * - The generator gets the source parameters, so defaults and destructuring run at first resume.
 * - What a `function*` cannot see lexically is passed in through arrows created in the wrapper:
 *   an async arrow's `arguments` and `new.target` (`const __refArguments1 = () => arguments`), and
 *   `super` in async methods and arrows (`__refSuper1.get(key)` / `.set(key, value)`).
 */
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import generateModule from "@babel/generator";
import { parse } from "@babel/parser";
import traverseModule from "@babel/traverse";
import type { NodePath } from "@babel/traverse";
import * as t from "@babel/types";

type Unwrap<M> = M extends { default: infer D } ? D : M;
function unwrap<M>(mod: M): Unwrap<M> {
  const m = mod as { default?: unknown };
  return (typeof m.default === "function" ? m.default : mod) as Unwrap<M>;
}
const generate = unwrap(generateModule);
const traverse = unwrap(traverseModule);

/** The reference driver's module, as an import specifier usable from any file. */
export const REFERENCE_RUNTIME = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "coroutine.mjs")).href;

const RUNTIME_NAME = "__reference";

/** Rewrites `source` (an ES module) for the reference; throws on syntax it does not model. */
export function toReference(source: string, runtimeSpecifier: string = REFERENCE_RUNTIME): string {
  const ast = parse(source, { sourceType: "module", plugins: ["jsx"] });
  let counter = 0;
  traverse(ast, {
    AwaitExpression: {
      exit(path) {
        const fn = path.getFunctionParent();
        if (fn === null || !fn.node.async || fn.node.generator) return; // top-level await and async generators stay native
        path.replaceWith(t.yieldExpression(path.node.argument));
      },
    },
    ForOfStatement(path) {
      if (path.node.await && path.getFunctionParent() !== null) throw new Error("reference: for await is not modelled");
    },
    Function: {
      exit(path) {
        if (path.node.async && !path.node.generator) rewriteFunction(path, ++counter);
      },
    },
  });
  ast.program.body.unshift(
    t.importDeclaration([t.importNamespaceSpecifier(t.identifier(RUNTIME_NAME))], t.stringLiteral(runtimeSpecifier)),
  );
  return generate(ast).code + "\n";
}

interface Lexical {
  args: string | null;
  newTarget: string | null;
  superName: string | null;
}

function rewriteFunction(path: NodePath<t.Function>, n: number): void {
  const node = path.node;
  const isArrow = t.isArrowFunctionExpression(node);
  const isMethod = t.isObjectMethod(node) || t.isClassMethod(node) || t.isClassPrivateMethod(node);
  const lex: Lexical = { args: null, newTarget: null, superName: null };
  replaceLexical(path, isArrow, n, lex);

  const name = inferName(path);
  const length = sourceLength(node.params);
  const placeholders = Array.from({ length }, (_, i) => t.identifier(`__refArg${i}`));
  const body = t.isBlockStatement(node.body) ? node.body : t.blockStatement([t.returnStatement(node.body)]);
  const generator = t.functionExpression(null, node.params, body, true, false);

  const stmts: t.Statement[] = [];
  if (!isArrow && !isMethod) {
    stmts.push(
      t.ifStatement(
        t.binaryExpression("!==", t.metaProperty(t.identifier("new"), t.identifier("target")), t.identifier("undefined")),
        t.throwStatement(t.newExpression(t.identifier("TypeError"), [t.stringLiteral(`${name || "anonymous"} is not a constructor`)])),
      ),
    );
  }
  if (lex.args !== null) stmts.push(constArrow(lex.args, [], t.identifier("arguments")));
  if (lex.newTarget !== null) stmts.push(constArrow(lex.newTarget, [], t.metaProperty(t.identifier("new"), t.identifier("target"))));
  if (lex.superName !== null) stmts.push(superAccessors(lex.superName));

  let params: Array<t.Identifier | t.RestElement> = placeholders;
  let args: t.Expression = t.identifier("arguments");
  if (isArrow) {
    const rest = t.identifier("__refRest");
    params = [...placeholders, t.restElement(rest)];
    args = t.arrayExpression([...placeholders.map((p) => t.identifier(p.name)), t.spreadElement(t.identifier(rest.name))]);
  }
  stmts.push(
    t.returnStatement(
      t.callExpression(t.memberExpression(t.identifier(RUNTIME_NAME), t.identifier("start")), [
        t.stringLiteral(name),
        generator,
        t.thisExpression(),
        args,
      ]),
    ),
  );
  node.async = false;
  node.params = params;
  node.body = t.blockStatement(stmts);
  if (t.isArrowFunctionExpression(node)) node.expression = false;
}

/** `.length` of a function with these parameters: how many come before the first default or rest. */
function sourceLength(params: t.Function["params"]): number {
  let n = 0;
  for (const p of params) {
    if (t.isAssignmentPattern(p) || t.isRestElement(p)) break;
    n++;
  }
  return n;
}

/** The name the source function gets: its own, its method key, or the one inferred from its binding. */
function inferName(path: NodePath<t.Function>): string {
  const node = path.node;
  if ((t.isFunctionDeclaration(node) || t.isFunctionExpression(node)) && node.id) return node.id.name;
  if (t.isObjectMethod(node) || t.isClassMethod(node) || t.isClassPrivateMethod(node)) {
    if (t.isPrivateName(node.key)) return `#${node.key.id.name}`;
    if (node.computed) return "";
    return keyName(node.key);
  }
  const parent = path.parent;
  if (t.isVariableDeclarator(parent) && t.isIdentifier(parent.id)) return parent.id.name;
  if (t.isAssignmentExpression(parent) && parent.operator === "=" && t.isIdentifier(parent.left)) return parent.left.name;
  if (t.isAssignmentPattern(parent) && t.isIdentifier(parent.left)) return parent.left.name;
  if ((t.isObjectProperty(parent) || t.isClassProperty(parent)) && !parent.computed) return keyName(parent.key as t.Expression);
  if (t.isClassPrivateProperty(parent)) return `#${parent.key.id.name}`;
  return "";
}

function keyName(key: t.Node): string {
  if (t.isIdentifier(key)) return key.name;
  if (t.isStringLiteral(key)) return key.value;
  if (t.isNumericLiteral(key)) return String(key.value);
  return "";
}

/**
 * Replaces what a `function*` would see differently from the source function: for arrows
 * `arguments` and `new.target`; for arrows and methods `super.x`. Nested non-arrow functions and
 * class members have their own and are left alone.
 */
function replaceLexical(path: NodePath<t.Function>, isArrow: boolean, n: number, lex: Lexical): void {
  path.traverse({
    Function(p) {
      if (!p.isArrowFunctionExpression()) p.skip();
    },
    ClassBody(p) {
      p.skip();
    },
    Identifier(p) {
      if (!isArrow || p.node.name !== "arguments" || !p.isReferencedIdentifier()) return;
      if (p.scope.hasBinding("arguments", { noGlobals: true })) {
        // A real binding named `arguments` (sloppy code only) — leave it.
        const b = p.scope.getBinding("arguments");
        if (b && b.kind !== "param" && b.kind !== "local") return;
      }
      lex.args ??= `__refArguments${n}`;
      p.replaceWith(t.callExpression(t.identifier(lex.args), []));
    },
    MetaProperty(p) {
      if (!isArrow || p.node.meta.name !== "new") return;
      lex.newTarget ??= `__refNewTarget${n}`;
      p.replaceWith(t.callExpression(t.identifier(lex.newTarget), []));
    },
    Super(p) {
      const member = p.parentPath;
      if (!member.isMemberExpression() || member.node.object !== p.node) throw new Error("reference: super() is not modelled");
      lex.superName ??= `__refSuper${n}`;
      const key: t.Expression = member.node.computed
        ? (member.node.property as t.Expression)
        : t.stringLiteral((member.node.property as t.Identifier).name);
      const accessor = (m: string, argsList: t.Expression[]): t.CallExpression =>
        t.callExpression(t.memberExpression(t.identifier(lex.superName as string), t.identifier(m)), argsList);
      const outer = member.parentPath;
      if (outer.isCallExpression() && outer.node.callee === member.node) {
        outer.replaceWith(
          t.callExpression(t.memberExpression(accessor("get", [key]), t.identifier("call")), [t.thisExpression(), ...outer.node.arguments]),
        );
      } else if (outer.isAssignmentExpression() && outer.node.left === member.node) {
        if (outer.node.operator !== "=") throw new Error("reference: compound assignment to super is not modelled");
        outer.replaceWith(accessor("set", [key, outer.node.right]));
      } else if (outer.isUpdateExpression() || outer.isOptionalCallExpression()) {
        throw new Error("reference: this use of super is not modelled");
      } else {
        member.replaceWith(accessor("get", [key]));
      }
    },
  });
}

function constArrow(name: string, params: t.Identifier[], body: t.Expression): t.VariableDeclaration {
  return t.variableDeclaration("const", [t.variableDeclarator(t.identifier(name), t.arrowFunctionExpression(params, body))]);
}

/** `const __refSuperN = { get: (k) => super[k], set: (k, v) => (super[k] = v) };` */
function superAccessors(name: string): t.VariableDeclaration {
  const k = t.identifier("k");
  const v = t.identifier("v");
  const superAt = (): t.MemberExpression => t.memberExpression(t.super(), t.identifier("k"), true);
  const get = t.arrowFunctionExpression([k], superAt());
  const set = t.arrowFunctionExpression([t.identifier("k"), v], t.assignmentExpression("=", superAt(), t.identifier("v")));
  return t.variableDeclaration("const", [
    t.variableDeclarator(
      t.identifier(name),
      t.objectExpression([t.objectProperty(t.identifier("get"), get), t.objectProperty(t.identifier("set"), set)]),
    ),
  ]);
}
