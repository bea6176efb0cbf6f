/**
 * Renders the bench's results: progress lines for the terminal, and RESULTS.md. Ratios are
 * column time ÷ native time: below 1 is faster than native.
 */
const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const fmtMB = (kb) => (kb / 1024).toFixed(0);
const fmtKB = (bytes) => (bytes / 1024).toFixed(1);
const pad = (s, n) => String(s).padStart(n);

function cellTime(cell, native, key) {
  if (cell.error) return "FAIL";
  if (native.error) return `${fmtMs(cell[key])} ms`;
  return `${fmtMs(cell[key])} (${(cell[key] / native[key]).toFixed(2)}×)`;
}

const COMPILER_TITLES = {
  floor: "@babel/parser + generator (floor)",
  coro: "coro coroutine",
  "coro-promise": "coro promise",
  regenerator: "regenerator ES5 (Babel 7 preset-env)",
  tsc: "TypeScript ES5",
  swc: "SWC ES5",
};

export const renderText = {
  workload(w, columns) {
    const native = w.cells[0];
    const lines = [`${w.id} — ${w.title}  [checksum ${JSON.stringify(w.checksum)}]`];
    for (const cell of w.cells) {
      const title = columns.find((c) => c.id === cell.column).title;
      lines.push(
        cell.error
          ? `  ${title.padEnd(20)} FAIL: ${cell.error.split("\n").join("\n    ")}`
          : `  ${title.padEnd(20)} wall ${pad(fmtMs(cell.ms), 7)} ms ${pad((cell.ms / native.ms).toFixed(2), 6)}×   cpu ${pad(fmtMs(cell.cpu), 7)} ms ${pad((cell.cpu / native.cpu).toFixed(2), 6)}×   ${pad(fmtMB(cell.maxRSS), 5)} MB`,
      );
    }
    return lines.join("\n") + "\n\n";
  },
  compiler(c) {
    if (c.error) return `compile ${c.id}: FAIL ${c.error}\n`;
    const failed = c.failures.length ? `  (${c.failures.length} files failed: ${c.failures.slice(0, 2).join("; ")})` : "";
    return `compile ${COMPILER_TITLES[c.id].padEnd(34)} ${pad(c.filesPerSec.toFixed(0), 5)} files/s ${pad(c.mbPerSec.toFixed(2), 6)} MB/s  out ${pad(fmtKB(c.outRaw), 7)} KiB / gzip ${pad(fmtKB(c.outGzip), 6)} KiB${failed}\n`;
  },
  memory(memory, columns) {
    const lines = [`memory (${memory.n.toLocaleString("en")} suspended calls / sleeping tasks, bytes each):`];
    for (const row of memory.rows) {
      const title = columns.find((c) => c.id === row.column).title;
      lines.push(row.error ? `  ${title.padEnd(20)} FAIL: ${row.error}` : `  ${title.padEnd(20)} suspended ${pad(row.suspended.toFixed(0), 6)} B   sleeping ${pad(row.sleeping?.toFixed(0) ?? "—", 6)} B`);
    }
    return lines.join("\n") + "\n\n";
  },
  sizes(data) {
    const lines = ["", "coro runtime (SWC-minified, gzip):"];
    for (const [mode, r] of Object.entries(data.runtime)) {
      lines.push(`  ${mode.padEnd(14)} ${r.files} files, ${fmtKB(r.raw)} KiB raw, ${fmtKB(r.min)} KiB min, ${fmtKB(r.minGzip)} KiB min+gzip`);
    }
    return lines.join("\n") + "\n";
  },
};

function workloadTables(data) {
  const { results, columns } = data;
  const head = `| workload | ${columns.map((c) => c.title).join(" | ")} |\n|---|${columns.map(() => "---:").join("|")}|`;
  const rows = (key) =>
    results.map((w) => {
      const native = w.cells[0];
      const tick = w.tick ? " ¹" : "";
      return `| ${w.id}${tick} | ${w.cells.map((c) => cellTime(c, native, key)).join(" | ")} |`;
    });
  const timeRows = rows("ms");
  const cpuRows = rows("cpu");
  const rssRows = results.map((w) => `| ${w.id} | ${w.cells.map((c) => (c.error ? "FAIL" : `${fmtMB(c.maxRSS)}`)).join(" | ")} |`);
  const titles = results.map((w) => `- **${w.id}**: ${w.title}${w.note ? ` — ${w.note}` : ""}`);
  return { head, timeRows, cpuRows, rssRows, titles };
}

