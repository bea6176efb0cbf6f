/**
 * `for…of` and `for…in` loops whose body suspends.
 *
 * for…of keeps the iterator in frame temporaries; the loop is a region whose finally closes the
 * iterator (calls `return()`) when the loop is left early — `break`, `return`, a throw from the
 * body, or `close()` of the coroutine — but not when `next()` threw or the iterator is exhausted
 * (`$td`, "iterator done", says which). `continue` stays inside the region.
 *
 * ```
 * for (x of xs) B      _f.$ti = xs[Symbol.iterator](); _f.$tn = _f.$ti.next;
 *               try0:  head: _f.$td = true; _f.$tr = _f.$tn.call(_f.$ti); (check object)
 *                      if (_f.$tr.done) goto exhausted;
 *                      _f.$tr = _f.$tr.value; _f.$td = false; x = _f.$tr; B; goto head
 *                      exhausted: normal completion → finally0
 *           finally0:  if (!_f.$td) { _f.$td = true; close the iterator }  end-finally
 * ```
 * for…in snapshots the keys with a native for…in (the engine's order and shadowing rules), then
 * visits those still present.
 */
import * as t from "@babel/types";
import { containsAwait } from "../analyze.js";
import { assign, type Emitter } from "../emitter.js";
import type { JumpEntry } from "../jump-targets.js";
import { COMPLETION_THROW } from "../protocol.js";
import { explodeExpression } from "./expressions.js";
import { explodePattern } from "./patterns.js";
import { emitPlain } from "./plain.js";
import { closeUnlessDone, ignoringCatch } from "./iterator-close.js";
import { emitEndFinally, leaveNormally } from "./try.js";

type ExplodeStatement = (em: Emitter, stmt: t.Statement, labels?: readonly string[]) => void;

const member = (object: t.Expression, name: string): t.MemberExpression => t.memberExpression(object, t.identifier(name));
const not = (e: t.Expression): t.UnaryExpression => t.unaryExpression("!", e);
const isObject = (e: () => t.Expression): t.Expression =>
  t.binaryExpression("===", t.callExpression(t.identifier("Object"), [e()]), e());

function loopTarget(left: t.ForOfStatement["left"], em: Emitter): t.LVal {
  if (t.isVariableDeclaration(left)) throw em.error("internal error: loop binding was not hoisted", left);
  return left as t.LVal;
}

/** A loop emitted natively keeps the labels its body's break/continue name. */
function relabel(labels: readonly string[], loop: t.Statement): t.Statement {
  return labels.reduceRight<t.Statement>((body, label) => t.labeledStatement(t.identifier(label), body), loop);
}

export function explodeForOf(em: Emitter, node: t.ForOfStatement, labels: readonly string[], explode: ExplodeStatement): void {
  if (node.await) return explodeForAwaitOf(em, node, labels, explode);
  const iterable = explodeExpression(em, node.right);
  if (!containsAwait(node.body) && !containsAwait(node.left)) {
    emitPlain(em, relabel(labels, t.inherits(t.forOfStatement(node.left, iterable, node.body), node)));
    return;
  }
  const [it, next, res, done] = [em.temp("iter"), em.temp("next"), em.temp("step"), em.temp("done")];
  em.emit(assign(em.field(it), t.callExpression(t.memberExpression(iterable, member(t.identifier("Symbol"), "iterator"), true), [])));
  em.emit(assign(em.field(next), member(em.field(it), "next")));

  const region = em.openRegion(false, true);
  const head = em.label("forof");
  const exhausted = em.label("forof-done");
  const after = em.label("endforof");
  const loop: JumpEntry = { kind: "loop", breakLabel: after, continueLabel: head, labels, ownRegion: region };
  const fin: JumpEntry = { kind: "finally", region };
  em.jumps.push(loop);
  em.jumps.push(fin);
  em.mark(region.tryStart);
  em.mark(head);
  em.emit(assign(em.field(done), t.booleanLiteral(true)));
  em.emit(assign(em.field(res), t.callExpression(member(em.field(next), "call"), [em.field(it)])));
  em.emit(
    t.ifStatement(
      not(isObject(() => em.field(res))),
      t.throwStatement(t.newExpression(t.identifier("TypeError"), [t.stringLiteral("iterator result is not an object")])),
    ),
  );
  em.jumpIf(member(em.field(res), "done"), exhausted);
  em.emit(assign(em.field(res), member(em.field(res), "value")));
  em.emit(assign(em.field(done), t.booleanLiteral(false)));
  em.enterScope(node);
  explodePattern(em, loopTarget(node.left, em), em.field(res));
  explode(em, node.body);
  em.jump(head);
  em.mark(exhausted);
  leaveNormally(em, region, after);
  em.jumps.pop(fin);
  em.jumps.pop(loop);
  em.closeRegion();

  em.mark(region.finallyStart!);
  em.emit(closeUnlessDone(em, region, it, done));
  emitEndFinally(em, region);
  em.mark(after);
}

