/**
 * Explodes expressions that contain `await` into listing instructions, keeping the source's
 * evaluation order: every operand evaluated before a later `await` is saved in a frame temporary.
 *
 * ```
 * a() + await b()      →   _f.$t0 = a();  await b() -> L1;  L1:  … _f.$t0 + _v
 * x && await y         →   _f.$t1 = x; if (!_f.$t1) goto L2; _f.$t1 = await y; L2: … _f.$t1
 * obj.m(await x)       →   _f.$t2 = obj; _f.$t3 = _f.$t2.m; await x -> L3; L3: _f.$t3.call(_f.$t2, _v)
 * ```
 * Per-node work lives in the handler table at the bottom, one small function each.
 */
import * as t from "@babel/types";
import { anyAwait, containsAwait, isConstant } from "../analyze.js";
import { assign, type Emitter } from "../emitter.js";
import { explodeOptionalChain } from "./optional-chain.js";
import { explodePattern } from "./patterns.js";

type Handler<N extends t.Expression> = (em: Emitter, node: N, ignoreResult: boolean) => t.Expression;

/**
 * Returns an await-free expression that, evaluated at the current end of the listing, yields the
 * value of `expr`. With `ignoreResult`, the returned expression may be dropped by the caller.
 */
export function explodeExpression(em: Emitter, expr: t.Expression, ignoreResult = false): t.Expression {
  if (!containsAwait(expr)) return expr;
  const handler = HANDLERS[expr.type] as Handler<t.Expression> | undefined;
  if (handler === undefined) {
    throw em.error(`await inside ${describe(expr.type)} is not supported yet`, expr);
  }
  return handler(em, expr, ignoreResult);
}

/**
 * Explodes `operands` left to right. An operand's value is saved in a temporary when a later
 * operand suspends (it could change what the operand refers to). Nulls (array holes) pass through.
 */
export function explodeOperands<E extends t.Expression | null>(em: Emitter, operands: readonly E[]): E[] {
  const out: E[] = [];
  for (let i = 0; i < operands.length; i++) {
    const operand = operands[i]!;
    if (operand === null) {
      out.push(operand);
      continue;
    }
    let value = explodeExpression(em, operand);
    if (anyAwait(operands.slice(i + 1))) value = save(em, value);
    out.push(value as E);
  }
  return out;
}

/** Stores `value` in a new temporary unless it cannot change; returns a reference to it. */
export function save(em: Emitter, value: t.Expression, hint = "t"): t.Expression {
  if (isConstant(value) || em.isFrame(value)) return value;
  if (em.isTemp(value)) return value;
  const temp = em.temp(hint);
  em.emit(assign(em.field(temp), value));
  return em.field(temp);
}

/** A callee that must not receive the frame as `this`: `_f.g` becomes `(0, _f.g)`. */
export function plainCallee(em: Emitter, callee: t.Expression): t.Expression {
  if (t.isMemberExpression(callee) && em.isFrame(callee.object)) {
    return t.sequenceExpression([t.numericLiteral(0), callee]);
  }
  return callee;
}

export function clone<N extends t.Node>(node: N): N {
  return t.cloneNode(node, true);
}

