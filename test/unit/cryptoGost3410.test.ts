import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { GOST_CURVES, gostCurveByOid, type GostCurve } from '../../server/src/crypto/gostCurves';
import {
  bigIntToBytesLE, generator, isOnCurve, multiply, publicKeyOf, sign, signDigest, verify, verifyDigest,
} from '../../server/src/crypto/gost3410';
import {
  GOST_KEY_OIDS, gostKindOfSpki, gostPublicKeyFromSpki, pointFromKeyOctets, pointToKeyOctets, privateKeyFromLittleEndian,
} from '../../server/src/crypto/gostKeys';
import {
  gostr34102012_256, gostr34102012_512, gostSignerFromPrivateKey,
} from '../../server/src/crypto/gostAlgorithms';
import { ALG } from '../../server/src/signature/algorithms';

const h = (s: string): bigint => BigInt('0x' + s);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A minimal DER writer, enough to wrap a point into a SubjectPublicKeyInfo. */
function tlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const len = n < 128 ? [n] : n < 256 ? [0x81, n] : [0x82, n >> 8, n & 255];
  return Uint8Array.from([tag, ...len, ...content]);
}
function oid(s: string): Uint8Array {
  const [a, b, ...rest] = s.split('.').map(Number);
  const out = [40 * a + b];
  for (const v of rest) {
    const groups = [v & 0x7f];
    for (let x = v >>> 7; x > 0; x >>>= 7) groups.unshift((x & 0x7f) | 0x80);
    out.push(...groups);
  }
  return tlv(0x06, Uint8Array.from(out));
}
const seq = (...parts: Uint8Array[]): Uint8Array => tlv(0x30, Uint8Array.from(parts.flatMap((p) => [...p])));
function spkiFor(curve: GostCurve, octets: Uint8Array): Uint8Array {
  const keyAlg = curve.size === 32 ? GOST_KEY_OIDS.gost2012_256 : GOST_KEY_OIDS.gost2012_512;
  return seq(seq(oid(keyAlg), seq(oid(curve.oids[0]))), tlv(0x03, Uint8Array.from([0, ...tlv(0x04, octets)])));
}

const PRODUCTION_CURVES = [
  GOST_CURVES.tc26_256_A, GOST_CURVES.cryptoPro_A, GOST_CURVES.cryptoPro_B, GOST_CURVES.cryptoPro_C,
  GOST_CURVES.tc26_512_A, GOST_CURVES.tc26_512_B, GOST_CURVES.tc26_512_C,
];

describe('GOST R 34.10-2012 curves', () => {
  for (const c of Object.values(GOST_CURVES)) {
    it(`${c.name}: the generator lies on the curve and has order q`, () => {
      assert.ok(isOnCurve(c, generator(c)));
      assert.equal(multiply(c, c.q, generator(c)), undefined);
      assert.notEqual(multiply(c, c.q - 1n, generator(c)), undefined);
      assert.equal(c.p.toString(16).length <= c.size * 2, true);
      // Hasse: the group order cofactor·q is within 2√p of p + 1.
      const n = c.cofactor * c.q;
      const diff = n > c.p + 1n ? n - c.p - 1n : c.p + 1n - n;
      assert.ok(diff * diff <= 4n * c.p);
    });
  }

  it('finds curves by every OID they go by', () => {
    assert.equal(gostCurveByOid('1.2.643.2.2.35.1'), GOST_CURVES.cryptoPro_A);
    assert.equal(gostCurveByOid('1.2.643.7.1.2.1.1.2'), GOST_CURVES.cryptoPro_A);
    assert.equal(gostCurveByOid('1.2.643.2.2.36.1'), GOST_CURVES.cryptoPro_C);
    assert.equal(gostCurveByOid('1.2.643.7.1.2.1.2.3'), GOST_CURVES.tc26_512_C);
    assert.equal(gostCurveByOid('1.2.840.10045.3.1.7'), undefined);
  });
});