function sizeTable(data) {
  const { results, columns, runtime } = data;
  const rows = columns.map((column) => {
    let raw = 0;
    let gzip = 0;
    for (const w of results) {
      const cell = w.cells.find((c) => c.column === column.id);
      raw += cell.raw;
      gzip += cell.gzip;
    }
    const rt = { coro: runtime.coroutine, "coro-promise": runtime.promise, "coro-promise-es2015": runtime.promiseEs2015 }[column.id] ?? null;
    const rtText = rt ? `${fmtKB(rt.minGzip)}` : "inline";
    const total = rt ? gzip + rt.minGzip : gzip;
    return `| ${column.title} | ${fmtKB(raw)} | ${fmtKB(gzip)} | ${rtText} | ${fmtKB(total)} |`;
  });
  return [
    `| column | workloads raw KiB | workloads gzip KiB (per file, summed) | runtime min+gzip KiB | total gzip KiB |`,
    `|---|---:|---:|---:|---:|`,
    ...rows,
  ].join("\n");
}

function memoryTable(data) {
  const { memory, columns } = data;
  if (!memory) return "(memory figures skipped: --no-memory)";
  const native = memory.rows[0];
  const cell = (row, key) => (row.error ? "FAIL" : row[key] === undefined ? "—" : `${row[key].toFixed(0)} (${(row[key] / native[key]).toFixed(2)}×)`);
  return [
    `| column | bytes per suspended call | bytes per sleeping task ² |`,
    `|---|---:|---:|`,
    ...memory.rows.map((row) => `| ${columns.find((c) => c.id === row.column).title} | ${cell(row, "suspended")} | ${cell(row, "sleeping")} |`),
  ].join("\n");
}

function compilerTable(data) {
  const { compilers, runtime } = data;
  if (compilers.length === 0) return "(compiler figures skipped: --no-compile)";
  const floor = compilers.find((c) => c.id === "floor" && !c.error);
  const rows = compilers.map((c) => {
    if (c.error) return `| ${COMPILER_TITLES[c.id]} | FAIL | | | | | | |`;
    const rt = c.id === "coro" ? runtime.coroutine.minGzip : c.id === "coro-promise" ? runtime.promise.minGzip : 0;
    const vsFloor = floor ? `${(c.ms / floor.ms).toFixed(2)}×` : "";
    const failed = c.failures.length ? ` (${c.failures.length} failed)` : "";
    return `| ${COMPILER_TITLES[c.id]} | ${c.files}/${c.total}${failed} | ${c.filesPerSec.toFixed(0)} | ${c.mbPerSec.toFixed(2)} | ${vsFloor} | ${fmtKB(c.outRaw)} | ${fmtKB(c.outGzip)} | ${fmtKB(c.outGzip + rt)} | ${c.passes ?? 3} |`;
  });
  const input = floor ? `Input: ${floor.files} files, ${fmtKB(floor.bytes)} KiB raw, ${fmtKB(floor.inGzip)} KiB gzip (per file, summed).` : "";
  return [
    input,
    "",
    `| compiler | files | files/s | MB/s | time ÷ floor | output raw KiB | output gzip KiB | + runtime, gzip KiB | timed passes |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|`,
    ...rows,
  ].join("\n");
}

const ratio = (w, id, key = "cpu") => {
  const cell = w.cells.find((c) => c.column === id);
  const native = w.cells[0];
  return cell && !cell.error && !native.error ? cell[key] / native[key] : NaN;
};
const times = (r) => (r < 1 ? `${(1 / r).toFixed(1)}× faster than` : `${r.toFixed(1)}× slower than`);
const range = (xs) => {
  const ok = xs.filter((x) => Number.isFinite(x));
  return ok.length ? `${Math.min(...ok).toFixed(2)}–${Math.max(...ok).toFixed(2)}×` : "n/a";
};

/** A README-ready paragraph, written from the figures of this run. */
function summarize(data) {
  const { results, compilers, runtime, machine: m } = data;
  const find = (id) => results.find((w) => w.id === id);
  const parts = [];
  const headline = ["deep-await", "await-loop", "interpreter"].filter(find);
  if (headline.length) {
    parts.push(
      `In CPU time, coro's coroutine mode runs ${headline.map((id) => `${id} ${times(ratio(find(id), "coro"))} native async/await`).join(", ")}.`,
    );
  }
  const d1 = find("resume-depth-1");
  const d1000 = find("resume-depth-1000");
  if (d1 && d1000) {
    const c1 = d1.cells.find((c) => c.column === "coro");
    const c1000 = d1000.cells.find((c) => c.column === "coro");
    if (!c1.error && !c1000.error) parts.push(`Resuming at await depth 1,000 costs ${(c1000.cpu / c1.cpu).toFixed(2)}× what it costs at depth 1 (flat).`);
  }
  parts.push(
    `Across all ${results.length} workloads, promise mode takes ${range(results.map((w) => ratio(w, "coro-promise")))} native's CPU time ` +
      `(${range(results.map((w) => ratio(w, "coro-promise-es2015")))} for target es2015); ` +
      `regenerator ${range(results.map((w) => ratio(w, "regenerator")))}, TypeScript ES5 ${range(results.map((w) => ratio(w, "tsc")))}, ` +
      `SWC ES5 ${range(results.map((w) => ratio(w, "swc")))}.`,
  );
  const floor = compilers.find((c) => c.id === "floor" && !c.error);
  const coro = compilers.find((c) => c.id === "coro" && !c.error);
  if (floor && coro) {
    parts.push(
      `coro compiles playwright-core's ${coro.files} lib files at ${coro.filesPerSec.toFixed(0)} files/s (${(coro.ms / floor.ms).toFixed(1)}× the time of a bare Babel parse + generate).`,
    );
  }
  parts.push(
    `Its runtime is ${fmtKB(runtime.coroutine.minGzip)} KiB min+gzip in coroutine mode, ${fmtKB(runtime.promise.minGzip)} KiB in promise mode ` +
      `(${fmtKB(runtime.promiseEs2015.minGzip)} KiB for target es2015).`,
  );
  return `**Benchmarks** (Node ${m.node.slice(1)}, ${m.cores} cores; full tables below, \`pnpm bench\`): ${parts.join(" ")}`;
}

