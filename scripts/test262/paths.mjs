/** Where things are: the repository, the test262 subset next to it, the harness, the expectations. */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is `scripts/test262/paths.mjs`). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The read-only test262 subset: `../shared/test262` relative to the repository (as in CI). */
export const test262Root = process.env.TEST262_DIR ? resolve(process.env.TEST262_DIR) : join(repoRoot, "..", "shared", "test262");

export const harnessDir = join(test262Root, "harness");

/** The expectations file of a compiler mode. */
export function expectationsPath(mode) {
  return join(repoRoot, "scripts", "test262", `expectations-${mode}.txt`);
}
