/**
 * `node --import @coro/cli/register app.js`: installs the compiling hooks for the rest of the
 * process — the ES module hooks, and the CommonJS handlers in this (the main) thread — and turns
 * on source maps, so stack traces name the original file, line and column.
 */
import { register } from "node:module";
import { installRequireHooks } from "./require-hooks.js";

process.setSourceMapsEnabled(true);
register("./hooks.js", import.meta.url);
installRequireHooks("coroutine");
