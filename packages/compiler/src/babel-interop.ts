/** The CommonJS Babel packages, imported from ESM with their default export unwrapped. */
import generateModule from "@babel/generator";
import traverseModule from "@babel/traverse";

type Unwrap<M> = M extends { default: infer D } ? D : M;

function unwrap<M>(mod: M): Unwrap<M> {
  const m = mod as { default?: unknown };
  return (typeof m.default === "function" ? m.default : mod) as Unwrap<M>;
}

export const generate = unwrap(generateModule);
export const traverse = unwrap(traverseModule);
