// Intel's SGX extension (OID 1.2.840.113741.1.13.1) of a PCK certificate, as dcap-qvl reads
// it: a SEQUENCE of (OID, value) pairs: PPID, TCB (16 component SVNs, PCESVN, CPUSVN),
// PCE-ID, FMSPC and SGX type.
import { enumerated, integer, octetString, oid, sequence } from "./der.js";
import type { Extension } from "./x509.js";

const SGX = "1.2.840.113741.1.13.1";

export interface PlatformTcb {
  /** 16 bytes: the platform's SGX TCB component SVNs (CPUSVN). */
  readonly cpuSvn: Uint8Array;
  readonly pceSvn: number;
  /** 6 bytes. */
  readonly fmspc: Uint8Array;
  /** 2 bytes. */
  readonly pceId: Uint8Array;
}

function pair(suffix: string, value: Uint8Array): Uint8Array {
  return sequence(oid(`${SGX}.${suffix}`), value);
}

export function sgxExtension(tcb: PlatformTcb, ppid: Uint8Array): Extension {
  const components = Array.from(tcb.cpuSvn, (svn, i) => pair(`2.${i + 1}`, integer(svn)));
  const tcbSeq = sequence(...components, pair("2.17", integer(tcb.pceSvn)), pair("2.18", octetString(tcb.cpuSvn)));
  const value = sequence(
    pair("1", octetString(ppid)),
    sequence(oid(`${SGX}.2`), tcbSeq),
    pair("3", octetString(tcb.pceId)),
    pair("4", octetString(tcb.fmspc)),
    pair("5", enumerated(0)),
  );
  return { oid: SGX, critical: false, value };
}
