#!/usr/bin/env node
/** The `coro` executable: see cli.ts. */
import { main } from "./cli.js";

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
