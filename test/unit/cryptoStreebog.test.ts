import * as assert from 'node:assert/strict';
import { Streebog, streebog256, streebog512, streebogImplementation } from '../../server/src/crypto/streebog';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
/** RFC 6986 prints messages and hashes as numbers, most significant byte first: reverse to get bytes. */
const rfc = (h: string): string => Buffer.from(h, 'hex').reverse().toString('hex');

const M1 = Buffer.from('012345678901234567890123456789012345678901234567890123456789012', 'ascii');
const M2 = Buffer.from(rfc(
  'fbe2e5f0eee3c820fbeafaebef20fffbf0e1e0f0f520e0ed20e8ece0ebe5f0f2f120fff0eeec20f120faf2fee5e2202ce8f6f3ede220e8e6eee1e8f0f2d1202ce8f0f2e5e220e5d1',
), 'hex');

describe('Streebog (GOST R 34.11-2012)', () => {
  it('the RFC 6986 messages are what the RFC says they are', () => {
    // M1 is "012…012" in ASCII; M2 is a line of the Слово о полку Игореве in CP1251.
    assert.equal(rfc('323130393837363534333231303938373635343332313039383736353433323130393837363534333231303938373635343332313039383736353433323130'), M1.toString('hex'));
    assert.equal(M2.length, 72);
    assert.equal(M2.subarray(0, 8).toString('hex'), 'd1e520e2e5f2f0e8'); // «Се ветри»
  });

  it('hashes RFC 6986 M1 (§10.1)', () => {
    assert.equal(hex(streebog512(M1)), rfc(
      '486f64c1917879417fef082b3381a4e211c324f074654c38823a7b76f830ad00fa1fbae42b1285c0352f227524bc9ab16254288dd6863dccd5b9f54a1ad0541b'));
    assert.equal(hex(streebog256(M1)), rfc('00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d'));
  });

  it('hashes RFC 6986 M2 (§10.2), which spans two blocks', () => {
    assert.equal(hex(streebog512(M2)), rfc(
      '28fbc9bada033b1460642bdcddb90c3fb3e56c497ccd0f62b8a2ad4935e85f037613966de4ee00531ae60f3b5a47f8dae06915d5f2f194996fcabf2622e6881e'));
    assert.equal(hex(streebog256(M2)), rfc('508f7e553c06501d749a66fc28c6cac0b005746d97537fa85d9e40904efed29d'));
  });

  // Reference values printed by `openssl dgst -engine gost -md_gost12_256/-md_gost12_512`.
  it('hashes the empty string', () => {
    assert.equal(hex(streebog256(new Uint8Array(0))), '3f539a213e97c802cc229d474c6aa32a825a360b2a933a949fd925208d9ce1bb');
    assert.equal(hex(streebog512(new Uint8Array(0))),
      '8e945da209aa869f0455928529bcae4679e9873ab707b55315f56ceb98bef0a7362f715528356ee83cda5f2aac4c6ad2ba3a715c1bcd81cb8e9f90bf4c1c1a8a');
  });

  it('hashes exactly one block (the padding then fills a block of its own)', () => {
    const block = Uint8Array.from({ length: 64 }, (_, i) => i);
    assert.equal(hex(streebog256(block)), '1bce2366e4aecd63c75f972bfc6a514e03e2125920bea5b59cbd8ce0be56b8f3');
    assert.equal(hex(streebog512(block)),
      '2ae581f18ae85e3596c936acbef910f2ed70dcf91ed5d24b39a5af657bf8232a303d686056c8c00bf30d42e16ce255426fa8a155dcb3eb822d925808f7c7e345');
  });

  it('carries through the 512-bit sums (all-ones blocks)', () => {
    assert.equal(hex(streebog256(new Uint8Array(200).fill(0xff))), '766ecebac5817150ace66c0c94c9feb9fa6ee9a238a500a3592b0943571b3020');
  });

  it('gives the same hash however the input is split', () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 131 + 7) & 255);
    const whole = hex(streebog256(data));
    for (const cuts of [[1], [63], [64], [65], [63, 64, 65, 128], [0, 0, 999], [500, 1, 1, 1, 64]]) {
      const h = new Streebog(256);
      let at = 0;
      for (const n of cuts) {
        h.update(data.subarray(at, at + n));
        at += n;
      }
      h.update(data.subarray(at));
      assert.equal(hex(h.digest()), whole, `cuts ${cuts.join(',')}`);
    }
  });

  it('uses the WebAssembly compression function on Node', () => {
    assert.equal(streebogImplementation, 'wasm');
  });

  it('has a JavaScript compression function that agrees with it (RFC vectors and random lengths)', () => {
    const js = (bits: 256 | 512, d: Uint8Array): string => hex(new Streebog(bits, 'js').update(d).digest());
    assert.equal(js(256, M1), rfc('00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d'));
    assert.equal(js(512, M2), rfc(
      '28fbc9bada033b1460642bdcddb90c3fb3e56c497ccd0f62b8a2ad4935e85f037613966de4ee00531ae60f3b5a47f8dae06915d5f2f194996fcabf2622e6881e'));
    let x = 12345;
    for (const n of [0, 1, 63, 64, 65, 640, 4099, 70001]) {
      const data = Uint8Array.from({ length: n }, () => (x = (x * 1103515245 + 12345) >>> 0) >>> 24);
      assert.equal(js(256, data), hex(streebog256(data)), `256, ${n} bytes`);
      assert.equal(js(512, data), hex(streebog512(data)), `512, ${n} bytes`);
    }
  });

  it('refuses to be used after digest', () => {
    const h = new Streebog(512);
    h.digest();
    assert.throws(() => h.update(new Uint8Array(1)));
    assert.throws(() => h.digest());
  });
});