describe('GOST R 34.10-2012 signatures (RFC 7091 examples)', () => {
  // RFC 7091 prints the digest as the number α; the hash bytes are its little-endian form.
  it('reproduces the 256-bit example of §A.1 with its fixed k', () => {
    const c = GOST_CURVES.test_256;
    const d = h('7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28');
    const Q = publicKeyOf(c, d);
    assert.equal(Q.x, h('7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B'));
    assert.equal(Q.y, h('26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA'));
    const digest = bigIntToBytesLE(h('2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5'), 32);
    const k = h('77105C9B20BCD3122823C8CF6FCC7B956DE33814E95B7FE64FED924594DCEAB3');
    const sig = signDigest(c, d, digest, k);
    const r = '41aa28d2f1ab148280cd9ed56feda41974053554a42767b83ad043fd39dc0493';
    const s = '01456c64ba4642a1653c235a98a60249bcd6d3f746b631df928014f6c5bf9c40';
    assert.equal(hex(sig), s + r);
    assert.ok(verifyDigest(c, Q, digest, sig));
    const other = Uint8Array.from(digest);
    other[0] ^= 1;
    assert.equal(verifyDigest(c, Q, other, sig), false);
  });

  it('reproduces the 512-bit example of §A.2 with its fixed k', () => {
    const c = GOST_CURVES.test_512;
    const d = h('0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B102072E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4');
    const Q = publicKeyOf(c, d);
    assert.equal(Q.x, h('115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1'));
    assert.equal(Q.y, h('37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC'));
    const digest = bigIntToBytesLE(h('3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C5917184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C'), 64);
    const k = h('0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F365886748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1');
    const sig = signDigest(c, d, digest, k);
    const r = '2f86fa60a081091a23dd795e1e3c689ee512a3c82ee0dcc2643c78eea8fcacd35492558486b20f1c9ec197c90699850260c93bcbcd9c5c3317e19344e173ae36';
    const s = '1081b394696ffe8e6585e7a9362d26b6325f56778aadbc081c0bfbe933d52ff5823ce288e8c4f362526080df7f70ce406a6eeb1f56919cb92a9853bde73e5b4a';
    assert.equal(hex(sig), s + r);
    assert.ok(verifyDigest(c, Q, digest, sig));
  });

  for (const c of PRODUCTION_CURVES) {
    it(`signs and verifies on ${c.name}, and rejects what was changed`, () => {
      const d = privateKeyFromLittleEndian(c, randomBytes(c.size).map((b, i) => (i === c.size - 1 ? b & 0x0f : b))).d;
      const Q = publicKeyOf(c, d);
      const data = Buffer.from('<SignedInfo xmlns="http://www.w3.org/2000/09/xmldsig#">…</SignedInfo>');
      const sig = sign(c, d, data);
      assert.equal(sig.length, 2 * c.size);
      assert.ok(verify(c, Q, data, sig));
      assert.equal(verify(c, Q, Buffer.concat([data, Buffer.from(' ')]), sig), false);
      const flipped = Uint8Array.from(sig);
      flipped[5] ^= 0x80;
      assert.equal(verify(c, Q, data, flipped), false);
      // The CryptoAPI order (fully reversed) is not accepted: the byte order is part of the format.
      assert.equal(verify(c, Q, data, Uint8Array.from(sig).reverse()), false);
      assert.equal(verify(c, publicKeyOf(c, d + 1n), data, sig), false);
    });
  }

  it('rejects r or s out of range and a wrong length', () => {
    const c = GOST_CURVES.cryptoPro_A;
    const Q = publicKeyOf(c, 12345n);
    const digest = new Uint8Array(32).fill(7);
    assert.equal(verifyDigest(c, Q, digest, new Uint8Array(64)), false);
    assert.equal(verifyDigest(c, Q, digest, new Uint8Array(64).fill(0xff)), false);
    assert.equal(verifyDigest(c, Q, digest, new Uint8Array(63)), false);
  });
});

