/**
 * Reading one input of `coro build`: its bytes must be UTF-8 text (a NUL byte or an invalid
 * sequence is refused, with the offset), and a source map it links to (`//# sourceMappingURL=`, a
 * data URL or a file next to it) is read so the output's map can be chained through it.
 */
import convert from "convert-source-map";
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import type { SourceMapV3 } from "./compile-source.js";
import { describeFsError } from "./errors.js";

export type ReadResult =
  | { ok: true; bytes: Buffer; text: string }
  | { ok: false; reason: string };

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Reads `path` as UTF-8 source text, or says why it cannot be compiled. */
export function readSource(path: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, reason: `cannot read the file: ${describeFsError(error)}` };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, reason: `a binary file (NUL byte at offset ${nul}), not JavaScript or TypeScript source` };
  try {
    return { ok: true, bytes, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: `not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)}); save the file as UTF-8` };
  }
}

/** The offset of the first byte of the first invalid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // The longest prefix that decodes as a stream (it may end inside a sequence), found by bisection.
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (decodes(bytes.subarray(0, mid), true)) low = mid;
    else high = mid - 1;
  }
  // Back to where the unfinished sequence at its end (at most 3 bytes) starts.
  let start = low;
  while (start > 0 && low - start < 3 && !decodes(bytes.subarray(0, start), false)) start--;
  return start;
}

function decodes(bytes: Buffer, stream: boolean): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}

export interface InputMap {
  /** The input's map, its `sources` made absolute paths. */
  map: SourceMapV3;
  /** The text of the map (part of the cache key). */
  text: string;
}

/**
 * The source map `text` (the file at `path`) links to, or undefined when it links to none or the
 * link is broken (then the output maps to the input itself, as if it had no map).
 */
export function readInputMap(text: string, path: string): InputMap | undefined {
  let converter: convert.SourceMapConverter | null = null;
  try {
    converter = convert.fromSource(text) ?? convert.fromMapFileSource(text, (file: string) => readFileSync(resolve(dirname(path), file), "utf8"));
  } catch {
    return undefined;
  }
  if (!converter) return undefined;
  const map = converter.toObject() as SourceMapV3;
  if (map.version !== 3 || !Array.isArray(map.sources)) return undefined;
  const mapDir = mapDirectory(text, path);
  const root = typeof map["sourceRoot"] === "string" ? (map["sourceRoot"] as string) : "";
  const sources = map.sources.map((s) => (s === null ? null : isAbsolute(s) ? s : resolve(mapDir, root, s)));
  const { sourceRoot: _root, ...rest } = map;
  return { map: { ...rest, sources }, text: converter.toJSON() };
}

/** Where the map's relative sources are resolved from: the map file's directory, or the input's for a data URL. */
function mapDirectory(text: string, path: string): string {
  const match = /\/\/[#@] sourceMappingURL=(?!data:)(\S+)\s*$/.exec(text);
  return match ? dirname(resolve(dirname(path), match[1]!)) : dirname(path);
}

/** `text` without its `//# sourceMappingURL=` comment (the output gets its own). */
export function removeMapComment(text: string): string {
  return convert.removeMapFileComments(convert.removeComments(text));
}