export function explodeForIn(em: Emitter, node: t.ForInStatement, labels: readonly string[], explode: ExplodeStatement): void {
  const object = explodeExpression(em, node.right);
  if (!containsAwait(node.body) && !containsAwait(node.left)) {
    emitPlain(em, relabel(labels, t.inherits(t.forInStatement(node.left, object, node.body), node)));
    return;
  }
  const [obj, keys, index, key] = [em.temp("object"), em.temp("keys"), em.temp("index"), em.temp("key")];
  const k = em.names.sent; // the resume value is dead here: a safe native name for the key
  em.emit(assign(em.field(obj), t.callExpression(t.identifier("Object"), [object])));
  em.emit(assign(em.field(keys), t.arrayExpression([])));
  em.emit(
    t.forInStatement(
      t.identifier(k),
      em.field(obj),
      t.expressionStatement(t.callExpression(member(em.field(keys), "push"), [t.identifier(k)])),
    ),
  );
  em.emit(assign(em.field(index), t.numericLiteral(0)));
  const head = em.label("forin");
  const after = em.label("endforin");
  em.mark(head);
  em.jumpIf(t.binaryExpression(">=", em.field(index), member(em.field(keys), "length")), after);
  em.emit(
    assign(em.field(key), t.memberExpression(em.field(keys), t.updateExpression("++", em.field(index)), true)),
  );
  em.jumpIf(not(t.binaryExpression("in", em.field(key), em.field(obj))), head);
  em.enterScope(node);
  explodePattern(em, loopTarget(node.left, em), em.field(key));
  const loop: JumpEntry = { kind: "loop", breakLabel: after, continueLabel: head, labels };
  em.jumps.push(loop);
  explode(em, node.body);
  em.jumps.pop(loop);
  em.jump(head);
  em.mark(after);
}

/**
 * `for await (x of xs)`: the same region as for…of, with the iterator from GetIterator(xs, async)
 * (the runtime's asyncIteratorFor: sync iterables are wrapped, their values awaited), every
 * `next()` result awaited, and AsyncIteratorClose — an awaited `return()` — on early exit.
 */
function explodeForAwaitOf(em: Emitter, node: t.ForOfStatement, labels: readonly string[], explode: ExplodeStatement): void {
  const iterable = explodeExpression(em, node.right);
  const [it, next, res, done] = [em.temp("iter"), em.temp("next"), em.temp("step"), em.temp("done")];
  em.emit(assign(em.field(it), t.callExpression(t.identifier(em.runtimeImport("asyncIterator")), [iterable])));
  em.emit(assign(em.field(next), member(em.field(it), "next")));

  const region = em.openRegion(false, true);
  const head = em.label("forawait");
  const exhausted = em.label("forawait-done");
  const after = em.label("endforawait");
  const loop: JumpEntry = { kind: "loop", breakLabel: after, continueLabel: head, labels, ownRegion: region };
  const fin: JumpEntry = { kind: "finally", region };
  em.jumps.push(loop);
  em.jumps.push(fin);
  em.mark(region.tryStart);
  em.mark(head);
  em.emit(assign(em.field(done), t.booleanLiteral(true)));
  const result = em.await(t.callExpression(member(em.field(next), "call"), [em.field(it)]), node.loc);
  em.emit(assign(em.field(res), result));
  em.emit(
    t.ifStatement(
      not(isObject(() => em.field(res))),
      t.throwStatement(t.newExpression(t.identifier("TypeError"), [t.stringLiteral("iterator result is not an object")])),
    ),
  );
  em.jumpIf(member(em.field(res), "done"), exhausted);
  em.emit(assign(em.field(res), member(em.field(res), "value")));
  em.emit(assign(em.field(done), t.booleanLiteral(false)));
  em.enterScope(node);
  explodePattern(em, loopTarget(node.left, em), em.field(res));
  explode(em, node.body);
  em.jump(head);
  em.mark(exhausted);
  leaveNormally(em, region, after);
  em.jumps.pop(fin);
  em.jumps.pop(loop);
  em.closeRegion();

  // AsyncIteratorClose, written as source and exploded like any code that awaits.
  em.mark(region.finallyStart!);
  const ret = em.temp("return");
  const callReturn = (): t.AwaitExpression => t.awaitExpression(t.callExpression(member(em.field(ret), "call"), [em.field(it)]));
  const checked = em.temp("closed");
  const getReturn = (): t.Statement => assign(em.field(ret), member(em.field(it), "return"));
  const hasReturn = (): t.Expression => t.binaryExpression("!=", em.field(ret), t.nullLiteral());
  // Left by a throw, the throw wins: errors of GetMethod(iterator, "return") and of the awaited
  // call are dropped. Otherwise both are checked and `return()` must give an object.
  const close = t.ifStatement(
    not(em.field(done)),
    t.blockStatement([
      assign(em.field(done), t.booleanLiteral(true)),
      t.ifStatement(
        t.binaryExpression("===", em.field(region.completionField), t.numericLiteral(COMPLETION_THROW)),
        t.tryStatement(
          t.blockStatement([getReturn(), t.ifStatement(hasReturn(), t.expressionStatement(callReturn()))]),
          ignoringCatch(),
        ),
        t.blockStatement([
          getReturn(),
          t.ifStatement(
            hasReturn(),
            t.blockStatement([
              assign(em.field(checked), callReturn()),
              t.ifStatement(
                not(isObject(() => em.field(checked))),
                t.throwStatement(t.newExpression(t.identifier("TypeError"), [t.stringLiteral("iterator.return() did not return an object")])),
              ),
            ]),
          ),
        ]),
      ),
    ]),
  );
  explode(em, close);
  emitEndFinally(em, region);
  em.mark(after);
}
