import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PackageContents } from '../../server/src/catalog/packageContents';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import { ExchangeError } from '../../server/src/exchange/exchangeError';
import { answerItems, matchItems, requestItemsOf } from '../../server/src/exchange/itemMatching';
import { readRequestDocument } from '../../server/src/exchange/requestDocument';
import { messageError, readAnswer } from '../../server/src/exchange/soapAnswer';
import { getStateEnvelope, requestEnvelope } from '../../server/src/exchange/soapEnvelope';
import { mskDateTime } from '../../server/src/xml/moscowTime';
import { bundledSchemasDir, productRoot } from '../../server/src/productPaths';
import type { DocumentValidator } from '../../server/src/validation/documentValidator';
import { createValidationEngine } from '../../server/src/validation/validationEngine';

/**
 * The exchange's messages: the envelope and header built around a request (bare or enveloped),
 * the getState poll, and reading what a stand answers. Every composed message must pass the
 * bundled package, since that is what a stand checks first.
 */
const samples = path.join(productRoot(), 'samples');
const sample = (rel: string) => fs.readFileSync(path.join(samples, rel), 'utf8');
const GUID = '0b8a1c52-6e1f-4c77-9b0e-2f6a1d3e4c51';
const ORG = '11111111-2222-4333-8444-555555555555';

function requestSamples(): string[] {
  const out: string[] = [];
  for (const service of fs.readdirSync(samples).sort()) {
    const dir = path.join(samples, service);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.request.xml') && f !== 'getState.request.xml') out.push(`${service}/${f}`);
  }
  return out;
}