export function renderMarkdown(data) {
  const { machine: m, runs } = data;
  const partial = data.done
    ? ""
    : `\n> **Partial run:** ${data.results.length} of ${data.planned} workloads measured${data.compilers.length ? "" : ", compiler figures not yet run"} when this file was written.\n`;
  const summary = summarize(data);
  const t = workloadTables(data);
  const rt = data.runtime;
  return `# coro benchmarks

${summary}
${partial}
- **Command:** \`${data.command}\` (build first: \`pnpm run build\`)
- **Machine:** Node ${m.node}, ${m.cores} cores (${m.cpu}), ${m.platform}; coro at ${m.rev}; ${m.date}
- **Method:** each cell is its own program (the workload compiled by the column, plus a small driver),
  run in a fresh process: one warm-up, then the median of ${runs} timed processes, columns interleaved.
  Time is \`main()\` measured inside the process (module loading excluded); peak RSS is
  \`process.resourceUsage().maxRSS\`. Every column printed native's checksum (else the run fails).
  Ratio = column time ÷ native time: **below 1.00× is faster than native**.

## Run time: wall clock (median ms, ratio to native)

${t.head}
${t.timeRows.join("\n")}

¹ Uses \`host.tick()\`: \`sleep(0)\` on coro's loop in coroutine mode; a \`setImmediate\` promise in every
other column (native's nearest equivalent), so those rows compare schedulers, not just compiled code.

${t.titles.join("\n")}

## CPU time, user + system, all threads (median ms, ratio to native)

Steadier than wall time on a shared machine; it includes V8's parallel GC threads.

${t.head}
${t.cpuRows.join("\n")}

## Peak RSS (MB)

${t.head}
${t.rssRows.join("\n")}

## Output size of the workloads

The ${data.results.length} workloads compiled alone (no driver); regenerator, TypeScript and SWC inline
their helpers into every file; coro imports its runtime (SWC-minified dist files reached from the
mode's entry, concatenated, gzipped: coroutine mode ${fmtKB(rt.coroutine.minGzip)} KiB from ${rt.coroutine.files} files,
${fmtKB(rt.coroutine.raw)} KiB unminified; promise mode ${fmtKB(rt.promise.minGzip)} KiB from ${rt.promise.files} files).

${sizeTable(data)}

## Memory

${data.memory ? data.memory.n.toLocaleString("en") : "N"} of each, in a fresh \`node --expose-gc\` process per cell: heap used after a full GC,
minus the same before; ratio to native. \`scripts/bench/memory.mjs\`.
A **suspended call** awaits a promise that never settles and is kept alive: natively, the async
function's state, its result promise and its reaction on the awaited promise; in coro's coroutine mode
the frame after \`next()\` (a bare coroutine, no Task); the promise-mode columns as native.

${memoryTable(data)}

² Coroutine mode: a Task on coro's loop (virtual clock) asleep in \`await sleep(3600000)\`: the Task,
its frame, the sleep frame, its Future and the loop timer. Every other column: an async function
awaiting a \`setTimeout\` promise (Node's timer), the nearest native equivalent; measured for native
and coro promise only (regenerator, TypeScript and SWC would measure Node's timers again).

## Compilers over a real corpus

\`lib/\` of playwright-core@1.59.1 (CommonJS, one file per module; its minified bundles \`lib/vite/**\`
and \`*BundleImpl*\` left out). Each compiler in its own process: one warm-up pass, then the median of up to 3
timed passes (no new pass after 30 s; the count is in the table), one file at a time, no source maps. coro with its defaults (source locations on).
Not like for like in one respect: regenerator (preset-env), TypeScript and SWC lower the whole file to ES5
(classes, \`let\`/\`const\`, spread, destructuring…); coro compiles only async functions and generators.

${compilerTable(data)}
`;
}
