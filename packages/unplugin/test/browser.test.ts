/**
 * The Vite build of the fixture app (`vite build` with the README's vite.config.js) in headless Chromium (Debian's, driven by playwright-core),
 * served with a strict Content-Security-Policy (`script-src 'self'`, no `unsafe-eval`): the page
 * must print the app's expected output, log it to the console, and break no CSP rule. A
 * screenshot is kept in artifacts/browser/ at the repository root.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPECTED } from "./helpers/app.js";
import { serveStatic, type StaticServer } from "./helpers/static-server.js";
import { nodeIn, userProject } from "./helpers/user-project.js";

/** Debian's chromium; CORO_CHROMIUM names another build of Chromium. */
const CHROMIUM = process.env["CORO_CHROMIUM"] ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];
const ARTIFACTS = fileURLToPath(new URL("../../../artifacts/browser/", import.meta.url));

/**
 * Outside CI a machine without Debian's chromium skips this file (install it with
 * `apt-get install -y chromium`); in CI (`CI=true`, where .ci/run installs it) it must run.
 */
const SKIP = !existsSync(CHROMIUM) && process.env["CI"] !== "true";

/** What the page did: console messages by type, uncaught errors, and CSP violations it reported. */
interface Observed {
  console: { type: string; text: string }[];
  errors: string[];
}

/** Opens `url` and collects what it says; CSP violations are logged by a listener the page cannot block. */
async function open(browser: Browser, url: string): Promise<{ page: Page; observed: Observed }> {
  const page = await browser.newPage({ viewport: { width: 720, height: 560 } });
  const observed: Observed = { console: [], errors: [] };
  page.on("console", (message) => observed.console.push({ type: message.type(), text: message.text() }));
  page.on("pageerror", (error) => observed.errors.push(error.message));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  await page.goto(url);
  return { page, observed };
}

describe.skipIf(SKIP)("the Vite build in headless Chromium under a strict CSP", () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`);
    // `vite build` with the README's vite.config.js.
    const app = userProject("vite.config.js");
    const built = nodeIn(app, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "error"]);
    expect(built.stderr).toBe("");
    expect(built.status).toBe(0);
    const outDir = join(app, "dist");
    // A control page that breaks the policy twice: an inline script, and `new Function` in a script of its own.
    writeFileSync(
      join(outDir, "violation.html"),
      '<!doctype html><title>violation</title><script>console.log("inline ran")</script><script src="/eval.js"></script>',
    );
    writeFileSync(
      join(outDir, "eval.js"),
      'try { new Function("return 1")(); console.log("eval ran"); } catch (error) { console.log(`eval refused: ${error.name}`); }\n',
    );
    server = await serveStatic(outDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("runs the app: the page shows and logs the expected output, with no error and no CSP violation", async () => {
    const { page, observed } = await open(browser, server.url);
    await page.waitForFunction(() => document.getElementById("out")?.textContent?.endsWith("done\n"), undefined, { timeout: 15_000 });
    expect(await page.locator("#out").textContent()).toBe(EXPECTED);
    expect(observed.console).toEqual(EXPECTED.trimEnd().split("\n").map((text) => ({ type: "log", text })));
    expect(observed.errors).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    const screenshot = join(ARTIFACTS, "tasks-app.png");
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe("PNG");
    await page.close();
  });

  it("would notice a CSP violation: the control page's inline script and new Function are refused and reported", async () => {
    const { page, observed } = await open(browser, `${server.url}violation.html`);
    await page.waitForFunction(() => document.readyState === "complete");
    const texts = () => observed.console.map((message) => message.text);
    await expect.poll(texts).toContain("eval refused: EvalError");
    expect(texts()).toContain("CSP violation: script-src-elem blocked inline");
    expect(texts()).toContain("CSP violation: script-src blocked eval");
    expect(texts()).not.toContain("inline ran");
    expect(texts()).not.toContain("eval ran");
    await page.close();
  });
});
