/**
 * Moves the bindings that live across a suspension point into frame fields.
 *
 * A binding is hoisted when the block that declares it contains an `await` (for the function's
 * own scope: parameters always, so they reach the frame; its other bindings unless the body never
 * suspends, as in a leaf helper). Bindings of await-free blocks stay native
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
import { isWrite, planLexical, rewriteConstAssignments } from "./lexical.js";
import { planScopeObjects, wrapClosures } from "./scope-objects.js";
import { applyRenames, collectRenames } from "./renames.js";
import { convertDeclarations, freeParameterNames, separateBodyVars } from "./declarations.js";

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
  /** How many statements at the body's start evaluate the parameters (0 for simple parameters). */
  prologueLength: number;
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
  // A body that never suspends runs in one step: its own locals stay native bindings of the step
  // (parameters still arrive in fields). With parameter expressions the prologue is a step of its own.
  const oneStep = paramPlan.simple !== null && !containsAwait(body.node);
  let selfName: { name: string; field: string } | null = null;
  for (const binding of Object.values(fn.scope.bindings)) {
    if (binding.kind === "param" || (binding.kind !== "local" && !oneStep)) claim(binding);
    else if (binding.kind !== "local") continue;
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

  // Before the prologue copies the parameters: their assignments to a read-only name are rewritten too.
  rewriteConstAssignments(hoisted.keys(), () => options.runtimeImport("throwConstAssignment"), fn.isInStrictMode());
  let prologue: t.Statement | null = null;
  if (paramPlan.simple === null) {
    // [a, b = 1, ...rest] = _f.$params  — runs in the first step, as SPEC §1.1 requires.
    const pattern = t.arrayPattern(fn.node.params.map((p) => t.cloneNode(p as t.PatternLike, true)));
    prologue = t.expressionStatement(t.assignmentExpression("=", pattern, em.field("$params")));
    body.unshiftContainer("body", prologue);
  }
  const lexical = planLexical(hoisted.keys());
  const uninitialized = new Set<string>();
  for (const binding of lexical.uninitialized) {
    const field = hoisted.get(binding)!;
    const object = scopeObjects.get(binding);
    if (object) object.uninitialized.add(field);
    else if (binding.scope === fn.scope) uninitialized.add(field);
    else em.uninitializedAtEntry(binding.scope.block, field);
  }
  if (prologue) {
    // Parameters with expressions have their own dead zone: `(a = b, b)` throws. Every read of a
    // parameter inside the parameter list is checked; all parameter fields start uninitialised.
    (body.get("body.0") as NodePath).traverse({
      Identifier(p) {
        if (!p.isReferencedIdentifier() || isWrite(p as NodePath) || t.isAssignmentExpression(p.parent, { left: p.node })) return;
        const binding = p.scope.getBinding(p.node.name);
        if (binding?.kind === "param" && binding.scope === fn.scope) lexical.checks.set(p.node, p.node.name);
      },
    });
    for (const binding of Object.values(fn.scope.bindings)) if (binding.kind === "param") uninitialized.add(hoisted.get(binding)!);
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
  const freed = prologue ? freeParameterNames(fn, body.get("body.0") as NodePath, renames) : new Set<t.Identifier>();
  const extraFields = prologue ? separateBodyVars(fn, body, prologue, renames, taken, em) : [];
  convertDeclarations(body, renames, em, prologue ? 1 + extraFields.length : 0);
  const uses = options.inline ? { usesThis: false, usesArguments: false, usesNewTarget: false } : replaceContext(fn, body, em, freed);
  const check = (ref: t.Expression, name: string): t.Expression =>
    t.callExpression(t.identifier(options.runtimeImport("assertInitialized")), [ref, t.stringLiteral(name)]);
  wrapClosures(applyRenames(body, renames, em, lexical.checks, check), em);

  if (paramPlan.simple) {
    for (const p of paramPlan.simple) p.field = hoisted.get(fn.scope.getOwnBinding(p.name)!)!;
  }
  const paramFields = new Set(paramPlan.simple?.map((p) => p.field) ?? []);
  return {
    prologueLength: prologue ? 1 + extraFields.length : 0,
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

/** Does code running inside this scope suspend? (A for…of/in's iterable runs outside its scope.) */
function scopeSuspends(block: t.Node): boolean {
  if (t.isForOfStatement(block) && block.await) return true;
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

/** Replaces `this`, `arguments`, `new.target` (up to the next non-arrow function) by frame fields. */
function replaceContext(
  fn: NodePath<t.Function>,
  body: NodePath<t.BlockStatement>,
  em: Emitter,
  freed: Set<t.Identifier>,
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
      // Sloppy code may also assign to `arguments` (`[arguments] = v`): the same field.
      if (p.node.name !== "arguments" || !(p.isReferencedIdentifier() || (p as NodePath).isBindingIdentifier())) return;
      if (p.parentPath.isLabeledStatement() || p.parentPath.isBreakStatement() || p.parentPath.isContinueStatement()) return;
      if (p.scope.getBinding("arguments") && !freed.has(p.node)) return;
      uses.usesArguments = true;
      p.replaceWith(em.field("$args"));
    },
  });
  return uses;
}
