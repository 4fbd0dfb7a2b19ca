// Byte layout of a DCAP quote v4 with a TD 1.0 report (Intel TDX DCAP Quoting Library API,
// appendix A), as dcap-qvl parses it: 48-byte header, 584-byte TD report, then the signed
// auth data with the QE report certification data (type 6) wrapping a PCK chain (type 5).
import { concatBytes } from "../../../../compiler/fingerprint/bytes.js";

export const INTEL_QE_VENDOR_ID = Uint8Array.from([0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9, 0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07]);

export const u16 = (n: number): Uint8Array => Uint8Array.of(n & 0xff, (n >> 8) & 0xff);
export const u32 = (n: number): Uint8Array => Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);

function fixed(bytes: Uint8Array | undefined, length: number, what: string): Uint8Array {
  const b = bytes ?? new Uint8Array(length);
  if (b.length !== length) throw new RangeError(`test-pki: ${what} must be ${length} bytes, got ${b.length}`);
  return b;
}

export function quoteHeader(qeSvn: number, pceSvn: number): Uint8Array {
  return concatBytes([u16(4), u16(2), u32(0x81), u16(qeSvn), u16(pceSvn), INTEL_QE_VENDOR_ID, new Uint8Array(20)]);
}

export interface TdReportFields {
  readonly teeTcbSvn: Uint8Array;
  readonly mrtd?: Uint8Array;
  readonly rtmr0?: Uint8Array;
  readonly rtmr1?: Uint8Array;
  readonly rtmr2?: Uint8Array;
  readonly rtmr3?: Uint8Array;
  readonly reportData: Uint8Array;
}

/** TD attributes with only SEPT_VE_DISABLE set: not debug, no reserved bits (dcap-qvl requires this). */
const TD_ATTRIBUTES = Uint8Array.of(0, 0, 0, 0x10, 0, 0, 0, 0);
const XFAM = Uint8Array.of(0xe7, 0x02, 0x06, 0, 0, 0, 0, 0);

export function tdReport10(f: TdReportFields): Uint8Array {
  return concatBytes([
    fixed(f.teeTcbSvn, 16, "TEE_TCB_SVN"),
    new Uint8Array(48), // MRSEAM
    new Uint8Array(48), // MRSIGNERSEAM
    new Uint8Array(8), // SEAMATTRIBUTES
    TD_ATTRIBUTES,
    XFAM,
    fixed(f.mrtd, 48, "MR_TD"),
    new Uint8Array(48 * 3), // MRCONFIGID, MROWNER, MROWNERCONFIG
    fixed(f.rtmr0, 48, "RTMR0"),
    fixed(f.rtmr1, 48, "RTMR1"),
    fixed(f.rtmr2, 48, "RTMR2"),
    fixed(f.rtmr3, 48, "RTMR3"),
    fixed(f.reportData, 64, "report_data"),
  ]);
}

export interface QeReportFields {
  readonly cpuSvn: Uint8Array;
  readonly mrSigner: Uint8Array;
  readonly isvProdId: number;
  readonly isvSvn: number;
  readonly reportData: Uint8Array;
}

/** QE attributes as Intel's TD_QE identity expects them (0x11: INIT | MODE64BIT, not DEBUG). */
const QE_ATTRIBUTES = Uint8Array.of(0x11, ...new Uint8Array(15));

/** The 384-byte SGX enclave report of the quoting enclave. */
export function qeReport(f: QeReportFields): Uint8Array {
  return concatBytes([
    fixed(f.cpuSvn, 16, "QE CPUSVN"),
    u32(0), // MISCSELECT
    new Uint8Array(28),
    QE_ATTRIBUTES,
    new Uint8Array(32), // MRENCLAVE
    new Uint8Array(32),
    fixed(f.mrSigner, 32, "QE MRSIGNER"),
    new Uint8Array(96),
    u16(f.isvProdId),
    u16(f.isvSvn),
    new Uint8Array(60),
    fixed(f.reportData, 64, "QE report_data"),
  ]);
}

export interface AuthDataFields {
  readonly signature: Uint8Array;
  readonly attestationKey: Uint8Array;
  readonly qeReport: Uint8Array;
  readonly qeReportSignature: Uint8Array;
  readonly qeAuthData: Uint8Array;
  readonly pckChainPem: Uint8Array;
}

export function authData(f: AuthDataFields): Uint8Array {
  const inner = concatBytes([u16(5), u32(f.pckChainPem.length), f.pckChainPem]);
  const qeCert = concatBytes([f.qeReport, fixed(f.qeReportSignature, 64, "QE report signature"), u16(f.qeAuthData.length), f.qeAuthData, inner]);
  return concatBytes([fixed(f.signature, 64, "quote signature"), fixed(f.attestationKey, 64, "attestation key"), u16(6), u32(qeCert.length), qeCert]);
}
