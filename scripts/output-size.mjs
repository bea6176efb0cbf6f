// The size of the compiled output of fixtures/ against its input, raw and gzipped (issue 3 item 8).
//   node scripts/output-size.mjs     (needs `pnpm build`)
import { gzipSync } from "node:zlib";
import { transform } from "@coro/compiler";
import { listFixtures, readFixture } from "./fixture-lib.mjs";

let files = 0;
const input = { raw: 0, gzip: 0 };
const output = { raw: 0, gzip: 0 };
const inputs = [];
const outputs = [];
for (const fx of listFixtures()) {
  const { input: source, error } = readFixture(fx);
  if (error !== undefined) continue;
  const { code } = transform(source, { filename: "input.js" });
  files++;
  inputs.push(source);
  outputs.push(code);
  input.raw += Buffer.byteLength(source);
  output.raw += Buffer.byteLength(code);
}
input.gzip = gzipSync(inputs.join("\n")).length;
output.gzip = gzipSync(outputs.join("\n")).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`fixtures/: ${files} programs`);
console.log(`  input   ${kb(input.raw).padStart(10)} raw  ${kb(input.gzip).padStart(10)} gzip (all files together)`);
console.log(`  output  ${kb(output.raw).padStart(10)} raw  ${kb(output.gzip).padStart(10)} gzip`);
console.log(`  ratio   ${(output.raw / input.raw).toFixed(2).padStart(10)}×     ${(output.gzip / input.gzip).toFixed(2).padStart(10)}×`);
