import * as assert from 'node:assert/strict';
import { opensslStreebog256 } from '../support/openssl';

/** The reference implementation itself, before anything is held against it. */
describe('OpenSSL gost engine (the reference)', () => {
  it('computes the Streebog-256 of RFC 6986 message M1, printed big-endian', () => {
    const m1 = Buffer.from('012345678901234567890123456789012345678901234567890123456789012', 'ascii');
    // RFC 6986 writes the hash as a little-endian number: 00557be5…ef1e159d.
    const rfc = '00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d';
    assert.equal(opensslStreebog256(m1), Buffer.from(rfc, 'hex').reverse().toString('hex'));
  });
});
