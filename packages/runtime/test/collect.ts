// Forces garbage collection from a test (V8's gc(), exposed at run time) and lets
// FinalizationRegistry callbacks run.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** The heap in use after full garbage collections. */
export function heapAfterGC(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Collects garbage until `done()` holds (FinalizationRegistry callbacks run between rounds), at most `rounds` times. */
export async function collectUntil(done: () => boolean, rounds = 20): Promise<void> {
  for (let i = 0; i < rounds && !done(); i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