describe('GOST key bytes', () => {
  it('reads the public key of an SPKI that OpenSSL wrote (256, CryptoPro-A)', () => {
    // `openssl genpkey -engine gost -algorithm gost2012_256 -pkeyopt paramset:A`, then -pubout;
    // X and Y as `openssl pkey -pubin -text` prints them.
    const spki = Buffer.from(
      'MGYwHwYIKoUDBwEBAQEwEwYHKoUDAgIjAQYIKoUDBwEBAgIDQwAEQHuYMnl0Pto51VO10q2MtDAEPLSx8gJM6sA7eSx7mrO8RmCVu6dgTKnw4ISU928xPm1onG4JWO4Qd/G5ElCI3dA=',
      'base64');
    const key = gostPublicKeyFromSpki(spki);
    assert.equal(key.curve, GOST_CURVES.cryptoPro_A);
    assert.equal(key.point.x, h('BCB39A7B2C793BC0EA4C02F2B1B43C0430B48CADD2B553D539DA3E747932987B'));
    assert.equal(key.point.y, h('D0DD885012B9F17710EE58096E9C686D3E316FF79484E0F0A94C60A7BB956046'));
    assert.equal(gostKindOfSpki(spki), 'gost2012-256');
  });

  it('reads the public key of an SPKI that OpenSSL wrote (512, paramSetC, long lengths)', () => {
    const spki = Buffer.from(
      'MIGgMBcGCCqFAwcBAQECMAsGCSqFAwcBAgECAwOBhAAEgYBWMvW0huBxGnpYbssX4t9qMG9/l6acN5g+yNUyLh4Nx5GT2pTK8OSYh9PnSDGAkvtur26ENZWBVW3E69jw' +
      '/YCQTudMMIPvyS64kBFinD03iFq5Z0wA2ZiCM/eFLRlgs5DDBtXhMXUcin2lYrYfOUQlclaJ4xWhNEq5NCotUzIGoA==',
      'base64');
    const key = gostPublicKeyFromSpki(spki);
    assert.equal(key.curve, GOST_CURVES.tc26_512_C);
    assert.equal(key.point.x, h('9080FDF0D8EBC46D55819535846EAF6EFB92803148E7D38798E4F0CA94DA9391C70D1E2E32D5C83E98379CA6977F6F306ADFE217CB6E587A1A71E086B4F53256'));
    assert.equal(key.point.y, h('A00632532D2A34B94A34A115E38956722544391FB662A57D8A1C7531E1D506C390B360192D85F7338298D9004C67B95A88373D9C621190B82EC9EF83304CE74E'));
    assert.equal(gostKindOfSpki(spki), 'gost2012-512');
  });

  it('round-trips key octets and refuses points off the curve', () => {
    const c = GOST_CURVES.tc26_256_A;
    const Q = publicKeyOf(c, 987654321n);
    assert.deepEqual(pointFromKeyOctets(c, pointToKeyOctets(c, Q)), Q);
    const bad = pointToKeyOctets(c, Q);
    bad[0] ^= 1;
    assert.throws(() => pointFromKeyOctets(c, bad), /not a point/);
    assert.throws(() => pointFromKeyOctets(c, bad.subarray(1)), /64 bytes/);
  });

  it('explains SPKIs it cannot use', () => {
    const rsaLike = seq(seq(oid('1.2.840.113549.1.1.1')), tlv(0x03, Uint8Array.from([0, 1, 2])));
    assert.throws(() => gostPublicKeyFromSpki(rsaLike), /not a GOST R 34.10-2012 public key/);
    assert.equal(gostKindOfSpki(rsaLike), undefined);
    const unknownSet = seq(seq(oid(GOST_KEY_OIDS.gost2012_256), seq(oid('1.2.3.4'))), tlv(0x03, Uint8Array.from([0, 4, 0])));
    assert.throws(() => gostPublicKeyFromSpki(unknownSet), /unknown GOST parameter set 1\.2\.3\.4/);
    assert.throws(() => gostPublicKeyFromSpki(new Uint8Array([0x30, 0x10, 0x30])), /truncated/);
  });
});

describe('GOST algorithms at the XMLDSig seam', () => {
  it('carries the CryptoPro URIs', () => {
    assert.equal(gostr34102012_256.uri, ALG.gost2012_256_signature);
    assert.equal(gostr34102012_256.digest.uri, ALG.gost2012_256_digest);
    assert.equal(gostr34102012_512.uri, ALG.gost2012_512_signature);
    assert.equal(gostr34102012_512.digest.uri, ALG.gost2012_512_digest);
  });

  for (const c of [GOST_CURVES.cryptoPro_A, GOST_CURVES.tc26_512_A]) {
    it(`a software signer on ${c.name} makes signature values its algorithm verifies`, async () => {
      const d = 0x1234567890abcdefn * 31337n;
      const cert = Uint8Array.from([0x30, 0x00]);
      const signer = gostSignerFromPrivateKey(d, c, cert);
      assert.equal(signer.certificate, cert);
      const kind = c.size === 32 ? 'gost2012-256' : 'gost2012-512';
      const key = { kind, spki: spkiFor(c, pointToKeyOctets(c, publicKeyOf(c, d))) } as const;
      const data = Buffer.from('canonical SignedInfo');
      const value = await signer.sign(data);
      assert.ok(signer.algorithm.verify(data, value, key));
      assert.equal(signer.algorithm.verify(Buffer.from('canonical SignedInfO'), value, key), false);
      const other = c.size === 32 ? gostr34102012_512 : gostr34102012_256;
      assert.throws(() => other.verify(data, value, key), /needs a gost2012/);
      assert.throws(() => signer.algorithm.verify(data, value, { kind: 'rsa', spki: key.spki }), /needs a gost2012/);
    });
  }
});
