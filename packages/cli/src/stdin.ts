/** `coro build -`: compile what arrives on stdin and return the text for stdout. */
import type { Mode, Target } from "@coro/compiler";
import { compileSource, inlineMapURL, withSourceMappingURL } from "./compile-source.js";
import { sourceTypeByExtension } from "./source-type.js";

export interface StdinOptions {
  /**
   * Name used in errors and the source map. Its extension also chooses the parser (TypeScript for
   * `.ts`/`.tsx`/`.mts`/`.cts`, JSX for `.jsx`/`.tsx`) and the source type: `.cjs`/`.cts` CommonJS,
   * `.mjs`/`.mts` ES module, anything else decided by the syntax. Default `"<stdin>"`.
   */
  filename?: string;
  mode?: Mode;
  /** Default `"es2017"`. */
  target?: Target;
  /** Append the source map inline, as a data URL. */
  sourceMaps?: boolean;
  /** Remove TypeScript types (when `filename` names TypeScript). */
  stripTypes?: boolean;
}

/** Reads a whole stream (stdin by default) as UTF-8. */
export async function readStream(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Compiles `code` as one file; throws `CoroCompileError` on bad input. */
export function compileText(code: string, options: StdinOptions = {}): string {
  const sourceMaps = options.sourceMaps ?? false;
  const filename = options.filename ?? "<stdin>";
  const compiled = compileSource(code, {
    filename,
    mode: options.mode ?? "coroutine",
    target: options.target ?? "es2017",
    sourceMaps,
    sourceType: sourceTypeByExtension(filename) ?? "unambiguous",
    stripTypes: options.stripTypes ?? false,
  });
  return sourceMaps && compiled.map ? withSourceMappingURL(compiled.code, inlineMapURL(compiled.map)) : compiled.code;
}
