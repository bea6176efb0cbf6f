// @bench {"title": "deep await chain: recursive async, depth 100 × 5,000 (5·10⁵ awaits)"}
// Every level awaits the next; nothing ever suspends (the innermost call returns at once).
async function rec(n) {
  if (n === 0) return 0;
  return (await rec(n - 1)) + 1;
}

export async function main(host) {
  const reps = Math.round(5000 * host.scale);
  let sum = 0;
  for (let i = 0; i < reps; i++) sum += await rec(100);
  return sum;
}
