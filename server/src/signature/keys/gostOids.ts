/**
 * GOST R 34.10-2012 object identifiers as key files and certificates carry them (RFC 7836, RFC
 * 4357, RFC 9215). Only the subgroup order q of each curve is kept: key files need it to unmask
 * CryptoPro-style masked keys; the curve arithmetic itself lives in crypto/.
 */

export const OID = {
  gost2012_256: '1.2.643.7.1.1.1.1',
  gost2012_512: '1.2.643.7.1.1.1.2',
  gost2001: '1.2.643.2.2.19',
  streebog256: '1.2.643.7.1.1.2.2',
  streebog512: '1.2.643.7.1.1.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

export type GostKind = 'gost2012-256' | 'gost2012-512';

export interface GostParamSet {
  readonly oid: string;
  readonly name: string;
  readonly bits: 256 | 512;
  /** Order of the base point's subgroup. */
  readonly q: bigint;
  /** The tc26 name of the same curve when the set is a CryptoPro alias. */
  readonly sameAs?: string;
}

const Q_CP_A = 0xffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893n;
const Q_CP_B = 0x800000000000000000000000000000015f700cfff1a624e5e497161bcc8a198fn;
const Q_CP_C = 0x9b9f605f5a858107ab1ec85e6b41c8aa582ca3511eddfb74f02f3a6598980bb9n;

const SETS: GostParamSet[] = [
  { oid: '1.2.643.2.2.35.0', name: 'id-GostR3410-2001-TestParamSet', bits: 256, q: 0x8000000000000000000000000000000150fe8a1892976154c59cfc193accf5b3n },
  { oid: '1.2.643.2.2.35.1', name: 'id-GostR3410-2001-CryptoPro-A-ParamSet', bits: 256, q: Q_CP_A, sameAs: 'id-tc26-gost-3410-12-256-paramSetB' },
  { oid: '1.2.643.2.2.35.2', name: 'id-GostR3410-2001-CryptoPro-B-ParamSet', bits: 256, q: Q_CP_B, sameAs: 'id-tc26-gost-3410-12-256-paramSetC' },
  { oid: '1.2.643.2.2.35.3', name: 'id-GostR3410-2001-CryptoPro-C-ParamSet', bits: 256, q: Q_CP_C, sameAs: 'id-tc26-gost-3410-12-256-paramSetD' },
  { oid: '1.2.643.2.2.36.0', name: 'id-GostR3410-2001-CryptoPro-XchA-ParamSet', bits: 256, q: Q_CP_A, sameAs: 'id-tc26-gost-3410-12-256-paramSetB' },
  { oid: '1.2.643.2.2.36.1', name: 'id-GostR3410-2001-CryptoPro-XchB-ParamSet', bits: 256, q: Q_CP_C, sameAs: 'id-tc26-gost-3410-12-256-paramSetD' },
  { oid: '1.2.643.7.1.2.1.1.1', name: 'id-tc26-gost-3410-12-256-paramSetA', bits: 256, q: 0x400000000000000000000000000000000fd8cddfc87b6635c115af556c360c67n },
  { oid: '1.2.643.7.1.2.1.1.2', name: 'id-tc26-gost-3410-12-256-paramSetB', bits: 256, q: Q_CP_A },
  { oid: '1.2.643.7.1.2.1.1.3', name: 'id-tc26-gost-3410-12-256-paramSetC', bits: 256, q: Q_CP_B },
  { oid: '1.2.643.7.1.2.1.1.4', name: 'id-tc26-gost-3410-12-256-paramSetD', bits: 256, q: Q_CP_C },
  {
    oid: '1.2.643.7.1.2.1.2.1',
    name: 'id-tc26-gost-3410-12-512-paramSetA',
    bits: 512,
    q: 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275n,
  },
  {
    oid: '1.2.643.7.1.2.1.2.2',
    name: 'id-tc26-gost-3410-12-512-paramSetB',
    bits: 512,
    q: 0x800000000000000000000000000000000000000000000000000000000000000149a1ec142565a545acfdb77bd9d40cfa8b996712101bea0ec6346c54374f25bdn,
  },
  {
    oid: '1.2.643.7.1.2.1.2.3',
    name: 'id-tc26-gost-3410-12-512-paramSetC',
    bits: 512,
    q: 0x3fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc98cdba46506ab004c33a9ff5147502cc8eda9e7a769a12694623cef47f023edn,
  },
];

const BY_OID = new Map(SETS.map((s) => [s.oid, s]));

export function gostParamSet(oid: string): GostParamSet | undefined {
  return BY_OID.get(oid);
}

export function gostKindOfAlgorithm(oid: string): GostKind | undefined {
  if (oid === OID.gost2012_256) return 'gost2012-256';
  if (oid === OID.gost2012_512) return 'gost2012-512';
  return undefined;
}

/** Any OID under the Russian arc: how a PFX with GOST protection or a GOST key is recognised. */
export function isGostArc(oid: string): boolean {
  return oid.startsWith('1.2.643.');
}
