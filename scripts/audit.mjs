#!/usr/bin/env node
// `pnpm audit --prod` for the production dependencies of the workspace (issue 9, item 4): prints
// the advisories by severity; exit 0 when there are none, 1 when there are, 2 when the registry's
// audit endpoint cannot be reached (say so rather than call the audit clean).
//   node scripts/audit.mjs
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const res = spawnSync("npx", ["-y", "pnpm@12.4.2", "audit", "--prod", "--json"], { cwd: root, encoding: "utf8" });
let report;
try {
  report = JSON.parse(res.stdout);
} catch {
  report = undefined;
}
if (!report?.metadata?.vulnerabilities) {
  const why = `${res.stdout}\n${res.stderr}`.trim().split("\n").slice(0, 6).join("\n");
  console.log(`audit not done: the registry's audit endpoint did not answer with a report\n${why}`);
  process.exit(2);
}
const counts = report.metadata.vulnerabilities;
const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`pnpm audit --prod: ${total} advisories (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}) in ${report.metadata.dependencies ?? "?"} production dependencies`);
for (const a of Object.values(report.advisories ?? {})) console.log(`  ${a.severity}: ${a.module_name} ${a.vulnerable_versions} — ${a.title} (${a.url})`);
process.exit(total === 0 ? 0 : 1);
