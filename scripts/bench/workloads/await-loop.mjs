// @bench {"title": "await loop: a trivial async function awaited 10⁶ times"}
async function add(a, b) {
  return a + b;
}

export async function main(host) {
  const n = Math.round(1000000 * host.scale);
  let sum = 0;
  for (let i = 0; i < n; i++) sum = (await add(sum, i)) % 1000003;
  return sum;
}
