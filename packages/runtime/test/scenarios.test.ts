// Scenario tests of real patterns, on the virtual clock (deterministic, instant).
import { describe, expect, it } from "vitest";
import { program } from "./compiled.js";

describe("scenarios", () => {
  it("a rate-limited crawler over a fake fetch, with per-request timeouts and retries with backoff", async () => {
    const { log } = await program(`
      // latency (ms) and how many first attempts fail with a 503
      const pages = { "/a": [10, 0], "/b": [80, 0], "/c": [20, 2], "/d": [5, 0] };
      const attempts = {};
      async function fakeFetch(url) {
        const [ms, fails] = pages[url];
        attempts[url] = (attempts[url] ?? 0) + 1;
        await sleep(ms);
        if (attempts[url] <= fails) throw new Error("503 " + url);
        return "<" + url + ">";
      }
      const limit = new Semaphore(2);                 // at most two requests in flight
      async function fetchWithRetry(url) {
        for (let attempt = 1; ; attempt++) {
          try {
            return await limit.hold(() => waitFor(fakeFetch(url), 50));
          } catch (e) {
            say(url, "attempt", attempt, "failed at", now(), e instanceof TimeoutError ? "timeout" : e.message);
            if (attempt === 3) throw e;
            await sleep(10 * attempt);                // back off, without holding a permit
          }
        }
      }
      async function crawl(urls) {
        const results = {};
        await TaskGroup.run(async (tg) => {
          for (const url of urls) {
            tg.createTask((async () => {
              try { results[url] = await fetchWithRetry(url); } catch { results[url] = "gave up"; }
            })());
          }
        });
        say(JSON.stringify(results), "at", now(), "attempts", JSON.stringify(attempts));
      }
      runSync(crawl(["/a", "/b", "/c", "/d"]));
    `);
    expect(log).toEqual([
      "/c attempt 1 failed at 30 503 /c", // /c waited for /a's permit (t=10), failed after 20 ms
      "/b attempt 1 failed at 50 timeout", // 80 ms latency > 50 ms timeout
      "/c attempt 2 failed at 60 503 /c", // retried at 40 (/d had come and gone at 30–35)
      "/b attempt 2 failed at 110 timeout", // retried at 60
      "/b attempt 3 failed at 180 timeout", // retried at 130, then gave up
      // results in the order they came in: /a at 10, /d at 35, /c at 100 (third attempt), /b gave up
      '{"/a":"</a>","/d":"</d>","/c":"</c>","/b":"gave up"} at 180 attempts {"/a":1,"/b":3,"/c":3,"/d":1}',
    ]);
  });

  it("cancelling a chain 50 coroutines deep: every finally block runs, innermost first, each awaiting", async () => {
    const { log } = await program(`
      const closed = [];
      async function level(n) {
        try { if (n === 0) await sleep(1000); else await level(n - 1); }
        finally { await sleep(1); closed.push(n + "@" + now()); }
      }
      async function main() {
        const t = spawn(level(49), "deep");
        await sleep(10);
        say("stack depth", t.getStack().length, t.getStack()[50].name);
        t.cancel("stop");
        try { await t; } catch (e) { say(e.name, e.message, "at", now()); }
        say(closed.length, closed[0], closed[1], closed[49], t.cancelled());
      }
      runSync(main());
    `);
    expect(log).toEqual(["stack depth 51 sleep", "CancelledError stop at 60", "50 0@11 1@12 49@60 true"]);
  });
});
