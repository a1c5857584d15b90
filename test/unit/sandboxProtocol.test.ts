import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RunningSandbox } from '../../server/src/sandbox/sandboxOptions';
import { startSandbox } from '../../server/src/sandbox/sandboxStand';
import { testEngine } from '../support/engine';
import {
  bundledContents, endpointOf, faultCode, get, post, problems, request, sampleOperations, sleep, stateRequest, textOf, validate,
} from './sandboxKit';

/**
 * The sandbox stand's protocol over real HTTP on loopback, driven with raw SOAP envelopes made
 * from samples/: routing by path and SOAPAction, acknowledgement, RequestState 1 → 2 → 3,
 * Faults for invalid requests, answers valid under the bundled package.
 */
describe('sandbox stand: protocol', function () {
  this.timeout(60_000);
  const HM = 'house-management';

  describe('with a controlled clock', () => {
    let sb: RunningSandbox;
    let offset = 0;
    const t0 = Date.now();
    before(async () => {
      const engine = await testEngine();
      sb = await startSandbox({
        contents: bundledContents(),
        validator: engine.validator,
        operations: sampleOperations({ throwFor: 'importHouseUOData' }),
        // Long delays on the stand's clock; the test moves the clock instead of waiting.
        delays: { receivedMs: 60_000, processingMs: 60_000 },
        now: () => new Date(t0 + offset),
      });
    });
    after(() => sb.close());

    it('answers GET / with a status text, serves ?wsdl, and 404 for unknown paths', async () => {
      const status = await get(sb.url, '/');
      assert.equal(status.status, 200);
      assert.match(status.body, /Песочница ГИС ЖКХ/);
      assert.match(status.body, /POST \/ext-bus-home-management-service\/services\/HomeManagementAsync/);
      const wsdl = await get(sb.url, `${endpointOf(HM)}?wsdl`);
      assert.equal(wsdl.status, 200);
      assert.match(wsdl.body, /<wsdl:definitions/);
      const r = await post(sb.url, '/ext-bus-nowhere/services/Nothing', request(HM, 'exportHouseData').xml, 'urn:exportHouseData');
      assert.equal(r.status, 404);
      assert.equal(sb.endpoints.length, 10);
    });

    it('acknowledges a request with a valid AckRequest and moves RequestState 1 → 2 → 3', async () => {
      offset = 0;
      const { xml, messageGuid } = request(HM, 'importAccountData');
      const ack = await post(sb.url, endpointOf(HM), xml, '"urn:importAccountData"');
      assert.equal(ack.status, 200, ack.body);
      assert.match(ack.contentType ?? '', /^text\/xml/);
      const report = await validate(ack.body);
      assert.equal(report.verdict, 'valid', problems(report));
      assert.equal(report.binding?.kind, 'ack');
      assert.match(ack.body, /<base:ResultHeader>/);
      assert.equal(textOf(ack.body, 'RequesterMessageGUID'), messageGuid);
      const gis = textOf(ack.body.slice(ack.body.indexOf('<base:Ack>')), 'MessageGUID')!;
      assert.match(gis, /^[0-9a-f-]{36}$/);
      assert.notEqual(gis, messageGuid);

      const states: string[] = [];
      for (const at of [0, 60_001, 120_001, 500_000]) {
        offset = at;
        const r = await post(sb.url, endpointOf(HM), stateRequest(HM, gis), 'urn:getState');
        assert.equal(r.status, 200, r.body);
        const v = await validate(r.body);
        assert.equal(v.verdict, 'valid', `${problems(v)}\n${r.body}`);
        assert.equal(v.binding?.kind, 'result');
        assert.match(r.body, /<tns:getStateResult xmlns:tns="http:\/\/dom.gosuslugi.ru\/schema\/integration\/house-management\/"|<hm:getStateResult /);
        assert.match(r.body, /base:version="11\.0\.0\.1"/);
        assert.equal(textOf(r.body.slice(r.body.indexOf('getStateResult')), 'MessageGUID'), gis);
        states.push(textOf(r.body, 'RequestState')!);
        if (at < 120_001) assert.doesNotMatch(r.body, /ImportResult/);
      }
      assert.deepEqual(states, ['1', '2', '3', '3']);
      const final = (await post(sb.url, endpointOf(HM), stateRequest(HM, gis), 'urn:getState')).body;
      assert.match(final, /<hm:ImportResult/);
      assert.match(final, /<account-base:UnifiedAccountNumber>69ПД041868<\/account-base:UnifiedAccountNumber>/);
    });

    it('routes a request without SOAPAction by its Body element, and refuses a SOAPAction that names another operation', async () => {
      offset = 0;
      const ok = await post(sb.url, endpointOf(HM), request(HM, 'exportHouseData').xml);
      assert.equal(ok.status, 200, ok.body);
      assert.equal((await validate(ok.body)).binding?.kind, 'ack');
      const wrong = await post(sb.url, endpointOf(HM), request(HM, 'exportHouseData').xml, 'urn:importAccountData');
      assert.equal(wrong.status, 500);
      assert.equal(faultCode(wrong.body), 'FMT001302');
      const elsewhere = await post(sb.url, endpointOf('nsi'), request(HM, 'exportHouseData').xml);
      assert.equal(faultCode(elsewhere.body), 'FMT001302');
    });

    it('refuses a payload that breaks the schema with a valid SOAP Fault FMT001300', async () => {
      const { xml } = request(HM, 'importAccountData');
      const broken = xml.replace('<hm:LivingPersonsNumber>3</hm:LivingPersonsNumber>', '<hm:LivingPersonsNumber>три</hm:LivingPersonsNumber>');
      const r = await post(sb.url, endpointOf(HM), broken, 'urn:importAccountData');
      assert.equal(r.status, 500);
      assert.match(r.body, /<faultcode>soapenv:Client<\/faultcode>/);
      assert.equal(faultCode(r.body), 'FMT001300');
      assert.match(textOf(r.body, 'faultstring') ?? '', /LivingPersonsNumber/);
      const v = await validate(r.body);
      assert.equal(v.verdict, 'valid', problems(v));
      assert.equal(v.binding?.kind, 'fault');
    });

    it('refuses malformed XML (FMT001000) and XML that is not a GIS request (FMT001100)', async () => {
      const { xml } = request(HM, 'importAccountData');
      const cut = await post(sb.url, endpointOf(HM), xml.slice(0, xml.length - 200), 'urn:importAccountData');
      assert.equal(faultCode(cut.body), 'FMT001000');
      const other = await post(sb.url, endpointOf(HM), '<?xml version="1.0"?><note>привет</note>', 'urn:importAccountData');
      assert.equal(faultCode(other.body), 'FMT001100');
    });

    it('checks the header: the kind the WSDL names, and a sender in RequestHeader', async () => {
      // nsi-common takes ISRequestHeader: a RequestHeader is refused.
      const nsiCommon = request('nsi-common', 'exportNsiList').xml.replace(
        /<base:ISRequestHeader>([\s\S]*?)<\/base:ISRequestHeader>/,
        '<base:RequestHeader>$1<base:orgPPAGUID>9a431066-1aef-4f92-a2c2-639b83efb368</base:orgPPAGUID></base:RequestHeader>',
      );
      const r1 = await post(sb.url, endpointOf('nsi-common'), nsiCommon, 'urn:exportNsiList');
      assert.equal(faultCode(r1.body), 'FMT001301');
      assert.match(textOf(r1.body, 'faultstring')!, /ISRequestHeader/);
      // house-management takes RequestHeader: an ISRequestHeader is refused.
      const hm = request(HM, 'exportHouseData').xml.replace(/<base:RequestHeader>([\s\S]*?)<base:orgPPAGUID>[^<]*<\/base:orgPPAGUID>\s*<\/base:RequestHeader>/, '<base:ISRequestHeader>$1</base:ISRequestHeader>');
      assert.equal(faultCode((await post(sb.url, endpointOf(HM), hm, 'urn:exportHouseData')).body), 'FMT001301');
      // A citizen's header names no organisation.
      const citizen = request(HM, 'exportHouseData').xml.replace(
        /<base:orgPPAGUID>[^<]*<\/base:orgPPAGUID>/,
        '<base:Citizen><base:CitizenPPAGUID>5f0f1d0e-6d1c-4b59-9d8e-3a2b1c0d9e8f</base:CitizenPPAGUID></base:Citizen>',
      );
      assert.equal((await validate(citizen)).verdict, 'valid');
      assert.equal(faultCode((await post(sb.url, endpointOf(HM), citizen, 'urn:exportHouseData')).body), 'FMT001301');
      // No header at all.
      const bare = request(HM, 'exportHouseData').xml.replace(/<soapenv:Header>[\s\S]*<\/soapenv:Header>/, '');
      assert.equal(faultCode((await post(sb.url, endpointOf(HM), bare, 'urn:exportHouseData')).body), 'FMT001301');
    });

    it('answers getState for an unknown MessageGUID, or at another service, with a Fault', async () => {
      const unknown = await post(sb.url, endpointOf(HM), stateRequest(HM, randomUUID()), 'urn:getState');
      assert.equal(unknown.status, 500);
      assert.equal(faultCode(unknown.body), 'FMT001304');
      assert.equal((await validate(unknown.body)).verdict, 'valid');
      const ack = await post(sb.url, endpointOf(HM), request(HM, 'exportAccountData').xml, 'urn:exportAccountData');
      const gis = textOf(ack.body.slice(ack.body.indexOf('<base:Ack>')), 'MessageGUID')!;
      const elsewhere = await post(sb.url, endpointOf('nsi'), stateRequest('nsi', gis), 'urn:getState');
      assert.equal(faultCode(elsewhere.body), 'FMT001305');
    });

    it('rolls a throwing handler back and answers a whole-message ErrorMessage EXP001000', async () => {
      offset = 0;
      const ack = await post(sb.url, endpointOf(HM), request(HM, 'importHouseUOData').xml, 'urn:importHouseUOData');
      const gis = textOf(ack.body.slice(ack.body.indexOf('<base:Ack>')), 'MessageGUID')!;
      offset = 200_000;
      const r = await post(sb.url, endpointOf(HM), stateRequest(HM, gis), 'urn:getState');
      assert.equal(textOf(r.body, 'RequestState'), '3');
      assert.equal(textOf(r.body, 'ErrorCode'), 'EXP001000');
      assert.match(textOf(r.body, 'Description')!, /проверочный сбой обработчика/);
      const v = await validate(r.body);
      assert.equal(v.verdict, 'valid', problems(v));
      const s = sb.stats();
      assert.equal(s.processingErrors, 1);
    });
  });

  describe('every operation of the bundled package', () => {
    let sb: RunningSandbox;
    before(async () => {
      const engine = await testEngine();
      sb = await startSandbox({ validator: engine.validator, operations: sampleOperations(), delays: { receivedMs: 0, processingMs: 0 } });
    });
    after(() => sb.close());

    it('accepts each sample request, processes it and answers a valid getStateResult', async () => {
      const ops = bundledContents().catalog.operations.filter((o) => o.name !== 'getState');
      assert.equal(ops.length, 33);
      for (const op of ops) {
        const ack = await post(sb.url, op.endpointPath!, request(op.service, op.name).xml, op.soapAction);
        assert.equal(ack.status, 200, `${op.service}/${op.name}: ${ack.body}`);
        const gis = textOf(ack.body.slice(ack.body.indexOf('<base:Ack>')), 'MessageGUID')!;
        const r = await post(sb.url, op.endpointPath!, stateRequest(op.service, gis), 'urn:getState');
        assert.equal(textOf(r.body, 'RequestState'), '3', `${op.service}/${op.name}`);
        const v = await validate(r.body);
        assert.equal(v.verdict, 'valid', `${op.service}/${op.name}: ${problems(v)}`);
        assert.equal(v.binding?.service, op.service);
      }
      const s = sb.stats();
      assert.equal(s.accepted, 33);
      assert.equal(s.processed, 33);
      assert.equal(s.faults, 0);
    });

    it('processes a due message in the background, without being asked', async () => {
      const before = sb.stats().processed;
      const ack = await post(sb.url, endpointOf('nsi'), request('nsi', 'exportDataProviderNsiItem').xml, 'urn:exportDataProviderNsiItem');
      assert.equal(ack.status, 200);
      for (let i = 0; i < 50 && sb.stats().processed === before; i++) await sleep(20);
      assert.equal(sb.stats().processed, before + 1);
    });
  });

  describe("with the product's operation handlers (the default)", () => {
    let sb: RunningSandbox;
    before(async () => {
      sb = await startSandbox({ validator: (await testEngine()).validator, delays: { receivedMs: 0, processingMs: 0 } });
    });
    after(() => sb.close());

    it('answers every sample request with a valid processed getStateResult, none failing as a whole', async () => {
      for (const op of bundledContents().catalog.operations.filter((o) => o.name !== 'getState')) {
        const ack = await post(sb.url, op.endpointPath!, request(op.service, op.name).xml, op.soapAction);
        assert.equal(ack.status, 200, `${op.service}/${op.name}: ${ack.body}`);
        const gis = textOf(ack.body.slice(ack.body.indexOf('<base:Ack>')), 'MessageGUID')!;
        const r = await post(sb.url, op.endpointPath!, stateRequest(op.service, gis), 'urn:getState');
        assert.equal(textOf(r.body, 'RequestState'), '3', `${op.service}/${op.name}`);
        assert.notEqual(textOf(r.body, 'ErrorCode'), 'EXP001000', `${op.service}/${op.name}: ${textOf(r.body, 'Description')}`);
        const v = await validate(r.body);
        assert.equal(v.verdict, 'valid', `${op.service}/${op.name}: ${problems(v)}`);
      }
      assert.equal(sb.stats().processed, 33);
      assert.equal(sb.stats().processingErrors, 0);
    });
  });
});
