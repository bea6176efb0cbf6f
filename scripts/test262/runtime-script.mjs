/**
 * `@coro/runtime`'s built ES modules joined into one classic script, compiled once per worker and
 * run once per test realm: the cheap way to give every realm its own runtime instance.
 *
 * Loading the runtime's ~40 files as vm.SourceTextModules in every realm cost more than compiling
 * the test (creating, linking and evaluating the modules, then compiling each runtime function
 * lazily again in every realm, since each realm had its own module scripts). One vm.Script shares
 * its compiled functions across contexts, so a realm pays only for evaluating the module bodies.
 *
 * The conversion handles what tsc emits for the runtime and refuses anything else by name:
 * `import { a, b as c } from "./x.js"` (and `import "./x.js"`), `export` of a function, class or
 * `const`/`let`/`var` declaration, `export { a, b as c }` with or without `from`. The import graph
 * must be acyclic (checked): dependencies then finish evaluating before their importers start, so
 * reading imports once at the top of each module body gives the same values as live bindings,
 * and modules evaluate in the same order as ES modules (depth first, in import order).
 *
 * The script evaluates to `load(path)`, which returns the exports object of the runtime file at
 * `path` (absolute), evaluating it and its dependencies on first use in that realm.
 */
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import vm from "node:vm";
import { parse } from "@babel/parser";

/** The shared vm.Script, compiled on first use. */
let script;

/**
 * The vm.Script (compiled once per process) of the runtime files reachable from `entries` (absolute
 * paths), whose evaluation in a realm returns `load(path)`. One script for all entries, so that a
 * realm that needs `@coro/runtime` and `@coro/runtime/promise` gets one instance of shared files.
 */
export function runtimeScript(entries) {
  script ??= new vm.Script(bundle(entries), { filename: `${dirname(entries[0])}/[test262 runtime bundle]` });
  return script;
}

/** The bundle's source: one factory per module, keyed by absolute path, and a loader. */
export function bundle(entries) {
  const modules = new Map();
  const visit = (path, stack) => {
    if (stack.includes(path)) throw new Error(`test262 runtime bundle: import cycle ${[...stack, path].map((p) => relative(dirname(entries[0]), p)).join(" → ")}`);
    if (modules.has(path)) return;
    const module = convert(path);
    modules.set(path, module);
    for (const dep of module.dependencies) visit(dep, [...stack, path]);
  };
  for (const entry of entries) visit(entry, []);
  const factories = [...modules].map(([path, { body }]) => `${JSON.stringify(path)}: function (__exports, __require) {\n"use strict";\n${body}\n}`);
  return `(function () {
const factories = {
${factories.join(",\n")}
};
const cache = new Map();
function load(path) {
  let exports = cache.get(path);
  if (exports !== undefined) return exports;
  const factory = factories[path];
  if (factory === undefined) throw new Error("test262 runtime bundle: no module " + path);
  exports = Object.create(null);
  cache.set(path, exports);
  factory(exports, load);
  return exports;
}
return load;
})()`;
}

/** One ES module as the body of a factory function, and the absolute paths it imports. */
function convert(path) {
  const source = readFileSync(path, "utf8");
  const ast = parse(source, { sourceType: "module" });
  const dependencies = [];
  const imports = [];
  const exports = [];
  const edits = [];
  const from = (specifier) => {
    if (!specifier.startsWith("./") && !specifier.startsWith("../")) unsupported(path, `import of ${specifier}`);
    const target = resolve(dirname(path), specifier);
    if (!dependencies.includes(target)) dependencies.push(target);
    return `__require(${JSON.stringify(target)})`;
  };
  for (const node of ast.program.body) {
    if (node.type === "ImportDeclaration") {
      const fields = node.specifiers.map((s) => {
        if (s.type !== "ImportSpecifier") unsupported(path, `${s.type} (${source.slice(node.start, node.end)})`);
        return `${nameOf(s.imported)}: ${s.local.name}`;
      });
      const load = from(node.source.value);
      imports.push(fields.length > 0 ? `const { ${fields.join(", ")} } = ${load};` : `${load};`);
      edits.push([node.start, node.end, ""]);
    } else if (node.type === "ExportNamedDeclaration" && node.declaration) {
      for (const name of declaredNames(node.declaration, path)) exports.push(`__exports.${name} = ${name};`);
      edits.push([node.start, node.declaration.start, ""]);
    } else if (node.type === "ExportNamedDeclaration") {
      const target = node.source ? from(node.source.value) : undefined;
      for (const s of node.specifiers) {
        if (s.type !== "ExportSpecifier") unsupported(path, s.type);
        const local = nameOf(s.local);
        exports.push(`__exports[${JSON.stringify(nameOf(s.exported))}] = ${target ? `${target}[${JSON.stringify(local)}]` : local};`);
      }
      edits.push([node.start, node.end, ""]);
    } else if (node.type.startsWith("Export")) {
      unsupported(path, node.type);
    }
  }
  let body = source;
  for (const [start, end, text] of edits.reverse()) body = body.slice(0, start) + text + body.slice(end);
  body = body.replace(/^\/\/# sourceMappingURL=.*$/m, "");
  return { body: [...imports, body, ...exports].join("\n"), dependencies };
}

function declaredNames(declaration, path) {
  if (declaration.type === "FunctionDeclaration" || declaration.type === "ClassDeclaration") return [declaration.id.name];
  if (declaration.type === "VariableDeclaration") {
    return declaration.declarations.map((d) => {
      if (d.id.type !== "Identifier") unsupported(path, "an exported destructuring declaration");
      return d.id.name;
    });
  }
  return unsupported(path, declaration.type);
}

function nameOf(node) {
  return node.type === "StringLiteral" ? node.value : node.name;
}

function unsupported(path, what) {
  throw new Error(`test262 runtime bundle: ${path}: unsupported module syntax: ${what}`);
}