function describe(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Evaluates a member target's object and (computed) property, saved if `later` suspends. */
export function explodeMemberParts(
  em: Emitter,
  node: t.MemberExpression,
  later: readonly t.Node[],
): { object: t.Expression; property: t.Expression | t.PrivateName } {
  if (t.isSuper(node.object)) {
    // super.x / super[k]: `super` is not a value; the (inline) step keeps it lexical.
    const property = node.computed ? explodeExpression(em, node.property as t.Expression) : node.property;
    return { object: node.object as unknown as t.Expression, property: anyAwait(later) && node.computed ? save(em, property as t.Expression) : property };
  }
  const object = node.object as t.Expression;
  if (node.computed) {
    const [o, p] = explodeOperands(em, [object, node.property as t.Expression]);
    const laterAwait = anyAwait(later);
    return { object: laterAwait ? save(em, o!) : o!, property: laterAwait ? save(em, p!) : p! };
  }
  let o = explodeExpression(em, object);
  if (anyAwait(later)) o = save(em, o);
  return { object: o, property: node.property as t.Identifier | t.PrivateName };
}

export function member(object: t.Expression, property: t.Expression | t.PrivateName, computed: boolean): t.MemberExpression {
  return t.memberExpression(object, property, computed);
}

// ── handlers ─────────────────────────────────────────────────────────────────────────────────

const HANDLERS: { [K in t.Expression["type"]]?: Handler<Extract<t.Expression, { type: K }>> } = {
  AwaitExpression(em, node) {
    const operand = explodeExpression(em, node.argument);
    return em.await(operand, node.loc);
  },

  YieldExpression(em, node) {
    // Sync generators yield plainly (signal 0 is enough: they never await); async generators mark
    // yields (1) apart from awaits (0); yield* (2) hands the driver an iterable to delegate to.
    const operand = node.argument ? explodeExpression(em, node.argument) : t.identifier("undefined");
    const signal = node.delegate ? 2 : em.kind === "asyncGenerator" ? 1 : 0;
    return em.await(operand, node.loc, signal);
  },

  ParenthesizedExpression(em, node, ignore) {
    return explodeExpression(em, node.expression, ignore);
  },

  // Type-only wrappers (TypeScript, Flow) keep their type around the exploded expression.
  TSAsExpression(em, node) {
    return t.tsAsExpression(explodeExpression(em, node.expression), node.typeAnnotation);
  },
  TSSatisfiesExpression(em, node) {
    return t.tsSatisfiesExpression(explodeExpression(em, node.expression), node.typeAnnotation);
  },
  TSNonNullExpression(em, node) {
    return t.tsNonNullExpression(explodeExpression(em, node.expression));
  },
  TSTypeAssertion(em, node) {
    return t.tsTypeAssertion(node.typeAnnotation, explodeExpression(em, node.expression));
  },
  TSInstantiationExpression(em, node) {
    return t.tsInstantiationExpression(explodeExpression(em, node.expression), node.typeParameters);
  },
  TypeCastExpression(em, node) {
    return t.typeCastExpression(explodeExpression(em, node.expression), node.typeAnnotation);
  },

  JSXElement(em, node) {
    return explodeJSX(em, node);
  },
  JSXFragment(em, node) {
    return explodeJSX(em, node);
  },

  BinaryExpression(em, node) {
    if (t.isPrivateName(node.left)) {
      return t.binaryExpression(node.operator, node.left, explodeExpression(em, node.right));
    }
    const [left, right] = explodeOperands(em, [node.left, node.right]);
    return t.binaryExpression(node.operator, left!, right!);
  },

  LogicalExpression(em, node, ignore) {
    const result = em.temp("logical");
    const after = em.label("logical");
    em.emit(assign(em.field(result), explodeExpression(em, node.left)));
    const held = em.field(result);
    if (node.operator === "&&") em.jumpIfNot(held, after);
    else if (node.operator === "||") em.jumpIf(held, after);
    else em.jumpIf(t.binaryExpression("!=", held, t.nullLiteral()), after);
    const right = explodeExpression(em, node.right, ignore);
    em.emit(assign(em.field(result), right));
    em.mark(after);
    return em.field(result);
  },

  ConditionalExpression(em, node, ignore) {
    const result = em.temp("cond");
    const otherwise = em.label("else");
    const after = em.label("endif");
    em.jumpIfNot(explodeExpression(em, node.test), otherwise);
    em.emit(assign(em.field(result), explodeExpression(em, node.consequent, ignore)));
    em.jump(after);
    em.mark(otherwise);
    em.emit(assign(em.field(result), explodeExpression(em, node.alternate, ignore)));
    em.mark(after);
    return em.field(result);
  },

  SequenceExpression(em, node, ignore) {
    const last = node.expressions.length - 1;
    node.expressions.forEach((e, i) => {
      if (i === last) return;
      const value = explodeExpression(em, e, true);
      if (!isConstant(value)) em.emitExpression(value);
    });
    return explodeExpression(em, node.expressions[last]!, ignore);
  },

  UnaryExpression(em, node) {
    if (node.operator === "delete" && t.isOptionalMemberExpression(node.argument)) {
      return explodeOptionalChain(em, node.argument, true);
    }
    if (node.operator === "delete" && t.isMemberExpression(node.argument)) {
      const { object, property } = explodeMemberParts(em, node.argument, []);
      return t.unaryExpression("delete", member(object, property, node.argument.computed));
    }
    return t.unaryExpression(node.operator, explodeExpression(em, node.argument), node.prefix);
  },

  UpdateExpression(em, node) {
    if (!t.isMemberExpression(node.argument)) throw em.error("await in this update target is not supported", node);
    const { object, property } = explodeMemberParts(em, node.argument, []);
    return t.updateExpression(node.operator, member(object, property, node.argument.computed), node.prefix);
  },

  AssignmentExpression(em, node) {
    return explodeAssignment(em, node);
  },

  MemberExpression(em, node) {
    const { object, property } = explodeMemberParts(em, node, []);
    return member(object, property, node.computed);
  },

  CallExpression(em, node) {
    const callee = node.callee;
    if (t.isImport(callee)) return t.callExpression(callee, explodeArguments(em, node.arguments as t.Expression[]));
    if (t.isSuper(callee) || t.isV8IntrinsicIdentifier(callee)) throw em.error("await in super() arguments is not supported yet", node);
    const args = node.arguments as (t.Expression | t.SpreadElement)[];
    if (t.isMemberExpression(callee) && !em.isFrame(callee.object)) {
      // obj.m(args): obj, then the method, then the arguments; `this` is obj.
      if (!anyAwait(args)) {
        const { object, property } = explodeMemberParts(em, callee, []);
        return t.callExpression(member(object, property, callee.computed), args);
      }
      const { object, property } = explodeMemberParts(em, callee, args);
      const thisValue = t.isSuper(object) ? t.thisExpression() : save(em, object, "this");
      if (t.isSuper(object)) {
        const method = save(em, member(object, property, callee.computed));
        return t.callExpression(t.memberExpression(method, t.identifier("call")), [thisValue, ...explodeArguments(em, args)]);
      }
      const fn = save(em, member(clone(thisValue), property, callee.computed), "method");
      const exploded = explodeArguments(em, args);
      return t.callExpression(t.memberExpression(fn, t.identifier("call")), [clone(thisValue), ...exploded]);
    }
    let fn = explodeExpression(em, callee as t.Expression);
    if (anyAwait(args)) fn = save(em, fn, "callee");
    return t.callExpression(plainCallee(em, fn), explodeArguments(em, args));
  },

  NewExpression(em, node) {
    const args = node.arguments as (t.Expression | t.SpreadElement)[];
    let callee = explodeExpression(em, node.callee as t.Expression);
    if (anyAwait(args)) callee = save(em, callee);
    return t.newExpression(callee, explodeArguments(em, args));
  },

  ArrayExpression(em, node) {
    return t.arrayExpression(explodeArguments(em, node.elements));
  },

  TemplateLiteral(em, node) {
    // Each substitution is converted to a string (ToString, via a template) before the next one.
    const exprs = node.expressions as t.Expression[];
    const values = exprs.map((e, i) => {
      let value = explodeExpression(em, e);
      if (anyAwait(exprs.slice(i + 1))) {
        const empty = (): t.TemplateElement => t.templateElement({ raw: "", cooked: "" });
        value = save(em, t.templateLiteral([empty(), empty()], [value]), "text");
      }
      return value;
    });
    return t.templateLiteral(node.quasis, values);
  },

  OptionalMemberExpression(em, node) {
    return explodeOptionalChain(em, node);
  },

  OptionalCallExpression(em, node) {
    return explodeOptionalChain(em, node);
  },

  TaggedTemplateExpression(em, node) {
    // tag`a${x}b` → tag first, then the substitutions, then tag(strings, ...values). The strings
    // object comes from an identity tagged template at one site, so it is cached per site as usual.
    const exprs = node.quasi.expressions as t.Expression[];
    let thisValue: t.Expression | null = null;
    let fn: t.Expression;
    const tag = node.tag;
    if (t.isMemberExpression(tag) && !em.isFrame(tag.object)) {
      const { object, property } = explodeMemberParts(em, tag, exprs);
      thisValue = save(em, object);
      fn = save(em, member(clone(thisValue), property, tag.computed));
    } else {
      fn = explodeExpression(em, tag);
      if (anyAwait(exprs)) fn = save(em, fn);
    }
    const values = explodeOperands(em, exprs);
    const s = t.identifier("s");
    const strings = t.taggedTemplateExpression(
      t.arrowFunctionExpression([s], t.cloneNode(s)),
      t.templateLiteral(node.quasi.quasis, exprs.map(() => t.unaryExpression("void", t.numericLiteral(0)))),
    );
    if (thisValue) return t.callExpression(t.memberExpression(fn, t.identifier("call")), [clone(thisValue), strings, ...values]);
    return t.callExpression(plainCallee(em, fn), [strings, ...values]);
  },

  ClassExpression(em, node) {
    // The heritage, then each computed key, in order; the class itself is built after them.
    const keyed = node.body.body.filter(
      (m): m is Extract<typeof m, { computed: boolean; key: t.Expression }> =>
        "computed" in m && m.computed === true && !t.isPrivateName((m as { key: t.Node }).key),
    );
    const operands: (t.Expression | null)[] = [node.superClass ?? null, ...keyed.map((m) => m.key)];
    const values = explodeOperands(em, operands);
    node.superClass = values[0] ?? null;
    keyed.forEach((m, i) => {
      m.key = values[i + 1]!;
    });
    return node;
  },

  ObjectExpression(em, node) {
    // Flatten to the operands in evaluation order: (computed key, value) per property.
    const operands: t.Expression[] = [];
    for (const p of node.properties) {
      if (t.isSpreadElement(p)) operands.push(p.argument);
      else {
        if (p.computed) operands.push(p.key as t.Expression);
        if (t.isObjectProperty(p)) operands.push(p.value as t.Expression);
      }
    }
    const values = explodeOperands(em, operands);
    let i = 0;
    const properties = node.properties.map((p) => {
      if (t.isSpreadElement(p)) return t.spreadElement(values[i++]!);
      const key = p.computed ? values[i++]! : p.key;
      if (t.isObjectProperty(p)) return t.objectProperty(key, values[i++]!, p.computed, false);
      return t.objectMethod(p.kind, key as t.Expression, p.params, p.body, p.computed, p.generator, p.async);
    });
    return t.objectExpression(properties);
  },
};

/** Arguments or array elements, with spreads and holes, left to right. */
export function explodeArguments<E extends t.Expression | t.SpreadElement | null>(em: Emitter, items: readonly E[]): E[] {
  const values = explodeOperands(
    em,
    items.map((a) => (a === null ? null : t.isSpreadElement(a) ? a.argument : (a as t.Expression))),
  );
  return items.map((a, i) => (a === null ? null : t.isSpreadElement(a) ? t.spreadElement(values[i]!) : values[i]!)) as E[];
}

function explodeAssignment(em: Emitter, node: t.AssignmentExpression): t.Expression {
  const { operator, left } = node;
  const logical = operator === "&&=" || operator === "||=" || operator === "??=";
  if (!t.isMemberExpression(left) && !t.isIdentifier(left)) {
    if (operator !== "=") throw em.error("internal error: compound assignment to a pattern", left);
    if (!containsAwait(left)) return t.assignmentExpression("=", left, explodeExpression(em, node.right));
    const value = save(em, explodeExpression(em, node.right), "value");
    explodePattern(em, left as t.LVal, value);
    return t.cloneNode(value);
  }
  // The target's reference is evaluated first, then (compound) its current value, then the right.
  let target: t.MemberExpression | t.Identifier = left;
  if (t.isMemberExpression(left)) {
    const { object, property } = explodeMemberParts(em, left, [node.right]);
    target = member(object, property, left.computed);
  }
  if (operator === "=") return t.assignmentExpression("=", target, explodeExpression(em, node.right));
  const targetAgain = (): t.MemberExpression | t.Identifier => clone(target);
  if (!logical) {
    const current = save(em, clone(target));
    const right = explodeExpression(em, node.right);
    const op = operator.slice(0, -1) as t.BinaryExpression["operator"];
    return t.assignmentExpression("=", targetAgain(), t.binaryExpression(op, current, right));
  }
  // a ||= await b  →  result = a; if (result) goto after; result = a = await b; after:
  const result = em.temp("logical");
  const after = em.label("logical-assign");
  em.emit(assign(em.field(result), clone(target)));
  const held = em.field(result);
  if (operator === "&&=") em.jumpIfNot(held, after);
  else if (operator === "||=") em.jumpIf(held, after);
  else em.jumpIf(t.binaryExpression("!=", held, t.nullLiteral()), after);
  const right = explodeExpression(em, node.right);
  em.emit(assign(em.field(result), t.assignmentExpression("=", targetAgain(), right)));
  em.mark(after);
  return em.field(result);
}


/**
 * JSX with awaits in attribute values, spreads or children: those expressions are exploded in
 * source order (the order the JSX transform evaluates them) and written back in place.
 */
function explodeJSX(em: Emitter, node: t.JSXElement | t.JSXFragment): t.Expression {
  const slots: { get: () => t.Expression; set: (e: t.Expression) => void }[] = [];
  const visit = (n: t.JSXElement | t.JSXFragment): void => {
    if (t.isJSXElement(n)) {
      for (const attr of n.openingElement.attributes) {
        if (t.isJSXSpreadAttribute(attr)) slots.push({ get: () => attr.argument, set: (e) => (attr.argument = e) });
        else if (t.isJSXExpressionContainer(attr.value) && !t.isJSXEmptyExpression(attr.value.expression)) {
          const container = attr.value;
          slots.push({ get: () => container.expression as t.Expression, set: (e) => (container.expression = e) });
        } else if (t.isJSXElement(attr.value) || t.isJSXFragment(attr.value)) visit(attr.value);
      }
    }
    for (const child of n.children) {
      if (t.isJSXExpressionContainer(child) && !t.isJSXEmptyExpression(child.expression)) {
        slots.push({ get: () => child.expression as t.Expression, set: (e) => (child.expression = e) });
      } else if (t.isJSXSpreadChild(child)) {
        slots.push({ get: () => child.expression, set: (e) => (child.expression = e) });
      } else if (t.isJSXElement(child) || t.isJSXFragment(child)) visit(child);
    }
  };
  visit(node);
  const values = explodeOperands(em, slots.map((s) => s.get()));
  slots.forEach((s, i) => s.set(values[i]!));
  return node;
}
