import * as assert from 'node:assert/strict';
import type { SandboxDb, SandboxOperations, SandboxRequest } from '../../server/src/sandbox/operationHandler';
import { financeOperations } from '../../server/src/sandbox/operations/finance';
import { saveSubrequest, subrequestByGuid } from '../../server/src/sandbox/operations/finance/debt/subrequestStore';
import { sandboxOperations } from '../../server/src/sandbox/operations';
import type { XmlElement } from '../../server/src/xml/xmlTree';
import {
  RequestOptions,
  bundledContents,
  checkResult,
  findAll,
  memorySandboxDb,
  parsedResult,
  requestFromSample,
  textOf,
} from '../support/sandboxResult';

/**
 * The sandbox stand's finance services (bills, payment, debt-requests, volume-quality,
 * outage-report) on a real sql.js database prepared by the stand's own operations (the
 * house-management side's tables and seed, then the finance side's): every sample request, then
 * requests changed to break each business rule. Every answer is wrapped into the getStateResult
 * the stand sends and validated against the bundled package.
 */

const SERVICES = ['bills', 'payment', 'debt-requests', 'volume-quality', 'outage-report'];

interface Stand {
  db: SandboxDb & { close(): void };
  ops: SandboxOperations;
}

async function stand(): Promise<Stand> {
  const db = await memorySandboxDb();
  const ops = sandboxOperations();
  ops.prepare(db);
  return { db, ops };
}

interface ItemResult {
  transport: string;
  guid?: string;
  unique?: string;
  errors: { code: string; description: string }[];
}

interface Answer {
  root: XmlElement;
  xml: string;
  items: ItemResult[];
  /** The whole-message ErrorMessage, if that is the answer. */
  error?: { code: string; description: string };
}

async function send(s: Stand, req: SandboxRequest): Promise<Answer> {
  const handler = s.ops.handler(req.operation.service, req.operation.name);
  assert.ok(handler, `no handler for ${req.operation.service}/${req.operation.name}`);
  const result = handler.process(req, s.db);
  const check = await checkResult(req, result);
  assert.ok(check.valid, `${req.operation.service}/${req.operation.name}: the answer does not validate:\n${check.problems.join('\n')}\n${check.xml}`);
  const root = parsedResult(check.xml);
  const items = root.children
    .filter((c) => c.local === 'ImportResult' || c.local === 'importResult')
    .map((r) => ({
      transport: textOf(r, 'TransportGUID')!,
      guid: textOf(r, 'GUID'),
      unique: textOf(r, 'UniqueNumber'),
      errors: r.children.filter((e) => e.local === 'Error').map((e) => ({ code: textOf(e, 'ErrorCode')!, description: textOf(e, 'Description')! })),
    }));
  const em = root.children.find((c) => c.local === 'ErrorMessage');
  return { root, xml: check.xml, items, error: em && { code: textOf(em, 'ErrorCode')!, description: textOf(em, 'Description')! } };
}

function sample(service: string, op: string, edit?: (t: string) => string, o: RequestOptions = {}): SandboxRequest {
  return requestFromSample(service, op, { ...o, edit });
}

/** Replaces one occurrence, failing when the sample no longer has it (so a changed sample is noticed). */
function swap(from: string | RegExp, to: string): (t: string) => string {
  return (t) => {
    const out = t.replace(from, to);
    assert.notEqual(out, t, `the sample has no ${String(from)}`);
    return out;
  };
}

function chain(...edits: ((t: string) => string)[]): (t: string) => string {
  return (t) => edits.reduce((acc, e) => e(acc), t);
}

function ok(a: Answer, count?: number): void {
  assert.equal(a.error, undefined, `whole-message error ${JSON.stringify(a.error)}`);
  if (count !== undefined) assert.equal(a.items.length, count);
  for (const i of a.items) assert.deepEqual(i.errors, [], `item ${i.transport} failed`);
}

function itemError(a: Answer, index: number, code: string, text?: RegExp): void {
  const item = a.items[index];
  assert.ok(item, `no item ${index}`);
  assert.equal(item.guid, undefined);
  assert.ok(item.errors.length > 0, `item ${index} has no error`);
  assert.equal(item.errors[0].code, code, JSON.stringify(item.errors));
  if (text) assert.match(item.errors[0].description, text);
}

const PD14 = '69ПД041873-01-6101';
const NOTE_UK = '89572bdb-d937-4920-a296-b8ada324a44f';
const NOTE_HEAT = '6db791b1-6696-433b-ad4e-d23ff2c5e1b8';
const KV9_ACCOUNT = 'cda49fb9-b2dc-4b3d-8ed8-96ce196779d2';

