/** The esbuild plugin: `import coro from "@coro/unplugin/esbuild"`, then `coro(options)`. */
import { unplugin } from "./index.js";

export default unplugin.esbuild;
