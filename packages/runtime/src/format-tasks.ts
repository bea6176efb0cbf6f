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
  if (aw instanceof Future) return { state: aw._hasName() ? `awaiting Future '${aw.getName()}'` : "awaiting a Future", awaited: [] };
  if (aw instanceof Promise) return { state: "awaiting a Promise", awaited: [] };
  if (aw !== undefined) return { state: "awaiting a thenable", awaited: [] };
  return { state: "ready to run", awaited: [] };
}

/**
 * The tree of `tasks` (pending tasks, in creation order). A task goes under the first task that
 * awaits it (directly or through `gather`); a task nobody awaits goes under the task that created
 * it (a TaskGroup's children: under the task running the group), if that one is pending; the
 * others are roots. Under a task: the tasks it awaits, then the ones it created, in order.
 *
 * @example
 * ```ts
 * console.log(formatTaskTree(loop._allTasks()));
 * // Task 'main' awaiting Future 'TaskGroup'
 * //   at TaskGroup.run
 * //   at main (app.js:12:9)
 * //   ├── Task 'a' awaiting a Future
 * //   │     at sleep
 * // …
 * ```
 */
export function formatTaskTree(tasks: readonly Task<unknown>[]): string {
  const pending = new Set(tasks);
  const info = new Map(tasks.map((t) => [t, describe(t)]));
  // Each task's home: its first awaiter, else its creator, else none (a root).
  const home = new Map<Task<unknown>, Task<unknown>>();
  for (const [task, { awaited }] of info) for (const t of awaited) if (pending.has(t) && !home.has(t)) home.set(t, task);
  for (const task of tasks) {
    const parent = task._parent();
    if (!home.has(task) && parent !== undefined && pending.has(parent)) home.set(task, parent);
  }
  const children = new Map<Task<unknown>, Task<unknown>[]>();
  const ordered = [...tasks].sort((a, b) => rank(info, home, a) - rank(info, home, b));
  for (const task of ordered) {
    const at = home.get(task);
    if (at !== undefined) children.set(at, [...(children.get(at) ?? []), task]);
  }
  const placed = new Set<Task<unknown>>();
  const lines: string[] = [];
  const add = (task: Task<unknown>, head: string, body: string): void => {
    placed.add(task);
    const { state } = info.get(task)!;
    const cancelling = task.cancelling() > 0 ? " (cancelling)" : "";
    lines.push(`${head}Task '${task.getName()}' ${state}${cancelling}`);
    // A running task's frames are mid-step: their locations are those of the awaits they resumed from.
    const frames = task === currentTask() ? [] : task.getStack().reverse();
    for (const co of frames) if (co.state !== "created") lines.push(`${body}  ${formatFrame(co)}`);
    const kids = (children.get(task) ?? []).filter((t) => !placed.has(t));
    kids.forEach((child, i) => {
      const last = i === kids.length - 1;
      add(child, `${body}  ${last ? "└── " : "├── "}`, `${body}  ${last ? "    " : "│   "}`);
    });
  };
  for (const task of tasks) if (!home.has(task) && !placed.has(task)) add(task, "", "");
  // Tasks that only await each other in a cycle have no root: list them too.
  for (const task of tasks) if (!placed.has(task)) add(task, "", "");
  return lines.join("\n");
}

/** Sort key among siblings: awaited tasks first, in the order awaited, then created ones in creation order. */
function rank(
  info: Map<Task<unknown>, { awaited: Task<unknown>[] }>,
  home: Map<Task<unknown>, Task<unknown>>,
  task: Task<unknown>,
): number {
  const at = home.get(task);
  const index = at === undefined ? -1 : info.get(at)!.awaited.indexOf(task);
  return index >= 0 ? index : Number.MAX_SAFE_INTEGER;
}
