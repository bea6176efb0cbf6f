/** Where a piece of text sits in a file, and where a bundle's source map says it came from. */
import { SourceMap } from "node:module";

export interface Position {
  /** 1-based. */
  line: number;
  /** 0-based, as in source maps. */
  column: number;
}

/** The position of the only occurrence of `needle` in `code`; throws if it is missing or repeated. */
export function positionOf(code: string, needle: string): Position {
  const index = code.indexOf(needle);
  if (index < 0 || code.indexOf(needle, index + 1) >= 0) {
    throw new Error(`expected exactly one ${JSON.stringify(needle)} in the code`);
  }
  const before = code.slice(0, index).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length };
}

export interface Original extends Position {
  source: string;
}

/** What `map` says the generated `position` came from. */
export function originalPosition(map: object, position: Position): Original {
  const entry = new SourceMap(map as ConstructorParameters<typeof SourceMap>[0]).findEntry(position.line - 1, position.column);
  if (!("originalSource" in entry)) throw new Error(`no mapping at ${position.line}:${position.column}`);
  return { source: entry.originalSource, line: entry.originalLine + 1, column: entry.originalColumn };
}

/** How many times `needle` occurs in `text`. */
export function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
