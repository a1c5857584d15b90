import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, Location, TextEdit } from 'vscode-languageserver-protocol';
import { productRoot } from '../../server/src/productPaths';
import { LspTestClient } from '../support/lspClient';

/** Completion, hover and navigation through the language server, on the bundled package and its samples. */

const SAMPLE = path.join(productRoot(), 'samples', 'device-metering', 'importMeteringDeviceValues.request.xml');

function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in the text`);
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

describe('editor features over LSP (bundled package)', function () {
  this.timeout(60_000);
  let tmp: string;
  let client: LspTestClient;
  let text: string;
  const uri = 'file:///w/importMeteringDeviceValues.request.xml';

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-editor-'));
    client = new LspTestClient({ storeDir: path.join(tmp, 'store'), settings: { validation: { delay: 0 }, rules: { severity: { 'gis-unsigned-import': 'off' } } } });
    await client.initialize();
    text = fs.readFileSync(SAMPLE, 'utf8');
    assert.deepEqual(await client.open(uri, text), []);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const request = <T>(method: string, position: { line: number; character: number }, u = uri) =>
    client.connection.sendRequest<T>(method, { textDocument: { uri: u }, position });

  it('offers the elements the content model allows next, required first, with their required subtree', async () => {
    // Right after FIASHouseGuid: the next MeteringDevicesValues is required.
    const at = positionOf(text, '<dm:MeteringDevicesValues>');
    const items = await request<CompletionItem[]>('textDocument/completion', at);
    const labels = items.map((i) => i.label);
    assert.deepEqual(labels, ['dm:MeteringDevicesValues']);
    const edit = items[0].textEdit as TextEdit;
    assert.match(edit.newText, /^<dm:MeteringDevicesValues>\n\s+<dm:MeteringDeviceRootGUID>[0-9a-f-]{36}<\/dm:MeteringDeviceRootGUID>/);
    assert.ok(items[0].documentation, 'the element documentation comes along');
  });

  it('offers what may follow inside a reading, and nothing that would break the order', async () => {
    const at = positionOf(text, '<base:TransportGUID>99ce6dc8');
    const labels = (await request<CompletionItem[]>('textDocument/completion', at)).map((i) => i.label);
    // DateValue is already written; after it comes TransportGUID (required), not MunicipalResource.
    assert.equal(labels[0], 'base:TransportGUID');
    assert.ok(!labels.includes('mdb:MunicipalResource'));
  });

  it('completes element names after a typed "<" and enumeration values in text', async () => {
    const typed = text.replace('<dm:FIASHouseGuid>', '<dm:Met\n      <dm:FIASHouseGuid>');
    const u = 'file:///w/typed.xml';
    await client.open(u, typed);
    const items = await request<CompletionItem[]>('textDocument/completion', positionOf(typed, '<dm:Met', 7), u);
    // Before FIASHouseGuid only the signature may come (and FIASHouseGuid itself).
    assert.ok(items.some((i) => i.label === 'dm:FIASHouseGuid'));
    assert.ok(items.every((i) => (i.textEdit as TextEdit).range.start.character === positionOf(typed, '<dm:Met').character));
    await client.close(u);
    const list = fs.readFileSync(path.join(productRoot(), 'samples', 'nsi-common', 'exportNsiList.request.xml'), 'utf8');
    const lu = 'file:///w/exportNsiList.request.xml';
    await client.open(lu, list);
    const values = await request<CompletionItem[]>('textDocument/completion', positionOf(list, 'NSI</nsi-base:ListGroup>', 1), lu);
    assert.deepEqual(values.map((v) => v.label), ['NSI', 'NSIRAO']);
    assert.deepEqual((values[0].textEdit as TextEdit).range, { start: positionOf(list, 'NSI</nsi-base:ListGroup>'), end: positionOf(list, '</nsi-base:ListGroup>') });
    await client.close(lu);
  });

  it('completes attributes with their required ones first', async () => {
    const attrs = text.replace('<dm:importMeteringDeviceValuesRequest Id="signed-data-container" base:version="10.0.1.1">', '<dm:importMeteringDeviceValuesRequest >');
    const u = 'file:///w/attrs.xml';
    await client.open(u, attrs);
    const items = await request<CompletionItem[]>('textDocument/completion', positionOf(attrs, '<dm:importMeteringDeviceValuesRequest ', 38), u);
    const labels = items.sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
    assert.equal(labels[0], 'base:version');
    assert.ok(labels.includes('Id'));
    assert.equal((items.find((i) => i.label === 'base:version')!.textEdit as TextEdit).newText, 'base:version="10.0.1.1"');
    await client.close(u);
  });

  it('shows documentation, type, facets, occurrence and the NSI registry on hover', async () => {
    const guid = await request<Hover>('textDocument/hover', positionOf(text, 'dm:FIASHouseGuid>', 4));
    const value = (guid.contents as { value: string }).value;
    assert.match(value, /\*\*dm:FIASHouseGuid\*\* — /);
    assert.match(value, /Формат: `/);
    const resource = await request<Hover>('textDocument/hover', positionOf(text, 'mdb:MunicipalResource>', 5));
    assert.match((resource.contents as { value: string }).value, /Справочник: НСИ 2\b/);
    const attribute = await request<Hover>('textDocument/hover', positionOf(text, 'base:version="10.0.1.1"', 6));
    assert.match((attribute.contents as { value: string }).value, /Фиксированное значение: `10\.0\.1\.1`/);
  });

  it('goes to the declaration and to the type in the bundled schema files', async () => {
    const decl = await request<Location>('textDocument/definition', positionOf(text, 'dm:FIASHouseGuid>', 4));
    assert.ok(decl);
    const file = fileURLToPath(decl.uri);
    assert.equal(path.basename(file), 'hcs-device-metering-types.xsd');
    const line = fs.readFileSync(file, 'utf8').split('\n')[decl.range.start.line];
    assert.match(line.slice(decl.range.start.character), /^<xs:element name="FIASHouseGuid"/);
    const type = await request<Location>('textDocument/typeDefinition', positionOf(text, '<base:TransportGUID>', 3));
    const typeLine = fs.readFileSync(fileURLToPath(type.uri), 'utf8').split('\n')[type.range.start.line];
    assert.match(typeLine, /<xs:simpleType name="GUIDType"/);
  });

  it('answers nothing, and stays up, on text that is not a document', async () => {
    const u = 'file:///w/garbage.xml';
    await client.open(u, '<a xmlns="http://dom.gosuslugi.ru/schema/integration/base/"><<<<&&&');
    for (let character = 0; character < 70; character += 7) {
      await request('textDocument/completion', { line: 0, character }, u);
      await request('textDocument/hover', { line: 0, character }, u);
    }
    const still = await request<Hover>('textDocument/hover', positionOf(text, 'dm:FIASHouseGuid>', 4));
    assert.ok(still);
    await client.close(u);
  });
  describe('code actions', () => {
    function apply(doc: string, edits: TextEdit[]): string {
      const offset = (p: { line: number; character: number }) => doc.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), doc);
    }

    async function actionsFor(u: string, doc: string, code: string): Promise<{ actions: CodeAction[]; diagnostic: Diagnostic }> {
      const diags = await client.open(u, doc);
      const diagnostic = diags.find((d) => d.code === code);
      assert.ok(diagnostic, `${code} among ${diags.map((d) => d.code).join(', ')}`);
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      return { actions, diagnostic };
    }

    it('inserts the element the schema expects, and the result validates', async () => {
      const u = 'file:///w/missing.xml';
      const broken = text.replace(/\n\s*<dm:MeteringDeviceRootGUID>8f33b0e9[^\n]*/, '');
      const { actions } = await actionsFor(u, broken, 'xsd-not-expected');
      const insert = actions.find((a) => a.title === 'Вставить MeteringDeviceRootGUID');
      assert.ok(insert, actions.map((a) => a.title).join(' | '));
      const fixed = apply(broken, insert.edit!.changes![u]);
      assert.deepEqual(await client.open(u, fixed), []);
      await client.close(u);
    });

    it('removes an element the schema does not expect, and the result validates', async () => {
      const u = 'file:///w/extra.xml';
      const line = /\n\s*<dm:FIASHouseGuid>[^\n]*/.exec(text)![0];
      const broken = text.replace(line, line + line);
      const { actions } = await actionsFor(u, broken, 'xsd-not-expected');
      const remove = actions.find((a) => a.title === 'Удалить элемент dm:FIASHouseGuid');
      assert.ok(remove, actions.map((a) => a.title).join(' | '));
      assert.equal(apply(broken, remove.edit!.changes![u]), text);
      await client.close(u);
    });

    it('offers a fresh GUID inside a GUID value', async () => {
      const at = positionOf(text, '99ce6dc8-2deb', 3);
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } });
      const guid = actions.find((a) => a.title === 'Новый GUID');
      assert.ok(guid);
      const [edit] = guid.edit!.changes![uri];
      assert.match(edit.newText, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.notEqual(edit.newText, '99ce6dc8-2deb-4f07-b9c9-506cd3072f72');
    });
  });
  it('outlines the request by its records with their key fields', async () => {
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const flat: DocumentSymbol[] = [];
    const walk = (list: DocumentSymbol[]) => list.forEach((s) => (flat.push(s), walk(s.children ?? [])));
    walk(symbols);
    assert.equal(symbols[0].name, 'soapenv:Envelope');
    const request = flat.find((s) => s.name === 'dm:importMeteringDeviceValuesRequest');
    assert.match(request?.detail ?? '', /^FIASHouseGuid: 7fc62d83-cecc-4563-9eac-170dfcc8b05d$/);
    const records = flat.filter((s) => s.name === 'dm:MeteringDevicesValues');
    assert.equal(records[0].detail, 'MeteringDeviceRootGUID: 8f33b0e9-c4c2-4b2c-8ed9-fe15be9f065b');
    const reading = flat.find((s) => s.name === 'dm:CurrentValue');
    assert.equal(reading?.detail, 'TransportGUID: 99ce6dc8-2deb-4f07-b9c9-506cd3072f72');
  });

  it('folds elements and comments', async () => {
    const ranges = await client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(ranges.some((r) => r.kind === 'comment' && r.startLine === 1));
    const body = positionOf(text, '<soapenv:Body>').line;
    assert.ok(ranges.some((r) => r.startLine === body && r.endLine === positionOf(text, '</soapenv:Body>').line - 1));
  });

  it('formats the markup and leaves values and Russian text as they are', async () => {
    const u = 'file:///w/format.xml';
    const squeezed = text.replace(/>\s+</g, '><').replace('<nsi-base:Name>Холодная вода</nsi-base:Name>', '<nsi-base:Name>  Холодная   вода </nsi-base:Name>');
    await client.open(u, squeezed);
    const edits = await client.connection.sendRequest<TextEdit[]>('textDocument/formatting', { textDocument: { uri: u }, options: { tabSize: 2, insertSpaces: true } });
    assert.equal(edits.length, 1);
    const formatted = edits[0].newText;
    assert.match(formatted, /\n {14}<nsi-base:Name> {2}Холодная {3}вода <\/nsi-base:Name>\n/);
    // Markup aside, the bytes are the same; formatting twice changes nothing.
    assert.equal(formatted.replace(/>\s+</g, '><'), squeezed.replace(/>\s+</g, '><'));
    await client.open(u, formatted);
    assert.deepEqual(await client.connection.sendRequest<TextEdit[]>('textDocument/formatting', { textDocument: { uri: u }, options: { tabSize: 2, insertSpaces: true } }), []);
    await client.close(u);
  });
  it('keeps the NSI registries of a saved answer per stand, and completes and names references from them', async () => {
    const answerUri = 'file:///w/exportNsiItem.result.xml';
    await client.open(answerUri, fs.readFileSync(path.join(productRoot(), 'samples', 'nsi-common', 'exportNsiItem.result.xml'), 'utf8'));
    const kept = await client.connection.sendRequest<{ stand: string; registries: { registry: number; items: number }[] }>('gisZhkh/nsiImport', { uri: answerUri, stand: 'default' });
    assert.equal(kept.stand, 'default');
    assert.equal(kept.registries[0].registry, 2);
    assert.ok(kept.registries[0].items >= 3);
    assert.ok(fs.existsSync(path.join(tmp, 'nsi', 'default', '2.json')), 'kept beside the package store');

    const items = await request<CompletionItem[]>('textDocument/completion', positionOf(text, '1</nsi-base:Code>'));
    const hot = items.find((i) => i.label === '2');
    assert.ok(hot, items.map((i) => i.label).join(', '));
    assert.equal(hot.detail, 'НСИ 2: 2 — Горячая вода');
    // Choosing the code fills the GUID and the name of the same reference.
    assert.deepEqual(hot.additionalTextEdits!.map((e) => e.newText).sort(), ['36e22408-8863-4928-b784-a110a6c7d124', 'Горячая вода']);
    const named = await request<Hover>('textDocument/hover', positionOf(text, 'mdb:MunicipalResource>', 5));
    assert.match((named.contents as { value: string }).value, /Позиция: 1 — Холодная вода/);
  });
});
