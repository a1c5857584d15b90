import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RunningSandbox } from '../../server/src/sandbox/sandboxOptions';
import { startSandbox } from '../../server/src/sandbox/sandboxStand';
import { rsaSigner } from '../../server/src/signature/rsa';
import { loadSignatureEngine, signDocument } from '../../server/src/signatureService';
import { testEngine } from '../support/engine';
import { makeRsaFixture } from './keysRsaFixtures';
import { bundledContents, endpointOf, faultCode, post, request, sampleOperations, textOf, validate } from './sandboxKit';

/** Signature checks of imports (XAdES-BES, an RSA test key): on, they refuse unsigned and tampered imports; off, they do not look. */
describe('sandbox stand: signature verification', function () {
  this.timeout(60_000);
  const BILLS = 'bills';
  let signed: string;
  let unsigned: string;
  before(async () => {
    await loadSignatureEngine();
    const fx = makeRsaFixture('Песочница, проверка подписи');
    unsigned = request(BILLS, 'importPaymentDocumentData').xml;
    signed = await signDocument(unsigned, rsaSigner(fx.privateKey, fx.certDer));
    assert.equal((await validate(signed)).verdict, 'valid');
  });

  describe('on', () => {
    let sb: RunningSandbox;
    before(async () => {
      sb = await startSandbox({ contents: bundledContents(), validator: (await testEngine()).validator, operations: sampleOperations(), verifySignatures: true });
    });
    after(() => sb.close());

    it('accepts a correctly signed import', async () => {
      const r = await post(sb.url, endpointOf(BILLS), signed, 'urn:importPaymentDocumentData');
      assert.equal(r.status, 200, r.body);
      assert.ok(textOf(r.body, 'RequesterMessageGUID'));
    });

    it('refuses an unsigned import with AUT011001', async () => {
      const r = await post(sb.url, endpointOf(BILLS), request(BILLS, 'importPaymentDocumentData').xml, 'urn:importPaymentDocumentData');
      assert.equal(r.status, 500);
      assert.equal(faultCode(r.body), 'AUT011001');
      assert.equal((await validate(r.body)).verdict, 'valid');
    });

    it('refuses a signed import changed after signing with AUT011002', async () => {
      // A new MessageGUID in the header (not signed) and another amount in the payload (signed).
      const changed = signed.replace(/(<base:MessageGUID>)[^<]*/, `$1${randomUUID()}`).replace('<bills:TotalPayable>1561.13<', '<bills:TotalPayable>1561.14<');
      assert.notEqual(changed, signed);
      const r = await post(sb.url, endpointOf(BILLS), changed, 'urn:importPaymentDocumentData');
      assert.equal(r.status, 500, r.body);
      assert.equal(faultCode(r.body), 'AUT011002');
      assert.match(textOf(r.body, 'faultstring')!, /Подпись неверна/);
    });

    it('does not require a signature on exports', async () => {
      const r = await post(sb.url, endpointOf(BILLS), request(BILLS, 'exportPaymentDocumentData').xml, 'urn:exportPaymentDocumentData');
      assert.equal(r.status, 200, r.body);
    });
  });

  describe('off', () => {
    let sb: RunningSandbox;
    before(async () => {
      sb = await startSandbox({ contents: bundledContents(), validator: (await testEngine()).validator, operations: sampleOperations() });
    });
    after(() => sb.close());

    it('accepts unsigned imports', async () => {
      const r = await post(sb.url, endpointOf(BILLS), request(BILLS, 'importPaymentDocumentData').xml, 'urn:importPaymentDocumentData');
      assert.equal(r.status, 200, r.body);
    });
  });
});
