/**
 * IteratorClose for the sync iterators of for…of and array destructuring: when the iterator is
 * not done, its `return()` is called — quietly when the construct is left by a throw (the throw
 * wins), checked otherwise (`return()` must give an object).
 */
import * as t from "@babel/types";
import { assign, type Emitter } from "../emitter.js";
import { COMPLETION_THROW } from "../protocol.js";

const ignoredParams = new WeakSet<t.Node>();

/**
 * `catch ($ignored) {}` for a close whose error is dropped: a binding, as optional catch binding
 * is ES2019 syntax; when the try is exploded, the state machine drops the value without a local.
 */
export function ignoringCatch(): t.CatchClause {
  const param = t.identifier("$ignored");
  ignoredParams.add(param);
  return t.catchClause(param, t.blockStatement([]));
}

/** Whether `param` is the binding of an {@link ignoringCatch}. */
export function isIgnoredCatchParam(param: t.Node | null | undefined): boolean {
  return param != null && ignoredParams.has(param);
}

const member = (object: t.Expression, name: string): t.MemberExpression => t.memberExpression(object, t.identifier(name));
const not = (e: t.Expression): t.UnaryExpression => t.unaryExpression("!", e);
const isObject = (e: () => t.Expression): t.Expression =>
  t.binaryExpression("===", t.callExpression(t.identifier("Object"), [e()]), e());

/** `if (!done) { done = true; close it }`, in the finally block of `region`. */
export function closeUnlessDone(em: Emitter, region: { completionField: string }, it: string, done: string): t.Statement {
  return t.ifStatement(
    not(em.field(done)),
    t.blockStatement([assign(em.field(done), t.booleanLiteral(true)), ...closeIterator(em, region, it)]),
  );
}

/** IteratorClose: errors of `return()` are dropped when the loop is left by a throw. */
function closeIterator(em: Emitter, region: { completionField: string }, it: string): t.Statement[] {
  const ret = em.temp("return");
  const call = (): t.Expression => t.callExpression(member(em.field(ret), "call"), [em.field(it)]);
  const hasReturn = (): t.Expression => t.binaryExpression("!=", em.field(ret), t.nullLiteral());
  const checked = em.temp("closed");
  return [
    t.ifStatement(
      t.binaryExpression("===", em.field(region.completionField), t.numericLiteral(COMPLETION_THROW)),
      t.tryStatement(
        t.blockStatement([assign(em.field(ret), member(em.field(it), "return")), t.ifStatement(hasReturn(), t.expressionStatement(call()))]),
        ignoringCatch(),
      ),
      t.blockStatement([
        assign(em.field(ret), member(em.field(it), "return")),
        t.ifStatement(
          hasReturn(),
          t.blockStatement([
            assign(em.field(checked), call()),
            t.ifStatement(
              not(isObject(() => em.field(checked))),
              t.throwStatement(t.newExpression(t.identifier("TypeError"), [t.stringLiteral("iterator.return() did not return an object")])),
            ),
          ]),
        ),
      ]),
    ),
  ];
}