describe('sandbox finance services', function () {
  this.timeout(60_000);
  let s: Stand;
  beforeEach(async () => {
    s = await stand();
  });
  afterEach(() => s.db.close());
  /** A new stand for a check that must not see what the previous request changed. */
  async function fresh(): Promise<void> {
    s.db.close();
    s = await stand();
  }

  it('has a handler for every operation of the five services in the bundled package', () => {
    const ops = bundledContents().catalog.operations.filter((o) => SERVICES.includes(o.service) && o.name !== 'getState');
    const keys = Object.keys(financeOperations().handlers).sort();
    assert.deepEqual(keys, ops.map((o) => `${o.service}/${o.name}`).sort());
    assert.equal(keys.length, 14);
    for (const o of ops) assert.ok(s.ops.handler(o.service, o.name), `${o.service}/${o.name} is not in sandboxOperations()`);
  });

  it('prepares once: a second prepare() keeps the data and adds no second seed', async () => {
    const count = () => Number(s.db.get('SELECT COUNT(*) AS n FROM payment_documents')!.n);
    const before = count();
    ok(await send(s, sample('bills', 'importPaymentDocumentData', swap(/<bills-base:PaymentDocumentNumber>0014-2026-10</, '<bills-base:PaymentDocumentNumber>0014-2026-10a<'))), 3);
    assert.equal(count(), before + 1);
    s.ops.prepare(s.db);
    assert.equal(count(), before + 1);
    assert.equal(Number(s.db.get('SELECT COUNT(*) AS n FROM payment_notifications')!.n), 3);
  });

  describe('samples', () => {
    it('bills/importPaymentDocumentData replaces the month\'s document and keeps its identifier', async () => {
      const a = await send(s, sample('bills', 'importPaymentDocumentData'));
      ok(a, 3);
      assert.deepEqual(
        a.items.map((i) => i.guid),
        ['2e10e556-0cc9-4887-85aa-34e2e1b32ab9', 'a42ebdb1-b42a-45d4-ba3d-d69cc841818f', 'c049584c-181d-4991-ab9a-14bd28229caa'],
      );
      assert.equal(a.items[2].unique, PD14);
      assert.equal(a.items[0].unique, undefined);
      const e = await send(s, sample('bills', 'exportPaymentDocumentData'));
      ok(e);
      assert.equal(findAll(e.root, 'PaymentDocument').length, 1);
      assert.equal(textOf(findAll(e.root, 'PaymentDocument')[0], 'AccountGuid'), '680fa1d0-e529-4f92-b738-8d7eed6761ae');
    });

    it('bills/exportPaymentDocumentData answers with the seeded document of flat 14', async () => {
      const a = await send(s, sample('bills', 'exportPaymentDocumentData'));
      ok(a);
      const docs = findAll(a.root, 'PaymentDocument');
      assert.equal(docs.length, 1);
      assert.equal(textOf(docs[0], 'PaymentDocumentID'), PD14);
      assert.equal(textOf(docs[0], 'PaymentDocumentNumber'), '0014-2026-10');
      assert.equal(findAll(docs[0], 'ChargeInfo').length, 6);
      const details = findAll(docs[0], 'PaymentInformation');
      assert.deepEqual(details.map((d) => textOf(d, 'TotalPayableByPaymentInformation')), ['2181.12', '3526.57']);
      assert.deepEqual(details.map((d) => textOf(d, 'RecipientINN')), ['6950128472', '6950214587']);
      assert.equal(textOf(docs[0], 'Expose'), 'true');
    });

    it('bills/exportNotificationsOfOrderExecution shows the payments with their acknowledgment state', async () => {
      const a = await send(s, sample('bills', 'exportNotificationsOfOrderExecution'));
      ok(a);
      const notes = findAll(a.root, 'NotificationOfOrderExecutionWithStatus');
      const byGuid = new Map(notes.map((n) => [textOf(n, 'NotificationsOfOrderExecutionGUID'), n]));
      assert.equal(notes.length, 3);
      assert.equal(textOf(byGuid.get(NOTE_UK), 'AckStatus'), '2');
      assert.equal(textOf(byGuid.get(NOTE_UK), 'AcknowledgmentAmount'), '218112');
      assert.equal(findAll(byGuid.get(NOTE_UK)!, 'AcknowledgmentRequest').length, 4);
      assert.equal(textOf(byGuid.get(NOTE_HEAT), 'AckStatus'), '0');
    });

    it('bills/importAcknowledgment acknowledges the same lines again with their GUIDs', async () => {
      const a = await send(s, sample('bills', 'importAcknowledgment'));
      ok(a, 4);
      assert.equal(a.items[0].guid, '814d1ebe-2bf7-40d8-9bb4-ba3c1ab8bbd0');
    });

    it('bills/importRSOSettlements adds October to the contract\'s settlements, exportSettlements shows it', async () => {
      const before = await send(s, sample('bills', 'exportSettlements'));
      ok(before);
      assert.equal(findAll(before.root, 'ReportingPeriod').length, 2);
      const a = await send(s, sample('bills', 'importRSOSettlements'));
      ok(a, 1);
      assert.equal(a.items[0].guid, '564e8e76-f191-4ad5-88c4-c6e934003787');
      const after = await send(s, sample('bills', 'exportSettlements'));
      const periods = findAll(after.root, 'ReportingPeriod');
      assert.equal(periods.length, 3);
      assert.equal(textOf(periods[2], 'Month'), '10');
      assert.equal(textOf(findAll(periods[2], 'ReportPeriodRSOInfo')[0], 'Debts'), '182331.47');
      assert.equal(findAll(periods[2], 'AttachmentGUID')[0].text, 'c7cc0703-c000-45e4-811f-e79edd659529');
    });

    it('payment/importNotificationsOfOrderExecution answers a repeated payment with the one placed', async () => {
      const a = await send(s, sample('payment', 'importNotificationsOfOrderExecution'));
      ok(a, 2);
      assert.deepEqual(a.items.map((i) => i.guid), [NOTE_UK, NOTE_HEAT]);
    });

    it('payment/importNotificationsOfOrderExecutionCancellation annuls the duplicate payment', async () => {
      const a = await send(s, sample('payment', 'importNotificationsOfOrderExecutionCancellation'));
      ok(a, 1);
      const e = await send(s, sample('bills', 'exportNotificationsOfOrderExecution'));
      const dup = findAll(e.root, 'NotificationOfOrderExecutionWithStatus').find((n) => findAll(n, 'OrderID')[0].text === '04280991320261110000000000019022');
      assert.equal(textOf(dup, 'AckStatus'), '1');
      const again = await send(s, sample('payment', 'importNotificationsOfOrderExecutionCancellation'));
      assert.equal(again.items[0].guid, a.items[0].guid);
    });

    it('payment/exportPaymentDocumentDetails gives the sums in kopecks', async () => {
      const a = await send(s, sample('payment', 'exportPaymentDocumentDetails'));
      ok(a);
      const details = findAll(a.root, 'PaymentDocumentDetails')[0];
      assert.equal(textOf(details, 'Reminder'), '570769');
      assert.equal(textOf(details, 'Debt'), '31240');
      assert.equal(textOf(details, 'TotalWithDebtAndAdvance'), '602009');
      assert.deepEqual(findAll(details, 'PaymentInformation').map((p) => textOf(p, 'Reminder')), ['218112', '352657']);
      assert.equal(findAll(details, 'FIASHouseGuid')[0].text, '7fc62d83-cecc-4563-9eac-170dfcc8b05d');
    });

    it('payment/importSupplierNotificationsOfOrderExecution takes the document payment, not the unknown ЖКУ', async () => {
      const a = await send(s, sample('payment', 'importSupplierNotificationsOfOrderExecution'));
      assert.equal(a.items.length, 2);
      assert.deepEqual(a.items[0].errors, []);
      itemError(a, 1, 'INT002012', /^Не найден идентификатор жилищно-коммунальной услуги 69ПД041890-01$/);
      const e = await send(s, sample('bills', 'exportNotificationsOfOrderExecution', swap(/69ПД041873-01-6101/, '69ПД041886-01-6101')));
      const notes = findAll(e.root, 'NotificationOfOrderExecutionWithStatus');
      assert.equal(notes.length, 1);
      assert.equal(findAll(notes[0], 'Amount')[0].text, '341560');
      assert.equal(findAll(notes[0], 'OrderID')[0].text.length, 32);
    });

    it('debt-requests/exportDebtSubrequests lists the three subrequests on one page', async () => {
      const a = await send(s, sample('debt-requests', 'exportDebtSubrequests'));
      ok(a);
      const subs = findAll(a.root, 'subrequestData');
      assert.equal(subs.length, 3);
      assert.equal(findAll(a.root, 'lastPage')[0].text, 'true');
      const answered = subs.find((x) => textOf(x, 'subrequestGUID') === '812e4cf6-9f20-4a3e-9cfc-e9fdc4158cc8')!;
      assert.equal(findAll(answered, 'debtGUID')[0].text, '15d25b5f-b852-4647-a1d8-d5a175b68b20');
    });

    it('debt-requests/importResponses answers both subrequests, the export then shows the answers', async () => {
      const a = await send(s, sample('debt-requests', 'importResponses'));
      ok(a, 2);
      const e = await send(s, sample('debt-requests', 'exportDebtSubrequests'));
      const court = findAll(e.root, 'subrequestData').find((x) => textOf(x, 'subrequestGUID') === '3f4e432d-72aa-4dca-a33f-24de6eb66634')!;
      assert.equal(textOf(court, 'responseStatus'), 'Sent');
      assert.equal(findAll(court, 'status')[0].text, 'Processed');
      assert.equal(findAll(court, 'debtInfo').length, 2);
      assert.equal(findAll(court, 'fio').pop()!.text, 'Григорьева Татьяна Викторовна');
    });

    it('volume-quality/importInterval places, corrects and annuls', async () => {
      const a = await send(s, sample('volume-quality', 'importInterval'));
      ok(a, 3);
      assert.deepEqual(a.items.slice(1).map((i) => i.guid), ['8a5992f6-1b98-4be8-811b-276cd7b7e4ee', 'cbfa2cf8-467c-4a72-8f5d-29905d19d290']);
      assert.match(a.items[0].guid!, /^[0-9a-f-]{36}$/);
    });

    it('outage-report/importOutageReport places, corrects and annuls', async () => {
      const a = await send(s, sample('outage-report', 'importOutageReport'));
      ok(a, 3);
      assert.deepEqual(a.items.slice(1).map((i) => i.guid), ['0c34c547-ed52-413a-8f4a-b409d41cbd43', '29e67083-c74b-4ec4-94f6-6eb3c0f8d408']);
    });
  });

  describe('payment documents', () => {
    const kv9 = (number: string) =>
      chain(swap(/680fa1d0-e529-4f92-b738-8d7eed6761ae/, KV9_ACCOUNT), swap(/<bills-base:PaymentDocumentNumber>0014-2026-10</, `<bills-base:PaymentDocumentNumber>${number}<`));

    it('gives a new document an identifier built from the account\'s ЖКУ identifier and the month', async () => {
      const a = await send(s, sample('bills', 'importPaymentDocumentData', kv9('0009-2026-10')));
      ok(a, 3);
      assert.equal(a.items[2].unique, '69ПД041868-01-6101');
      const next = await send(s, sample('bills', 'importPaymentDocumentData', chain(kv9('0009-2026-11'), swap('<base:Month>10</base:Month>', '<base:Month>11</base:Month>'))));
      assert.equal(next.items[2].unique, '69ПД041868-01-6111');
    });

    it('updates the document an identifier names, only for its own account', async () => {
      const named = (id: string) => swap('<base:TransportGUID>7c7749f2-93c5-42b3-ba67-a9a0ddac4262</base:TransportGUID>', `<base:TransportGUID>7c7749f2-93c5-42b3-ba67-a9a0ddac4262</base:TransportGUID><bills-base:PaymentDocumentID>${id}</bills-base:PaymentDocumentID>`);
      const created = await send(s, sample('bills', 'importPaymentDocumentData', kv9('0009-2026-10')));
      const id = created.items[2].unique!;
      const again = await send(s, sample('bills', 'importPaymentDocumentData', chain(kv9('0009-2026-10'), named(id), swap('<bills:TotalPayableByPD>5707.69<', '<bills:TotalPayableByPD>5700.00<'))));
      ok(again, 3);
      assert.equal(again.items[2].guid, created.items[2].guid);
      assert.equal(again.items[2].unique, id);
      itemError(await send(s, sample('bills', 'importPaymentDocumentData', chain(kv9('0009-2026-10'), named('69ПД041868-01-6109')))), 2, 'INT002012', /69ПД041868-01-6109/);
      itemError(await send(s, sample('bills', 'importPaymentDocumentData', chain(kv9('0009-2026-10'), named(PD14)))), 2, 'SRV006004');
      const e = await send(s, sample('bills', 'exportPaymentDocumentData', (t) => t.replace('<bills:FIASHouseGuid>7fc62d83-cecc-4563-9eac-170dfcc8b05d</bills:FIASHouseGuid>', '').replace(/<account-base:AccountNumber>14-0127<\/account-base:AccountNumber>/, '<account-base:UnifiedAccountNumber>69ПД041868</account-base:UnifiedAccountNumber>')));
      assert.equal(textOf(findAll(e.root, 'PaymentDocument')[0], 'TotalPayableByPD'), '5700.00');
    });

    it('refuses an unknown account', async () => {
      const a = await send(s, sample('bills', 'importPaymentDocumentData', swap(/680fa1d0-e529-4f92-b738-8d7eed6761ae/, '11111111-2222-4333-8444-555555555555')));
      assert.deepEqual(a.items[0].errors, []);
      itemError(a, 2, 'INT002012', /Не найден лицевой счёт 11111111-2222-4333-8444-555555555555/);
    });

    it('refuses a document for a closed account', async () => {
      s.db.run('UPDATE accounts SET closed = 1 WHERE account_guid = ?', [KV9_ACCOUNT]);
      const a = await send(s, sample('bills', 'importPaymentDocumentData', kv9('0009-2026-10')));
      itemError(a, 2, 'SRV006001', /09-0119 закрыт/);
    });

    it('refuses a number another payer\'s document has in the month', async () => {
      const a = await send(s, sample('bills', 'importPaymentDocumentData', swap(/680fa1d0-e529-4f92-b738-8d7eed6761ae/, KV9_ACCOUNT)));
      itemError(a, 2, 'SRV006002', /0014-2026-10 за октябрь 2026/);
    });

    it('refuses an unknown NSI position of a service', async () => {
      const a = await send(s, sample('bills', 'importPaymentDocumentData', swap(/d34b566d-4250-4e36-92b5-9184eccb9c24/, '0badc0de-0000-4000-8000-000000000000')));
      itemError(a, 2, 'INT002021', /HousingService.*НСИ 50/);
    });

    it('withdraws a document once; payments against it are refused', async () => {
      const withdraw = (t: string) =>
        t.replace(/<base:Month>[\s\S]*<\/bills:PaymentDocument>/, `<bills:WithdrawPaymentDocument><base:TransportGUID>5a1b2c3d-0000-4000-8000-000000000001</base:TransportGUID><bills-base:PaymentDocumentID>${PD14}</bills-base:PaymentDocumentID></bills:WithdrawPaymentDocument>`);
      const a = await send(s, sample('bills', 'importPaymentDocumentData', withdraw));
      ok(a, 1);
      assert.equal(a.items[0].unique, PD14);
      itemError(await send(s, sample('bills', 'importPaymentDocumentData', withdraw)), 0, 'SRV006003');
      const e = await send(s, sample('bills', 'exportPaymentDocumentData'));
      assert.equal(textOf(findAll(e.root, 'PaymentDocument')[0], 'Withdraw'), 'true');
      const pay = await send(s, sample('payment', 'importNotificationsOfOrderExecution', (t) => t.replace(/18734</g, '18799<').replace('18735<', '18798<')));
      itemError(pay, 0, 'SRV006003', /отозван/);
      const details = await send(s, sample('payment', 'exportPaymentDocumentDetails'));
      assert.equal(details.error?.code, 'INT002012');
    });

    it('exports by identifiers, answering an unknown one with its own error', async () => {
      const ids = (t: string) =>
        t.replace(/<base:Year>[\s\S]*<\/account-base:AccountNumber>/, `<bills-base:PaymentDocumentID>${PD14}</bills-base:PaymentDocumentID><bills-base:PaymentDocumentID>69ПД041873-01-6109</bills-base:PaymentDocumentID>`).replace('xmlns:bills=', 'xmlns:bills-base="http://dom.gosuslugi.ru/schema/integration/bills-base/" xmlns:bills=');
      const a = await send(s, sample('bills', 'exportPaymentDocumentData', ids));
      const results = a.root.children.filter((c) => c.local === 'exportPaymentDocResult');
      assert.equal(results.length, 2);
      assert.equal(textOf(findAll(results[1], 'ErrorMessage')[0], 'ErrorCode'), 'INT002012');
      const none = await send(s, sample('bills', 'exportPaymentDocumentData', swap('<base:Month>10</base:Month>', '<base:Month>3</base:Month>')));
      assert.deepEqual(none.error, { code: 'INT002012', description: 'Нет объектов для экспорта' });
    });

    it('answers exportPaymentDocumentDetails for an account without a document with its ЖКУ', async () => {
      const bySid = (t: string) => t.replace(/<pm:FIASHouseGuid>[\s\S]*<\/account-base:AccountNumber>/, '<account-base:ServiceID>69ПД041868-01</account-base:ServiceID>');
      const a = await send(s, sample('payment', 'exportPaymentDocumentDetails', bySid));
      const service = findAll(a.root, 'Service')[0];
      assert.ok(service);
      assert.equal(textOf(service, 'UnifiedAccountNumber'), '69ПД041868');
      assert.equal(textOf(service, 'ServiceIDGuid'), KV9_ACCOUNT);
    });
  });

  describe('payments and acknowledgments', () => {
    const ack = (edit: (t: string) => string) => sample('bills', 'importAcknowledgment', edit);

    it('refuses acknowledging an unknown payment, an unknown document and a service the document lacks', async () => {
      itemError(await send(s, ack(swap(NOTE_UK, '00000000-1111-4222-8333-444444444444'))), 0, 'INT002012', /извещение/);
      itemError(await send(s, ack(swap(PD14, '69ПД041873-01-6109'))), 0, 'INT002012', /платёжный документ 69ПД041873-01-6109/);
      itemError(await send(s, ack(swap(/<payments-base:MSType>2348022b/, '<payments-base:MSType>d34b566d'))), 1, 'SRV006105');
    });

    it('refuses acknowledging more than was paid', async () => {
      const a = await send(s, ack(swap('<payments-base:Amount>1561.13</payments-base:Amount>', '<payments-base:Amount>1561.14</payments-base:Amount>')));
      itemError(a, 0, 'SRV006104', /остаток извещения 89572bdb-d937-4920-a296-b8ada324a44f \(1561\.13 руб\.\)/);
    });

    it('cancels acknowledgments, then lets the payment be annulled, and refuses acknowledging an annulled payment', async () => {
      const cancelAck = (t: string) =>
        t.replace(/<bills:AcknowledgmentRequestInfo>[\s\S]*<\/bills:AcknowledgmentRequestInfo>/, `<bills:AckCancellation><payments-base:NotificationsOfOrderExecutionGUID>${NOTE_UK}</payments-base:NotificationsOfOrderExecutionGUID><bills-base:PaymentDocumentID>${PD14}</bills-base:PaymentDocumentID><base:TransportGUID>7a7a7a7a-0000-4000-8000-000000000001</base:TransportGUID></bills:AckCancellation>`);
      const annul = sample('payment', 'importNotificationsOfOrderExecutionCancellation', swap('04280991320261110000000000019022', '04280991320261109000000000018734'));
      itemError(await send(s, annul), 0, 'SRV006103', /сквитировано/);
      ok(await send(s, ack(cancelAck)), 1);
      itemError(await send(s, ack(cancelAck)), 0, 'SRV006106');
      ok(await send(s, sample('payment', 'importNotificationsOfOrderExecutionCancellation', swap('04280991320261110000000000019022', '04280991320261109000000000018734'))), 1);
      itemError(await send(s, ack((t) => t)), 0, 'SRV006102', /аннулировано/);
      const e = await send(s, sample('bills', 'exportNotificationsOfOrderExecution'));
      const uk = findAll(e.root, 'NotificationOfOrderExecutionWithStatus').find((n) => textOf(n, 'NotificationsOfOrderExecutionGUID') === NOTE_UK);
      assert.equal(textOf(uk, 'AckStatus'), '1');
      assert.equal(textOf(uk, 'AcknowledgmentAmount'), '0');
    });

    it('acknowledges a payment partly (state 3)', async () => {
      const heat = (t: string) =>
        t
          .replace(new RegExp(NOTE_UK, 'g'), NOTE_HEAT)
          .replace('<payments-base:HSType>d34b566d-4250-4e36-92b5-9184eccb9c24</payments-base:HSType>', '<payments-base:MSType>c0636679-9cbf-4014-bc30-72fa71b45a81</payments-base:MSType>')
          .replace(/<\/bills:AcknowledgmentRequestInfo>\s*<bills:AcknowledgmentRequestInfo>[\s\S]*<\/bills:AcknowledgmentRequestInfo>/, '</bills:AcknowledgmentRequestInfo>');
      const a = await send(s, ack(heat));
      ok(a, 1);
      const e = await send(s, sample('bills', 'exportNotificationsOfOrderExecution'));
      const n = findAll(e.root, 'NotificationOfOrderExecutionWithStatus').find((x) => textOf(x, 'NotificationsOfOrderExecutionGUID') === NOTE_HEAT);
      assert.equal(textOf(n, 'AckStatus'), '3');
      assert.equal(textOf(n, 'AcknowledgmentAmount'), '156113');
    });

    it('refuses a payment against an unknown document or ЕЛС and a repeated order number with other data', async () => {
      const a = await send(
        s,
        sample('payment', 'importNotificationsOfOrderExecution', (t) =>
          t
            .replace('<payments-base:Amount>218112<', '<payments-base:Amount>218113<')
            .replace(/(<payments-base:OrderID>04280991320261109000000000018735<\/payments-base:OrderID>[\s\S]*?)69ПД041873-01-6101/, '$169ПД041873-01-6109'),
        ),
      );
      itemError(a, 0, 'SRV006101', /18734/);
      itemError(a, 1, 'INT002012', /69ПД041873-01-6109/);
      const els = await send(s, sample('payment', 'importNotificationsOfOrderExecution', (t) => t.replace(/18734</g, '18790<').replace(/<bills-base:PaymentDocumentID>[^<]*<\/bills-base:PaymentDocumentID>/g, '').replace(/69ПД041873</g, '69ПД099999<')));
      itemError(els, 0, 'INT002012', /единый лицевой счёт 69ПД099999/);
    });

    it('escapes what it gives back: a purpose with markup characters comes back as text', async () => {
      const purpose = 'Оплата <ЖКУ> & пени "за" октябрь';
      const a = await send(s, sample('payment', 'importNotificationsOfOrderExecution', (t) => t.replace(/18734</g, '18777<').replace(/<payments-base:PaymentPurpose>[^<]*</, `<payments-base:PaymentPurpose>${purpose.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}<`)));
      assert.deepEqual(a.items[0].errors, []);
      const e = await send(s, sample('bills', 'exportNotificationsOfOrderExecution'));
      const n = findAll(e.root, 'NotificationOfOrderExecutionWithStatus').find((x) => textOf(x, 'NotificationsOfOrderExecutionGUID') === a.items[0].guid)!;
      assert.equal(findAll(n, 'PaymentPurpose')[0].text, purpose);
    });

    it('refuses annulling an unknown payment or another organisation\'s', async () => {
      itemError(await send(s, sample('payment', 'importNotificationsOfOrderExecutionCancellation', swap('04280991320261110000000000019022', '04280991320261110000000000099999'))), 0, 'INT002012');
      const other = sample('payment', 'importNotificationsOfOrderExecutionCancellation', undefined, { orgPPAGUID: '9a431066-1aef-4f92-a2c2-639b83efb368' });
      itemError(await send(s, other), 0, 'SRV000010');
    });

    it('refuses a supplier payment whose period is not the document\'s', async () => {
      const a = await send(s, sample('payment', 'importSupplierNotificationsOfOrderExecution', swap('<base:Month>10</base:Month>', '<base:Month>9</base:Month>')));
      itemError(a, 0, 'SRV006107', /сентябрь 2026/);
    });

    it('exports payments by a window of dates and acknowledgment states', async () => {
      const window = (t: string) =>
        t.replace(/<bills:SupplierIDs>[\s\S]*<\/bills:SupplierIDs>/, '<bills:Notifications><bills:DaysInterval>2</bills:DaysInterval><bills:AckStatus>0</bills:AckStatus><bills:DateFrom>2026-11-10</bills:DateFrom></bills:Notifications>');
      const a = await send(s, sample('bills', 'exportNotificationsOfOrderExecution', window));
      const guids = findAll(a.root, 'NotificationOfOrderExecutionWithStatus').map((n) => textOf(n, 'NotificationsOfOrderExecutionGUID'));
      assert.equal(guids.length, 2);
      assert.ok(guids.includes(NOTE_HEAT) && !guids.includes(NOTE_UK));
    });
  });

  describe('settlements', () => {
    it('refuses an unknown contract or record, annulling a period not posted, and changes after annulment', async () => {
      itemError(await send(s, sample('bills', 'importRSOSettlements', swap('719abc97-1eb1-4ad0-915c-809008e23d82', '22222222-3333-4444-8555-666666666666'))), 0, 'INT002012', /договор/);
      const byGuid = (guid: string) => swap('<bills:Settlement>', `<bills:SettlementGUID>${guid}</bills:SettlementGUID><bills:Settlement>`);
      itemError(await send(s, sample('bills', 'importRSOSettlements', byGuid('33333333-4444-4555-8666-777777777777'))), 0, 'INT002012', /сведения о расчётах/);
      const annulNovember = chain(swap('<base:Month>10</base:Month>', '<base:Month>11</base:Month>'), (t) => t.replace(/<bills:ReportingPeriodInfo>[\s\S]*<\/bills:ReportingPeriodInfo>/, '<bills:AnnulmentReportingPeriod><bills:ReasonOfAnnulment>Ошибка</bills:ReasonOfAnnulment></bills:AnnulmentReportingPeriod>'));
      itemError(await send(s, sample('bills', 'importRSOSettlements', annulNovember)), 0, 'SRV009003', /ноябрь 2026/);
      const annulAll = (t: string) => t.replace(/<bills:Settlement>[\s\S]*<\/bills:Settlement>/, '<bills:SettlementGUID>564e8e76-f191-4ad5-88c4-c6e934003787</bills:SettlementGUID><bills:AnnulmentSettlement><bills:ReasonOfAnnulment>Договор расторгнут</bills:ReasonOfAnnulment></bills:AnnulmentSettlement>');
      ok(await send(s, sample('bills', 'importRSOSettlements', annulAll)), 1);
      itemError(await send(s, sample('bills', 'importRSOSettlements', byGuid('564e8e76-f191-4ad5-88c4-c6e934003787'))), 0, 'SRV009002');
      const e = await send(s, sample('bills', 'exportSettlements'));
      assert.equal(textOf(findAll(e.root, 'Annuled')[0], 'ReasonOfAnnulment'), 'Договор расторгнут');
    });

    it('answers an export that finds nothing with ErrorMessage', async () => {
      const a = await send(s, sample('bills', 'exportSettlements', swap('ТС-118/2026', 'ТС-999/2026')));
      assert.equal(a.error?.code, 'INT002012');
    });
  });

  describe('debt subrequests', () => {
    const respond = (edit: (t: string) => string, o: RequestOptions = {}) => sample('debt-requests', 'importResponses', edit, o);

    it('refuses an unknown subrequest, a second answer, and a subrequest of another organisation', async () => {
      itemError(await send(s, respond(swap('343014a1-840a-4226-b924-4750faf7ea57', '44444444-5555-4666-8777-888888888888'))), 0, 'INT002012', /подзапрос/);
      await fresh();
      ok(await send(s, respond((t) => t)), 2);
      itemError(await send(s, respond((t) => t)), 0, 'SRV008001');
      itemError(await send(s, sample('debt-requests', 'importResponses', undefined, { orgPPAGUID: '6a93ec99-1731-49ea-915a-0c8b8e5690dc' })), 1, 'SRV000010');
    });

    it('revokes an answer and sends it again; refuses revoking what was not sent', async () => {
      const first = (t: string) => t.replace(/<\/drs:action>\s*<drs:action>[\s\S]*<\/drs:action>/, '</drs:action>');
      const revoke = chain(first, swap('<drs:actionType>Send</drs:actionType>', '<drs:actionType>Revoke</drs:actionType>'));
      itemError(await send(s, respond(revoke)), 0, 'SRV008002');
      ok(await send(s, respond(first)), 1);
      const r = await send(s, respond(revoke));
      assert.deepEqual(r.items[0].errors, []);
      const e = await send(s, sample('debt-requests', 'exportDebtSubrequests'));
      const social = findAll(e.root, 'subrequestData').find((x) => textOf(x, 'subrequestGUID') === '343014a1-840a-4226-b924-4750faf7ea57')!;
      assert.equal(textOf(social, 'responseStatus'), 'NotSent');
      assert.equal(findAll(social, 'responseData').length, 0);
      ok(await send(s, respond(first)), 1);
    });

    it('refuses an answer whose debt flag contradicts its debtors, an unknown debt and an unknown document kind', async () => {
      // Each answer that goes through changes the subrequest, so every case starts from the seed.
      itemError(await send(s, respond(swap('<drs:hasDebt>false</drs:hasDebt>', '<drs:hasDebt>true</drs:hasDebt>'))), 0, 'SRV008003');
      await fresh();
      itemError(await send(s, respond(swap('<drs:hasDebt>true</drs:hasDebt>', '<drs:hasDebt>false</drs:hasDebt>'))), 1, 'SRV008003');
      await fresh();
      const byRegistry = (guid: string) => (t: string) => t.replace(/<drs:debtInfo>[\s\S]*<\/drs:debtInfo>/, `<drs:debtGUID>${guid}</drs:debtGUID>`);
      itemError(await send(s, respond(byRegistry('55555555-6666-4777-8888-999999999999'))), 1, 'INT002012', /реестре/);
      await fresh();
      itemError(await send(s, respond(swap('f0ffcec5-464a-49f3-a509-a28ee3686fc0', '0badc0de-0000-4000-8000-000000000000'))), 1, 'INT002021', /НСИ 358/);
      await fresh();
      const a = await send(s, respond(byRegistry('15d25b5f-b852-4647-a1d8-d5a175b68b20')));
      ok(a, 2);
    });

    it('gives subrequests chosen by period a page of 100 at a time', async () => {
      const seeded = subrequestByGuid(s.db, '343014a1-840a-4226-b924-4750faf7ea57')!;
      for (let i = 0; i < 105; i++) {
        const guid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        saveSubrequest(s.db, { ...seeded, guid, info: { ...seeded.info, requestNumber: `69-2026-09${String(i).padStart(5, '0')}` }, sentDate: '2026-11-02' });
      }
      const first = await send(s, sample('debt-requests', 'exportDebtSubrequests'));
      assert.equal(findAll(first.root, 'subrequestData').length, 100);
      const next = textOf(findAll(first.root, 'pagedOutput')[0], 'nextSubrequestGUID')!;
      assert.ok(next);
      const rest = await send(s, sample('debt-requests', 'exportDebtSubrequests', swap('</drs:responseStatus>\n    </drs:exportDSRsRequest>', `</drs:responseStatus><drs:exportSubrequestGUID>${next}</drs:exportSubrequestGUID></drs:exportDSRsRequest>`)));
      assert.equal(findAll(rest.root, 'subrequestData').length, 8);
      assert.equal(textOf(findAll(rest.root, 'subrequestData')[0], 'subrequestGUID'), next);
      assert.equal(findAll(rest.root, 'lastPage')[0].text, 'true');
    });

    it('exports by GUIDs and lists the ones not found', async () => {
      const byGuids = (t: string) =>
        t.replace(/<drs:periodOfSendingRequest>[\s\S]*<drs:responseStatus>Sent<\/drs:responseStatus>/, '<drs:subrequestGUID>343014a1-840a-4226-b924-4750faf7ea57</drs:subrequestGUID><drs:subrequestGUID>66666666-7777-4888-8999-aaaaaaaaaaaa</drs:subrequestGUID>');
      const a = await send(s, sample('debt-requests', 'exportDebtSubrequests', byGuids));
      assert.equal(findAll(a.root, 'subrequestData').length, 1);
      assert.equal(textOf(findAll(a.root, 'notFound')[0], 'subrequestGUID'), '66666666-7777-4888-8999-aaaaaaaaaaaa');
      const other = await send(s, sample('debt-requests', 'exportDebtSubrequests', undefined, { orgPPAGUID: '6a93ec99-1731-49ea-915a-0c8b8e5690dc' }));
      assert.equal(other.error?.code, 'INT002012');
    });
  });

  describe('interruptions', () => {
    const interval = (edit: (t: string) => string) => sample('volume-quality', 'importInterval', edit);
    const outage = (edit: (t: string) => string, o: RequestOptions = {}) => sample('outage-report', 'importOutageReport', edit, o);

    it('refuses intervals in an unknown house, ending before they start, with an unknown service or contract', async () => {
      const a = await send(
        s,
        interval((t) =>
          t
            .replace('<vq:FIASHouseGuid>7fc62d83-cecc-4563-9eac-170dfcc8b05d</vq:FIASHouseGuid>', '<vq:FIASHouseGuid>77777777-8888-4999-8aaa-bbbbbbbbbbbb</vq:FIASHouseGuid>')
            .replace('<vq:EndDateAndTime>2026-11-05T16:40:00+03:00</vq:EndDateAndTime>', '<vq:EndDateAndTime>2026-11-05T08:40:00+03:00</vq:EndDateAndTime>'),
        ),
      );
      itemError(a, 0, 'SRV004044', /77777777-8888-4999-8aaa-bbbbbbbbbbbb/);
      itemError(a, 1, 'SRV009001');
      const nsi = await send(s, interval(swap('3c858465-c835-4154-859b-5f4000a84170', '0badc0de-0000-4000-8000-000000000000')));
      itemError(nsi, 1, 'INT002021', /НСИ 3/);
      const contract = await send(s, interval((t) => t.replace(/719abc97-1eb1-4ad0-915c-809008e23d82/g, '88888888-9999-4aaa-8bbb-cccccccccccc')));
      itemError(contract, 0, 'INT002012', /договор/);
    });

    it('refuses correcting an unknown interval and annulling one twice', async () => {
      ok(await send(s, interval((t) => t)), 3);
      itemError(await send(s, interval((t) => t)), 2, 'SRV009002');
      itemError(await send(s, interval(swap('8a5992f6-1b98-4be8-811b-276cd7b7e4ee', '99999999-aaaa-4bbb-8ccc-dddddddddddd'))), 1, 'INT002012', /перерыве/);
    });

    it('refuses outage reports for unknown houses, with an unknown kind, on annulled or foreign records', async () => {
      ok(await send(s, outage((t) => t)), 3);
      itemError(await send(s, outage((t) => t)), 2, 'SRV009002');
      itemError(await send(s, outage((t) => t, { orgPPAGUID: '9a431066-1aef-4f92-a2c2-639b83efb368' })), 1, 'SRV000010');
      const a = await send(s, outage((t) => t.replace('42392e96-65db-42c8-bf4e-6f8f2f06906f', 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee').replace(/73bb69cb-21fc-4280-9a1c-44d2b292b37c/g, '0badc0de-0000-4000-8000-000000000000')));
      itemError(a, 0, 'INT002021', /НСИ 361/);
      assert.ok(a.items[0].errors.some((e) => e.code === 'SRV004044' && /aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/.test(e.description)));
      const houseGuid = await send(s, outage(swap(/<outage:FiasHouseGUID>7fc62d83[^<]*<\/outage:FiasHouseGUID>\s*<outage:FiasHouseGUID>[^<]*<\/outage:FiasHouseGUID>/, '<outage:HouseGUID>bbbbbbbb-cccc-4ddd-8eee-ffffffffffff</outage:HouseGUID>')));
      itemError(houseGuid, 0, 'SRV004044', /Дом bbbbbbbb/);
      itemError(await send(s, outage(swap('0c34c547-ed52-413a-8f4a-b409d41cbd43', 'cccccccc-dddd-4eee-8fff-000000000000'))), 1, 'INT002012', /сведения о перерыве cccccccc/);
    });
  });
});
