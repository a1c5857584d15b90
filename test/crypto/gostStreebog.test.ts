import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { streebog256, streebog512 } from '../../server/src/crypto/streebog';
import { readManifest, conformanceFile } from '../support/shared';
import { GostWorkspace, run } from './gostSupport';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** `openssl dgst` over many files in one run: file → hex digest. */
function opensslDigests(md: string, files: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < files.length; i += 200) {
    const text = run(['dgst', '-engine', 'gost', md, '-r', ...files.slice(i, i + 200)]).toString();
    for (const line of text.split('\n')) {
      const m = /^([0-9a-f]+) \*?(.+)$/.exec(line.trim());
      if (m) out.set(m[2], m[1]);
    }
  }
  return out;
}

/** Exclusive canonical form by libxml2 (`xmllint --exc-c14n`): the bytes a Reference digests. */
function excC14n(file: string): Buffer {
  const r = spawnSync('xmllint', ['--exc-c14n', file], { maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`xmllint --exc-c14n ${file}: ${r.stderr?.toString()}`);
  return r.stdout;
}

describe('Streebog against OpenSSL (gost engine)', function () {
  this.timeout(300_000);
  const ws = new GostWorkspace();
  after(() => ws.dispose());

  it('agrees on the exclusive-canonical bytes of every conformance document (256)', () => {
    const entries = readManifest();
    assert.ok(entries.length > 100, 'the conformance corpus looks empty');
    const canonical: string[] = [];
    const ours = new Map<string, string>();
    entries.forEach((e, i) => {
      const bytes = excC14n(conformanceFile(e));
      const file = ws.file(`c14n-${i}.xml`, bytes);
      canonical.push(file);
      ours.set(file, hex(streebog256(bytes)));
    });
    const theirs = opensslDigests('-md_gost12_256', canonical);
    assert.equal(theirs.size, canonical.length);
    const differing = canonical.filter((f) => ours.get(f) !== theirs.get(f));
    assert.deepEqual(differing.map((f) => entries[canonical.indexOf(f)].file), []);
  });

  it('agrees on the raw bytes of the conformance originals (256 and 512)', () => {
    const files = readManifest().filter((e) => e.mutation === null).map(conformanceFile);
    const t256 = opensslDigests('-md_gost12_256', files);
    const t512 = opensslDigests('-md_gost12_512', files);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      assert.equal(hex(streebog256(bytes)), t256.get(f), path.basename(f));
      assert.equal(hex(streebog512(bytes)), t512.get(f), path.basename(f));
    }
  });

  it('agrees on 0 bytes and on every length around the block size', () => {
    const files: string[] = [];
    const data = new Map<string, Uint8Array>();
    for (const n of [0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 191, 192, 193]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 73 + n) & 255);
      const f = ws.file(`len-${n}.bin`, bytes);
      files.push(f);
      data.set(f, bytes);
    }
    const t256 = opensslDigests('-md_gost12_256', files);
    const t512 = opensslDigests('-md_gost12_512', files);
    for (const f of files) {
      assert.equal(hex(streebog256(data.get(f)!)), t256.get(f), path.basename(f));
      assert.equal(hex(streebog512(data.get(f)!)), t512.get(f), path.basename(f));
    }
  });

  it('agrees on 10 MB of pseudo-random bytes (sums wrap, counters carry)', () => {
    const bytes = new Uint8Array(10 * 1024 * 1024 + 17);
    let x = 0x9e3779b9;
    for (let i = 0; i < bytes.length; i++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      bytes[i] = x;
    }
    const f = ws.file('10mb.bin', bytes);
    assert.equal(hex(streebog256(bytes)), opensslDigests('-md_gost12_256', [f]).get(f));
    assert.equal(hex(streebog512(bytes)), opensslDigests('-md_gost12_512', [f]).get(f));
  });
});
