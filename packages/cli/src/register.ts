/**
 * `node --import @coro/cli/register app.js`: installs the compiling hooks for the rest of the process.
 */
import { register } from "node:module";

register("./hooks.js", import.meta.url);
