import * as assert from 'node:assert/strict';
import type { RunningSandbox } from '../../server/src/sandbox/sandboxOptions';
import { startSandbox } from '../../server/src/sandbox/sandboxStand';
import { testEngine } from '../support/engine';
import { TestCa, bundledContents, endpointOf, makeCa, post, request, sampleOperations, textOf } from './sandboxKit';

/** The stand over real TLS on loopback (direct-HTTPS mode): a test CA, server and client certificates. */
describe('sandbox stand: direct HTTPS', function () {
  this.timeout(60_000);
  const HM = 'house-management';
  let ca: TestCa;
  let otherCa: TestCa;
  let server: { certPem: string; keyPem: string };
  before(() => {
    ca = makeCa('Песочница: тестовый УЦ');
    otherCa = makeCa('Чужой УЦ');
    server = ca.issue('127.0.0.1', 'server');
  });
  const send = (sb: RunningSandbox, tls: { ca?: string; cert?: string; key?: string }) => post(sb.url, endpointOf(HM), request(HM, 'exportHouseData').xml, 'urn:exportHouseData', tls);
  const start = async (requestCert: boolean) =>
    startSandbox({
      contents: bundledContents(),
      validator: (await testEngine()).validator,
      operations: sampleOperations(),
      tls: { key: server.keyPem, cert: server.certPem, ca: ca.certPem, requestCert },
    });

  describe('server certificate', () => {
    let sb: RunningSandbox;
    before(async () => (sb = await start(false)));
    after(() => sb.close());

    it('answers over HTTPS to a client that trusts the test CA', async () => {
      assert.match(sb.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const r = await send(sb, { ca: ca.certPem });
      assert.equal(r.status, 200, r.body);
      assert.ok(textOf(r.body, 'RequesterMessageGUID'));
    });

    it('is refused by a client that trusts another CA', async () => {
      await assert.rejects(send(sb, { ca: otherCa.certPem }), (e: NodeJS.ErrnoException) => /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|unable to verify/i.test(`${e.code} ${e.message}`));
      assert.equal(sb.stats().requests, 1);
    });
  });

  describe('client certificate required', () => {
    let sb: RunningSandbox;
    before(async () => (sb = await start(true)));
    after(() => sb.close());

    it('accepts a client certificate issued by the CA', async () => {
      const client = ca.issue('Клиент песочницы', 'client');
      const r = await send(sb, { ca: ca.certPem, cert: client.certPem, key: client.keyPem });
      assert.equal(r.status, 200, r.body);
    });

    it('refuses a client without a certificate, or with one from another CA', async () => {
      await assert.rejects(send(sb, { ca: ca.certPem }));
      const stranger = otherCa.issue('Чужой клиент', 'client');
      await assert.rejects(send(sb, { ca: ca.certPem, cert: stranger.certPem, key: stranger.keyPem }));
      assert.equal(sb.stats().requests, 1);
    });
  });
});
