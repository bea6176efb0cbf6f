/**
 * Turns a finished listing into the step function:
 *
 * ```
 * function f$step(_f, _m, _v) {
 *   loop: for (;;) try {
 *     if (_m !== 0) { …throw or close at the suspension point… }
 *     switch (_f.$s) { case 0: …; case 1: … }
 *   } catch (_e) { …route _e to the innermost catch/finally whose range holds _f.$s… }
 * }
 * ```
 * Functions without try regions get no try/catch: a throw or close at a suspension point simply
 * leaves the function.
 */
import * as t from "@babel/types";
import type { Emitter } from "./emitter.js";
import { assign } from "./emitter.js";
import type { Instr, TryRegion } from "./ir.js";
import {
  COMPLETION_RETURN,
  COMPLETION_THROW,
  FIELD_STATE,
  MODE_NEXT,
  MODE_THROW,
} from "./protocol.js";

export interface EmittedStep {
  params: t.Identifier[];
  body: t.BlockStatement;
  /** `[line, column]` per state (0, 0 where the state is not a suspension point). */
  locs: number[];
}

/** Numbers labels in order of position; labels at the same position share a state. */
function numberStates(listing: readonly Instr[]): number {
  let state = -1;
  let previousWasLabel = false;
  for (const ins of listing) {
    if (ins.kind === "label") {
      if (!previousWasLabel) state++;
      ins.label.resolve(state);
      previousWasLabel = true;
    } else {
      previousWasLabel = false;
    }
  }
  return state + 1;
}

function withLoc(statements: t.Statement[], loc: t.SourceLocation | null | undefined): t.Statement[] {
  if (loc) for (const s of statements) s.loc ??= loc;
  return statements;
}

export function emitStep(em: Emitter, modeName: string, errorName: string): EmittedStep {
  const { listing, regions } = em;
  const start = em.label("start");
  start.pos = 0;
  listing.unshift({ kind: "label", label: start });
  const count = numberStates(listing);
  const locs = new Array<number>(count * 2).fill(0);
  const hasTry = regions.length > 0;

  const cases: t.SwitchCase[] = [];
  let body: t.Statement[] = [];
  let terminated = true;
  const stateField = (): t.MemberExpression => em.field(FIELD_STATE);
  for (const ins of listing) {
    switch (ins.kind) {
      case "label": {
        const state = ins.label.state;
        if (state === cases.length - 1) break; // shares the current case
        if (!terminated && hasTry) body.push(assign(stateField(), t.numericLiteral(state)));
        body = [];
        cases.push(t.switchCase(t.numericLiteral(state), body));
        terminated = false;
        break;
      }
      case "stmt":
        body.push(ins.node);
        terminated = t.isThrowStatement(ins.node) || t.isReturnStatement(ins.node) || t.isContinueStatement(ins.node);
        break;
      case "jump":
        body.push(...withLoc(em.jumpStatement(ins.target).body, ins.loc));
        terminated = true;
        break;
      case "await": {
        const operand = ins.operand;
        const sent = (): t.Identifier => em.sent();
        const suspend: t.Statement[] = [];
        if (!t.isIdentifier(operand, { name: em.names.sent })) suspend.push(assign(sent(), operand));
        suspend.push(assign(stateField(), ins.resume.ref()));
        if (ins.signal !== 0) suspend.push(assign(em.field("$y"), t.numericLiteral(ins.signal)));
        suspend.push(t.returnStatement(sent()));
        body.push(...withLoc(suspend, ins.loc));
        if (ins.loc && ins.resume.state >= 0) {
          locs[2 * ins.resume.state] = ins.loc.start.line;
          locs[2 * ins.resume.state + 1] = ins.loc.start.column + 1;
        }
        terminated = true;
        break;
      }
      case "return":
        body.push(assign(stateField(), t.numericLiteral(-1)), t.returnStatement(ins.value));
        terminated = true;
        break;
      case "end-finally":
        throw new Error("internal error: end-finally is emitted as statements");
    }
  }
  if (!terminated) body.push(assign(stateField(), t.numericLiteral(-1)), t.returnStatement(null));

  const m = (): t.Identifier => t.identifier(modeName);
  const v = (): t.Identifier => em.sent();
  const dispatch = t.forStatement(null, null, null, t.switchStatement(stateField(), cases));
  const loop = t.labeledStatement(t.identifier(em.names.loop), dispatch);
  const params = [t.identifier(em.names.frame), m(), v()];

  if (!hasTry) {
    const resumeAbruptly = t.ifStatement(
      t.binaryExpression("!==", m(), t.numericLiteral(MODE_NEXT)),
      t.blockStatement([
        t.ifStatement(t.binaryExpression("===", m(), t.numericLiteral(MODE_THROW)), t.throwStatement(v())),
        assign(stateField(), t.numericLiteral(-1)),
        t.returnStatement(v()),
      ]),
    );
    return { params, body: t.blockStatement([resumeAbruptly, loop]), locs };
  }

  // Innermost regions first: same-depth regions are disjoint, deeper ones nest inside.
  const byDepth = [...regions].sort((a, b) => b.depth - a.depth);
  const inRange = (from: TryRegion["tryStart"], to: TryRegion["tryStart"]): t.Expression =>
    t.logicalExpression(
      "&&",
      t.binaryExpression(">=", stateField(), from.ref()),
      t.binaryExpression("<", stateField(), to.ref()),
    );
  const enterFinally = (r: TryRegion, kind: number, value: t.Expression): t.Statement[] => [
    assign(em.field(r.completionField), t.numericLiteral(kind)),
    assign(em.field(r.valueField), value),
    ...em.jumpStatement(r.finallyStart!).body,
  ];

  const onClose: t.Statement[] = [];
  for (const r of byDepth) {
    if (r.finallyStart) onClose.push(t.ifStatement(inRange(r.tryStart, r.finallyStart), t.blockStatement(enterFinally(r, COMPLETION_RETURN, v()))));
  }
  onClose.push(assign(stateField(), t.numericLiteral(-1)), t.returnStatement(v()));

  const e = (): t.Identifier => t.identifier(errorName);
  const onThrow: t.Statement[] = [];
  for (const r of byDepth) {
    if (r.catchStart) {
      onThrow.push(t.ifStatement(inRange(r.tryStart, r.tryEnd), t.blockStatement([assign(v(), e()), ...em.jumpStatement(r.catchStart).body])));
    }
    if (r.finallyStart) {
      onThrow.push(t.ifStatement(inRange(r.tryStart, r.finallyStart), t.blockStatement(enterFinally(r, COMPLETION_THROW, e()))));
    }
  }
  onThrow.push(assign(stateField(), t.numericLiteral(-1)), t.throwStatement(e()));

  const resumeAbruptly = t.ifStatement(
    t.binaryExpression("!==", m(), t.numericLiteral(MODE_NEXT)),
    t.blockStatement([
      t.ifStatement(
        t.binaryExpression("===", m(), t.numericLiteral(MODE_THROW)),
        t.blockStatement([assign(m(), t.numericLiteral(MODE_NEXT)), t.throwStatement(v())]),
      ),
      assign(m(), t.numericLiteral(MODE_NEXT)),
      ...onClose,
    ]),
  );
  const guarded = t.tryStatement(
    t.blockStatement([resumeAbruptly, t.switchStatement(stateField(), cases)]),
    t.catchClause(e(), t.blockStatement(onThrow)),
  );
  const tryLoop = t.labeledStatement(t.identifier(em.names.loop), t.forStatement(null, null, null, guarded));
  return { params, body: t.blockStatement([tryLoop]), locs };
}
