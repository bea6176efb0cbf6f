// @bench {"title": "resume at await depth 1000: the innermost frame of a depth-1000 chain suspends 50,000 times", "tick": true, "nodeFlags": ["--stack-size=4000"], "note": "every column runs with node --stack-size=4000: at depth 1,000 the regenerator, TypeScript and SWC columns overflow the default stack while the chain is being built"}
// The loop resumes the innermost frame each time; a driver that keeps the chain explicitly pays
// the same per resume at any depth.
async function innermost(n, host) {
  let s = 0;
  for (let i = 0; i < n; i++) {
    await host.tick();
    s = (s + i) % 1000003;
  }
  return s;
}

async function chain(depth, n, host) {
  if (depth === 1) return await innermost(n, host);
  return (await chain(depth - 1, n, host)) + 1;
}

export async function main(host) {
  const n = Math.round(50000 * host.scale);
  return chain(1000, n, host);
}
