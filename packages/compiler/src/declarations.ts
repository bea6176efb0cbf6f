/**
 * Declarations of hoisted bindings become assignments to their fields; with parameter
 * expressions, a body `var` named like a parameter becomes a binding of its own.
 */
import type { NodePath } from "@babel/traverse";
import * as t from "@babel/types";
import type { Emitter } from "./emitter.js";
import type { Target } from "./renames.js";

/**
 * `let x = 1` → `x = 1`, `var y;` → nothing, `function g(){}` → `g = function g(){}` at block start
 * (in the function's body: after the `prologue` statements that evaluate the parameters, as the
 * language instantiates a body's functions after its parameters).
 */
export function convertDeclarations(
  body: NodePath<t.BlockStatement>,
  renames: Map<t.Identifier, Target>,
  em: Emitter,
  prologue = 0,
): void {
  const functionInits = new Map<NodePath, t.Statement[]>();
  const isHoisted = (id: t.Node | null | undefined): boolean => t.isIdentifier(id) && renames.has(id);
  body.traverse({
    Function(p) {
      if (p.isFunctionDeclaration() && isHoisted(p.node.id)) {
        const { id, params, body: fnBody, generator, async } = p.node;
        const fnExpr = t.functionExpression(t.identifier(id!.name), params, fnBody, generator, async);
        const init = t.expressionStatement(t.assignmentExpression("=", id!, fnExpr));
        const list = functionInits.get(p.parentPath) ?? [];
        list.push(init);
        functionInits.set(p.parentPath, list);
        p.replaceWith(t.emptyStatement());
      }
      p.skip();
    },
    CatchClause(p) {
      // catch (e) { … } with a hoisted e → catch { e = <caught>; … } (the step receives the error as _v).
      const param = p.node.param;
      if (!param || !Object.values(t.getBindingIdentifiers(param)).some(isHoisted)) return;
      p.node.param = null;
      p.get("body").unshiftContainer("body", t.expressionStatement(t.assignmentExpression("=", param as t.LVal, em.sent())));
    },
    ClassDeclaration(p) {
      if (!isHoisted(p.node.id)) return;
      const { id, superClass, body: classBody, decorators } = p.node;
      const expr = t.classExpression(t.identifier(id!.name), superClass, classBody, decorators);
      p.replaceWith(t.inherits(t.expressionStatement(t.assignmentExpression("=", id!, expr)), p.node));
    },
    VariableDeclaration(p) {
      const first = p.node.declarations[0]!;
      const ids = Object.values(t.getBindingIdentifiers(first.id));
      // A pattern that binds nothing (`const [,] = x`) converts too: it is an assignment target as it is.
      if (ids.length > 0 && !isHoisted(ids[0])) return;
      const parent = p.parentPath;
      if ((parent.isForInStatement() || parent.isForOfStatement()) && p.key === "left") {
        p.replaceWith(first.id);
        return;
      }
      const assignments = p.node.declarations.flatMap((d) => {
        const target = d.id as t.LVal;
        if (d.init) return [t.assignmentExpression("=", target, d.init)];
        // A `let x;` re-entered in a loop starts undefined again; `var x;` keeps its value.
        if (p.node.kind !== "var") return [t.assignmentExpression("=", target, t.identifier("undefined"))];
        return [];
      });
      const expr = assignments.length === 0 ? null : assignments.length === 1 ? assignments[0]! : t.sequenceExpression(assignments);
      if (parent.isForStatement() && p.key === "init") {
        if (expr) p.replaceWith(expr);
        else p.remove();
      } else if (expr) {
        p.replaceWith(t.inherits(t.expressionStatement(expr), p.node));
      } else {
        p.replaceWith(t.emptyStatement());
      }
    },
  });
  for (const [container, inits] of functionInits) {
    if (container === body && prologue > 0) body.node.body.splice(prologue, 0, ...inits);
    else if (container.isBlockStatement()) container.unshiftContainer("body", inits);
    else if (container.isSwitchCase()) container.unshiftContainer("consequent", inits);
    else throw new Error("internal error: function declaration outside a statement list");
  }
}

/**
 * With default or destructured parameters, a body `var` named like a parameter is a binding of its
 * own, starting with the parameter's value; closures in the parameters keep seeing the parameter.
 * The body's references move to a new field, initialised right after the parameter prologue.
 */
export function separateBodyVars(
  fn: NodePath<t.Function>,
  body: NodePath<t.BlockStatement>,
  prologue: t.Statement,
  renames: Map<t.Identifier, Target>,
  taken: Set<string>,
  em: Emitter,
): string[] {
  const params = new Set(fn.node.params.flatMap((p) => Object.keys(t.getBindingIdentifiers(p))));
  const redeclared = new Set<string>();
  body.traverse({
    Function(p) {
      p.skip();
    },
    VariableDeclaration(p) {
      if (p.node.kind !== "var") return;
      for (const name of Object.keys(t.getBindingIdentifiers(p.node))) if (params.has(name)) redeclared.add(name);
    },
  });
  if (redeclared.size === 0) return [];
  const inPrologue = new Set<t.Node>();
  t.traverseFast(prologue, (n) => {
    inPrologue.add(n);
  });
  const extra: string[] = [];
  const inits: t.Statement[] = [];
  for (const name of redeclared) {
    const paramField = renames.get(fn.scope.getOwnBinding(name)!.identifier)!.field;
    let field = `${paramField}$body`;
    for (let i = 1; taken.has(field); i++) field = `${paramField}$body${i}`;
    taken.add(field);
    extra.push(field);
    for (const [id, target] of renames) {
      if (target.field === paramField && id.name === name && !inPrologue.has(id)) renames.set(id, { field, scope: null });
    }
    inits.push(t.expressionStatement(t.assignmentExpression("=", em.field(field), em.field(paramField))));
  }
  body.node.body.splice(1, 0, ...inits);
  return extra;
}


/**
 * With parameter expressions, the parameters cannot see the body's declarations (the body has a
 * var environment of its own): a name in the parameter list that Babel resolves to a body
 * declaration keeps its outer meaning, so it is not renamed to the body's field. Returns the
 * freed `arguments` identifiers, which mean the function's arguments object.
 */
export function freeParameterNames(
  fn: NodePath<t.Function>,
  prologue: NodePath,
  renames: Map<t.Identifier, Target>,
): Set<t.Identifier> {
  const freed = new Set<t.Identifier>();
  prologue.traverse({
    Identifier(p) {
      const binding = p.scope.getBinding(p.node.name);
      // "local": a named function expression's own name, which the parameters do see.
      if (binding?.scope !== fn.scope || binding.kind === "param" || binding.kind === "local" || !renames.has(p.node)) return;
      renames.delete(p.node);
      if (p.node.name === "arguments") freed.add(p.node);
    },
  });
  return freed;
}
