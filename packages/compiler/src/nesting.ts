/**
 * Input nested too deeply for the recursive parser, passes or printer (Babel's and ours recurse
 * once or more per level, so a few thousand levels exhaust the JavaScript stack): the RangeError
 * becomes a CoroCompileError that points at the deepest point of the nesting.
 */
import * as t from "@babel/types";
import { CoroCompileError, type ErrorLocation } from "./errors.js";

export type Phase = "parsing" | "compiling" | "printing";

export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack size exceeded/i.test(error.message);
}

interface Deepest {
  depth: number;
  loc: ErrorLocation | undefined;
}

/** The deepest node of a tree (walked with an explicit stack: the tree may be too deep to recurse). */
export function deepestNode(root: t.Node): Deepest {
  let best: Deepest = { depth: 0, loc: undefined };
  const stack: [t.Node, number][] = [[root, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (depth > best.depth && node.loc) best = { depth, loc: { line: node.loc.start.line, column: node.loc.start.column } };
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) if (t.isNode(c)) stack.push([c, depth + 1]);
    }
  }
  return best;
}

/**
 * Where the source's brackets nest deepest (for a parse that did not finish). Skips strings,
 * template text and comments; a regular expression literal may mislead it, which only moves the
 * frame of an error that is reported anyway.
 */
export function deepestBracket(source: string): Deepest {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let best: Deepest = { depth: 0, loc: undefined };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\n") {
      line++;
      lineStart = i + 1;
    } else if (c === "(" || c === "[" || c === "{") {
      if (++depth > best.depth) best = { depth, loc: { line, column: i - lineStart } };
    } else if (c === ")" || c === "]" || c === "}") {
      depth--;
    } else if (c === '"' || c === "'" || c === "`") {
      for (i++; i < source.length && source[i] !== c && source[i] !== "\n"; i++) if (source[i] === "\\") i++;
    } else if (c === "/" && source[i + 1] === "/") {
      while (i + 1 < source.length && source[i + 1] !== "\n") i++;
    } else if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end < 0 ? source.length : end + 2;
      for (; i < stop - 1; i++) if (source[i] === "\n") (line++, (lineStart = i + 1));
    }
  }
  return best;
}

/** Fewer nested brackets than this do not explain a parse that ran out of stack. */
const DEEP_BRACKETS = 256;

/** The start of the longest line: where an unbracketed chain (`a + a + … + a`) most likely is. */
function longestLine(source: string): ErrorLocation {
  let best = { line: 1, length: -1 };
  source.split("\n").forEach((text, i) => {
    if (text.length > best.length) best = { line: i + 1, length: text.length };
  });
  return { line: best.line, column: 0 };
}

/** Where to point, and what to say about it, for a stack exhausted on `source` (or its tree `ast`). */
function whereTooDeep(source: string, ast: t.Node | undefined): { loc: ErrorLocation | undefined; what: string } {
  if (ast) {
    const { depth, loc } = deepestNode(ast);
    return { loc, what: `${depth} levels of syntax deep here` };
  }
  const { depth, loc } = deepestBracket(source);
  if (depth >= DEEP_BRACKETS) return { loc, what: `${depth} nested brackets here` };
  return { loc: longestLine(source), what: "probably a chain of operators on its longest line, which starts here" };
}

/** The CoroCompileError for a stack exhausted while `phase` ran on `source` (or its tree `ast`). */
export function nestedTooDeeply(phase: Phase, source: string, filename: string, ast?: t.Node): CoroCompileError {
  const { loc, what } = whereTooDeep(source, ast);
  return new CoroCompileError(
    `the input is nested too deeply to compile (${what}): the JavaScript stack ran out while ${phase}. ` +
      "Split the deepest expression or statement, e.g. into variables.",
    source,
    filename,
    loc,
  );
}
