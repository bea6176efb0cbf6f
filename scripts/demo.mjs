// The README's first command: compile the seed examples (SPEC §1.5) with the coro CLI, run the
// compiled program, and print its transcript.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const coro = join(root, "packages", "cli", "dist", "bin.js");
const input = join("fixtures", "seed", "seed-transcript", "input.js");
const outDir = join("node_modules", ".cache", "coro-demo");

rmSync(join(root, outDir), { recursive: true, force: true });
console.log(`$ coro build ${input} --out-dir ${outDir}`);
execFileSync(process.execPath, [coro, "build", input, "--out-dir", outDir], { cwd: root, stdio: "inherit" });
const compiled = join(outDir, "input.js");
console.log(`$ node ${compiled}`);
execFileSync(process.execPath, [compiled], { cwd: root, stdio: "inherit" });
