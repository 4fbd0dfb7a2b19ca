// Reference evaluator, part 7: the built-in asset ledger. An asset `x` lives in two state
// entries, `$x.balances` (map<peer, u128>) and `$x.supply` (u128); see assetStateFields.
import type { AssetOpName } from "../ir/expressions.js";
import type { Type } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import { mapEntries, mapGet, mapRemove, mapSet } from "./collections.js";
import type { Frame } from "./frame.js";
import { Abort, fit, int, mkInt } from "./value-ops.js";

const U128: Type = { kind: "Prim", name: "u128" };
export const BALANCES_TYPE: Type = { kind: "Map", key: { kind: "Prim", name: "peer" }, value: U128, capacity: 2n ** 32n };

export function assetStateFields(asset: string): { balances: string; supply: string } {
  return { balances: `$${asset}.balances`, supply: `$${asset}.supply` };
}

export function evalAssetOp(f: Frame, asset: string, op: AssetOpName, args: readonly Value[], type: Type): Value {
  const names = assetStateFields(asset);
  const balances = () => f.readState(names.balances);
  const balanceOf = (who: Value) => int(mapGet(balances(), who, BALANCES_TYPE, f.index) ?? mkInt(0n));
  const setBalance = (who: Value, amount: bigint) =>
    f.writeState(names.balances, amount === 0n ? mapRemove(balances(), who, BALANCES_TYPE, f.index) : mapSet(balances(), who, mkInt(amount), BALANCES_TYPE, f.index));
  const positive = (n: bigint) => {
    if (n <= 0n) throw new Abort("asset", `${asset}.${op} needs a positive amount, got ${n}`);
    return n;
  };
  const debit = (who: Value, n: bigint) => {
    const have = balanceOf(who);
    if (have < n) throw new Abort("asset", `insufficient ${asset}: need ${n}, have ${have}`);
    setBalance(who, have - n);
  };
  switch (op) {
    case "mint": {
      const n = positive(int(args[1]));
      f.writeState(names.supply, fit(int(f.readState(names.supply)) + n, U128, `${asset}.mint`));
      setBalance(args[0], int(fit(balanceOf(args[0]) + n, U128, `${asset}.mint`)));
      return { kind: "None" };
    }
    case "burn": {
      const n = positive(int(args[1]));
      debit(args[0], n);
      f.writeState(names.supply, mkInt(int(f.readState(names.supply)) - n));
      return { kind: "None" };
    }
    case "transfer": {
      const n = positive(int(args[2]));
      debit(args[0], n);
      setBalance(args[1], int(fit(balanceOf(args[1]) + n, U128, `${asset}.transfer`)));
      return { kind: "None" };
    }
    case "balance":
      return fit(balanceOf(args[0]), type, `${asset}.balance`);
    case "total":
      return fit(mapEntries(balances()).reduce((s, [, v]) => s + int(v), 0n), type, `${asset}.total`);
    case "supply":
      return fit(int(f.readState(names.supply)), type, `${asset}.supply`);
    default:
      throw new Error(`internal error: unknown asset operation ${op as string}`);
  }
}
