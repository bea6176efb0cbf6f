// @bench {"title": "mixed program: async tokenizer + parser + tree-walking interpreter of a small language"}
// Everything is async, as in a real pipeline whose helpers might do I/O: many small async helpers,
// loops, a switch per node type, destructuring, closures and classes. `return await f()`, never
// `return f()`: in coroutine mode a returned coroutine is a value, as in Python.
const SOURCE = `
fn fib(n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); }
fn isPrime(n) {
  if (n < 2) { return 0; }
  let d = 2;
  while (d * d <= n) { if (n % d == 0) { return 0; } d = d + 1; }
  return 1;
}
fn collatz(n) { let steps = 0; while (n != 1) { if (n % 2 == 0) { n = n / 2; } else { n = 3 * n + 1; } steps = steps + 1; } return steps; }
let total = 0;
let i = 0;
while (i < LIMIT) {
  total = total + isPrime(i) * i + collatz(i + 1);
  if (i % 50 == 0) { total = total + fib(10); }
  i = i + 1;
}
print(total);
`;

const KEYWORDS = new Set(["fn", "let", "if", "else", "while", "return"]);

class Lexer {
  constructor(text) {
    this.text = text;
    this.pos = 0;
  }
  async peekChar() {
    return this.text[this.pos];
  }
  async skipSpace() {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }
  async readWhile(test) {
    const start = this.pos;
    while (this.pos < this.text.length && test(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }
  async next() {
    await this.skipSpace();
    const c = await this.peekChar();
    if (c === undefined) return { type: "eof" };
    if (/[0-9]/.test(c)) return { type: "num", value: Number(await this.readWhile((ch) => /[0-9]/.test(ch))) };
    if (/[A-Za-z_]/.test(c)) {
      const word = await this.readWhile((ch) => /\w/.test(ch));
      return KEYWORDS.has(word) ? { type: word } : { type: "name", value: word };
    }
    const two = this.text.slice(this.pos, this.pos + 2);
    if (["==", "!=", "<=", ">="].includes(two)) {
      this.pos += 2;
      return { type: two };
    }
    this.pos++;
    return { type: c };
  }
}

async function tokenize(text) {
  const lexer = new Lexer(text);
  const tokens = [];
  for (;;) {
    const token = await lexer.next();
    tokens.push(token);
    if (token.type === "eof") return tokens;
  }
}

const PRECEDENCE = { "==": 1, "!=": 1, "<": 2, "<=": 2, ">": 2, ">=": 2, "+": 3, "-": 3, "*": 4, "/": 4, "%": 4 };

function makeParser(tokens) {
  let at = 0;
  const peek = async () => tokens[at];
  const take = async (type) => {
    const token = tokens[at++];
    if (type !== undefined && token.type !== type) throw new SyntaxError(`expected ${type}, got ${token.type}`);
    return token;
  };
  async function primary() {
    const token = await take();
    switch (token.type) {
      case "num":
        return { kind: "num", value: token.value };
      case "name": {
        if ((await peek()).type !== "(") return { kind: "var", name: token.value };
        await take("(");
        const args = [];
        while ((await peek()).type !== ")") {
          args.push(await expression(0));
          if ((await peek()).type === ",") await take(",");
        }
        await take(")");
        return { kind: "call", name: token.value, args };
      }
      case "(": {
        const inner = await expression(0);
        await take(")");
        return inner;
      }
      default:
        throw new SyntaxError(`unexpected ${token.type}`);
    }
  }
  async function expression(minPrec) {
    let left = await primary();
    for (;;) {
      const { type } = await peek();
      const prec = PRECEDENCE[type];
      if (prec === undefined || prec <= minPrec) return left;
      await take();
      const right = await expression(prec);
      left = { kind: "bin", op: type, left, right };
    }
  }
  async function block() {
    await take("{");
    const body = [];
    while ((await peek()).type !== "}") body.push(await statement());
    await take("}");
    return body;
  }
  async function statement() {
    const { type } = await peek();
    switch (type) {
      case "fn": {
        await take();
        const { value: name } = await take("name");
        await take("(");
        const params = [];
        while ((await peek()).type !== ")") {
          params.push((await take("name")).value);
          if ((await peek()).type === ",") await take(",");
        }
        await take(")");
        return { kind: "fn", name, params, body: await block() };
      }
      case "let": {
        await take();
        const { value: name } = await take("name");
        await take("=");
        const init = await expression(0);
        await take(";");
        return { kind: "let", name, init };
      }
      case "if": {
        await take();
        const test = await expression(0);
        const then = await block();
        let otherwise = [];
        if ((await peek()).type === "else") {
          await take();
          otherwise = await block();
        }
        return { kind: "if", test, then, otherwise };
      }
      case "while": {
        await take();
        return { kind: "while", test: await expression(0), body: await block() };
      }
      case "return": {
        await take();
        const value = await expression(0);
        await take(";");
        return { kind: "return", value };
      }
      default: {
        const target = await expression(0);
        if ((await peek()).type === "=") {
          await take("=");
          const value = await expression(0);
          await take(";");
          return { kind: "assign", name: target.name, value };
        }
        await take(";");
        return { kind: "expr", value: target };
      }
    }
  }
  return async function program() {
    const body = [];
    while ((await peek()).type !== "eof") body.push(await statement());
    return body;
  };
}

class Scope {
  constructor(parent) {
    this.vars = new Map();
    this.parent = parent;
  }
  lookup(name) {
    for (let s = this; s; s = s.parent) if (s.vars.has(name)) return s;
    throw new ReferenceError(name);
  }
}

const RETURN = { value: undefined };

async function binary(op, a, b) {
  switch (op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/": return Math.floor(a / b);
    case "%": return a % b;
    case "<": return a < b ? 1 : 0;
    case "<=": return a <= b ? 1 : 0;
    case ">": return a > b ? 1 : 0;
    case ">=": return a >= b ? 1 : 0;
    case "==": return a === b ? 1 : 0;
    case "!=": return a !== b ? 1 : 0;
  }
  throw new Error("operator " + op);
}

async function evaluate(node, scope, functions) {
  switch (node.kind) {
    case "num":
      return node.value;
    case "var":
      return scope.lookup(node.name).vars.get(node.name);
    case "bin": {
      const { op, left, right } = node;
      return await binary(op, await evaluate(left, scope, functions), await evaluate(right, scope, functions));
    }
    case "call": {
      const args = [];
      for (const arg of node.args) args.push(await evaluate(arg, scope, functions));
      return await functions.get(node.name)(...args);
    }
  }
  throw new Error("node " + node.kind);
}

async function execute(body, scope, functions) {
  for (const statement of body) {
    switch (statement.kind) {
      case "fn": {
        const { name, params, body: fnBody } = statement;
        functions.set(name, async (...args) => {
          const inner = new Scope(scope);
          params.forEach((param, k) => inner.vars.set(param, args[k]));
          const outcome = await execute(fnBody, inner, functions);
          return outcome === RETURN ? RETURN.value : 0;
        });
        break;
      }
      case "let":
        scope.vars.set(statement.name, await evaluate(statement.init, scope, functions));
        break;
      case "assign":
        scope.lookup(statement.name).vars.set(statement.name, await evaluate(statement.value, scope, functions));
        break;
      case "expr":
        await evaluate(statement.value, scope, functions);
        break;
      case "if": {
        const branch = (await evaluate(statement.test, scope, functions)) ? statement.then : statement.otherwise;
        if ((await execute(branch, new Scope(scope), functions)) === RETURN) return RETURN;
        break;
      }
      case "while":
        while (await evaluate(statement.test, scope, functions)) {
          if ((await execute(statement.body, new Scope(scope), functions)) === RETURN) return RETURN;
        }
        break;
      case "return":
        RETURN.value = await evaluate(statement.value, scope, functions);
        return RETURN;
    }
  }
  return undefined;
}

export async function main(host) {
  const limit = Math.max(50, Math.round(300 * host.scale));
  const tokens = await tokenize(SOURCE.replace("LIMIT", String(limit)));
  const program = await makeParser(tokens)();
  const output = [];
  const functions = new Map([["print", async (...values) => { output.push(values.join(" ")); return 0; }]]);
  await execute(program, new Scope(undefined), functions);
  return `${tokens.length} tokens, ${program.length} statements, printed ${output.join(",")}`;
}
