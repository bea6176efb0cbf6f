// What the security test (security.test.ts) looks for in a program, found in its syntax tree (so
// strings and comments cannot hide or fake a finding): code run from text (`eval`, `Function` /
// `new Function`, a `.constructor(…)` call, string timers) and writes to globals (assignment or
// update of an undeclared name, of a property of the global object, or `Object.defineProperty`/
// `Object.assign` on it).
import { parse, type ParserOptions } from "@babel/parser";
import traverseModule from "@babel/traverse";
import type { NodePath } from "@babel/traverse";
import * as t from "@babel/types";

const traverse = ((traverseModule as { default?: unknown }).default ?? traverseModule) as typeof traverseModule;

const GLOBAL_OBJECTS = new Set(["globalThis", "global", "window", "self"]);

function parseAny(code: string): t.File {
  const base: ParserOptions = { errorRecovery: false, allowReturnOutsideFunction: true, plugins: ["jsx"] };
  try {
    return parse(code, { ...base, sourceType: "module" });
  } catch {
    return parse(code, { ...base, sourceType: "script" });
  }
}

/**
 * An undeclared (global) name at `path`. Inside `with (object literal)` a name the literal defines
 * (coro's scope objects: accessors for the function's locals) resolves to that property instead.
 */
function isGlobal(path: NodePath, name: string): boolean {
  if (path.scope.hasBinding(name, true)) return false;
  for (let p: NodePath | null = path; p; p = p.parentPath) {
    const parent = p.parentPath;
    if (parent?.isWithStatement() && p.key === "body" && t.isObjectExpression(parent.node.object)) {
      const defines = parent.node.object.properties.some(
        (prop) => (t.isObjectMethod(prop) || t.isObjectProperty(prop)) && !prop.computed && t.isIdentifier(prop.key, { name }),
      );
      if (defines) return false;
    }
  }
  return true;
}

function isGlobalObject(path: NodePath, node: t.Node): boolean {
  return t.isIdentifier(node) && GLOBAL_OBJECTS.has(node.name) && isGlobal(path, node.name);
}

/** The findings of `code`, as "kind name" strings (one per occurrence), sorted. */
export function scan(code: string): string[] {
  const found: string[] = [];
  const written = (path: NodePath, target: t.Node): void => {
    if (t.isIdentifier(target) && isGlobal(path, target.name)) found.push(`global write ${target.name}`);
    else if (t.isMemberExpression(target) && isGlobalObject(path, target.object)) found.push(`global write ${(target.object as t.Identifier).name}.*`);
    else if (t.isPattern(target) || t.isRestElement(target) || t.isObjectProperty(target))
      for (const id of Object.values(t.getBindingIdentifiers(target, false))) written(path, id);
  };
  traverse(parseAny(code), {
    Identifier(path) {
      const { name } = path.node;
      if ((name === "eval" || name === "Function") && path.isReferencedIdentifier() && isGlobal(path, name)) found.push(`code from text ${name}`);
    },
    "CallExpression|NewExpression"(path: NodePath<t.CallExpression | t.NewExpression>) {
      const { callee, arguments: args } = path.node;
      if (t.isMemberExpression(callee) && t.isIdentifier(callee.property, { name: "constructor" }) && !callee.computed)
        found.push("code from text .constructor()");
      if (t.isIdentifier(callee) && /^set(Timeout|Interval|Immediate)$/.test(callee.name) && args[0] && !t.isFunction(args[0]) && !t.isIdentifier(args[0]))
        if (t.isStringLiteral(args[0]) || t.isTemplateLiteral(args[0])) found.push(`code from text ${callee.name}(string)`);
      if (
        t.isMemberExpression(callee) &&
        t.isIdentifier(callee.object, { name: "Object" }) &&
        t.isIdentifier(callee.property) &&
        /^(defineProperty|defineProperties|assign)$/.test(callee.property.name) &&
        args[0] &&
        isGlobalObject(path, args[0])
      )
        found.push(`global write Object.${callee.property.name}`);
    },
    AssignmentExpression(path) {
      written(path, path.node.left);
    },
    UpdateExpression(path) {
      written(path, path.node.argument);
    },
    "ForInStatement|ForOfStatement"(path: NodePath<t.ForInStatement | t.ForOfStatement>) {
      if (!t.isVariableDeclaration(path.node.left)) written(path, path.node.left);
    },
  });
  return found.sort();
}

/** The findings of `output` that `input` does not have (a multiset difference). */
export function introduced(input: string, output: string): string[] {
  const left = scan(input);
  return scan(output).filter((f) => {
    const i = left.indexOf(f);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}
