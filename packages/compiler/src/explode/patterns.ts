/**
 * Destructuring whose pattern suspends (an `await` in a default or a computed key), lowered
 * element by element in the language's order: a member target's reference first, then the value,
 * then the default only when the value is undefined, then the nested pattern.
 *
 * ```
 * ({ a = await d(), [await k()]: b } = o)
 *   →  _f.$obj = o; if (_f.$obj == null) throw TypeError
 *      _f.$val = _f.$obj.a; if (_f.$val === undefined) { await d() -> L1; L1: _f.$val = _v } a = _f.$val
 *      await k() -> L2; L2: _f.$key = _v; b = _f.$obj[_f.$key]
 * ```
 * Array patterns step the iterator by hand inside a region whose finally closes the iterator
 * when the destructuring is left by an exception (as for…of does), and close it at the end when
 * elements remain.
 */
import * as t from "@babel/types";
import { containsAwait } from "../analyze.js";
import { assign, type Emitter } from "../emitter.js";
import type { JumpEntry } from "../jump-targets.js";
import { explodeExpression, save } from "./expressions.js";
import { closeUnlessDone } from "./iterator-close.js";
import { emitEndFinally, leaveNormally } from "./try.js";

const member = (object: t.Expression, name: string): t.MemberExpression => t.memberExpression(object, t.identifier(name));
const typeError = (message: t.Expression): t.ThrowStatement =>
  t.throwStatement(t.newExpression(t.identifier("TypeError"), [message]));
const isObject = (e: () => t.Expression): t.Expression => t.binaryExpression("===", t.callExpression(t.identifier("Object"), [e()]), e());

/** Emits `target = value` for a target that may suspend. `value` is evaluated already. */
export function explodePattern(em: Emitter, target: t.LVal, value: t.Expression): void {
  if (!containsAwait(target)) {
    em.emit(assign(target, value));
    return;
  }
  if (t.isObjectPattern(target)) return explodeObjectPattern(em, target, save(em, value));
  if (t.isArrayPattern(target)) return explodeArrayPattern(em, target, save(em, value));
  if (t.isMemberExpression(target)) {
    const held = save(em, value);
    em.emit(assign(evaluateReference(em, target), held));
    return;
  }
  throw em.error(`await in this destructuring target (${target.type}) is not supported yet`, target);
}

/** A member target that suspends has its object and key evaluated (and saved) before its value. */
function evaluateReference(em: Emitter, target: t.LVal): t.LVal {
  if (!t.isMemberExpression(target) || !containsAwait(target)) return target;
  const object = save(em, explodeExpression(em, target.object as t.Expression));
  const property = target.computed ? save(em, explodeExpression(em, target.property as t.Expression)) : target.property;
  return t.memberExpression(object, property as t.Expression, target.computed);
}

/** One element: reference of a member target, then the value, then the default, then assignment. */
function explodeElement(em: Emitter, element: t.LVal, produce: () => t.Expression): void {
  let target: t.LVal = element;
  let fallback: t.Expression | null = null;
  if (t.isAssignmentPattern(element)) {
    target = element.left as t.LVal;
    fallback = element.right;
  }
  target = evaluateReference(em, target);
  const value = em.temp("val");
  em.emit(assign(em.field(value), produce()));
  if (fallback !== null) {
    const defined = em.label("defined");
    em.jumpIf(t.binaryExpression("!==", em.field(value), t.identifier("undefined")), defined);
    em.emit(assign(em.field(value), explodeExpression(em, fallback)));
    em.mark(defined);
  }
  explodePattern(em, target, em.field(value));
}

function explodeObjectPattern(em: Emitter, pattern: t.ObjectPattern, source: t.Expression): void {
  em.emit(
    t.ifStatement(
      t.binaryExpression("==", t.cloneNode(source), t.nullLiteral()),
      typeError(t.binaryExpression("+", t.stringLiteral("Cannot destructure "), t.cloneNode(source))),
    ),
  );
  const usedKeys: t.Expression[] = [];
  for (const prop of pattern.properties) {
    if (t.isRestElement(prop)) {
      const rest = em.temp("rest");
      em.emit(assign(em.field(rest), t.callExpression(member(t.identifier("Object"), "assign"), [t.objectExpression([]), t.cloneNode(source)])));
      for (const key of usedKeys) {
        em.emitExpression(t.unaryExpression("delete", t.memberExpression(em.field(rest), t.cloneNode(key), true)));
      }
      explodePattern(em, prop.argument as t.LVal, em.field(rest));
      continue;
    }
    let key: t.Expression;
    if (prop.computed) key = save(em, explodeExpression(em, prop.key as t.Expression));
    else if (t.isIdentifier(prop.key)) key = t.stringLiteral(prop.key.name);
    else key = prop.key as t.Expression;
    usedKeys.push(key);
    explodeElement(em, prop.value as t.LVal, () => t.memberExpression(t.cloneNode(source), t.cloneNode(key), true));
  }
}

function explodeArrayPattern(em: Emitter, pattern: t.ArrayPattern, source: t.Expression): void {
  const [it, next, done, res] = [em.temp("iter"), em.temp("next"), em.temp("done"), em.temp("step")];
  em.emit(assign(em.field(it), t.callExpression(t.memberExpression(t.cloneNode(source), member(t.identifier("Symbol"), "iterator"), true), [])));
  em.emit(assign(em.field(next), member(em.field(it), "next")));
  em.emit(assign(em.field(done), t.booleanLiteral(false)));
  const region = em.openRegion(false, true);
  const after = em.label("end-destructure");
  const fin: JumpEntry = { kind: "finally", region };
  em.jumps.push(fin);
  em.mark(region.tryStart);

  // IteratorStep: `done` is set before next() so that a throwing next() is not followed by a close.
  const step = (): t.Expression => {
    em.emit(
      t.ifStatement(
        t.unaryExpression("!", em.field(done)),
        t.blockStatement([
          assign(em.field(done), t.booleanLiteral(true)),
          assign(em.field(res), t.callExpression(member(em.field(next), "call"), [em.field(it)])),
          t.ifStatement(t.unaryExpression("!", isObject(() => em.field(res))), typeError(t.stringLiteral("iterator result is not an object"))),
          t.ifStatement(
            member(em.field(res), "done"),
            assign(em.field(res), t.identifier("undefined")),
            t.blockStatement([assign(em.field(res), member(em.field(res), "value")), assign(em.field(done), t.booleanLiteral(false))]),
          ),
        ]),
        assign(em.field(res), t.identifier("undefined")),
      ),
    );
    return em.field(res);
  };

  for (const element of pattern.elements) {
    if (element === null) {
      step();
    } else if (t.isRestElement(element)) {
      const target = evaluateReference(em, element.argument as t.LVal);
      const rest = em.temp("rest");
      const loop = em.label("rest");
      const end = em.label("rest-end");
      em.emit(assign(em.field(rest), t.arrayExpression([])));
      em.mark(loop);
      const value = step();
      em.jumpIf(em.field(done), end);
      em.emitExpression(t.callExpression(member(em.field(rest), "push"), [value]));
      em.jump(loop);
      em.mark(end);
      explodePattern(em, target, em.field(rest));
    } else {
      explodeElement(em, element as t.LVal, step);
    }
  }
  leaveNormally(em, region, after);
  em.jumps.pop(fin);
  em.closeRegion();

  // Close the iterator unless it is done: quietly when leaving by a throw, checked otherwise.
  em.mark(region.finallyStart!);
  em.emit(closeUnlessDone(em, region, it, done));
  emitEndFinally(em, region);
  em.mark(after);
}
