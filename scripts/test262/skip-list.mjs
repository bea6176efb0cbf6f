/**
 * The one place that says which test262 tests are not run, by `features:` tag, and why.
 *
 * A test is skipped when any of its features is listed here. Everything else in the subset runs.
 */

/** Feature tag → why tests carrying it are skipped. */
export const SKIPPED_FEATURES = new Map([
  // Proposals outside ES2025.
  ["explicit-resource-management", "proposal outside ES2025 (using / await using)"],
  ["decorators", "proposal outside ES2025"],
  ["import-defer", "proposal outside ES2025"],
  ["source-phase-imports", "proposal outside ES2025"],
  ["source-phase-imports-module-source", "proposal outside ES2025 (needs a host <module source>)"],
  // Host hooks that Node's V8 does not offer to a runner.
  ["IsHTMLDDA", "host hook $262.IsHTMLDDA needs a V8 embedder object Node does not expose"],
  ["host-gc-required", "host hook $262.gc needs --expose-gc semantics test262 does not pin down"],
]);

/**
 * Features the host engine itself may lack (Node 20's V8 vs Node 24's): skipped only on a host
 * that fails the probe, because then the test would judge V8, not coro.
 */
const HOST_PROBES = new Map([
  ["promise-with-resolvers", () => typeof Promise.withResolvers === "function"],
]);

/** Feature tag → why it is skipped on this host (static reasons plus failed host probes). */
export function skippedFeatures() {
  const skipped = new Map(SKIPPED_FEATURES);
  for (const [feature, probe] of HOST_PROBES) {
    if (!probe()) skipped.set(feature, `the host engine (Node ${process.versions.node}) lacks it`);
  }
  return skipped;
}

const active = skippedFeatures();

/** The first skipped feature of a test, or undefined when it runs. */
export function skippedFeature(features) {
  return features.find((feature) => active.has(feature));
}

/** Whether `feature` is skipped only because this host lacks it (it runs on a newer Node). */
export function isHostSkip(feature) {
  return HOST_PROBES.has(feature) && active.has(feature);
}
