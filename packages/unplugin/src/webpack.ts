/** The webpack plugin: `import coro from "@coro/unplugin/webpack"`, then `coro(options)`. */
import { unplugin } from "./index.js";

export default unplugin.webpack;
