/** This package's version, read from its package.json. */
import { readFileSync } from "node:fs";

/** `version` from packages/cli/package.json (one level above dist/ and src/). */
export function readVersion(): string {
  const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}
