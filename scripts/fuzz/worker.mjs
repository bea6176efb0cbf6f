// A fuzz worker: a long-lived child process of scripts/fuzz.mjs (see scripts/fuzz/pool.mjs). Its
// argument is the bundle of the generators in packages/compiler/test/fuzz/ (shared with the vitest
// tests) and the compiler's src/ (scripts/fuzz/build.mjs), loaded once, so Babel and the compiler
// stay warm from one program to the next. It answers messages one at a time:
// { mode, seeds } with { passed, failures: [{ seed, report }], rss }, and { mode, minimise: seed }
// with { report } (the shrunk counterexample). The parent retires it (closes its channel) after a
// few thousand programs, since every program imports modules that are never freed.
import { pathToFileURL } from "node:url";

const { minimise, runSeeds } = await import(pathToFileURL(process.argv[2]).href);

// A generated program's stray rejection must not end the worker: it is the program's business.
process.on("unhandledRejection", () => {});
process.on("disconnect", () => process.exit(0));

process.on("message", async (msg) => {
  let answer;
  if (msg.minimise !== undefined) {
    answer = { report: await minimise(msg.mode, msg.minimise) };
  } else {
    const failures = await runSeeds(msg.mode, msg.seeds);
    answer = { passed: msg.seeds.length - failures.length, failures, rss: process.memoryUsage.rss() };
  }
  process.send(answer);
});
