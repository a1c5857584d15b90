import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../server/src/sandbox/operationHandler';
import { sandboxOperations } from '../../server/src/sandbox/operations';
import { houseOperations } from '../../server/src/sandbox/operations/houseOperations';
import { stableGuid } from '../../server/src/sandbox/operations/common';
import { checkReadingDate, readingWindow } from '../../server/src/sandbox/operations/rules';
import type { XmlElement } from '../../server/src/xml/xmlTree';
import { BUNDLED_SCOPE } from '../support/bundledScope';
import {
  RequestOptions,
  ResultCheck,
  SAMPLES_DIR,
  bundledContents,
  checkResult,
  findAll,
  memorySandboxDb,
  operationOf,
  parsedResult,
  requestFromSample,
  requestFromXml,
  sampleText,
  textOf,
} from '../support/sandboxResult';

/**
 * What the sandbox stand does with requests of nsi-common, nsi, organizations-registry-common,
 * house-management and device-metering: every answer is put into the getStateResult a stand
 * sends and validated by the product's validator against the bundled package; the seed data
 * answers every sample request sensibly; the business rules answer per-item errors.
 */

const SERVICES = ['nsi-common', 'nsi', 'organizations-registry-common', 'house-management', 'device-metering'];
const OPERATIONS = SERVICES.flatMap((s) => BUNDLED_SCOPE[s].map((op) => `${s}/${op}`));

type Db = SandboxDb & { close(): void };

async function freshDb(): Promise<Db> {
  const db = await memorySandboxDb();
  houseOperations().prepare(db);
  return db;
}

const handlers = houseOperations().handlers;

function run(db: SandboxDb, req: SandboxRequest): ProcessedResult {
  const key = `${req.operation.service}/${req.operation.name}`;
  const h = handlers[key];
  assert.ok(h, `no handler for ${key}`);
  return h.process(req, db);
}

/** Runs a request and checks its answer against the bundled package; returns the answer. */
async function send(db: SandboxDb, req: SandboxRequest): Promise<ResultCheck & { root: XmlElement }> {
  const check = await checkResult(req, run(db, req));
  assert.ok(check.valid, `${req.operation.service}/${req.operation.name}: the answer is ${check.report.verdict}\n${check.problems.join('\n')}\n${check.xml}`);
  return { ...check, root: parsedResult(check.xml) };
}

async function sendSample(db: SandboxDb, service: string, op: string, o: RequestOptions & { edit?: (t: string) => string } = {}) {
  return send(db, requestFromSample(service, op, o));
}

/** Error codes of the answer, per TransportGUID (whole-message errors under ''). */
function errorsOf(root: XmlElement): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const code of findAll(root, 'ErrorCode')) {
    const owner = code.parent!.parent!;
    const key = owner.local === 'getStateResult' ? '' : (textOf(owner, 'TransportGUID') ?? '');
    out.set(key, [...(out.get(key) ?? []), code.text.trim()]);
  }
  return out;
}

const allCodes = (root: XmlElement) => [...errorsOf(root).values()].flat();

function sampleDate(service: string, op: string): number {
  const m = /<base:Date>([^<]+)<\/base:Date>/.exec(sampleText(service, `${op}.request.xml`));
  return m ? Date.parse(m[1]) : 0;
}

