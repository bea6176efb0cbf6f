/** Optional chains that suspend (see explodeOptionalChain). */
import * as t from "@babel/types";
import { anyAwait } from "../analyze.js";
import { assign, type Emitter } from "../emitter.js";
import { clone, explodeArguments, explodeExpression, member, plainCallee, save } from "./expressions.js";

/**
 * An optional chain that suspends: each `?.` link tests its base and, when nullish, leaves the
 * whole chain with undefined, so nothing to its right (awaits included) is evaluated.
 *
 * ```
 * a?.b(await c)   →   _f.$t0 = a; if (_f.$t0 == null) { _f.$t1 = undefined; goto end }
 *                     _f.$t2 = _f.$t0.b; await c -> L; L: _f.$t1 = _f.$t2.call(_f.$t0, _v); end:
 * ```
 */
export function explodeOptionalChain(
  em: Emitter,
  node: t.OptionalMemberExpression | t.OptionalCallExpression,
  deleting = false,
): t.Expression {
  const result = em.temp("chain");
  const end = em.label("chain-end");
  const shortCircuit = (base: t.Expression): void => {
    em.emit(
      t.ifStatement(
        t.binaryExpression("==", clone(base), t.nullLiteral()),
        // A short-circuited chain is undefined; `delete` of one is true.
        t.blockStatement([assign(em.field(result), deleting ? t.booleanLiteral(true) : t.identifier("undefined")), ...em.jumpStatement(end).body]),
      ),
    );
  };
  const isLink = (n: t.Node): n is t.OptionalMemberExpression | t.OptionalCallExpression =>
    t.isOptionalMemberExpression(n) || t.isOptionalCallExpression(n);
  // Evaluates one link; `later` are the operands to its right within the chain.
  const link = (n: t.Expression, later: readonly (t.Node | null)[]): t.Expression => {
    if (!isLink(n)) {
      const value = explodeExpression(em, n);
      return anyAwait(later) ? save(em, value) : value;
    }
    if (t.isOptionalMemberExpression(n)) {
      const rest = [n.computed ? n.property : null, ...later];
      let object = link(n.object, rest);
      if (n.optional) {
        object = save(em, object);
        shortCircuit(object);
      }
      const property = n.computed ? explodeExpression(em, n.property as t.Expression) : n.property;
      const value = member(object, property as t.Expression, n.computed);
      return anyAwait(later) ? save(em, value) : value;
    }
    const args = n.arguments as (t.Expression | t.SpreadElement)[];
    const callee = n.callee;
    let call: t.Expression;
    if (t.isOptionalMemberExpression(callee) || (t.isMemberExpression(callee) && !em.isFrame(callee.object))) {
      let object = save(em, link(callee.object as t.Expression, [callee.computed ? callee.property : null, ...args, ...later]));
      if (t.isOptionalMemberExpression(callee) && callee.optional) shortCircuit(object);
      const property = callee.computed ? explodeExpression(em, callee.property as t.Expression) : callee.property;
      const fn = save(em, member(clone(object), property as t.Expression, callee.computed));
      if (n.optional) shortCircuit(fn);
      object = clone(object);
      call = t.callExpression(t.memberExpression(fn, t.identifier("call")), [object, ...explodeArguments(em, args)]);
    } else {
      let fn = link(callee as t.Expression, [...args, ...later]);
      if (n.optional) {
        fn = save(em, fn);
        shortCircuit(fn);
      }
      call = t.callExpression(plainCallee(em, clone(fn)), explodeArguments(em, args));
    }
    return anyAwait(later) ? save(em, call) : call;
  };
  if (deleting && t.isOptionalMemberExpression(node)) {
    // delete a?.b[k]: the chain up to the last object, then delete its member.
    let object = link(node.object, [node.computed ? node.property : null]);
    if (node.optional) {
      object = save(em, object);
      shortCircuit(object);
    }
    const property = node.computed ? explodeExpression(em, node.property as t.Expression) : node.property;
    em.emit(assign(em.field(result), t.unaryExpression("delete", member(clone(object), property as t.Expression, node.computed))));
  } else {
    em.emit(assign(em.field(result), link(node, [])));
  }
  em.mark(end);
  return em.field(result);
}
