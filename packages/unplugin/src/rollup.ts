/** The rollup plugin: `import coro from "@coro/unplugin/rollup"`, then `coro(options)`. */
import { unplugin } from "./index.js";

export default unplugin.rollup;
