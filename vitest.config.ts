import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine, which
    // ran every file one after another. Most files wait on child processes (fixtures, the CLI,
    // bundlers), so one worker per core keeps both busy.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      // The runtime's tests drive loops, debug hooks and global state: each file in a fresh process.
      { extends: true, test: { name: "runtime", include: ["packages/runtime/test/**/*.test.ts"] } },
      // The tools' tests share a process per worker: Babel and the compiler load once, not once per
      // file (a sixth of the suite's CPU). None of them leaves global state behind.
      { extends: true, test: { name: "tools", include: ["packages/{compiler,cli,unplugin}/test/**/*.test.ts"], isolate: false } },
    ],
  },
});
