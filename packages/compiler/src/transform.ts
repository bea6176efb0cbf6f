/** `transform(code, options)`: parse, compile every async function, print. (Being written.) */
import type { TransformOptions, TransformResult } from "./options.js";

export function transform(code: string, options?: TransformOptions): TransformResult {
  void code;
  void options;
  throw new Error("not implemented yet");
}