describe('sandbox operations: registers, houses, accounts, meters', function () {
  this.timeout(120_000);
  const figures: string[] = [];
  after(() => {
    for (const f of figures) console.log(`      ${f}`);
  });

  it('has a handler for every operation of its services, and the merged set finds them', () => {
    const catalog = bundledContents().catalog.operations.filter((o) => SERVICES.includes(o.service) && o.name !== 'getState');
    assert.deepEqual(catalog.map((o) => `${o.service}/${o.name}`).sort(), [...OPERATIONS].sort());
    assert.deepEqual(Object.keys(handlers).sort(), [...OPERATIONS].sort());
    const merged = sandboxOperations();
    for (const key of OPERATIONS) {
      const [service, op] = key.split('/');
      assert.ok(merged.handler(service, op), key);
    }
    const all = bundledContents().catalog.operations.filter((o) => o.name !== 'getState');
    const missing = all.filter((o) => !merged.handler(o.service, o.name)).map((o) => `${o.service}/${o.name}`);
    figures.push(`merged sandbox operations: ${all.length - missing.length}/${all.length} operations have a handler${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`);
  });

  it('seeds the story once: a second prepare() adds nothing', async () => {
    const db = await freshDb();
    try {
      const count = () => ['houses', 'premises', 'accounts', 'meters', 'readings', 'nsi_items', 'organizations'].map((t) => Number(db.get(`SELECT COUNT(*) AS n FROM ${t}`)!.n));
      const before = count();
      houseOperations().prepare(db);
      assert.deepEqual(count(), before);
      assert.ok(before.every((n) => n > 0), `every table has seed rows: ${before.join(', ')}`);
      figures.push(`seed: ${before.join(' / ')} houses / premises / accounts / meters / readings / NSI positions / organisations`);
    } finally {
      db.close();
    }
  });

  describe('each sample request on a fresh stand', () => {
    for (const key of OPERATIONS) {
      const [service, op] = key.split('/');
      it(`${key}: a valid answer, without errors`, async () => {
        if (!fs.existsSync(path.join(SAMPLES_DIR, service, `${op}.request.xml`))) assert.fail(`no sample for ${key}`);
        const db = await freshDb();
        try {
          const { root } = await sendSample(db, service, op);
          assert.deepEqual(allCodes(root), [], `${key} answered errors`);
          assert.equal(findAll(root, 'ErrorMessage').length, 0);
        } finally {
          db.close();
        }
      });
    }
  });

  describe('the samples as one story, in the order of their dates', () => {
    let db: Db;
    const answers = new Map<string, XmlElement>();
    before(async () => {
      db = await freshDb();
      const ordered = [...OPERATIONS].sort((a, b) => {
        const [sa, oa] = a.split('/');
        const [sb, ob] = b.split('/');
        return sampleDate(sa, oa) - sampleDate(sb, ob);
      });
      for (const key of ordered) {
        const [service, op] = key.split('/');
        answers.set(key, (await sendSample(db, service, op)).root);
      }
    });
    after(() => db.close());

    it('answers every request without errors', () => {
      for (const [key, root] of answers) assert.deepEqual(allCodes(root), [], key);
    });

    it('gives the numbers the sample answers show', () => {
      const accounts = answers.get('house-management/importAccountData')!;
      assert.ok(findAll(accounts, 'UnifiedAccountNumber').some((e) => e.text === '69ПД107354'), 'the new account gets ЕЛС 69ПД107354');
      assert.ok(findAll(accounts, 'ServiceID').some((e) => e.text === '69ПД107354-01'));
      const meters = findAll(answers.get('house-management/importMeteringDeviceData')!, 'UniqueNumber').map((e) => e.text);
      assert.deepEqual(meters, ['69ИПУ5102847', '69ИПУ5102848', '69ОДПУ0031906']);
      const house = answers.get('house-management/importHouseUOData')!;
      assert.ok(findAll(house, 'UniqueNumber').some((e) => e.text === '6900020417-40-2'), 'rooms are numbered under their flat');
    });

    it('exports what was imported', async () => {
      const contracts = await sendSample(db, 'house-management', 'exportSupplyResourceContractData');
      assert.deepEqual(allCodes(contracts.root), []);
      const states = findAll(contracts.root, 'Contract').map((c) => `${findAll(c, 'ContractNumber')[0].text} ${textOf(c, 'ContractState')} ${textOf(c, 'VersionStatus')}`);
      assert.deepEqual(states.sort(), ['ТС-101/2026 Expired Terminated', 'ТС-118/2026 Proceed Posted'], 'the temporary contract is terminated, the yearly one placed');
      assert.equal(findAll(contracts.root, 'PlannedVolume').length, 2, 'planned volumes move from the subjects to the contract');

      const accounts = await sendSample(db, 'house-management', 'exportAccountData');
      const kv9 = findAll(accounts.root, 'exportAccountResult').find((a) => textOf(a, 'AccountNumber') === '09-0119')!;
      assert.equal(textOf(kv9, 'LivingPersonsNumber'), '3', 'the update of kv. 9 is exported');
      const closed = findAll(accounts.root, 'exportAccountResult').find((a) => textOf(a, 'AccountNumber') === '22-0145')!;
      assert.ok(findAll(closed, 'CloseReason').length === 1, 'the closed account shows why');
      assert.ok(findAll(closed, 'LivingRoomGUID').length === 1, 'closing kept the accommodation');

      const house = await sendSample(db, 'house-management', 'exportHouseData', {
        edit: (t) => t.replace('7fc62d83-cecc-4563-9eac-170dfcc8b05d', '42392e96-65db-42c8-bf4e-6f8f2f06906f'),
      });
      const numbers = findAll(house.root, 'PremisesNum').map((e) => e.text);
      assert.deepEqual(numbers.sort(), ['1', '12', '40', '5', 'Н1'].sort());
      assert.equal(findAll(house.root, 'LivingRoom').length, 2);
      assert.equal(findAll(house.root, 'Lift').length, 1);
      assert.equal(textOf(findAll(house.root, 'ResidentialPremises').find((p) => textOf(p, 'PremisesNum') === '5'), 'TotalArea'), '52.7000');

      const nsi = await sendSample(db, 'nsi', 'exportDataProviderNsiItem');
      assert.equal(findAll(nsi.root, 'NsiElement').length, 5, 'four new services and the recovered one');
      assert.ok(findAll(nsi.root, 'IsActual').every((e) => e.text === 'true'));

      const meters = await sendSample(db, 'house-management', 'exportMeteringDeviceData');
      const serials = findAll(meters.root, 'MeteringDeviceNumber').map((e) => e.text);
      assert.deepEqual(serials.sort(), ['240918365', '240921077', '25031177'], 'the individual meters changed since 13.11.2026, the replaced one left out');

      const archived = await sendSample(db, 'house-management', 'exportMeteringDeviceData', {
        edit: (t) => t.replace('<hm:SearchArchived>false</hm:SearchArchived>', '<hm:SearchArchived>true</hm:SearchArchived>'),
      });
      const statuses = findAll(archived.root, 'exportMeteringDeviceDataResult').map((r) => `${textOf(r, 'MeteringDeviceNumber') ?? findAll(r, 'MeteringDeviceNumber')[0].text}:${textOf(r, 'StatusRootDoc')}`);
      assert.ok(statuses.includes('20119034:Archival'), `the replaced meter of kv. 31 is archived: ${statuses.join(', ')}`);
    });

    it('keeps the readings the device-metering sample sent and shows them in the history', async () => {
      const history = await send(
        db,
        requestFromXml(
          sampleText('device-metering', 'exportMeteringDeviceHistory.request.xml')
            .replace('42392e96-65db-42c8-bf4e-6f8f2f06906f', '7fc62d83-cecc-4563-9eac-170dfcc8b05d')
            .replace('<dm:inputDateFrom>2026-02-01</dm:inputDateFrom>', '<dm:inputDateFrom>2026-03-25</dm:inputDateFrom>')
            .replace('<dm:inputDateTo>2026-03-31</dm:inputDateTo>', '<dm:inputDateTo>2026-03-25</dm:inputDateTo>')
            .replace('<dm:SerchArchived>', '<dm:SerchArchived>'),
          operationOf('device-metering', 'exportMeteringDeviceHistory'),
        ),
      );
      const values = findAll(history.root, 'CurrentValue').map((v) => findAll(v, 'MeteringValue')[0]?.text ?? findAll(v, 'MeteringValueT1')[0].text);
      assert.deepEqual(values.sort(), ['187.904', '412.318', '8841.27'].sort());
      assert.equal(findAll(history.root, 'ControlValue').length, 1);
    });
  });

  describe('business rules', () => {
    let db: Db;
    beforeEach(async () => (db = await freshDb()));
    afterEach(() => db.close());

    it('a second meter with the same serial number in the house: SRV007020', async () => {
      const first = await sendSample(db, 'house-management', 'importMeteringDeviceData');
      assert.deepEqual(allCodes(first.root), []);
      const again = await sendSample(db, 'house-management', 'importMeteringDeviceData', {
        edit: (t) => t.replace(/<base:TransportGUID>([0-9a-f-]{36})<\/base:TransportGUID>/g, (_m, g: string) => `<base:TransportGUID>${g.slice(0, -4)}0000</base:TransportGUID>`),
      });
      const errors = errorsOf(again.root);
      const creations = [...errors.entries()].filter(([, codes]) => codes.includes('SRV007020'));
      assert.equal(creations.length, 3, `three new meters are duplicates: ${JSON.stringify([...errors])}`);
      assert.ok(findAll(again.root, 'Description').some((d) => d.text.includes('240918365')));
    });

    it('readings outside the window: SRV007013 (previous month only until the 25th, never the future)', async () => {
      const late = await sendSample(db, 'device-metering', 'importMeteringDeviceValues', { receivedAt: new Date('2026-04-26T10:00:00+03:00') });
      const codes = allCodes(late.root);
      assert.equal(codes.filter((c) => c === 'SRV007013').length, 5, codes.join(','));
      const early = await sendSample(db, 'device-metering', 'importMeteringDeviceValues', { receivedAt: new Date('2026-03-20T10:00:00+03:00') });
      const future = errorsOf(early.root);
      assert.deepEqual(future.get('99ce6dc8-2deb-4f07-b9c9-506cd3072f72'), ['SRV007013'], 'a reading of the 24th on the 20th is in the future');
      assert.deepEqual(future.get('f6fbfb0a-4b3f-4eef-a042-6c2d6fd596a3'), undefined, 'the control reading of the 18th is accepted');
      const onTime = await sendSample(db, 'device-metering', 'importMeteringDeviceValues', { receivedAt: new Date('2026-04-25T23:00:00+03:00') });
      assert.deepEqual(allCodes(onTime.root), [], 'March readings are accepted until 25 April');
    });

    it('a reading period that is not the month of the date: SRV007013', async () => {
      const r = await sendSample(db, 'device-metering', 'importMeteringDeviceValues', {
        edit: (t) => t.replace('<base:Month>3</base:Month>', '<base:Month>2</base:Month>'),
      });
      assert.deepEqual(errorsOf(r.root).get('99ce6dc8-2deb-4f07-b9c9-506cd3072f72'), ['SRV007013']);
    });

    it('an unknown FIAS house GUID: SRV004044, and the items under the house are not processed', async () => {
      const r = await sendSample(db, 'house-management', 'importHouseUOData', {
        edit: (t) => t.replace('<hm:ApartmentHouseToUpdate>', '<hm:ApartmentHouseToCreate>').replace('</hm:ApartmentHouseToUpdate>', '</hm:ApartmentHouseToCreate>').replaceAll('42392e96-65db-42c8-bf4e-6f8f2f06906f', '00000000-1111-4222-8333-444444444444'),
      });
      const errors = errorsOf(r.root);
      assert.deepEqual(errors.get('bcf183da-2e56-41fe-b79c-65a10c4c275a'), ['SRV004044']);
      assert.equal(findAll(r.root, 'CommonResult').length, 9);
      assert.ok([...errors.values()].every((codes) => codes.length === 1), 'every item has its error');

      const meter = await sendSample(db, 'house-management', 'importMeteringDeviceData', {
        edit: (t) => t.replace('<hm:FIASHouseGuid>7fc62d83-cecc-4563-9eac-170dfcc8b05d</hm:FIASHouseGuid>\n      <!--', '<hm:FIASHouseGuid>00000000-1111-4222-8333-444444444444</hm:FIASHouseGuid>\n      <!--'),
      });
      assert.ok(allCodes(meter.root).every((c) => c === 'SRV004044') && allCodes(meter.root).length === 4);
    });

    it('creating a house that has a card: SRV004045; a new house in FIAS gets a card', async () => {
      const exists = await sendSample(db, 'house-management', 'importHouseUOData', {
        edit: (t) => t.replace('<hm:ApartmentHouseToUpdate>', '<hm:ApartmentHouseToCreate>').replace('</hm:ApartmentHouseToUpdate>', '</hm:ApartmentHouseToCreate>'),
      });
      assert.deepEqual(errorsOf(exists.root).get('bcf183da-2e56-41fe-b79c-65a10c4c275a'), ['SRV004045']);
      const fias = stableGuid('fias:vagzhanova-9');
      const created = await sendSample(db, 'house-management', 'importHouseUOData', {
        edit: (t) =>
          t
            .replace('<hm:ApartmentHouseToUpdate>', '<hm:ApartmentHouseToCreate>')
            .replace('</hm:ApartmentHouseToUpdate>', '</hm:ApartmentHouseToCreate>')
            .replace('<hm:UndergroundFloorCount>1</hm:UndergroundFloorCount>', '<hm:UndergroundFloorCount>0</hm:UndergroundFloorCount>')
            .replaceAll('42392e96-65db-42c8-bf4e-6f8f2f06906f', fias)
            .replace(/<hm:ResidentialPremises>\s*<hm:ResidentialPremisesToUpdate>[\s\S]*?<\/hm:ResidentialPremises>/, ''),
      });
      assert.deepEqual(allCodes(created.root), []);
      assert.ok(findAll(created.root, 'UniqueNumber').some((u) => u.text === '6900031502'), 'the house gets the next number of the region');
      const exported = await sendSample(db, 'house-management', 'exportHouseData', { edit: (t) => t.replace('7fc62d83-cecc-4563-9eac-170dfcc8b05d', fias) });
      assert.equal(findAll(exported.root, 'HouseUniqueNumber')[0].text, '6900031502');
      assert.equal(findAll(exported.root, 'ResidentialPremises').length, 2);
    });

    it('an NSI code the registry does not have: INT002021', async () => {
      const account = await sendSample(db, 'house-management', 'importAccountData', {
        edit: (t) => t.replace('<nsi-base:Code>1</nsi-base:Code>\n            <nsi-base:GUID>50a9e355', '<nsi-base:Code>99</nsi-base:Code>\n            <nsi-base:GUID>50a9e355'),
      });
      assert.deepEqual(errorsOf(account.root).get('1947040b-95da-4aef-b467-255f624275ff'), ['INT002021']);
      const services = await sendSample(db, 'nsi', 'importMunicipalServices', {
        edit: (t) => t.replace('<nsi-base:Code>6</nsi-base:Code>', '<nsi-base:Code>77</nsi-base:Code>'),
      });
      assert.deepEqual(errorsOf(services.root).get('30eb97d9-a2d9-4180-a5e6-e02725952cb2'), ['INT002021']);
      const house = await sendSample(db, 'house-management', 'importHouseUOData', {
        edit: (t) => t.replace('<nsi-base:Code>2</nsi-base:Code>\n              <nsi-base:GUID>aaad3032', '<nsi-base:Code>9</nsi-base:Code>\n              <nsi-base:GUID>aaad3032'),
      });
      const e = errorsOf(house.root);
      assert.deepEqual(e.get('6c1232ac-eba2-492c-8423-5d5b1d4f7465'), ['INT002021']);
      assert.ok(e.get('c9ce9fe1-488f-4371-895d-7811b3b6a03c'), 'rooms of a flat that failed fail too');
      const values = await sendSample(db, 'device-metering', 'importMeteringDeviceValues', {
        edit: (t) => t.replace('<nsi-base:Code>1</nsi-base:Code>', '<nsi-base:Code>42</nsi-base:Code>'),
      });
      assert.deepEqual(errorsOf(values.root).get('99ce6dc8-2deb-4f07-b9c9-506cd3072f72'), ['INT002021']);
    });

    it('updating an account or a meter the stand does not have: INT002012', async () => {
      const account = await sendSample(db, 'house-management', 'importAccountData', {
        edit: (t) => t.replace('<hm:AccountGUID>cda49fb9-b2dc-4b3d-8ed8-96ce196779d2</hm:AccountGUID>', '<hm:AccountGUID>0badc0de-0000-4000-8000-000000000001</hm:AccountGUID>'),
      });
      assert.deepEqual(errorsOf(account.root).get('52c5c33c-0e4b-4984-8994-dcc5a06a157d'), ['INT002012']);
      const meter = await sendSample(db, 'house-management', 'importMeteringDeviceData', {
        edit: (t) => t.replace('8be6df01-7f83-43de-b976-cc1089eccfa2', '0badc0de-0000-4000-8000-000000000002'),
      });
      assert.deepEqual(errorsOf(meter.root).get('234f1719-f631-467f-9352-88aebd01208d'), ['INT002012']);
      const values = await sendSample(db, 'device-metering', 'importMeteringDeviceValues', {
        edit: (t) => t.replace('8f33b0e9-c4c2-4b2c-8ed9-fe15be9f065b', '0badc0de-0000-4000-8000-000000000003'),
      });
      assert.deepEqual(errorsOf(values.root).get('99ce6dc8-2deb-4f07-b9c9-506cd3072f72'), ['INT002012']);
      const other = await sendSample(db, 'house-management', 'importAccountData', { orgPPAGUID: '6a93ec99-1731-49ea-915a-0c8b8e5690dc' });
      assert.deepEqual(errorsOf(other.root).get('52c5c33c-0e4b-4984-8994-dcc5a06a157d'), ['INT002012'], "another organisation's account is not found");
    });

    it('readings of an archived meter: SRV007014', async () => {
      await sendSample(db, 'house-management', 'importMeteringDeviceData');
      const r = await sendSample(db, 'device-metering', 'importMeteringDeviceValues', { receivedAt: new Date('2026-03-25T10:44:00+03:00') });
      assert.deepEqual(errorsOf(r.root).get('cce38a89-51f8-43e0-b928-28045f6ce05c'), ['SRV007014'], 'kv. 31 hot-water meter was replaced');
    });

    it('exports that find nothing answer INT002012 as a whole-message error', async () => {
      const r = await sendSample(db, 'house-management', 'exportHouseData', { edit: (t) => t.replace('7fc62d83-cecc-4563-9eac-170dfcc8b05d', '00000000-1111-4222-8333-444444444444') });
      assert.deepEqual(errorsOf(r.root).get(''), ['INT002012']);
      const list = await sendSample(db, 'nsi-common', 'exportNsiList', { edit: (t) => t.replace('>NSI<', '>NSIRAO<') });
      assert.deepEqual(errorsOf(list.root).get(''), ['INT002012']);
      const page = await sendSample(db, 'nsi-common', 'exportNsiPagingItem', { edit: (t) => t.replace('<nsi-common:Page>1</nsi-common:Page>', '<nsi-common:Page>2</nsi-common:Page>') });
      assert.deepEqual(errorsOf(page.root).get(''), ['INT002012']);
      const orgs = await sendSample(db, 'organizations-registry-common', 'exportOrgRegistry', { edit: (t) => t.replaceAll(/1166952018320|1026900051188|321695200012345/g, (m) => (m.length === 13 ? '1027700132195' : '304500116000157')) });
      assert.deepEqual(errorsOf(orgs.root).get(''), ['INT002012']);
    });

    it('escapes what it gives back', async () => {
      const name = 'Уборка «<лестниц>» & "холлов"';
      await sendSample(db, 'nsi', 'importAdditionalServices', { edit: (t) => t.replace('Техническое обслуживание домофона', name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')) });
      const r = await send(db, requestFromXml(sampleText('nsi', 'exportDataProviderNsiItem.request.xml').replace('>51<', '>1<').replace(/<nsi:ModifiedAfter>[^<]*<\/nsi:ModifiedAfter>/, ''), operationOf('nsi', 'exportDataProviderNsiItem')));
      assert.ok(findAll(r.root, 'Value').some((v) => v.text === name), 'the name comes back as it was sent');
      assert.equal(findAll(r.root, 'NsiElement').length, 6, 'four seeded, two new; the deleted one is not actual');
      assert.equal(findAll(r.root, 'IsActual').filter((e) => e.text === 'false').length, 1);
    });
  });

  describe('test/support/sandboxResult (used by both domain parts)', () => {
    /** The body of a sample answer after base:MessageGUID, with the envelope's declarations. */
    function sampleBody(text: string): ProcessedResult {
      const open = /<([\w-]+):getStateResult\b/.exec(text)!;
      const body = text.slice(text.indexOf('</base:MessageGUID>', open.index) + '</base:MessageGUID>'.length, text.indexOf(`</${open[1]}:getStateResult>`));
      const namespaces: Record<string, string> = {};
      for (const m of text.matchAll(/xmlns:([\w-]+)="([^"]+)"/g)) if (m[1] !== 'soapenv') namespaces[m[1]] = m[2];
      return { xml: body, namespaces };
    }

    it('wraps every sample answer of the bundled package into a valid getStateResult, and notices a broken one', async () => {
      let n = 0;
      for (const service of fs.readdirSync(SAMPLES_DIR).filter((d) => BUNDLED_SCOPE[d])) {
        for (const file of fs.readdirSync(path.join(SAMPLES_DIR, service)).filter((f) => f.endsWith('.result.xml'))) {
          const op = file.replace('.result.xml', '');
          const req = requestFromSample(service, op);
          const check = await checkResult(req, sampleBody(sampleText(service, file)));
          assert.ok(check.valid, `${service}/${op}: ${check.problems.join('; ')}`);
          n++;
        }
      }
      const req = requestFromSample('nsi', 'importAdditionalServices');
      const broken = await checkResult(req, { xml: '<nsi:ImportResult><base:TransportGUID>not-a-guid</base:TransportGUID></nsi:ImportResult>', namespaces: { nsi: 'http://dom.gosuslugi.ru/schema/integration/nsi/' } });
      assert.equal(broken.valid, false);
      assert.ok(broken.problems.length > 0);
      figures.push(`sandboxResult: ${n} sample answers re-wrapped and valid`);
    });

    it('reads the header of a sample into the SandboxRequest', () => {
      const req = requestFromSample('house-management', 'importAccountData');
      assert.equal(req.senderMessageGuid, '35888120-3232-4626-8d0c-711d5070a5c0');
      assert.equal(req.orgPPAGUID, '9a431066-1aef-4f92-a2c2-639b83efb368');
      assert.equal(req.receivedAt.toISOString(), '2026-11-23T07:14:52.630Z');
      assert.equal(req.request.local, 'importAccountRequest');
      const is = requestFromSample('nsi-common', 'exportNsiList');
      assert.equal(is.orgPPAGUID, undefined);
    });
  });

  describe('the reading window', () => {
    it('opens on the first of the previous month until the 25th, then on the first of the month', () => {
      assert.deepEqual(readingWindow(new Date('2026-03-25T20:59:00Z')), { from: '2026-02-01', to: '2026-03-25' });
      assert.deepEqual(readingWindow(new Date('2026-03-25T21:00:00Z')), { from: '2026-03-01', to: '2026-03-26' }, 'Moscow time decides the day');
      assert.deepEqual(readingWindow(new Date('2026-01-10T09:00:00+03:00')), { from: '2025-12-01', to: '2026-01-10' });
      assert.equal(checkReadingDate('2026-02-28', new Date('2026-03-25T12:00:00+03:00')), undefined);
      assert.equal(checkReadingDate('2026-02-28', new Date('2026-03-26T12:00:00+03:00'))?.code, 'SRV007013');
      assert.equal(checkReadingDate('2026-03-27', new Date('2026-03-26T12:00:00+03:00'))?.code, 'SRV007013');
    });
  });
});
