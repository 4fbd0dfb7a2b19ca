// How many replicas `smalt run` starts and the quorum they need: the policy's
// `committee q of n` unless --replicas says otherwise, in which case a strict majority of
// the replicas given (and the header says so); 3 replicas, quorum 2, when the policy
// declares no committee.
import type { OrganismDef } from "../compiler/ir/declarations.js";

export interface CommitteeShape {
  readonly quorum: number;
  readonly size: number;
  /** Why the shape differs from the declaration, for the run's header ("" when it does not). */
  readonly note: string;
}

export function committeeShape(def: OrganismDef, replicas: number | undefined): CommitteeShape {
  const declared = def.committee ? { quorum: Number(def.committee.quorum), size: Number(def.committee.size) } : undefined;
  if (declared && (replicas === undefined || replicas === declared.size)) return { ...declared, note: "" };
  const size = replicas ?? 3;
  const quorum = Math.floor(size / 2) + 1;
  const note = declared
    ? ` (the policy declares ${declared.quorum} of ${declared.size}; --replicas ${size} runs a strict majority)`
    : " (the policy declares no committee: a strict majority)";
  return { quorum, size, note };
}
