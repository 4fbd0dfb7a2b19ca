// A test PKI for TDX admission tests: a test root CA, a PCK platform CA and PCK leaf (with
// Intel's SGX extension), a TCB signing certificate, two CRLs, signed TCB-info and QE-identity
// JSON, and synthetic TDX quote v4 / TD 1.0 quotes with chosen registers and report_data.
// Everything dcap-qvl 0.3.9 checks holds, so the quotes verify when — and only when — the
// verifier is given this PKI's root (`trust.testRoot`). NOT Intel: never trust it in production.
import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { concatBytes, toHex, utf8 } from "../../../../compiler/fingerprint/bytes.js";
import { authData, qeReport, quoteHeader, tdReport10, type TdReportFields } from "./quote-layout.js";
import { sgxExtension, type PlatformTcb } from "./sgx-extension.js";
import { certificate, crl, name, pem } from "./x509.js";

export interface TestPkiOptions {
  /** Unix seconds: when the collateral (TCB info, QE identity, CRLs) was issued. */
  readonly issuedAt: bigint;
  /** How long the collateral stays valid, in seconds (default 30 days, as Intel's). */
  readonly validFor?: bigint;
  /** The TCB status the single TCB level reports (default UpToDate). */
  readonly tcbStatus?: string;
  /** Certificate serials listed as revoked in the PCK CRL. */
  readonly revokedSerials?: readonly bigint[];
}

export type SyntheticQuoteFields = Omit<TdReportFields, "teeTcbSvn">;

export interface TestPki {
  /** The test root CA certificate (DER): pass as `trust.testRoot` to accept its quotes. */
  readonly rootDer: Uint8Array;
  /** The collateral JSON text (pin its digest with collateralDigest). */
  readonly collateralJson: string;
  /** The serial numbers of the certificates, for CRL tests. */
  readonly serials: { readonly root: bigint; readonly platformCa: bigint; readonly pck: bigint; readonly tcbSigning: bigint };
  /** A correctly signed TDX quote v4 with these registers and report_data. */
  quote(fields: SyntheticQuoteFields): Uint8Array;
}

