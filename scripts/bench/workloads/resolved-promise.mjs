// @bench {"title": "awaiting already-resolved native promises, 3·10⁵ times", "note": "coro coroutine mode: a native promise is a host wait (Task → then → loop wake-up), the interop path"}
export async function main(host) {
  const n = Math.round(300000 * host.scale);
  const resolved = [Promise.resolve(1), Promise.resolve(2), Promise.resolve(3)];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += await resolved[i % 3];
  return sum;
}
