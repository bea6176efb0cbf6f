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
import type { Binding, NodePath } from "@babel/traverse";
import * as t from "@babel/types";
import { containsAwait } from "./analyze.js";
import type { Emitter } from "./emitter.js";
import { RESERVED_FIELD_NAMES } from "./protocol.js";
import { planLexical, rewriteConstAssignments } from "./lexical.js";
import { outermostClosure, planScopeObjects, wrapClosures, type ScopeObject } from "./scope-objects.js";

/** Where a renamed identifier goes: a frame field, or a field of a per-iteration scope object. */
interface Target {
  field: string;
  scope: ScopeObject | null;
}

/** The frame field of a user local: its own name unless that could clash with the frame's own. */
function fieldNameFor(name: string): string {
  return name.startsWith("$") || RESERVED_FIELD_NAMES.has(name) ? `$_${name}` : name;
}

export interface ParamPlan {
  /** Parameters passed straight into frame fields (all plain identifiers), else null. */
  simple: { name: string; field: string }[] | null;
  /** The parameter list of the wrapper, which fixes `fn.length`. */
  wrapperParams: (t.Identifier | t.RestElement)[];
  /** When not simple: what the wrapper passes for the prologue to destructure (into `$params`). */
  source: t.Expression | null;
}

export interface HoistResult {
  /** User locals in frame fields, in declaration order (params excluded). */
  fields: string[];
  params: ParamPlan;
  /** Fields of the function's own scope that start in the temporal dead zone. */
  uninitialized: Set<string>;
  /** A named function expression's name, referenced in its body: stored from the wrapper. */
  selfName: { name: string; field: string } | null;
  usesThis: boolean;
  usesArguments: boolean;
  usesNewTarget: boolean;
}

export interface HoistOptions {
  /** Keep `this`/`arguments`/`new.target`/`super` lexical (the step is an arrow in the wrapper). */
  inline: boolean;
  /** The local name of a runtime export, imported on first use. */
  runtimeImport: (name: string) => string;
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
  let selfName: { name: string; field: string } | null = null;
  for (const binding of Object.values(fn.scope.bindings)) {
    if (binding.kind !== "local") claim(binding);
    else if (binding.referenced || binding.constantViolations.length > 0) {
      // A named function expression's own name: the wrapper passes itself into this field.
      claim(binding);
      selfName = { name: binding.identifier.name, field: hoisted.get(binding)! };
    }
  }
  const blockBindings = new Map<Binding, string>();
  body.traverse({
    Function(p) {
      p.skip();
    },
    Scopable(p) {
      if (p.scope === fn.scope || !scopeSuspends(p.scope.block)) return;
      for (const binding of Object.values(p.scope.bindings)) {
        if (binding.scope === p.scope && !hoisted.has(binding)) {
          claim(binding);
          blockBindings.set(binding, hoisted.get(binding)!);
        }
      }
    },
  });
  const scopeObjects = planScopeObjects(fn, blockBindings, em, (name) => fn.scope.generateUid(name));

  let prologue: t.Statement | null = null;
  if (paramPlan.simple === null) {
    // [a, b = 1, ...rest] = _f.$params  — runs in the first step, as SPEC §1.1 requires.
    const pattern = t.arrayPattern(fn.node.params.map((p) => t.cloneNode(p as t.PatternLike, true)));
    prologue = t.expressionStatement(t.assignmentExpression("=", pattern, em.field("$params")));
    body.unshiftContainer("body", prologue);
  }
  rewriteConstAssignments(hoisted.keys(), () => options.runtimeImport("throwConstAssignment"), fn.isInStrictMode());
  const lexical = planLexical(hoisted.keys());
  const uninitialized = new Set<string>();
  for (const binding of lexical.uninitialized) {
    const field = hoisted.get(binding)!;
    const object = scopeObjects.get(binding);
    if (object) object.uninitialized.add(field);
    else if (binding.scope === fn.scope) uninitialized.add(field);
    else em.uninitializedAtEntry(binding.scope.block, field);
  }
  for (const [assignment, name] of lexical.writes) {
    // x = v in the dead zone: v first, then the ReferenceError (the field is read, not changed, before).
    assignment.right = t.callExpression(t.identifier(options.runtimeImport("checkedWrite")), [
      t.identifier(name),
      assignment.right,
      t.stringLiteral(name),
    ]);
  }
  // Bindings are resolved once, before any rewriting, and remembered by identifier node.
  const renames = collectRenames(body, hoisted, scopeObjects);
  const extraFields = prologue ? separateBodyVars(fn, body, prologue, renames, taken, em) : [];
  convertDeclarations(body, renames, em);
  const uses = options.inline ? { usesThis: false, usesArguments: false, usesNewTarget: false } : replaceContext(fn, body, em);
  const check = (ref: t.Expression, name: string): t.Expression =>
    t.callExpression(t.identifier(options.runtimeImport("assertInitialized")), [ref, t.stringLiteral(name)]);
  wrapClosures(applyRenames(body, renames, em, lexical.checks, check), em);

