/** What belongs to coro and what to the script in `coro run`. */
import { describe, expect, it } from "vitest";
import { commonDirectory } from "../src/discover.js";
import { splitRunArgv } from "../src/split-run-argv.js";

describe("splitRunArgv", () => {
  it.each([
    [["run", "app.js", "--port", "80"], ["run", "app.js"], ["--port", "80"]],
    [["--mode", "coroutine", "run", "app.js", "x"], ["--mode", "coroutine", "run", "app.js"], ["x"]],
    [["run", "--mode", "coroutine", "app.js", "--mode", "y"], ["run", "--mode", "coroutine", "app.js"], ["--mode", "y"]],
    [["run", "--", "-weird.js", "a"], ["run", "-weird.js"], ["a"]],
    [["build", "src", "--out-dir", "run"], ["build", "src", "--out-dir", "run"], []],
    [["run"], ["run"], []],
  ])("%j", (args, coro, script) => {
    expect(splitRunArgv(args)).toEqual({ coro, script });
  });
});

describe("commonDirectory", () => {
  it("is the deepest shared ancestor", () => {
    expect(commonDirectory(["/a/b/c", "/a/b/d/e", "/a/b"])).toBe("/a/b");
    expect(commonDirectory(["/a/bc", "/a/b"])).toBe("/a");
    expect(commonDirectory(["/x", "/y"])).toBe("/");
  });
});
