/** The vite plugin: `import coro from "@coro/unplugin/vite"`, then `coro(options)`. */
import { unplugin } from "./index.js";

export default unplugin.vite;
