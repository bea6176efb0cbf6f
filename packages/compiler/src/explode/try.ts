/**
 * Explodes a `try` statement that suspends into a try region: a contiguous range of states whose
 * exceptions the step function's dispatcher routes to the catch or finally state.
 *
 * ```
 * try { A } catch (e) { B } finally { C }
 *   try0:     A;  _f.$c0 = 0; goto finally0
 *   catch0:   e = _v; B;  _f.$c0 = 0; goto finally0
 *   finally0: C;  end-finally: return / rethrow / jump on as _f.$c0 says
 *   after:
 * ```
 */
import * as t from "@babel/types";
import { containsAwait } from "../analyze.js";
import { assign, type Emitter } from "../emitter.js";
import type { Label, TryRegion } from "../ir.js";
import type { JumpEntry } from "../jump-targets.js";
import { COMPLETION_JUMP, COMPLETION_NORMAL, COMPLETION_RETURN, COMPLETION_THROW } from "../protocol.js";
import { isIgnoredCatchParam } from "./iterator-close.js";

export function explodeTry(
  em: Emitter,
  node: t.TryStatement,
  explodeStatement: (em: Emitter, stmt: t.Statement) => void,
): void {
  const { handler, finalizer } = node;
  const region = em.openRegion(handler !== null, finalizer !== null);
  const after = em.label("after-try");
  const finallyEntry: JumpEntry | null = finalizer ? { kind: "finally", region } : null;
  if (finallyEntry) em.jumps.push(finallyEntry);

  em.mark(region.tryStart);
  explodeStatement(em, node.block);
  leaveNormally(em, region, after);

  if (handler) {
    em.mark(region.catchStart!);
    em.enterScope(handler);
    const body = handler.body;
    if (isIgnoredCatchParam(handler.param)) {
      // A close whose error is dropped (iterator-close.ts): no local for it.
    } else if (handler.param && !containsAwait(handler)) {
      // The binding stays a native one: the whole catch body runs within one step.
      const param = handler.param as t.Identifier | t.ArrayPattern | t.ObjectPattern;
      if (t.isIdentifier(param) || t.isPattern(param)) {
        body.body.unshift(t.variableDeclaration("let", [t.variableDeclarator(param, em.sent())]));
      } else {
        body.body.unshift(assign(param, em.sent()));
      }
    } else if (handler.param) {
      em.emit(assign(handler.param as t.LVal, em.sent()));
    }
    explodeStatement(em, body);
    leaveNormally(em, region, after);
  }
  if (finallyEntry) em.jumps.pop(finallyEntry);
  em.closeRegion();

  if (finalizer) {
    em.mark(region.finallyStart!);
    explodeStatement(em, finalizer);
    emitEndFinally(em, region);
  }
  em.mark(after);
}

export function leaveNormally(em: Emitter, region: TryRegion, after: Label): void {
  if (region.finallyStart) {
    em.emit(assign(em.field(region.completionField), t.numericLiteral(COMPLETION_NORMAL)));
    em.jump(region.finallyStart);
  } else {
    em.jump(after);
  }
}

/**
 * Continues the completion that entered the finally block: a return goes on to the next
 * enclosing finally (or returns), a throw rethrows, a jump goes to its target or through the next
 * enclosing finally when the target lies outside that finally's range.
 */
export function emitEndFinally(em: Emitter, region: TryRegion): void {
  const value = (): t.MemberExpression => em.field(region.valueField);
  const is = (k: number): t.Expression =>
    t.binaryExpression("===", em.field(region.completionField), t.numericLiteral(k));
  const outer = em.jumps.innermostFinally();
  let onJump: t.Statement;
  if (outer === null) {
    onJump = em.jumpStatement(value());
  } else {
    const inside = t.logicalExpression(
      "&&",
      t.binaryExpression(">=", value(), outer.tryStart.ref()),
      t.binaryExpression("<", value(), outer.finallyStart!.ref()),
    );
    onJump = t.ifStatement(
      inside,
      em.jumpStatement(value()),
      t.blockStatement([
        assign(em.field(outer.completionField), t.numericLiteral(COMPLETION_JUMP)),
        assign(em.field(outer.valueField), value()),
        ...em.jumpStatement(outer.finallyStart!).body,
      ]),
    );
  }
  em.emit(
    t.ifStatement(
      is(COMPLETION_RETURN),
      t.blockStatement(em.returnStatements(value(), outer)),
      t.ifStatement(
        is(COMPLETION_THROW),
        t.throwStatement(value()),
        t.ifStatement(is(COMPLETION_JUMP), onJump),
      ),
    ),
  );
}
