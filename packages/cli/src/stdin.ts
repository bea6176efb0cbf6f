/** `coro build -`: compile what arrives on stdin and return the text for stdout. */
import type { Mode } from "@coro/compiler";
import { compileSource, inlineMapURL, withSourceMappingURL } from "./compile-source.js";

export interface StdinOptions {
  /** Name used in errors and the source map. Default `"<stdin>"`. */
  filename?: string;
  mode?: Mode;
  /** Append the source map inline, as a data URL. */
  sourceMaps?: boolean;
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
  const compiled = compileSource(code, {
    filename: options.filename ?? "<stdin>",
    mode: options.mode ?? "coroutine",
    sourceMaps,
  });
  return sourceMaps && compiled.map ? withSourceMappingURL(compiled.code, inlineMapURL(compiled.map)) : compiled.code;
}
