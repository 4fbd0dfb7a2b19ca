// X.509 v3 certificates and v2 CRLs for the test PKI, signed ECDSA P-256 / SHA-256 with
// node:crypto. Only what dcap-qvl reads is modelled: names (CN, O), validity, the public
// key, basicConstraints and extra extensions (Intel's SGX extension on the PCK leaf).
import { sign, type KeyObject } from "node:crypto";
import { bitString, bool, explicit, integer, octetString, oid, sequence, set, time, utf8String } from "./der.js";

const ECDSA_WITH_SHA256 = sequence(oid("1.2.840.10045.4.3.2"));
const COMMON_NAME = "2.5.4.3";
const ORGANIZATION = "2.5.4.10";
const BASIC_CONSTRAINTS = "2.5.29.19";
const KEY_USAGE = "2.5.29.15";

export function name(commonName: string, organization: string): Uint8Array {
  return sequence(set(sequence(oid(COMMON_NAME), utf8String(commonName))), set(sequence(oid(ORGANIZATION), utf8String(organization))));
}

export interface Extension {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Uint8Array;
}

export interface CertificateSpec {
  readonly serial: bigint;
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  readonly notBefore: bigint;
  readonly notAfter: bigint;
  readonly publicKey: KeyObject;
  readonly isCa: boolean;
  readonly extensions?: readonly Extension[];
}

function extension(e: Extension): Uint8Array {
  return e.critical ? sequence(oid(e.oid), bool(true), octetString(e.value)) : sequence(oid(e.oid), octetString(e.value));
}

function caExtensions(isCa: boolean): Extension[] {
  // keyCertSign|cRLSign (bits 5, 6) for a CA; digitalSignature (bit 0) for a leaf.
  const keyUsage = isCa ? Uint8Array.of(0x01, 0x06) : Uint8Array.of(0x07, 0x80);
  return [
    { oid: BASIC_CONSTRAINTS, critical: true, value: isCa ? sequence(bool(true)) : sequence() },
    { oid: KEY_USAGE, critical: true, value: Uint8Array.of(0x03, keyUsage.length, ...keyUsage) },
  ];
}

function signed(tbs: Uint8Array, issuerKey: KeyObject): Uint8Array {
  return sequence(tbs, ECDSA_WITH_SHA256, bitString(new Uint8Array(sign("sha256", tbs, issuerKey))));
}

export function certificate(spec: CertificateSpec, issuerKey: KeyObject): Uint8Array {
  const spki = new Uint8Array(spec.publicKey.export({ type: "spki", format: "der" }));
  const extensions = [...caExtensions(spec.isCa), ...(spec.extensions ?? [])].map(extension);
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(spec.serial),
    ECDSA_WITH_SHA256,
    spec.issuer,
    sequence(time(spec.notBefore), time(spec.notAfter)),
    spec.subject,
    spki,
    explicit(3, sequence(...extensions)),
  );
  return signed(tbs, issuerKey);
}

export interface CrlSpec {
  readonly issuer: Uint8Array;
  readonly thisUpdate: bigint;
  readonly nextUpdate: bigint;
  readonly revokedSerials: readonly bigint[];
}

export function crl(spec: CrlSpec, issuerKey: KeyObject): Uint8Array {
  const revoked = spec.revokedSerials.map((s) => sequence(integer(s), time(spec.thisUpdate)));
  const tbs = sequence(
    integer(1),
    ECDSA_WITH_SHA256,
    spec.issuer,
    time(spec.thisUpdate),
    time(spec.nextUpdate),
    ...(revoked.length > 0 ? [sequence(...revoked)] : []),
  );
  return signed(tbs, issuerKey);
}

export function pem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString("base64");
  return `-----BEGIN CERTIFICATE-----\n${(b64.match(/.{1,64}/g) ?? []).join("\n")}\n-----END CERTIFICATE-----\n`;
}
