// Emit stage, assets: the built-in ledger of each `asset`, stored in two state entries named
// by compiler/eval/assets.ts (`$x.balances`: map<peer, u128>, `$x.supply`: u128), so state
// roots agree with the reference evaluator. Only the operations a module uses are emitted.
// A zero balance is removed from the map, so the ledger's shape depends only on the balances.
import type { EmitEnv } from "./emit-env.js";

const positive = (asset: string, op: string) =>
  `if (n <= 0n) $.abort("asset", \`${asset}.${op} needs a positive amount, got \${n}\`);`;

function debit(env: EmitEnv, asset: string, who: string): string {
  const f = env.assetFields(asset);
  return [
    `const have = ${f.balances}.getOr(${who}, 0n);`,
    `if (have < n) $.abort("asset", \`insufficient ${asset}: need \${n}, have \${have}\`);`,
    `${f.balances} = have === n ? ${f.balances}.delete(${who}) : ${f.balances}.set(${who}, have - n);`,
  ].join("\n");
}

function credit(env: EmitEnv, asset: string, op: string, who: string): string {
  const f = env.assetFields(asset);
  return `${f.balances} = ${f.balances}.update(${who}, 0n, ($old) => $.int.fit("u128", $old + n, ${JSON.stringify(`${asset}.${op}`)}));`;
}

/** The ledger functions used by the module, sorted by asset then operation. */
export function emitLedgers(env: EmitEnv): string {
  return [...env.assetOpsUsed].sort().map((key) => {
    const [asset, op] = key.split(".");
    const f = env.assetFields(asset);
    const name = `ledger_${asset}_${op}`;
    switch (op) {
      case "mint":
        return [
          `/** \`${asset}.mint(to, n)\`: new units, added to the supply and to \`to\`'s balance. */`,
          `function ${name}($s: Working, to: Uint8Array, n: bigint): void {`,
          positive(asset, op),
          `${f.supply} = $.int.fit("u128", ${f.supply} + n, ${JSON.stringify(`${asset}.mint`)});`,
          credit(env, asset, op, "to"),
          "}",
        ].join("\n");
      case "burn":
        return [
          `/** \`${asset}.burn(from, n)\`: units destroyed; the balance must cover them. */`,
          `function ${name}($s: Working, from: Uint8Array, n: bigint): void {`,
          positive(asset, op),
          debit(env, asset, "from"),
          `${f.supply} = ${f.supply} - n;`,
          "}",
        ].join("\n");
      case "transfer":
        return [
          `/** \`${asset}.transfer(from, to, n)\`: the debit must be covered; the supply is unchanged. */`,
          `function ${name}($s: Working, from: Uint8Array, to: Uint8Array, n: bigint): void {`,
          positive(asset, op),
          debit(env, asset, "from"),
          credit(env, asset, op, "to"),
          "}",
        ].join("\n");
      default:
        throw new Error(`internal error: unknown ledger operation ${op}`);
    }
  }).join("\n\n");
}
