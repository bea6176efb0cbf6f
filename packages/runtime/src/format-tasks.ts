/**
 * `loop.formatTasks()`: the async stack dump. Every pending task of a loop, as a tree (a task
 * under the task that awaits it), each with its chain of suspended coroutines and their source
 * locations, innermost first, and what the innermost one awaits.
 */
import type { Coroutine } from "./coroutine.js";
import { Future } from "./future.js";
import { GatheringFuture } from "./gather.js";
import { currentTask } from "./running.js";
import { Task } from "./task.js";

/**
 * `at name (file:line:column)` for a suspended coroutine, `at name` when it has no location.
 *
 * @example
 * ```ts
 * task.getStack().map(formatFrame); // ["at main (app.js:3:9)", "at sleep"]
 * ```
 */
export function formatFrame(co: Coroutine): string {
  const name = co.name || "<anonymous>";
  const loc = co.location();
  if (loc === undefined) return `at ${name}`;
  return `at ${name} (${loc.file ?? "<unknown>"}:${loc.line}:${loc.column})`;
}

/** What `task` is doing, in a few words, and the Tasks it awaits (its children in the tree). */
function describe(task: Task<unknown>): { state: string; awaited: Task<unknown>[] } {
  if (task === currentTask()) return { state: "running", awaited: [] };
  const stack = task.getStack();
  const innermost = stack[stack.length - 1];
  if (innermost === undefined || innermost.state === "created") return { state: "not started", awaited: [] };
  const aw = innermost.awaiting;
  if (aw instanceof Task) return { state: `awaiting Task '${aw.getName()}'`, awaited: [aw] };
  if (aw instanceof GatheringFuture) {
    const children = aw._children();
    return { state: `awaiting gather of ${children.length}`, awaited: children.filter((c): c is Task<unknown> => c instanceof Task) };
  }
  if (aw instanceof Future) return { state: "awaiting a Future", awaited: [] };
  if (aw instanceof Promise) return { state: "awaiting a Promise", awaited: [] };
  if (aw !== undefined) return { state: "awaiting a thenable", awaited: [] };
  return { state: "ready to run", awaited: [] };
}

/**
 * The tree of `tasks` (pending tasks, in creation order): roots are the tasks no other of them
 * awaits. A task awaited by several appears under the first.
 *
 * @example
 * ```ts
 * console.log(formatTaskTree(loop._allTasks()));
 * // Task 'main' awaiting gather of 2
 * //   at main (app.js:12:9)
 * //   ├── Task 'a' awaiting a Future
 * //   │     at sleep
 * // …
 * ```
 */
export function formatTaskTree(tasks: readonly Task<unknown>[]): string {
  const info = new Map(tasks.map((t) => [t, describe(t)]));
  const awaitedBySomeone = new Set<Task<unknown>>();
  for (const { awaited } of info.values()) for (const t of awaited) awaitedBySomeone.add(t);
  const placed = new Set<Task<unknown>>();
  const lines: string[] = [];
  const add = (task: Task<unknown>, head: string, body: string): void => {
    placed.add(task);
    const { state, awaited } = info.get(task) ?? describe(task);
    const cancelling = task.cancelling() > 0 ? " (cancelling)" : "";
    lines.push(`${head}Task '${task.getName()}' ${state}${cancelling}`);
    // A running task's frames are mid-step: their locations are those of the awaits they resumed from.
    const frames = task === currentTask() ? [] : task.getStack().reverse();
    for (const co of frames) if (co.state !== "created") lines.push(`${body}  ${formatFrame(co)}`);
    const children = awaited.filter((t) => !t.done() && !placed.has(t));
    children.forEach((child, i) => {
      const last = i === children.length - 1;
      add(child, `${body}  ${last ? "└── " : "├── "}`, `${body}  ${last ? "    " : "│   "}`);
    });
  };
  for (const task of tasks) if (!awaitedBySomeone.has(task) && !placed.has(task)) add(task, "", "");
  // Tasks that only await each other in a cycle have no root: list them too.
  for (const task of tasks) if (!placed.has(task)) add(task, "", "");
  return lines.join("\n");
}