  if (paramPlan.simple) {
    for (const p of paramPlan.simple) p.field = hoisted.get(fn.scope.getOwnBinding(p.name)!)!;
  }
  const paramFields = new Set(paramPlan.simple?.map((p) => p.field) ?? []);
  return {
    fields: [
      ...[...hoisted].filter(([b, f]) => !paramFields.has(f) && f !== selfName?.field && !scopeObjects.has(b)).map(([, f]) => f),
      ...extraFields,
    ],
    uninitialized,
    selfName,
    params: paramPlan,
    usesThis: uses.usesThis,
    usesArguments: uses.usesArguments,
    usesNewTarget: uses.usesNewTarget,
  };
}

/**
 * With default or destructured parameters, a body `var` named like a parameter is a binding of its
 * own, starting with the parameter's value; closures in the parameters keep seeing the parameter.
 * The body's references move to a new field, initialised right after the parameter prologue.
 */
function separateBodyVars(
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

/** Does code running inside this scope suspend? (A for…of/in's iterable runs outside its scope.) */
function scopeSuspends(block: t.Node): boolean {
  if (t.isForOfStatement(block) || t.isForInStatement(block)) return containsAwait(block.left) || containsAwait(block.body);
  return containsAwait(block);
}

function planParams(fn: NodePath<t.Function>, em: Emitter): ParamPlan {
  const params = fn.node.params;
  let length = params.findIndex((p) => t.isAssignmentPattern(p) || t.isRestElement(p));
  if (length === -1) length = params.length;
  if (params.every((p) => t.isIdentifier(p))) {
    const names = params.map((p) => (p as t.Identifier).name);
    return { simple: names.map((name) => ({ name, field: "" })), wrapperParams: names.map((n) => t.identifier(n)), source: null };
  }
  // Placeholders keep `length` (the parameters before the first default or rest).
  const uid = (name: string): string => fn.scope.generateUid(name);
  const wrapperParams: (t.Identifier | t.RestElement)[] = params.slice(0, length).map(() => t.identifier(uid("p")));
  if (!t.isArrowFunctionExpression(fn.node)) return { simple: null, wrapperParams, source: t.identifier("arguments") };
  // An arrow has no arguments object of its own: it passes [p0, …, ...rest]. Missing leading
  // arguments become undefined entries, which destructure exactly like absent ones.
  const rest = t.identifier(uid("rest"));
  const source = t.arrayExpression([...wrapperParams.map((p) => t.cloneNode(p as t.Identifier)), t.spreadElement(t.cloneNode(rest))]);
  wrapperParams.push(t.restElement(rest));
  void em;
  return { simple: null, wrapperParams, source };
}

/** `let x = 1` → `x = 1`, `var y;` → nothing, `function g(){}` → `g = function g(){}` at block start. */
function convertDeclarations(body: NodePath<t.BlockStatement>, renames: Map<t.Identifier, Target>, em: Emitter): void {
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
      if (ids.length === 0 || !isHoisted(ids[0])) return;
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
    if (container.isBlockStatement()) container.unshiftContainer("body", inits);
    else if (container.isSwitchCase()) container.unshiftContainer("consequent", inits);
    else throw new Error("internal error: function declaration outside a statement list");
  }
}

