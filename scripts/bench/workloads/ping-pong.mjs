// @bench {"title": "ping-pong: 10,000 tasks (5,000 pairs) hand a ball back and forth 5 times, yielding with tick()", "tick": true}
// A player waits for its turn by yielding to the scheduler (coro: sleep(0); others: a setImmediate
// promise), so every exchange costs at least one scheduler round-trip per player.
async function player(table, me, rounds, host) {
  let got = 0;
  for (let r = 0; r < rounds; r++) {
    while (table.turn !== me) await host.tick();
    got += table.ball;
    table.ball = table.ball * 3 + me + 1;
    table.ball %= 9973;
    table.turn = 1 - me;
  }
  return got;
}

export async function main(host) {
  const pairs = Math.max(1, Math.round(5000 * host.scale));
  const tasks = [];
  for (let p = 0; p < pairs; p++) {
    const table = { turn: 0, ball: p % 101 };
    tasks.push(host.spawn(player(table, 0, 5, host)));
    tasks.push(host.spawn(player(table, 1, 5, host)));
  }
  const got = await host.all(tasks);
  let sum = 0;
  for (const g of got) sum = (sum + g) % 1000003;
  return sum;
}
