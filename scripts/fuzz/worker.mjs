// A fuzz worker: a child process of scripts/fuzz.mjs, started with `--import tsx` so that it loads
// the generators in packages/compiler/test/fuzz/ (shared with the vitest tests). It answers one
// message, { mode, seeds } with { passed, failures: [{ seed, report }] }, or { mode, minimise: seed }
// with { report } (the shrunk counterexample), then exits whatever the programs left behind.
import { minimise, runSeeds } from "../../packages/compiler/test/fuzz/seeded.ts";

// A generated program's stray rejection must not end the worker: it is the program's business.
process.on("unhandledRejection", () => {});

process.once("message", async (msg) => {
  let answer;
  if (msg.minimise !== undefined) {
    answer = { report: await minimise(msg.mode, msg.minimise) };
  } else {
    const failures = await runSeeds(msg.mode, msg.seeds);
    answer = { passed: msg.seeds.length - failures.length, failures };
  }
  process.send(answer, () => process.exit(0));
});