describe('exchange messages: envelope, header, answers', function () {
  this.timeout(60_000);
  let contents: PackageContents;
  let validator: DocumentValidator;
  const valid = (xml: string) => {
    const r = validator.validate(xml, contents, { lang: 'en', maxProblems: 5, rules: { enabled: false } });
    return { ok: r.verdict === 'valid', problems: r.diagnostics.map((d) => d.message).join('; ') };
  };

  before(async () => {
    const registry = new PackageRegistry({ bundledRoot: bundledSchemasDir() });
    contents = registry.contents(registry.select('bundled').pkg!);
    validator = (await createValidationEngine()).validator;
  });

  it('rebuilds every sample request in a fresh envelope that the bundled package accepts', () => {
    const files = requestSamples();
    assert.ok(files.length >= 33, `${files.length} request samples`);
    for (const rel of files) {
      const doc = readRequestDocument(sample(rel), contents);
      const env = requestEnvelope(doc, GUID, new Date(), { orgPPAGUID: ORG });
      const v = valid(env);
      assert.ok(v.ok, `${rel}: ${v.problems}`);
      assert.ok(env.includes(`<base:MessageGUID>${GUID}</base:MessageGUID>`), rel);
      if (doc.operation.headerKind === 'RequestHeader') assert.ok(env.includes(`<base:orgPPAGUID>${ORG}</base:orgPPAGUID>`), rel);
      else assert.ok(!env.includes('orgPPAGUID'), `${rel}: ISRequestHeader carries no sender`);
    }
  });

  it('keeps the request element byte for byte, adding only the namespaces it took from the envelope', () => {
    const text = sample('device-metering/importMeteringDeviceValues.request.xml');
    const doc = readRequestDocument(text, contents);
    const start = text.indexOf('<dm:importMeteringDeviceValuesRequest');
    const tail = text.slice(text.indexOf('>', start) + 1, text.indexOf('</dm:importMeteringDeviceValuesRequest>'));
    assert.ok(doc.requestXml.includes(tail), 'the content between the tags is unchanged');
    assert.match(doc.requestXml, /^<dm:importMeteringDeviceValuesRequest xmlns:soapenv="[^"]+" xmlns:base="[^"]+" xmlns:dm="[^"]+"/);
  });

  it('keeps the document\'s own sender when the stand names none, and refuses a RequestHeader without one', () => {
    const text = sample('house-management/importAccountData.request.xml');
    const doc = readRequestDocument(text, contents);
    assert.equal(doc.orgPPAGUID, '9a431066-1aef-4f92-a2c2-639b83efb368');
    assert.ok(requestEnvelope(doc, GUID, new Date(), {}).includes('<base:orgPPAGUID>9a431066-1aef-4f92-a2c2-639b83efb368</base:orgPPAGUID>'));
    const bare = doc.requestXml;
    const bareDoc = readRequestDocument(bare, contents);
    assert.equal(bareDoc.orgPPAGUID, undefined);
    assert.throws(() => requestEnvelope(bareDoc, GUID, new Date(), {}), (e: unknown) => e instanceof ExchangeError && e.code === 'no-sender');
    assert.ok(valid(requestEnvelope(bareDoc, GUID, new Date(), { senderId: ORG })).ok, 'SenderID is the other choice');
  });

  it('refuses to send getState by hand and names unknown requests', () => {
    assert.throws(() => readRequestDocument(sample('bills/getState.request.xml'), contents), (e: unknown) => e instanceof ExchangeError && e.code === 'poll-request');
    assert.throws(() => readRequestDocument('<x:fooRequest xmlns:x="urn:x"/>', contents), (e: unknown) => e instanceof ExchangeError && e.code === 'unknown-operation');
    assert.throws(() => readRequestDocument('', contents), (e: unknown) => e instanceof ExchangeError && e.code === 'no-request');
  });

  it('writes a getState poll each service accepts', () => {
    for (const service of contents.catalog.services) {
      const op = contents.catalog.find('getState', service)!;
      const env = getStateEnvelope(op, GUID, '7d8f0e11-3a0b-4c1e-8d55-1a2b3c4d5e6f', new Date(), { orgPPAGUID: ORG });
      const v = valid(env);
      assert.ok(v.ok, `${service}: ${v.problems}`);
    }
  });

  it('writes the header date in Moscow time with its offset', () => {
    assert.match(mskDateTime(new Date('2026-11-23T07:14:52.630Z')), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    assert.equal(new Date(mskDateTime(new Date('2026-11-23T07:14:52.630Z'))).toISOString(), '2026-11-23T07:14:52.630Z');
  });

  it('reads acknowledgements, GIS faults, states and answers that are not answers', () => {
    const ack = readAnswer({
      status: 200,
      body: `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:b="http://dom.gosuslugi.ru/schema/integration/base/"><s:Body><b:AckRequest><b:Ack><b:MessageGUID>${GUID}</b:MessageGUID><b:RequesterMessageGUID>${ORG}</b:RequesterMessageGUID></b:Ack></b:AckRequest></s:Body></s:Envelope>`,
    });
    assert.deepEqual(ack, { kind: 'ack', gisMessageGuid: GUID, requesterMessageGuid: ORG });
    const fault = readAnswer({
      status: 500,
      body: `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>bad</faultstring><detail><ns2:Fault xmlns:ns2="http://dom.gosuslugi.ru/schema/integration/base/"><ns2:ErrorCode>FMT001300</ns2:ErrorCode><ns2:ErrorMessage>Нарушен формат</ns2:ErrorMessage></ns2:Fault></detail></soap:Fault></soap:Body></soap:Envelope>`,
    });
    assert.deepEqual(fault, { kind: 'fault', code: 'FMT001300', text: 'Нарушен формат' });
    assert.equal(readAnswer({ status: 500, body: '<html><body>Internal Server Error</body></html>' }).kind, 'unreadable');
    assert.equal(readAnswer({ status: 502, body: 'Bad gateway' }).kind, 'unreadable');
    const result = sample('device-metering/importMeteringDeviceValues.result.xml');
    assert.equal(readAnswer({ status: 200, body: result.slice(0, result.length - 40) }).kind, 'unreadable', 'a cut answer is not an answer');
    const state = readAnswer({ status: 200, body: result });
    assert.equal(state.kind, 'state');
    assert.equal(state.kind === 'state' && state.requestState, 3);
  });

  it('matches every answered item to the request item with its TransportGUID', () => {
    let matchedPairs = 0;
    for (const rel of requestSamples()) {
      const resultFile = rel.replace('.request.xml', '.result.xml');
      if (!fs.existsSync(path.join(samples, resultFile))) continue;
      const a = readAnswer({ status: 200, body: sample(resultFile) });
      assert.equal(a.kind, 'state', resultFile);
      if (a.kind !== 'state' || messageError(a.result)) continue;
      const requested = requestItemsOf(sample(rel));
      const { items, unanswered } = matchItems(requested, answerItems(a.result));
      if (requested.length === 0) continue;
      // The samples tell one story: each import's answer speaks of exactly the request's items.
      assert.deepEqual(unanswered, [], `${rel}: unanswered ${unanswered.join(', ')}`);
      for (const i of items) assert.ok(i.item, `${resultFile}: ${i.transportGuid} is not in the request`);
      matchedPairs++;
    }
    assert.ok(matchedPairs >= 15, `${matchedPairs} request/answer pairs matched`);
  });

  it('reads per-item errors and a whole-message error', () => {
    const body = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:b="http://dom.gosuslugi.ru/schema/integration/base/" xmlns:d="urn:d"><s:Body><d:getStateResult><b:RequestState>3</b:RequestState><b:MessageGUID>${GUID}</b:MessageGUID>
      <d:ImportResult><b:TransportGUID>A</b:TransportGUID><b:GUID>g1</b:GUID><b:UpdateDate>2026-11-23T10:00:00</b:UpdateDate></d:ImportResult>
      <d:ImportResult><b:TransportGUID>B</b:TransportGUID><b:Error><b:ErrorCode>SRV007013</b:ErrorCode><b:Description>Период ввода показаний истёк</b:Description></b:Error></d:ImportResult>
    </d:getStateResult></s:Body></s:Envelope>`;
    const a = readAnswer({ status: 200, body });
    assert.equal(a.kind, 'state');
    if (a.kind !== 'state') return;
    const items = answerItems(a.result);
    assert.deepEqual(
      items.map((i) => [i.transportGuid, i.ok, i.guid ?? i.errors[0]?.code]),
      [
        ['a', true, 'g1'],
        ['b', false, 'SRV007013'],
      ],
    );
    const whole = readAnswer({ status: 200, body: body.replace(/<d:ImportResult>[\s\S]*<\/d:ImportResult>/, '<b:ErrorMessage><b:ErrorCode>EXP001000</b:ErrorCode><b:Description>Ошибка</b:Description></b:ErrorMessage>') });
    assert.deepEqual(whole.kind === 'state' && messageError(whole.result), { code: 'EXP001000', text: 'Ошибка' });
  });
});
