// @bench {"title": "try/catch/finally, an await in each block, a throw every 10th iteration, 10⁵ iterations"}
async function value(i) {
  return i & 7;
}

async function check(i) {
  if (i % 10 === 0) throw new RangeError("bad " + i);
  return i;
}

export async function main(host) {
  const n = Math.round(100000 * host.scale);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    try {
      sum += await check(i);
    } catch (error) {
      sum += (await value(i)) + error.message.length;
    } finally {
      sum = (sum + (await value(i + 1))) % 1000003;
    }
  }
  return sum;
}
