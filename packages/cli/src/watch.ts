/**
 * `coro build --watch`: after the first build, chokidar watches the inputs; each batch of changes
 * (gathered for 50 ms) runs the build again, where the cache makes every unchanged file free, so
 * only changed files are compiled. Errors are reported and watching goes on; SIGINT/SIGTERM stop it.
 * Outputs of deleted inputs are left in place (as Babel's watch mode does).
 */
import { watch } from "chokidar";
import { isDynamicPattern } from "tinyglobby";
import { resolve } from "node:path";
import { staticBase } from "./discover.js";
import { isInside } from "./paths.js";

const SETTLE_MS = 50;

export interface WatchTarget {
  inputs: readonly string[];
  outDir: string | undefined;
  cwd: string;
}

/**
 * Watches until SIGINT/SIGTERM; `onReady` is called once the inputs are scanned; `rebuild` gets the
 * changed paths and never runs twice at once.
 */
export function watchInputs(target: WatchTarget, onReady: () => void, rebuild: (changed: string[]) => Promise<void>): Promise<void> {
  const paths = target.inputs.map((input) => resolve(target.cwd, isDynamicPattern(input) ? staticBase(input) : input));
  const watcher = watch(paths, {
    ignoreInitial: true,
    ignored: (path: string) => path.includes("/node_modules/") || (target.outDir !== undefined && isInside(path, target.outDir)),
  });
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    const batch = [...changed];
    changed = new Set();
    running = running.then(() => rebuild(batch));
  };
  watcher.once("ready", onReady);
  watcher.on("all", (_event, path) => {
    changed.add(path);
    clearTimeout(timer);
    timer = setTimeout(flush, SETTLE_MS);
  });
  return new Promise((done) => {
    const stop = () => {
      clearTimeout(timer);
      void watcher.close().then(() => running).then(done);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
