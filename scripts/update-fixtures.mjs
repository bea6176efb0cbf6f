// Regenerates the expected compiled output (output.coroutine.js / error.txt for error cases) of every
// fixture, or of those whose id contains an argument: `pnpm fixtures:update [filter...]`.
// Needs a build (`pnpm build`). Expected stdout is never generated from coro's own output: it is
// written by hand, or, with --stdout-from-native, taken from native Node (the oracle) for the
// fixtures that mean the same natively; the fixture test then checks coro against it.
import { writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { MODES, compileFixture, listFixtures, readFixture, runProgram } from "./fixture-lib.mjs";

const { transform } = await import("@coro/compiler");
const fromNative = process.argv.includes("--stdout-from-native");
const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));
let changed = 0;
for (const fx of listFixtures()) {
  if (filters.length && !filters.some((f) => fx.id.includes(f))) continue;
  const { input, outputs, error } = readFixture(fx);
  let result;
  for (const mode of MODES) {
    result = compileFixture(transform, fx, input, mode);
    const [file, text, old] =
      result.error !== undefined ? ["error.txt", result.error, error] : [`output.${mode}.js`, result.code, outputs[mode]];
    if (text !== old) {
      writeFileSync(join(fx.dir, file), text);
      changed++;
      console.log(`updated ${fx.id}/${file}`);
    }
    if (result.error !== undefined) break;
  }
  const { options } = readFixture(fx);
  if (result.error === undefined && fromNative && options.native !== false) {
    const res = runProgram(fx, input, "native");
    if (res.status !== 0) console.log(`warning: ${fx.id} fails natively:\n${res.stderr}`);
    else if (res.stdout !== readFixture(fx).stdout) {
      writeFileSync(join(fx.dir, "stdout.txt"), res.stdout);
      changed++;
      console.log(`updated ${fx.id}/stdout.txt (from native Node)`);
    }
  } else if (result.error === undefined && !existsSync(join(fx.dir, "stdout.txt"))) {
    console.log(`note: ${fx.id} has no stdout.txt; write the expected output by hand`);
  }
}
console.log(`${changed} file(s) updated`);
