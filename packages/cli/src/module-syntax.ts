/**
 * Node's own test for "is this file an ES module?" when nothing else says: the text does not compile
 * as the body of a CommonJS wrapper function, and the reason is syntax only ES modules allow.
 */
import { compileFunction } from "node:vm";

/** V8's messages for syntax that only an ES module allows (the ones Node's module detection uses). */
const MODULE_ONLY_SYNTAX: readonly string[] = [
  "Cannot use import statement outside a module",
  "Unexpected token 'export'",
  "Cannot use 'import.meta' outside a module",
  "await is only valid in async functions and the top level bodies of modules",
];

/**
 * Whether JavaScript `code` has import/export, `import.meta` or top-level await. Code that fails to
 * compile for another reason counts as CommonJS, so that Node reports its error.
 *
 * @example
 * ```js
 * hasModuleSyntax("export const a = 1;")          // true
 * hasModuleSyntax("module.exports = 1; return;")  // false
 * ```
 */
export function hasModuleSyntax(code: string): boolean {
  try {
    compileFunction(code, ["exports", "require", "module", "__filename", "__dirname"]);
    return false;
  } catch (error) {
    const message = (error as { message?: unknown }).message;
    return typeof message === "string" && MODULE_ONLY_SYNTAX.some((text) => message.startsWith(text));
  }
}
