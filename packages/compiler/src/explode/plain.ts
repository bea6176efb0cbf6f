/**
 * Emits a statement that contains no `await` as it is, except for the exits that leave it:
 * `return` and the `break`/`continue` whose target lies outside it become state-machine
 * transfers (through pending finally blocks).
 *
 * ```
 * while (x) { if (y) break outer; }   →   while (x) { if (y) { _f.$s = 7; continue loop; } }
 * return v;                           →   { _f.$s = -1; return v; }
 * ```
 */
import * as t from "@babel/types";
import type { Emitter } from "../emitter.js";

interface Nesting {
  loops: number;
  switches: number;
  labels: string[];
}

export function emitPlain(em: Emitter, stmt: t.Statement): void {
  const out = rewriteExits(em, stmt, { loops: 0, switches: 0, labels: [] }) as t.Statement;
  // A bare exit becomes a block; its statements go to the listing one by one, so the emitter
  // sees the case end in a return or continue.
  if (out !== stmt && t.isBlockStatement(out)) for (const s of out.body) em.emit(s);
  else em.emit(out);
}

/** Returns `node` with its escaping exits replaced (mutating children in place). */
function rewriteExits(em: Emitter, node: t.Node, nesting: Nesting): t.Node {
  if (t.isFunction(node) || t.isClass(node)) return node;
  if (t.isReturnStatement(node)) {
    return t.inherits(t.blockStatement(em.returnStatements(node.argument ?? null)), node);
  }
  if (t.isBreakStatement(node) || t.isContinueStatement(node)) {
    if (isLocal(node, nesting)) return node;
    return t.inherits(t.blockStatement(em.exitFor(node)), node);
  }
  let inner = nesting;
  if (t.isLoop(node)) inner = { ...nesting, loops: nesting.loops + 1 };
  else if (t.isSwitchStatement(node)) inner = { ...nesting, switches: nesting.switches + 1 };
  else if (t.isLabeledStatement(node)) inner = { ...nesting, labels: [...nesting.labels, node.label.name] };
  const record = node as unknown as Record<string, unknown>;
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const value = record[key];
    // A loop's own head is outside its body: `continue` there belongs to an outer loop.
    const scope = t.isLoop(node) && key !== "body" ? nesting : t.isSwitchStatement(node) && key === "discriminant" ? nesting : inner;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child = value[i];
        if (child && typeof child === "object" && "type" in child) value[i] = rewriteExits(em, child as t.Node, scope);
      }
    } else if (value && typeof value === "object" && "type" in value) {
      record[key] = rewriteExits(em, value as t.Node, scope);
    }
  }
  return node;
}

function isLocal(node: t.BreakStatement | t.ContinueStatement, nesting: Nesting): boolean {
  if (node.label) return nesting.labels.includes(node.label.name);
  if (t.isContinueStatement(node)) return nesting.loops > 0;
  return nesting.loops > 0 || nesting.switches > 0;
}
