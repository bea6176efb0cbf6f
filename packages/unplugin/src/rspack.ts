/** The rspack plugin: `import coro from "@coro/unplugin/rspack"`, then `coro(options)`. */
import { unplugin } from "./index.js";

export default unplugin.rspack;
