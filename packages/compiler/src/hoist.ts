/**
 * Moves the bindings that live across a suspension point into frame fields.
 *
 * A binding is hoisted when the block that declares it contains an `await` (for the function's
 * own scope: always, so parameters reach the frame). Bindings of await-free blocks stay native
 * JavaScript bindings: their whole lifetime lies inside one step. Declarations of hoisted
 * bindings become assignments; every reference, also in nested closures, becomes `_f.name`.
 *
 * ```
 * async function f(a) { let x = a + 1; await g(); return x; }
 *   →  step: _f.x = _f.a + 1; …await g()…; return _f.x;
 * ```
 */
import type { Binding, NodePath, Scope } from "@babel/traverse";
import * as t from "@babel/types";
import { containsAwait } from "./analyze.js";
import type { Emitter } from "./emitter.js";
import { RESERVED_FIELD_NAMES } from "./protocol.js";

/** The frame field of a user local: its own name unless that could clash with the frame's own. */
function fieldNameFor(name: string): string {
  return name.startsWith("$") || RESERVED_FIELD_NAMES.has(name) ? `$_${name}` : name;
}

export interface ParamPlan {
  /** Parameters passed straight into frame fields (all plain identifiers), else null. */
  simple: { name: string; field: string }[] | null;
  /** The parameter list of the wrapper, which fixes `fn.length`. */
  wrapperParams: t.Identifier[];
}

export interface HoistResult {
  /** User locals in frame fields, in declaration order (params excluded). */
  fields: string[];
  params: ParamPlan;
  usesThis: boolean;
  usesArguments: boolean;
  usesNewTarget: boolean;
}

export interface HoistOptions {
  /** Keep `this`/`arguments`/`new.target`/`super` lexical (the step is an arrow in the wrapper). */
  inline: boolean;
}

export function hoistBindings(fn: NodePath<t.Function>, em: Emitter, options: HoistOptions): HoistResult {
  const body = fn.get("body") as NodePath<t.BlockStatement>;
  const hoisted = new Map<Binding, string>();
  const taken = new Set<string>();
  const claim = (binding: Binding): void => {
    let field = fieldNameFor(binding.identifier.name);
    for (let i = 1; taken.has(field); i++) field = `${fieldNameFor(binding.identifier.name)}$${i}`;
    taken.add(field);
    hoisted.set(binding, field);
  };

  const paramPlan = planParams(fn, em);
  for (const binding of Object.values(fn.scope.bindings)) {
    if (binding.kind !== "local") claim(binding);
  }
  body.traverse({
    Function(p) {
      p.skip();
    },
    Scopable(p) {
      if (p.scope === fn.scope || !containsAwait(p.scope.block)) return;
      for (const binding of Object.values(p.scope.bindings)) {
        if (binding.scope === p.scope && !hoisted.has(binding)) {
          checkPerIteration(binding, fn, em);
          claim(binding);
        }
      }
    },
  });

  if (paramPlan.simple === null) {
    // [a, b = 1, ...rest] = _f.$args  — runs in the first step, as SPEC §1.1 requires.
    const pattern = t.arrayPattern(fn.node.params.map((p) => t.cloneNode(p as t.PatternLike, true)));
    body.unshiftContainer("body", t.expressionStatement(t.assignmentExpression("=", pattern, em.field("$args"))));
  }
  convertDeclarations(fn, body, hoisted);
  const uses = options.inline ? { usesThis: false, usesArguments: false, usesNewTarget: false } : replaceContext(fn, body, em);
  renameReferences(body, hoisted, em);

  if (paramPlan.simple) {
    for (const p of paramPlan.simple) p.field = hoisted.get(fn.scope.getOwnBinding(p.name)!)!;
  }
  const paramFields = new Set(paramPlan.simple?.map((p) => p.field) ?? []);
  return {
    fields: [...hoisted.values()].filter((f) => !paramFields.has(f)),
    params: paramPlan,
    usesThis: uses.usesThis,
    usesArguments: uses.usesArguments || paramPlan.simple === null,
    usesNewTarget: uses.usesNewTarget,
  };
}

function planParams(fn: NodePath<t.Function>, em: Emitter): ParamPlan {
  const params = fn.node.params;
  let length = params.findIndex((p) => t.isAssignmentPattern(p) || t.isRestElement(p));
  if (length === -1) length = params.length;
  const wrapperParams = params.slice(0, length).map((p, i) => (t.isIdentifier(p) ? t.identifier(p.name) : t.identifier(`_${i}`)));
  if (params.every((p) => t.isIdentifier(p))) {
    return { simple: params.map((p) => ({ name: (p as t.Identifier).name, field: "" })), wrapperParams };
  }
  if (t.isArrowFunctionExpression(fn.node)) {
    throw em.error("destructured or default parameters of async arrow functions are not supported yet", params[0]);
  }
  return { simple: null, wrapperParams };
}