const DAY = 86_400n;
const PLATFORM: PlatformTcb = {
  cpuSvn: Uint8Array.from([3, 3, 2, 2, 2, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0]),
  pceSvn: 13,
  fmspc: Uint8Array.from([0x50, 0x80, 0x6f, 0x00, 0x00, 0x00]),
  pceId: Uint8Array.from([0, 0]),
};
const TEE_TCB_SVN = Uint8Array.from([6, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const QE_MRSIGNER = new Uint8Array(32).fill(0x5e);
const QE_PROD_ID = 2;
const QE_SVN = 4;
const SERIALS = { root: 0x7e57_0001n, platformCa: 0x7e57_0002n, pck: 0x7e57_0003n, tcbSigning: 0x7e57_0004n };

const keyPair = () => generateKeyPairSync("ec", { namedCurve: "P-256" });
const rawSign = (data: Uint8Array, key: KeyObject) => new Uint8Array(sign("sha256", data, { key, dsaEncoding: "ieee-p1363" }));
const iso = (unix: bigint) => new Date(Number(unix) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

function publicPoint(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: "jwk" });
  return concatBytes([Buffer.from(jwk.x as string, "base64url"), Buffer.from(jwk.y as string, "base64url")]);
}

function tcbInfoJson(o: TestPkiOptions, nextUpdate: bigint): string {
  const level = {
    tcb: {
      sgxtcbcomponents: Array.from(PLATFORM.cpuSvn, (svn) => ({ svn })),
      pcesvn: PLATFORM.pceSvn,
      tdxtcbcomponents: Array.from(TEE_TCB_SVN, (svn) => ({ svn })),
    },
    tcbDate: iso(o.issuedAt - 30n * DAY),
    tcbStatus: o.tcbStatus ?? "UpToDate",
  };
  return JSON.stringify({
    id: "TDX",
    version: 3,
    issueDate: iso(o.issuedAt),
    nextUpdate: iso(nextUpdate),
    fmspc: toHex(PLATFORM.fmspc).toUpperCase(),
    pceId: toHex(PLATFORM.pceId).toUpperCase(),
    tcbType: 0,
    tcbEvaluationDataNumber: 17,
    tdxModule: { mrsigner: "00".repeat(48), attributes: "0000000000000000", attributesMask: "FFFFFFFFFFFFFFFF" },
    tcbLevels: [level],
  });
}

function qeIdentityJson(o: TestPkiOptions, nextUpdate: bigint): string {
  return JSON.stringify({
    id: "TD_QE",
    version: 2,
    issueDate: iso(o.issuedAt),
    nextUpdate: iso(nextUpdate),
    tcbEvaluationDataNumber: 17,
    miscselect: "00000000",
    miscselectMask: "FFFFFFFF",
    attributes: "11000000000000000000000000000000",
    attributesMask: "FBFFFFFFFFFFFFFF0000000000000000",
    mrsigner: toHex(QE_MRSIGNER).toUpperCase(),
    isvprodid: QE_PROD_ID,
    tcbLevels: [{ tcb: { isvsvn: QE_SVN }, tcbDate: iso(o.issuedAt - 30n * DAY), tcbStatus: "UpToDate" }],
  });
}

export function createTestPki(options: TestPkiOptions): TestPki {
  const nextUpdate = options.issuedAt + (options.validFor ?? 30n * DAY);
  const certFrom = options.issuedAt - 365n * DAY;
  const certTo = options.issuedAt + 10n * 365n * DAY;
  const [root, platformCa, pck, tcbSigning, attestation] = [keyPair(), keyPair(), keyPair(), keyPair(), keyPair()];
  const rootName = name("Smalt TEST ROOT CA (not Intel)", "Smalt test PKI");
  const platformName = name("Smalt TEST PCK Platform CA", "Smalt test PKI");
  const validity = { notBefore: certFrom, notAfter: certTo };

  const rootDer = certificate({ serial: SERIALS.root, issuer: rootName, subject: rootName, ...validity, publicKey: root.publicKey, isCa: true }, root.privateKey);
  const platformDer = certificate({ serial: SERIALS.platformCa, issuer: rootName, subject: platformName, ...validity, publicKey: platformCa.publicKey, isCa: true }, root.privateKey);
  const pckDer = certificate(
    {
      serial: SERIALS.pck,
      issuer: platformName,
      subject: name("Smalt TEST PCK Certificate", "Smalt test PKI"),
      ...validity,
      publicKey: pck.publicKey,
      isCa: false,
      extensions: [sgxExtension(PLATFORM, new Uint8Array(16).fill(0x99))],
    },
    platformCa.privateKey,
  );
  const tcbDer = certificate(
    { serial: SERIALS.tcbSigning, issuer: rootName, subject: name("Smalt TEST TCB Signing", "Smalt test PKI"), ...validity, publicKey: tcbSigning.publicKey, isCa: false },
    root.privateKey,
  );
  const crlTimes = { thisUpdate: options.issuedAt, nextUpdate };
  const rootCrl = crl({ issuer: rootName, ...crlTimes, revokedSerials: [] }, root.privateKey);
  const pckCrl = crl({ issuer: platformName, ...crlTimes, revokedSerials: options.revokedSerials ?? [] }, platformCa.privateKey);

  const tcbInfo = tcbInfoJson(options, nextUpdate);
  const qeIdentity = qeIdentityJson(options, nextUpdate);
  const signingChain = pem(tcbDer) + pem(rootDer);
  const collateralJson = JSON.stringify({
    pck_crl_issuer_chain: pem(platformDer) + pem(rootDer),
    root_ca_crl: toHex(rootCrl),
    pck_crl: toHex(pckCrl),
    tcb_info_issuer_chain: signingChain,
    tcb_info: tcbInfo,
    tcb_info_signature: toHex(rawSign(utf8(tcbInfo), tcbSigning.privateKey)),
    qe_identity_issuer_chain: signingChain,
    qe_identity: qeIdentity,
    qe_identity_signature: toHex(rawSign(utf8(qeIdentity), tcbSigning.privateKey)),
  });

  const attestationKey = publicPoint(attestation.publicKey);
  const qeAuthData = Uint8Array.from({ length: 32 }, (_, i) => i);
  const qeHash = new Uint8Array(createHash("sha256").update(concatBytes([attestationKey, qeAuthData])).digest());
  const qe = qeReport({ cpuSvn: PLATFORM.cpuSvn, mrSigner: QE_MRSIGNER, isvProdId: QE_PROD_ID, isvSvn: QE_SVN, reportData: concatBytes([qeHash, new Uint8Array(32)]) });
  const qeSignature = rawSign(qe, pck.privateKey);
  const pckChainPem = utf8(pem(pckDer) + pem(platformDer) + pem(rootDer));

  return {
    rootDer,
    collateralJson,
    serials: SERIALS,
    quote(fields) {
      const signedPart = concatBytes([quoteHeader(0, 0), tdReport10({ ...fields, teeTcbSvn: TEE_TCB_SVN })]);
      const auth = authData({ signature: rawSign(signedPart, attestation.privateKey), attestationKey, qeReport: qe, qeReportSignature: qeSignature, qeAuthData, pckChainPem });
      const size = new Uint8Array(4);
      new DataView(size.buffer).setUint32(0, auth.length, true);
      return concatBytes([signedPart, size, auth]);
    },
  };
}
