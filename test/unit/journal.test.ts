import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IllegalTransitionError, Journal, JournalMessage, MESSAGE_STATES, canTransition } from '../../server/src/journal';
import { XML, readZip, tempJournalDir } from '../support/journalSamples';

const GIS = '8c9f5f4e-3b7a-4c1e-9d6a-000000000001';

describe('exchange journal: states, files, queries', () => {
  let dir: string;
  let j: Journal;
  let clock: number;
  beforeEach(async () => {
    dir = tempJournalDir();
    clock = Date.UTC(2025, 0, 15, 9, 0, 0);
    j = await Journal.open(dir, { now: () => clock });
  });
  afterEach(async () => {
    await j.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const newMessage = (over: Partial<Parameters<Journal['create']>[0]> = {}) =>
    j.create({ stand: 'sit-01', service: 'HouseManagementAsync', operation: 'importHouseUOData', requestXml: XML.request(), ...over });

  /** A message carried to its end the way the engine will: every step awaited. */
  async function carryToDone(m: JournalMessage): Promise<JournalMessage> {
    await j.transition(m.messageGuid, 'signed', { files: [{ kind: 'signed', xml: XML.signed() }] });
    clock += 1000;
    await j.transition(m.messageGuid, 'sending');
    clock += 1000;
    await j.transition(m.messageGuid, 'acknowledged', { patch: { gisMessageGuid: GIS.toUpperCase() }, files: [{ kind: 'ack', xml: XML.ack(GIS) }] });
    clock += 30_000;
    await j.record(m.messageGuid, { files: [{ kind: 'poll-request', xml: XML.pollRequest(GIS) }, { kind: 'poll', xml: XML.poll(1) }] });
    clock += 60_000;
    await j.transition(m.messageGuid, 'processing', { files: [{ kind: 'poll-request', xml: XML.pollRequest(GIS) }, { kind: 'poll', xml: XML.poll(2) }] });
    clock += 120_000;
    return j.transition(m.messageGuid, 'done', { patch: { itemsOk: 1, itemsFailed: 0 }, files: [{ kind: 'answer', xml: XML.answer() }] });
  }

  it('creates a draft with its request file and a fresh lower-case MessageGUID', async () => {
    const m = await newMessage();
    assert.match(m.messageGuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(m.state, 'draft');
    assert.equal(m.attempts, 0);
    assert.deepEqual(j.get(m.messageGuid.toUpperCase()), m);
    assert.deepEqual(j.filesOf(m.messageGuid).map((f) => f.name), ['request.xml']);
    assert.equal(fs.readFileSync(path.join(dir, 'messages', m.messageGuid, 'request.xml'), 'utf8'), XML.request());
    await assert.rejects(newMessage({ messageGuid: m.messageGuid }), /already in the journal/);
    await assert.rejects(newMessage({ stand: '' }), /needs a stand/);
  });

  it('carries a message to done, setting times and counters and keeping every XML', async () => {
    const created = clock;
    const m = await carryToDone(await newMessage());
    assert.equal(m.state, 'done');
    assert.equal(m.gisMessageGuid, GIS, 'GIS MessageGUID kept lower case');
    assert.equal(m.createdAt, created);
    assert.equal(m.sentAt, created + 1000);
    assert.equal(m.acknowledgedAt, created + 2000);
    assert.equal(m.answeredAt, created + 212_000);
    assert.equal(m.attempts, 1);
    assert.equal(m.polls, 2);
    assert.equal(m.itemsOk, 1);
    assert.equal(m.itemsFailed, 0);
    assert.deepEqual(j.get(m.messageGuid), m);
    assert.deepEqual(
      j.filesOf(m.messageGuid).map((f) => f.name),
      ['request.xml', 'request.signed.xml', 'ack.xml', 'poll-001.request.xml', 'poll-001.xml', 'poll-002.request.xml', 'poll-002.xml', 'answer.xml'],
    );
    const pair = j.pair(m.messageGuid);
    assert.equal(pair.request?.name, 'request.signed.xml');
    assert.equal(pair.answer?.name, 'answer.xml');
    assert.equal(fs.readFileSync(pair.answer!.path, 'utf8'), XML.answer());
    assert.equal(j.findByGisGuid(GIS.toUpperCase())?.messageGuid, m.messageGuid);
  });

  it('refuses illegal transitions and changes nothing when it does', async () => {
    const m = await newMessage();
    await assert.rejects(j.transition(m.messageGuid, 'done'), IllegalTransitionError);
    await assert.rejects(j.transition(m.messageGuid, 'acknowledged'), IllegalTransitionError);
    assert.deepEqual(j.get(m.messageGuid), m);
    await j.transition(m.messageGuid, 'sending');
    await j.transition(m.messageGuid, 'acknowledged', { patch: { gisMessageGuid: GIS } });
    // The rule that matters most: an acknowledged import is polled, never sent again.
    await assert.rejects(j.transition(m.messageGuid, 'sending'), (e: unknown) => e instanceof IllegalTransitionError && e.from === 'acknowledged' && e.to === 'sending');
    await j.transition(m.messageGuid, 'failed', { patch: { errorCode: 'SRV007013', errorText: 'Срок передачи показаний истёк' } });
    for (const to of MESSAGE_STATES) await assert.rejects(j.transition(m.messageGuid, to), IllegalTransitionError, `failed → ${to}`);
    await assert.rejects(j.record(m.messageGuid, { files: [{ kind: 'poll', xml: XML.poll(3) }] }), /record is closed/);
    await assert.rejects(j.transition('00000000-0000-4000-8000-000000000000', 'sending'), /no message/);
    assert.equal(j.get(m.messageGuid)?.errorText, 'Срок передачи показаний истёк');
    // The table itself: final states lead nowhere; nothing leads back to draft.
    for (const from of MESSAGE_STATES) assert.equal(canTransition(from, 'draft'), false);
  });

  it('resends with the same MessageGUID: attempts count up and each answer keeps its own file', async () => {
    const m = await newMessage();
    await j.transition(m.messageGuid, 'sending');
    await j.transition(m.messageGuid, 'sending');
    const r = await j.transition(m.messageGuid, 'rejected', { patch: { errorCode: 'AUT011003', errorText: 'Доступ запрещён' }, files: [{ kind: 'fault', xml: XML.fault() }] });
    assert.equal(r.messageGuid, m.messageGuid);
    assert.equal(r.attempts, 2);
    assert.equal(r.answeredAt, clock);
    assert.deepEqual(j.filesOf(m.messageGuid).map((f) => f.name), ['request.xml', 'fault.2.xml']);
  });

  it('rejects bad item counts before writing anything', async () => {
    const m = await newMessage();
    await j.transition(m.messageGuid, 'sending');
    await j.transition(m.messageGuid, 'acknowledged');
    await assert.rejects(j.transition(m.messageGuid, 'done', { patch: { itemsOk: -1 }, files: [{ kind: 'answer', xml: XML.answer() }] }), RangeError);
    assert.equal(j.get(m.messageGuid)?.state, 'acknowledged');
    assert.deepEqual(j.filesOf(m.messageGuid).map((f) => f.name), ['request.xml']);
  });

  it('lists by stand and state, newest first, filters, pages and counts', async () => {
    const made: JournalMessage[] = [];
    for (let i = 0; i < 12; i++) {
      clock += 60_000;
      const m = await newMessage({ stand: i % 3 === 0 ? 'sit-02' : 'sit-01', operation: i % 2 ? 'importMeteringDeviceValues' : 'importHouseUOData' });
      if (i % 4 === 1) {
        await j.transition(m.messageGuid, 'sending');
        await j.transition(m.messageGuid, 'acknowledged', { patch: { gisMessageGuid: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}` } });
      }
      if (i % 4 === 2) await j.transition(m.messageGuid, 'sending');
      made.push(j.get(m.messageGuid)!);
    }
    assert.deepEqual(j.list().map((m) => m.messageGuid), [...made].reverse().map((m) => m.messageGuid));
    assert.equal(j.count(), 12);
    assert.equal(j.count({ stand: 'sit-02' }), 4);
    assert.deepEqual(
      j.list({ states: ['acknowledged'] }).map((m) => m.messageGuid),
      made.filter((_, i) => i % 4 === 1).reverse().map((m) => m.messageGuid),
    );
    assert.equal(j.count({ stand: 'sit-01', states: ['draft', 'sending'] }), made.filter((m) => m.stand === 'sit-01' && (m.state === 'draft' || m.state === 'sending')).length);
    assert.equal(j.count({ operation: 'importMeteringDeviceValues' }), 6);
    assert.equal(j.count({ createdFrom: made[3].createdAt, createdTo: made[6].createdAt }), 3);
    assert.deepEqual(j.list({ guidPrefix: 'AAAAAAAA-0000-4000-8000-00000000000' }).length, 3, 'by GIS MessageGUID prefix');
    assert.deepEqual(j.list({ guidPrefix: made[5].messageGuid.slice(0, 13) }).map((m) => m.messageGuid), [made[5].messageGuid]);
    const page2 = j.list({}, { limit: 5, offset: 5 });
    assert.deepEqual(page2.map((m) => m.messageGuid), [...made].reverse().slice(5, 10).map((m) => m.messageGuid));
    const counts = j.stateCounts();
    assert.equal(counts.reduce((s, c) => s + c.count, 0), 12);
    assert.deepEqual(counts.find((c) => c.stand === 'sit-02' && c.state === 'draft'), { stand: 'sit-02', state: 'draft', count: 4 - made.filter((m, i) => i % 3 === 0 && m.state !== 'draft').length });
  });

  it('lists the messages a restart must resume: acknowledged and processing polled, sending checked first', async () => {
    const a = await newMessage();
    const b = await newMessage();
    const c = await newMessage();
    const d = await newMessage();
    await j.transition(a.messageGuid, 'sending');
    await j.transition(b.messageGuid, 'sending');
    await j.transition(b.messageGuid, 'acknowledged', { patch: { gisMessageGuid: GIS } });
    await j.transition(c.messageGuid, 'sending');
    await j.transition(c.messageGuid, 'acknowledged');
    await j.transition(c.messageGuid, 'processing');
    await j.transition(d.messageGuid, 'abandoned');
    assert.deepEqual(
      j.inFlight().map((f) => [f.message.messageGuid, f.message.state, f.resume]),
      [
        [a.messageGuid, 'sending', 'check-before-resend'],
        [b.messageGuid, 'acknowledged', 'poll'],
        [c.messageGuid, 'processing', 'poll'],
      ],
    );
  });

  it('exports one message as a zip for GIS support: its XML files and a summary', async () => {
    const m = await carryToDone(await newMessage());
    const zip = path.join(dir, 'support.zip');
    await j.exportMessage(m.messageGuid, zip);
    const entries = await readZip(zip);
    assert.deepEqual([...entries.keys()], [...j.filesOf(m.messageGuid).map((f) => f.name), 'summary.json']);
    assert.equal(entries.get('request.signed.xml'), XML.signed());
    assert.equal(entries.get('answer.xml'), XML.answer());
    const summary = JSON.parse(entries.get('summary.json')!) as Record<string, unknown>;
    assert.equal(summary.messageGuid, m.messageGuid);
    assert.equal(summary.gisMessageGuid, GIS);
    assert.equal(summary.state, 'done');
    assert.equal(summary.operation, 'importHouseUOData');
    assert.equal(summary.answered, new Date(m.answeredAt!).toISOString());
    assert.equal(summary.itemsOk, 1);
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'no temp file left beside the zip');
    await assert.rejects(j.exportMessage('00000000-0000-4000-8000-000000000000', zip), /no message/);
  });

  it('keeps concurrent calls in call order, each durable before it resolves', async () => {
    const m = await newMessage();
    const steps = [j.transition(m.messageGuid, 'signed'), j.transition(m.messageGuid, 'sending'), j.transition(m.messageGuid, 'acknowledged'), j.transition(m.messageGuid, 'done')];
    const states = (await Promise.all(steps)).map((s) => s.state);
    assert.deepEqual(states, ['signed', 'sending', 'acknowledged', 'done']);
  });
});