/** Replaces `this`, `arguments`, `new.target` (up to the next non-arrow function) by frame fields. */
function replaceContext(
  fn: NodePath<t.Function>,
  body: NodePath<t.BlockStatement>,
  em: Emitter,
): { usesThis: boolean; usesArguments: boolean; usesNewTarget: boolean } {
  const uses = { usesThis: false, usesArguments: false, usesNewTarget: false };
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

/** Finds every identifier (reference or declaration) of a hoisted binding, in the body and closures. */
function collectRenames(
  body: NodePath<t.BlockStatement>,
  hoisted: Map<Binding, string>,
  scopeObjects: Map<Binding, ScopeObject>,
): Map<t.Identifier, Target> {
  const renames = new Map<t.Identifier, Target>();
  // Declaration sites first: Babel does not resolve identifiers of a catch clause's pattern.
  for (const [binding, field] of hoisted) renames.set(binding.identifier, { field, scope: scopeObjects.get(binding) ?? null });
  body.traverse({
    Identifier(p) {
      if (!p.isReferencedIdentifier() && !(p as NodePath).isBindingIdentifier()) return;
      const binding = p.scope.getBinding(p.node.name);
      const field = binding && hoisted.get(binding);
      if (field !== undefined) renames.set(p.node, { field, scope: scopeObjects.get(binding!) ?? null });
    },
  });
  return renames;
}

/** Every collected identifier becomes `_f.field` (`(0, _f.field)` as a callee, so `this` stays undefined). */
function applyRenames(
  body: NodePath<t.BlockStatement>,
  renames: Map<t.Identifier, Target>,
  em: Emitter,
  checks: Map<t.Identifier, string>,
  check: (ref: t.Expression, name: string) => t.Expression,
): Map<NodePath, Set<ScopeObject>> {
  const wraps = new Map<NodePath, Set<ScopeObject>>();
  body.traverse({
    Identifier(p) {
      const target = renames.get(p.node);
      if (target === undefined) return;
      const parent = p.parentPath;
      if (parent.isObjectProperty() && parent.node.shorthand) parent.node.shorthand = false;
      keepInferredName(p.node.name, parent);
      let ref: t.MemberExpression;
      if (target.scope === null) ref = em.field(target.field);
      else {
        const closure = outermostClosure(p, body);
        if (closure === null) ref = t.memberExpression(em.field(target.scope.field), t.identifier(target.field));
        else {
          ref = t.memberExpression(t.identifier(target.scope.alias), t.identifier(target.field));
          const set = wraps.get(closure) ?? new Set();
          set.add(target.scope);
          wraps.set(closure, set);
        }
      }
      ref.loc = p.node.loc;
      const checked = checks.get(p.node);
      if (checked !== undefined) {
        p.replaceWith(check(ref, checked));
        p.skip();
        return;
      }
      const isCallee =
        ((parent.isCallExpression() || parent.isOptionalCallExpression()) && p.key === "callee") ||
        (parent.isTaggedTemplateExpression() && p.key === "tag");
      p.replaceWith(isCallee ? t.sequenceExpression([t.numericLiteral(0), ref]) : ref);
      p.skip();
    },
  });
  return wraps;
}

/**
 * `x = function () {}` names the function "x"; `_f.x = function () {}` would not. An anonymous
 * function or class assigned to a renamed binding gets its name from a property key instead:
 * `_f.x = { x: function () {} }.x`.
 */
function keepInferredName(name: string, parent: NodePath): void {
  const node = parent.node;
  const namesRight =
    (t.isAssignmentExpression(node) && ["=", "||=", "&&=", "??="].includes(node.operator) && t.isIdentifier(node.left, { name })) ||
    (t.isAssignmentPattern(node) && t.isIdentifier(node.left, { name }));
  if (!namesRight) return;
  const right = (node as t.AssignmentExpression | t.AssignmentPattern).right;
  const anonymous =
    t.isArrowFunctionExpression(right) || ((t.isFunctionExpression(right) || t.isClassExpression(right)) && !right.id);
  if (!anonymous) return;
  const holder = t.objectExpression([t.objectProperty(t.identifier(name), right)]);
  (node as t.AssignmentExpression | t.AssignmentPattern).right = t.memberExpression(holder, t.identifier(name));
}
