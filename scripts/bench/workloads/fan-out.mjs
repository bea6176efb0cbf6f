// @bench {"title": "fan-out: 100,000 concurrent tasks, each suspends once, gathered", "tick": true}
async function leaf(x) {
  return (x * 31) & 1023;
}

async function worker(i, host) {
  let s = await leaf(i);
  await host.tick();
  s += await leaf(s + i);
  return s;
}

export async function main(host) {
  const n = Math.round(100000 * host.scale);
  const tasks = [];
  for (let i = 0; i < n; i++) tasks.push(host.spawn(worker(i, host)));
  const results = await host.all(tasks);
  let sum = 0;
  for (let i = 0; i < results.length; i++) sum = (sum + results[i] * (i % 13)) % 1000003;
  return sum;
}