/** A hoisted binding of a loop body captured by a closure would lose its per-iteration copy. */
function checkPerIteration(binding: Binding, fn: NodePath<t.Function>, em: Emitter): void {
  if (binding.kind !== "let" && binding.kind !== "const") return;
  let inLoop = false;
  for (let p: NodePath | null = binding.path; p && p !== fn; p = p.parentPath) {
    if (p.isLoop()) inLoop = true;
  }
  if (!inLoop) return;
  for (const ref of [...binding.referencePaths, ...binding.constantViolations]) {
    if (ref.getFunctionParent() !== fn) {
      throw em.error(
        `closure captures '${binding.identifier.name}', a per-iteration binding of a loop that awaits: not supported yet`,
        ref.node,
      );
    }
  }
}

function isHoisted(scope: Scope, name: string, hoisted: Map<Binding, string>): boolean {
  const binding = scope.getBinding(name);
  return binding !== undefined && hoisted.has(binding);
}

/** `let x = 1` → `x = 1`, `var y;` → nothing, `function g(){}` → `g = function g(){}` at block start. */
function convertDeclarations(fn: NodePath<t.Function>, body: NodePath<t.BlockStatement>, hoisted: Map<Binding, string>): void {
  const functionInits = new Map<NodePath, t.Statement[]>();
  body.traverse({
    Function(p) {
      if (p.isFunctionDeclaration() && p.node.id && isHoisted(p.parentPath.scope, p.node.id.name, hoisted)) {
        const { id, params, body: fnBody, generator, async } = p.node;
        const init = t.expressionStatement(
          t.assignmentExpression("=", t.identifier(id.name), t.functionExpression(t.identifier(id.name), params, fnBody, generator, async)),
        );
        const container = p.parentPath;
        const list = functionInits.get(container) ?? [];
        list.push(init);
        functionInits.set(container, list);
        p.remove();
      }
      p.skip();
    },
    ClassDeclaration(p) {
      if (!isHoisted(p.parentPath.scope, p.node.id!.name, hoisted)) return;
      const { id, superClass, body: classBody, decorators } = p.node;
      const expr = t.classExpression(t.identifier(id!.name), superClass, classBody, decorators);
      p.replaceWith(t.expressionStatement(t.assignmentExpression("=", t.identifier(id!.name), expr)));
    },
    VariableDeclaration(p) {
      const first = p.node.declarations[0]!;
      const names = Object.keys(t.getBindingIdentifiers(first.id));
      if (names.length === 0 || !isHoisted(p.scope, names[0]!, hoisted)) return;
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
        p.remove();
      }
    },
  });
  for (const [container, inits] of functionInits) {
    if (container.isBlockStatement()) container.unshiftContainer("body", inits);
    else if (container.isSwitchCase()) container.unshiftContainer("consequent", inits);
    else throw new Error("internal error: function declaration outside a statement list");
  }
  void fn;
}

/** Replaces `this`, `arguments`, `new.target` (up to the next non-arrow function) by frame fields. */
function replaceContext(
  fn: NodePath<t.Function>,
  body: NodePath<t.BlockStatement>,
  em: Emitter,
): { usesThis: boolean; usesArguments: boolean; usesNewTarget: boolean } {
  const uses = { usesThis: false, usesArguments: false, usesNewTarget: false };
  const isArrow = fn.isArrowFunctionExpression();
  body.traverse({
    Function(p) {
      if (!p.isArrowFunctionExpression()) p.skip();
    },
    ClassBody(p) {
      p.skip();
    },
    ThisExpression(p) {
      uses.usesThis = true;
      p.replaceWith(em.field("$this"));
    },
    MetaProperty(p) {
      if (p.node.meta.name === "new" && p.node.property.name === "target") {
        if (isArrow) throw em.error("new.target in an async arrow function is not supported yet", p.node);
        uses.usesNewTarget = true;
        p.replaceWith(em.field("$nt"));
      }
    },
    Identifier(p) {
      if (p.node.name !== "arguments" || !p.isReferencedIdentifier() || p.scope.getBinding("arguments")) return;
      uses.usesArguments = true;
      p.replaceWith(em.field("$args"));
    },
  });
  return uses;
}

/** Every reference to a hoisted binding, in the body and in nested closures, becomes `_f.field`. */
function renameReferences(body: NodePath<t.BlockStatement>, hoisted: Map<Binding, string>, em: Emitter): void {
  body.traverse({
    Identifier(p) {
      if (!p.isReferencedIdentifier() && !(p as NodePath).isBindingIdentifier()) return;
      const binding = p.scope.getBinding(p.node.name);
      if (binding === undefined) return;
      const field = hoisted.get(binding);
      if (field === undefined) return;
      const parent = p.parentPath;
      if (parent.isObjectProperty() && parent.node.shorthand) parent.node.shorthand = false;
      const ref = em.field(field);
      ref.loc = p.node.loc;
      const isCallee =
        ((parent.isCallExpression() || parent.isOptionalCallExpression()) && p.key === "callee") ||
        (parent.isTaggedTemplateExpression() && p.key === "tag");
      p.replaceWith(isCallee ? t.sequenceExpression([t.numericLiteral(0), ref]) : ref);
      p.skip();
    },
  });
}
