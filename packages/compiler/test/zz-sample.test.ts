import fc from "fast-check";
import { it } from "vitest";
import { buildProgram } from "./reference/programs.js";
import { writeFileSync } from "node:fs";
it("sample", () => {
  const s = fc.sample(fc.array(fc.nat({ max: 1000 }), { maxLength: 300, size: "max" }).map(buildProgram), { seed: 20240611, numRuns: 300 });
  s.forEach((p, i) => writeFileSync(`/tmp/gen/p${i}.js`, p.source + "\nexport const native = " + p.native + ";\n"));
});
