// The soak of scripts/soak.mjs, scaled down (the full run: `node scripts/soak.mjs`, figures in the
// README): tasks through a Queue, a Semaphore and a Lock leave nothing behind, and the heap after a
// second round is what it was after the first.
import { describe, expect, it } from "vitest";
import { heapAfterGC } from "./collect.js";
import { scriptModule } from "./compiled.js";

interface Workload {
  flow(total: number, batch: number): { sum: number; expected: number; left: number };
  sleepers(n: number, measure: () => number): { finished: number; left: number; measured: number };
}

const load = (): Promise<Workload> => scriptModule<Workload>("workload.js");

describe("soak (scaled down)", () => {
  it("5,000 tasks per round through queue, semaphore and lock: all finish, nothing held, heap flat", async () => {
    const { flow } = await load();
    flow(2000, 1000); // warm-up
    const heaps: number[] = [];
    for (let round = 0; round < 5; round++) {
      expect(flow(5_000, 2_500)).toEqual({ sum: (5_000 * 4_999) / 2, expected: (5_000 * 4_999) / 2, left: 0 });
      heaps.push(heapAfterGC());
    }
    // 5,000 leaked tasks would be megabytes (a suspended task weighs over 1 KB), more each round.
    // V8 sometimes keeps about 5 MB of old space alive through one full GC after a round and frees
    // it after the next (seen on Node 20 and 24 in about one round in four, never two rounds running),
    // so the lowest of the last three rounds is compared with the lowest of the first two: a leak
    // raises every later round.
    const low = (xs: number[]): number => Math.min(...xs);
    expect(low(heaps.slice(2)) - low(heaps.slice(0, 2))).toBeLessThan(1024 * 1024);
  });

  it("10,000 concurrent sleeping tasks all finish and are freed", async () => {
    const { sleepers } = await load();
    const before = heapAfterGC();
    const { finished, left, measured } = sleepers(10_000, heapAfterGC);
    const after = heapAfterGC();
    expect({ finished, left }).toEqual({ finished: 10_000, left: 0 });
    const perTask = (measured - before) / 10_000;
    expect(perTask).toBeGreaterThan(100);
    expect((after - before) / 10_000).toBeLessThan(perTask / 10);
  });
});
