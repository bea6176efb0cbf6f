/**
 * Explodes statements into the listing. A statement without `await` is emitted whole (see
 * plain.ts); one that suspends is lowered by its handler below, one small function per type.
 *
 * ```
 * while (c) { await x; }        loop0:  if (!c) goto end0
 *                                       await x -> r1
 *                               r1:     goto loop0
 *                               end0:
 * ```
 */
import * as t from "@babel/types";
import { containsAwait, isConstant } from "../analyze.js";
import { assign, type Emitter } from "../emitter.js";
import type { JumpEntry } from "../jump-targets.js";
import { explodeExpression, save } from "./expressions.js";
import { emitPlain } from "./plain.js";
import { explodeForIn, explodeForOf } from "./for-of.js";
import { explodeTry } from "./try.js";

type Handler<N extends t.Statement> = (em: Emitter, node: N, labels: readonly string[]) => void;

export function explodeStatement(em: Emitter, stmt: t.Statement, labels: readonly string[] = []): void {
  if (t.isEmptyStatement(stmt)) return;
  const outer = em.sourceLoc;
  em.sourceLoc = stmt.loc ?? outer;
  if (!containsAwait(stmt)) emitPlain(em, stmt);
  else {
    const handler = HANDLERS[stmt.type] as Handler<t.Statement> | undefined;
    if (handler === undefined) throw em.error(`await inside ${describe(stmt)} is not supported yet`, stmt);
    handler(em, stmt, labels);
  }
  em.sourceLoc = outer;
}

function describe(stmt: t.Statement): string {
  const names: Partial<Record<t.Statement["type"], string>> = {
    ForInStatement: "for…in",
    ForOfStatement: stmt.type === "ForOfStatement" && stmt.await ? "for await…of" : "for…of",
    WithStatement: "with",
    VariableDeclaration: "this declaration",
  };
  return names[stmt.type] ?? stmt.type.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

function withLoop(em: Emitter, entry: JumpEntry, body: () => void): void {
  em.jumps.push(entry);
  body();
  em.jumps.pop(entry);
}

const HANDLERS: { [K in t.Statement["type"]]?: Handler<Extract<t.Statement, { type: K }>> } = {
  BlockStatement(em, node) {
    em.enterScope(node);
    for (const s of node.body) explodeStatement(em, s);
  },

  ExpressionStatement(em, node) {
    const value = explodeExpression(em, node.expression, true);
    if (!isConstant(value) && !t.isIdentifier(value, { name: em.names.sent })) em.emitExpression(value);
  },

  IfStatement(em, node) {
    const test = explodeExpression(em, node.test);
    const otherwise = em.label("else");
    const after = em.label("endif");
    em.jumpIfNot(test, node.alternate ? otherwise : after);
    explodeStatement(em, node.consequent);
    if (node.alternate) {
      em.jump(after);
      em.mark(otherwise);
      explodeStatement(em, node.alternate);
    }
    em.mark(after);
  },

  WhileStatement(em, node, labels) {
    const head = em.label("while");
    const after = em.label("endwhile");
    em.mark(head);
    em.jumpIfNot(explodeExpression(em, node.test), after);
    withLoop(em, { kind: "loop", breakLabel: after, continueLabel: head, labels }, () => explodeStatement(em, node.body));
    em.jump(head);
    em.mark(after);
  },

  DoWhileStatement(em, node, labels) {
    const body = em.label("do");
    const test = em.label("dotest");
    const after = em.label("enddo");
    em.mark(body);
    withLoop(em, { kind: "loop", breakLabel: after, continueLabel: test, labels }, () => explodeStatement(em, node.body));
    em.mark(test);
    em.jumpIf(explodeExpression(em, node.test), body);
    em.mark(after);
  },

  ForStatement(em, node, labels) {
    em.enterScope(node);
    if (node.init) {
      if (t.isVariableDeclaration(node.init)) explodeStatement(em, node.init);
      else {
        const init = explodeExpression(em, node.init, true);
        if (!isConstant(init)) em.emitExpression(init);
      }
    }
    const head = em.label("for");
    const update = em.label("forupdate");
    const after = em.label("endfor");
    em.copyScope(node);
    em.mark(head);
    if (node.test) em.jumpIfNot(explodeExpression(em, node.test), after);
    withLoop(em, { kind: "loop", breakLabel: after, continueLabel: update, labels }, () => explodeStatement(em, node.body));
    em.mark(update);
    em.copyScope(node);
    if (node.update) {
      const value = explodeExpression(em, node.update, true);
      if (!isConstant(value)) em.emitExpression(value);
    }
    em.jump(head);
    em.mark(after);
  },

  LabeledStatement(em, node, labels) {
    const all = [...labels, node.label.name];
    if (t.isLoop(node.body) || t.isLabeledStatement(node.body)) {
      explodeStatement(em, node.body, all);
      return;
    }
    const after = em.label(`label-${node.label.name}`);
    withLoop(em, { kind: "labeled", breakLabel: after, labels: all }, () => explodeStatement(em, node.body));
    em.mark(after);
  },

  SwitchStatement(em, node, labels) {
    const discriminant = save(em, explodeExpression(em, node.discriminant), "switch");
    em.enterScope(node);
    const after = em.label("endswitch");
    const caseLabels = node.cases.map(() => em.label("case"));
    let defaultLabel = after;
    node.cases.forEach((c, i) => {
      if (c.test === null || c.test === undefined) defaultLabel = caseLabels[i]!;
      else em.jumpIf(t.binaryExpression("===", t.cloneNode(discriminant), explodeExpression(em, c.test)), caseLabels[i]!);
    });
    em.jump(defaultLabel);
    withLoop(em, { kind: "switch", breakLabel: after, labels }, () => {
      node.cases.forEach((c, i) => {
        em.mark(caseLabels[i]!);
        for (const s of c.consequent) explodeStatement(em, s);
      });
    });
    em.mark(after);
  },

  ReturnStatement(em, node) {
    const value = node.argument ? explodeExpression(em, node.argument) : null;
    for (const s of em.returnStatements(value)) em.emit(s);
  },

  ThrowStatement(em, node) {
    em.emit(t.inherits(t.throwStatement(explodeExpression(em, node.argument)), node));
  },

  ForOfStatement(em, node, labels) {
    explodeForOf(em, node, labels, explodeStatement);
  },

  ForInStatement(em, node, labels) {
    explodeForIn(em, node, labels, explodeStatement);
  },

  TryStatement(em, node) {
    explodeTry(em, node, explodeStatement);
  },

  VariableDeclaration(em, node) {
    // Only declarations of bindings that stay native reach here (hoisted ones became assignments):
    // they belong to a block without await, so this cannot happen for a suspending declaration.
    if (containsAwait(node)) throw em.error("internal error: un-hoisted declaration with await", node);
    em.emit(node);
  },
};

export { assign };
