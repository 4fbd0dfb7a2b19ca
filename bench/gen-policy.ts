// Generates large, realistic inputs for the front-end benchmark: a Smalt policy and a
// TypeScript file of about the same line count and shape (records, pure functions, a
// state machine with guarded handlers), so `smalt check` and `tsc --noEmit` compare fairly.

export function generateSmaltPolicy(targetLines: number): string {
  const out: string[] = ['network "bench"', ""];
  let i = 0;
  while (out.length < targetLines) {
    out.push(...smaltUnit(i++));
  }
  return out.join("\n") + "\n";
}

function smaltUnit(i: number): string[] {
  return [
    `// unit ${i}: a small sealed-bid market`,
    `record Bid${i} { amount: u64, qty: u64, seq: u64 }`,
    `enum Phase${i} { Open, Closed { round: u64 } }`,
    `const MAX_BIDS_${i}: u64 = ${4 + (i % 4)}`,
    ``,
    `fn fee${i}(amount: u64, rate: bps) -> u64 {`,
    `  return apply_bps(amount, rate)`,
    `}`,
    ``,
    `fn best${i}(bids: list<Bid${i}, 16>) -> u64 {`,
    `  var top: u64 = 0`,
    `  for b in bids {`,
    `    if b.amount > top { top = b.amount }`,
    `  }`,
    `  return top`,
    `}`,
    ``,
    `organism Market${i} {`,
    `  instance "bench.market-${i}"`,
    `  committee 3 of 5`,
    `  config { reserve: u64 = ${1000 + i}, rate: bps = 250 }`,
    `  state {`,
    `    round: u64 = 0`,
    `    bids: map<peer, list<Bid${i}, 16>, 1024>`,
    `    totals: map<peer, u64, 1024>`,
    `  }`,
    `  event Accepted { bidder: peer, amount: u64, fee: u64 }`,
    `  on bid(b: Bid${i}) {`,
    `    require b.amount >= config.reserve else "below reserve"`,
    `    require u64(len(bids[sender])) < MAX_BIDS_${i} else "too many bids"`,
    `    let f = fee${i}(b.amount, config.rate)`,
    `    bids[sender].push(b)`,
    `    totals[sender] += b.amount`,
    `    emit Accepted { bidder: sender, amount: b.amount, fee: f }`,
    `  }`,
    `  on close(r: u64) {`,
    `    require r == round else "wrong round"`,
    `    round += 1`,
    `  }`,
    `  query best_of(p: peer) -> u64 {`,
    `    return best${i}(bids[p])`,
    `  }`,
    `  invariant bounded { all p, t in totals: t >= 0 }`,
    `}`,
    ``,
  ];
}

export function generateTypeScript(targetLines: number): string {
  const out: string[] = [`type Peer = string;`, `class Abort extends Error {}`, ""];
  let i = 0;
  while (out.length < targetLines) out.push(...tsUnit(i++));
  return out.join("\n") + "\n";
}

function tsUnit(i: number): string[] {
  return [
    `// unit ${i}: a small sealed-bid market`,
    `interface Bid${i} { readonly amount: bigint; readonly qty: bigint; readonly seq: bigint }`,
    `type Phase${i} = { kind: "Open" } | { kind: "Closed"; round: bigint };`,
    `const MAX_BIDS_${i}: bigint = ${4 + (i % 4)}n;`,
    ``,
    `function fee${i}(amount: bigint, rate: bigint): bigint {`,
    `  return (amount * rate) / 10000n;`,
    `}`,
    ``,
    `function best${i}(bids: readonly Bid${i}[]): bigint {`,
    `  let top = 0n;`,
    `  for (const b of bids) {`,
    `    if (b.amount > top) top = b.amount;`,
    `  }`,
    `  return top;`,
    `}`,
    ``,
    `class Market${i} {`,
    `  readonly instance = "bench.market-${i}";`,
    `  readonly config = { reserve: ${1000 + i}n, rate: 250n };`,
    `  round = 0n;`,
    `  bids = new Map<Peer, Bid${i}[]>();`,
    `  totals = new Map<Peer, bigint>();`,
    `  events: { bidder: Peer; amount: bigint; fee: bigint }[] = [];`,
    `  bid(sender: Peer, b: Bid${i}): void {`,
    `    if (!(b.amount >= this.config.reserve)) throw new Abort("below reserve");`,
    `    const mine = this.bids.get(sender) ?? [];`,
    `    if (!(BigInt(mine.length) < MAX_BIDS_${i})) throw new Abort("too many bids");`,
    `    const f = fee${i}(b.amount, this.config.rate);`,
    `    this.bids.set(sender, [...mine, b]);`,
    `    this.totals.set(sender, (this.totals.get(sender) ?? 0n) + b.amount);`,
    `    this.events.push({ bidder: sender, amount: b.amount, fee: f });`,
    `  }`,
    `  close(r: bigint): void {`,
    `    if (r !== this.round) throw new Abort("wrong round");`,
    `    this.round += 1n;`,
    `  }`,
    `  bestOf(p: Peer): bigint {`,
    `    return best${i}(this.bids.get(p) ?? []);`,
    `  }`,
    `  bounded(): boolean {`,
    `    return [...this.totals.values()].every((t) => t >= 0n);`,
    `  }`,
    `}`,
    ``,
  ];
}
