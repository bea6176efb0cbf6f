/**
 * Reads a test262 file's YAML frontmatter (the `/*--- … ---*\/` block) into a plain object.
 *
 * test262 uses a small YAML subset, and this parser understands exactly that subset:
 * `key: scalar`, `key: [a, b]` flow lists, `key:` followed by `  - item` block lists or by an
 * indented `  sub: value` mapping (`negative:`), and `|` / `>` block scalars (`info:`,
 * `description:`), whose text is kept but never interpreted.
 *
 * @example
 * parseFrontmatter("/*---\nflags: [async]\nnegative:\n  phase: parse\n  type: SyntaxError\n---*\/")
 * // → { flags: ["async"], negative: { phase: "parse", type: "SyntaxError" } }
 */

const BLOCK = /\/\*---([\s\S]*?)---\*\//;

/** The frontmatter object, or `undefined` when the file has none (a harness or `_FIXTURE` file). */
export function parseFrontmatter(source) {
  const match = BLOCK.exec(source);
  if (!match) return undefined;
  return parseYamlSubset(match[1]);
}

/** The fields a runner needs, with defaults filled in (empty lists, no negative). */
export function testMetadata(source) {
  const meta = parseFrontmatter(source) ?? {};
  return {
    description: typeof meta.description === "string" ? meta.description.trim() : "",
    includes: asList(meta.includes),
    flags: asList(meta.flags),
    features: asList(meta.features),
    negative: meta.negative && typeof meta.negative === "object" ? meta.negative : undefined,
  };
}

function asList(value) {
  if (value === undefined || value === "") return [];
  return Array.isArray(value) ? value : [value];
}

/** Parses the frontmatter's YAML subset; throws on a line it does not understand. */
export function parseYamlSubset(text) {
  const lines = text.split(/\r?\n/);
  const result = {};
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "" || line.trimStart().startsWith("#")) {
      i++;
      continue;
    }
    const top = /^([A-Za-z_$][\w$.-]*):\s*(.*)$/.exec(line);
    if (!top) throw new SyntaxError(`frontmatter: unexpected line ${JSON.stringify(line)}`);
    const [, key, rest] = top;
    i++;
    if (rest === "|" || rest === ">" || /^[|>][+-]?$/.test(rest)) {
      const body = [];
      while (i < lines.length && (lines[i].trim() === "" || /^\s/.test(lines[i]))) body.push(lines[i++]);
      result[key] = blockScalar(body, rest[0]);
    } else if (rest !== "") {
      result[key] = flowValue(rest);
    } else {
      const body = [];
      while (i < lines.length && (lines[i].trim() === "" || /^\s/.test(lines[i]))) body.push(lines[i++]);
      result[key] = nestedValue(body);
    }
  }
  return result;
}

/** `[a, b]`, a quoted string, or a plain scalar. */
function flowValue(text) {
  const value = text.replace(/\s+#.*$/, "").trim();
  if (value.startsWith("[")) {
    if (!value.endsWith("]")) throw new SyntaxError(`frontmatter: unterminated list ${value}`);
    const inner = value.slice(1, -1).trim();
    return inner === "" ? [] : inner.split(",").map((item) => unquote(item.trim()));
  }
  if (value.startsWith("{")) {
    const object = {};
    for (const pair of value.slice(1, -1).split(",")) {
      const [k, v] = pair.split(":").map((s) => s.trim());
      if (k) object[k] = unquote(v ?? "");
    }
    return object;
  }
  return unquote(value);
}

function unquote(text) {
  if (/^(['"]).*\1$/.test(text)) return text.slice(1, -1);
  return text;
}

/** An indented block after `key:` — a `- item` list or a `sub: value` mapping. */
function nestedValue(body) {
  const items = body.filter((l) => l.trim() !== "");
  if (items.length === 0) return "";
  if (items.every((l) => /^\s+-\s/.test(l))) return items.map((l) => unquote(l.replace(/^\s+-\s+/, "").trim()));
  const object = {};
  for (const l of items) {
    const m = /^\s+([\w$.-]+):\s*(.*)$/.exec(l);
    if (!m) throw new SyntaxError(`frontmatter: unexpected nested line ${JSON.stringify(l)}`);
    object[m[1]] = flowValue(m[2]);
  }
  return object;
}

/** `|` keeps newlines, `>` folds them; the common indentation is removed. */
function blockScalar(body, style) {
  const indents = body.filter((l) => l.trim() !== "").map((l) => /^\s*/.exec(l)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  const text = body.map((l) => l.slice(cut)).join("\n").replace(/\s+$/, "");
  return style === ">" ? text.replace(/([^\n])\n(?=[^\n])/g, "$1 ") : text;
}
