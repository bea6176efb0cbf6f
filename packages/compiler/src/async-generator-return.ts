/**
 * `return expr` in an async generator awaits `expr` as part of the return statement (ECMA-262
 * ReturnStatement evaluation: "If GetGeneratorKind() is async, set exprValue to ? Await(exprValue)"),
 * while `return;` and falling off the end do not await at all. Promise mode's driver therefore
 * never awaits a finished body's value; the compiler writes the await where the language has it.
 */
import type { NodePath } from "@babel/traverse";
import * as t from "@babel/types";

/**
 * Rewrites every `return expr` of the async generator `fn` itself (not of nested functions) to
 * `return await expr`: a rejection is then thrown at the return statement, inside the generator's
 * own `try`, and `finally` blocks run after the value settled, as natively.
 *
 * @example
 * ```ts
 * // async function* g() { return p; }  →  async function* g() { return await p; }
 * awaitReturnValues(path);
 * ```
 */
export function awaitReturnValues(fn: NodePath<t.Function>): void {
  fn.traverse({
    Function(inner) {
      inner.skip();
    },
    ReturnStatement(ret) {
      const argument = ret.node.argument;
      if (argument == null) return;
      ret.node.argument = t.inherits(t.awaitExpression(argument), argument);
    },
  });
}
