import { describe, expect, it } from "vitest";
import { program, sourcePosition } from "./compiled.js";

describe("task.getStack() and loop.formatTasks()", () => {
  const body = `
    async function fetchOne(url) {
      await sleep(100);                  // marker:fetchOne
      return url;
    }
    async function fetchAll(urls) {
      return await gather(...urls.map((u) => spawn(fetchOne(u), u)));   // marker:fetchAll
    }
    async function main() {
      const crawler = spawn(fetchAll(["a", "b"]), "crawler");
      await crawler;                     // marker:main
    }
    export const loop = new EventLoop({ clock: "virtual" });
    export const task = loop.createTask(main(), { name: "main" });
    loop.advance(50);
    export const stack = allTasks(loop).map((t) => [t.getName(), t.getStack().map((co) => {
      const l = co.location();
      return l === undefined ? co.name : [l.functionName, l.file, l.line, l.column].join(":");
    })]);
    export const tree = loop.formatTasks();
    loop.advance(50);
    export const after = [task.done(), loop.formatTasks()];
  `;
  /** `line:column` of the await on the line marked `marker`, as the compiler saw the program. */
  const at = (marker: string): string => {
    const { line } = sourcePosition(body, `// marker:${marker}`);
    const text = body.split("\n").find((l) => l.includes(`// marker:${marker}`))!;
    return `${line}:${text.indexOf("await") + 1}`;
  };

  it("getStack() gives each suspended coroutine with the file:line:column of its pending await", async () => {
    const { stack } = await program<{ stack: [string, string[]][] }>(body);
    expect(stack).toEqual([
      ["main", [`main:runtime-test.js:${at("main")}`]],
      ["crawler", [`fetchAll:runtime-test.js:${at("fetchAll")}`]],
      ["a", [`fetchOne:runtime-test.js:${at("fetchOne")}`, "sleep"]],
      ["b", [`fetchOne:runtime-test.js:${at("fetchOne")}`, "sleep"]],
    ]);
  });

  it("formatTasks() prints the tree of tasks, what each awaits, and where", async () => {
    const { tree, after } = await program<{ tree: string; after: [boolean, string] }>(body);
    expect(tree.split("\n")).toEqual([
      "Task 'main' awaiting Task 'crawler'",
      `  at main (runtime-test.js:${at("main")})`,
      "  └── Task 'crawler' awaiting gather of 2",
      `        at fetchAll (runtime-test.js:${at("fetchAll")})`,
      "        ├── Task 'a' awaiting a Future",
      "        │     at sleep",
      `        │     at fetchOne (runtime-test.js:${at("fetchOne")})`,
      "        └── Task 'b' awaiting a Future",
      "              at sleep",
      `              at fetchOne (runtime-test.js:${at("fetchOne")})`,
    ]);
    expect(after).toEqual([true, ""]);
  });

  it("formatTasks() from inside a task: that task is running, a task just created has not started", async () => {
    const inside = `
      async function main() {
        const later = spawn(sleep(5), "later");
        const host = spawn((async () => { await new Promise((r) => setTimeout(r, 1)); })(), "host");
        await sleep(0);
        spawn(sleep(1), "fresh");
        seen.tree = getRunningLoop().formatTasks();
        host.cancel();
        await later;
      }
      const seen = {};
      runSync(main(), { name: "main" });
      export const tree = seen.tree;
    `;
    const { tree } = await program<{ tree: string }>(inside);
    const hostAwait = sourcePosition(inside, "await new Promise");
    expect(tree.split("\n")).toEqual([
      "Task 'main' running",
      "  ├── Task 'later' awaiting a Future",
      "  │     at sleep",
      "  ├── Task 'host' awaiting a Promise",
      `  │     at <anonymous> (runtime-test.js:${hostAwait.line}:${hostAwait.column})`,
      "  └── Task 'fresh' not started",
    ]);
  });

  it("formatTasks() nests a TaskGroup's children under the task running it, and tasks under their creator", async () => {
    const group = `
      async function leaf(ms) {
        await sleep(ms);                                   // marker:leaf
      }
      async function worker(name, ms, tg) {
        spawn(leaf(500), name + "-bg");
        if (tg) tg.createTask(leaf(300), { name: name + "-sibling" });
        await sleep(ms);                                   // marker:worker
      }
      async function main() {
        spawn(sleep(1000), "main-bg");
        await TaskGroup.run(async (tg) => {                // marker:main
          tg.createTask(worker("w1", 100), { name: "w1" });
          tg.createTask(worker("w2", 200, tg), { name: "w2" });
        });
      }
      export const loop = new EventLoop({ clock: "virtual" });
      loop.createTask(main(), { name: "main" });
      loop.advance(10);
      export const tree = loop.formatTasks();
      loop.advance(100);
      export const later = loop.formatTasks();
      loop.close();
    `;
    const { tree, later } = await program<{ tree: string; later: string }>(group);
    const at = (marker: string): string => {
      const { line } = sourcePosition(group, `// marker:${marker}`);
      const text = group.split("\n").find((l) => l.includes(`// marker:${marker}`))!;
      return `runtime-test.js:${line}:${text.indexOf("await") + 1}`;
    };
    expect(tree.split("\n")).toEqual([
      "Task 'main' awaiting Future 'TaskGroup'",
      "  at TaskGroup.run",
      `  at main (${at("main")})`,
      "  ├── Task 'main-bg' awaiting a Future",
      "  │     at sleep",
      "  ├── Task 'w1' awaiting a Future",
      "  │     at sleep",
      `  │     at worker (${at("worker")})`,
      "  │     └── Task 'w1-bg' awaiting a Future",
      "  │           at sleep",
      `  │           at leaf (${at("leaf")})`,
      "  ├── Task 'w2' awaiting a Future",
      "  │     at sleep",
      `  │     at worker (${at("worker")})`,
      "  │     └── Task 'w2-bg' awaiting a Future",
      "  │           at sleep",
      `  │           at leaf (${at("leaf")})`,
      // Created by w2 in the group: a child of the group's task, as in asyncio's call graph.
      "  └── Task 'w2-sibling' awaiting a Future",
      "        at sleep",
      `        at leaf (${at("leaf")})`,
    ]);
    // w1 finished: the task it created has no pending parent any more and becomes a root.
    expect(later.split("\n").filter((l) => l.includes("Task '"))).toEqual([
      "Task 'main' awaiting Future 'TaskGroup'",
      "  ├── Task 'main-bg' awaiting a Future",
      "  ├── Task 'w2' awaiting a Future",
      "  │     └── Task 'w2-bg' awaiting a Future",
      "  └── Task 'w2-sibling' awaiting a Future",
      "Task 'w1-bg' awaiting a Future",
    ]);
  });
});
