// @bench {"title": "generators: function*, yield, yield* — a lazy range → map → filter pipeline (3·10⁵ values), an in-order tree walk by recursive yield* (depth 10, 2,047 nodes × 50), and next(value) driving (10⁵ sends)"}
// Synchronous generators only; main is async so every column runs it the same way.
function* range(n) {
  for (let i = 0; i < n; i++) yield i;
}

function* map(source, f) {
  for (const x of source) yield f(x);
}

function* filter(source, keep) {
  for (const x of source) if (keep(x)) yield x;
}

function build(lo, hi) {
  if (lo > hi) return null;
  const mid = (lo + hi) >> 1;
  return { value: mid, left: build(lo, mid - 1), right: build(mid + 1, hi) };
}

function* walk(node) {
  if (node === null) return;
  yield* walk(node.left);
  yield node.value;
  yield* walk(node.right);
}

/** A running total that receives its inputs by `next(value)` and yields the total so far. */
function* accumulator() {
  let total = 0;
  for (;;) {
    const x = yield total;
    if (x === undefined) return total;
    total = (total + x) % 1000003;
  }
}

export async function main(host) {
  const n = Math.max(10, Math.round(300000 * host.scale));
  let sum = 0;
  for (const x of filter(map(range(n), (x) => x * 3), (x) => x % 2 === 0)) sum = (sum + x) % 1000003;
  const tree = build(0, 2046);
  const walks = Math.max(1, Math.round(50 * host.scale));
  for (let r = 0; r < walks; r++) for (const v of walk(tree)) sum = (sum + v * r) % 1000003;
  const acc = accumulator();
  acc.next();
  const sends = Math.max(10, Math.round(100000 * host.scale));
  for (let i = 0; i < sends; i++) sum = (sum + acc.next(i).value) % 1000003;
  sum = (sum + acc.next().value) % 1000003;
  return sum;
}
