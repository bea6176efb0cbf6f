/**
 * The content-hash cache of `coro build`: a file whose text, input map, output path and options are
 * unchanged, compiled by the same compiler, is not compiled again. Entries live in memory (for
 * `--watch`) and, unless `--no-cache`, on disk under `node_modules/.cache/coro` (or `--cache-dir`),
 * one JSON file per key, written atomically. A cache that cannot be read or written is ignored.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { CompileJob, JobOptions, OutputFile } from "./compile-job.js";
import { readVersion } from "./version.js";

export class BuildCache {
  private readonly memory = new Map<string, OutputFile[]>();
  hits = 0;

  /** `directory`: where entries are kept on disk, or `undefined` for memory only. */
  constructor(private readonly directory: string | undefined) {}

  /** The key of `job` compiled with `options`: every input of the compilation, and the compiler itself. */
  key(job: CompileJob, options: JobOptions, inputMapText: string | undefined): string {
    return createHash("sha256")
      .update(JSON.stringify([compilerFingerprint(), options, job.sourceType, job.displayName, job.output, inputMapText ?? null]))
      .update("\0")
      .update(job.text)
      .digest("hex");
  }

  get(key: string): OutputFile[] | undefined {
    let outputs = this.memory.get(key);
    if (outputs === undefined && this.directory !== undefined) {
      try {
        outputs = JSON.parse(readFileSync(this.file(key), "utf8")) as OutputFile[];
        this.memory.set(key, outputs);
      } catch {
        outputs = undefined;
      }
    }
    if (outputs !== undefined) this.hits++;
    return outputs;
  }

  set(key: string, outputs: OutputFile[]): void {
    this.memory.set(key, outputs);
    if (this.directory === undefined) return;
    const file = this.file(key);
    try {
      mkdirSync(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(outputs));
      renameSync(temp, file);
    } catch {
      // A cache is an optimisation: a read-only or full disk only costs recompiling next time.
    }
  }

  private file(key: string): string {
    return join(this.directory!, key.slice(0, 2), `${key}.json`);
  }
}

let fingerprint: string | undefined;

/**
 * The CLI's version, the compiler's package.json and a hash of the compiler's built files: a
 * rebuilt compiler (same version, new code) invalidates every entry.
 */
export function compilerFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const manifestPath = createRequire(import.meta.url).resolve("@coro/compiler/package.json");
  fingerprint = fingerprintOf(dirname(manifestPath));
  return fingerprint;
}

/** The fingerprint of the compiler package at `packageDir` (its package.json and dist/**\/*.js). */
export function fingerprintOf(packageDir: string): string {
  const hash = createHash("sha256").update(readVersion()).update(readFileSync(join(packageDir, "package.json")));
  const dist = join(packageDir, "dist");
  for (const file of listJs(dist)) hash.update(file).update(readFileSync(join(dist, file)));
  return hash.digest("hex");
}

function listJs(directory: string, prefix = ""): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(directory, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listJs(directory, rel));
    else if (entry.name.endsWith(".js")) files.push(rel);
  }
  return files;
}
