/**
 * `let`/`const`/`class` stay exact after hoisting: reads that can happen before the declaration
 * (textually earlier, or in a closure, which may be a hoisted function) check the dead zone, whose fields
 * start as the runtime's UNINITIALIZED; assignments to a `const` throw as the language does.
 *
 * ```
 * g(); let x = 1; function g() { return x; }
 *   →  _f.x = UNINITIALIZED (at scope entry) … function g() { return assertInitialized(_f.x, "x"); }
 * c = 2;  (c const)  →  (2, throwConstAssignment("c"))
 * ```
 */
import type { Binding, NodePath } from "@babel/traverse";
import * as t from "@babel/types";

export interface LexicalPlan {
  /** Identifier nodes whose read must check the dead zone. */
  checks: Map<t.Identifier, string>;
  /** Plain `x = v` assignments that may run in the dead zone. */
  writes: Map<t.AssignmentExpression, string>;
  /** Bindings whose field starts UNINITIALIZED. */
  uninitialized: Set<Binding>;
}

/** Is this identifier assigned to (the dead-zone check there is the assignment's own)? */
export function isWrite(ref: NodePath): boolean {
  const parent = ref.parent;
  return (
    (t.isAssignmentExpression(parent) && parent.left === ref.node) ||
    t.isUpdateExpression(parent) ||
    ((t.isForInStatement(parent) || t.isForOfStatement(parent)) && parent.left === ref.node)
  );
}

export function planLexical(bindings: Iterable<Binding>): LexicalPlan {
  const checks = new Map<t.Identifier, string>();
  const writes = new Map<t.AssignmentExpression, string>();
  const uninitialized = new Set<Binding>();
  for (const binding of bindings) {
    // (A catch clause's parameter is initialised when the clause is entered: no dead zone.)
    if ((binding.kind !== "let" && binding.kind !== "const") || binding.path.isCatchClause()) continue;
    const declEnd = binding.path.node.end ?? Infinity;
    const home = binding.scope.getFunctionParent() ?? binding.scope.getProgramParent();
    for (const ref of binding.referencePaths) {
      // Before the declaration in the text, or in a closure (a hoisted function may run early).
      const early = (ref.node.start != null && ref.node.start < declEnd) || t.isSwitchStatement(binding.scope.block);
      const inClosure = ref.scope.getFunctionParent() !== home;
      if ((early || inClosure) && t.isIdentifier(ref.node) && !isWrite(ref)) {
        checks.set(ref.node, binding.identifier.name);
        uninitialized.add(binding);
      }
    }
    if (binding.kind !== "let") continue;
    for (const violation of binding.constantViolations) {
      const node = violation.node;
      const early = (node.start != null && node.start < declEnd) || violation.scope.getFunctionParent() !== home;
      if (early && t.isAssignmentExpression(node, { operator: "=" }) && t.isIdentifier(node.left)) {
        writes.set(node, binding.identifier.name);
        uninitialized.add(binding);
      }
    }
  }
  return { checks, writes, uninitialized };
}

/**
 * Replaces assignments to `const` bindings by their right side followed by the TypeError. A
 * named function expression's own name is read-only too: the same in strict code; ignored in
 * sloppy code.
 */
export function rewriteConstAssignments(bindings: Iterable<Binding>, throwName: () => string, strict: boolean): void {
  for (const binding of bindings) {
    if (binding.kind === "local" && !strict) {
      for (const violation of binding.constantViolations) {
        const node = violation.node;
        if (t.isAssignmentExpression(node) && t.isIdentifier(node.left)) violation.replaceWith(node.right);
        else if (t.isUpdateExpression(node)) violation.replaceWith(t.unaryExpression("+", node.argument));
      }
      continue;
    }
    if (binding.kind !== "const" && binding.kind !== "local") continue;
    for (const violation of binding.constantViolations) {
      const node = violation.node;
      const fail = (): t.CallExpression =>
        t.callExpression(t.identifier(throwName()), [t.stringLiteral(binding.identifier.name)]);
      if (t.isAssignmentExpression(node) && !t.isIdentifier(node.left)) {
        // [a, c] = … with c const: c's place in the pattern throws when it is assigned.
        const name = binding.identifier.name;
        violation.traverse({
          Identifier(p) {
            if (p.node.name !== name || p.scope.getBinding(name) !== binding || !(p as NodePath).isBindingIdentifier()) return;
            const setter = t.objectMethod("set", t.identifier("_"), [t.identifier("v")], t.blockStatement([t.expressionStatement(fail())]));
            p.replaceWith(t.memberExpression(t.objectExpression([setter]), t.identifier("_")));
            p.skip();
          },
        });
      } else if (t.isAssignmentExpression(node) && t.isIdentifier(node.left)) {
        const value = node.operator === "=" ? node.right : t.binaryExpression("+", t.cloneNode(node.left), node.right);
        violation.replaceWith(t.sequenceExpression([value, fail()]));
      } else if (t.isUpdateExpression(node) && t.isIdentifier(node.argument)) {
        violation.replaceWith(t.sequenceExpression([t.unaryExpression("+", t.cloneNode(node.argument)), fail()]));
      }
    }
  }
}
