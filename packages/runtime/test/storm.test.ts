// Cancellation storms (scripts/soak/storm.js): thousands of tasks over a lock, a semaphore, a queue
// and an event, cancelled at random moments (a seeded PRNG), many of them while their finally
// blocks run and await. Nothing may stay pending, no primitive may stay held, and every error that
// escaped a task is reported.
import { describe, expect, it } from "vitest";
import { scriptModule } from "./compiled.js";

interface Summary {
  pending: number;
  notDone: number;
  lockHeld: boolean;
  semValue: number;
  cancelled: number;
  failed: number;
  succeeded: number;
  thrown: number;
  cancelsInFinally: number;
  uncancelled: number;
  reportedTasks: number;
  reportedTwice: number;
  unreportedFailures: number;
  otherReports: string[];
  foreign: string[];
}

describe("cancellation storms", () => {
  it("leave no task pending, no lock held, and every escaped error reported exactly once", async () => {
    const { storm } = await scriptModule<{ storm: (seed: number, n: number) => Summary }>("storm.js");
    for (const seed of [1, 2, 3]) {
      const s = storm(seed, 2000);
      expect({ seed, pending: s.pending, notDone: s.notDone, lockHeld: s.lockHeld, semValue: s.semValue }).toEqual({
        seed,
        pending: 0,
        notDone: 0,
        lockHeld: false,
        semValue: 3,
      });
      expect(s.cancelled + s.failed + s.succeeded).toBe(2000);
      expect({ reportedTwice: s.reportedTwice, unreportedFailures: s.unreportedFailures, otherReports: s.otherReports }).toEqual({
        reportedTwice: 0,
        unreportedFailures: 0,
        otherReports: [],
      });
      expect(s.reportedTasks).toBe(s.failed);
      // The storm really hit every case: cancelled tasks, failures, cancels landing in finally blocks, swallowed cancels.
      expect(Math.min(s.cancelled, s.failed, s.succeeded, s.cancelsInFinally, s.uncancelled)).toBeGreaterThan(10);
      expect(s.foreign).toEqual([]);
      expect(s.thrown).toBeGreaterThanOrEqual(s.failed);
    }
  });

  it("is deterministic: the same seed gives the same outcome", async () => {
    const { storm } = await scriptModule<{ storm: (seed: number, n: number) => Summary }>("storm.js");
    expect(storm(42, 1000)).toEqual(storm(42, 1000));
  });
});
