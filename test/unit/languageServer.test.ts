import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installPackage } from '../../server/src/catalog/packageInstaller';
import type { NewRequestResult, OperationList, PackageListItem } from '../../server/src/protocol';
import { MINI_PACKAGE_ROOT, thingsRequest } from '../support/engine';
import { LspTestClient } from '../support/lspClient';

describe('language server (LSP over stdio)', function () {
  this.timeout(60_000);
  let tmp: string;
  let client: LspTestClient | undefined;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-lsp-'));
  });
  afterEach(async () => {
    await client?.shutdown();
    client = undefined;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function start(settings: Record<string, unknown> = {}, locale = 'ru'): Promise<LspTestClient> {
    const store = path.join(tmp, 'store');
    await installPackage(MINI_PACKAGE_ROOT, store);
    client = new LspTestClient({ storeDir: store, locale, settings: { validation: { delay: 0 }, rules: { enabled: false }, ...settings } });
    await client.initialize();
    return client;
  }

  it('publishes diagnostics with exact ranges and the document status', async () => {
    const c = await start();
    const diags = await c.open('file:///w/bad.xml', thingsRequest(['имя-длиннее-десяти']));
    assert.equal(diags.length, 1);
    assert.equal(diags[0].source, 'ГИС ЖКХ');
    assert.equal(diags[0].code, 'xsd-facet-maxLength');
    assert.deepEqual(diags[0].range, { start: { line: 4, character: 12 }, end: { line: 4, character: 30 } });
    await new Promise((r) => setTimeout(r, 100));
    const status = c.statuses.get('file:///w/bad.xml')!;
    assert.equal(status.verdict, 'invalid');
    assert.equal(status.binding?.operation, 'importThings');
    assert.equal(status.binding?.packageVersion, '1.1.0.0');
    assert.match(status.binding?.schemaFile ?? '', /hcs-demo-types\.xsd$/);
  });

  it('leaves other XML alone and speaks English when VS Code does', async () => {
    const c = await start({}, 'en');
    assert.deepEqual(await c.open('file:///w/pom.xml', '<project xmlns="http://maven.apache.org/POM/4.0.0"><x></project>'), []);
    const d = await c.open('file:///w/bad.xml', thingsRequest(['имя-длиннее-десяти']));
    assert.match(String(d[0].message), /has 18 characters; at most 10 required/);
  });

  it('validates only the newest of a burst of edits', async () => {
    const c = await start({ validation: { delay: 150 } });
    const uri = 'file:///w/typing.xml';
    await c.open(uri, thingsRequest(['Стол']));
    const from = c.published.length;
    let last = 0;
    for (let i = 0; i < 6; i++) last = await c.change(uri, thingsRequest([`имя-номер-${i}-длинное`]));
    const final = await c.nextDiagnostics(uri, last, 20_000);
    assert.equal(final.version, last);
    const versions = c.published.slice(from).filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [last], 'no diagnostics for the intermediate versions');
    assert.match(String(final.diagnostics[0].message), /имя-номер-5-длинное/);
  });

  it('lets the workspace override the default package, and says when a preferred one is missing', async () => {
    const c = await start({ formats: { defaultVersion: 'bundled', workspaceVersion: '1.1.0.0' } });
    await c.open('file:///w/a.xml', thingsRequest(['Стол']));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(c.statuses.get('file:///w/a.xml')?.binding?.packageKey, 'installed:1.1.0.0', JSON.stringify([...c.statuses.values()]) + c.log.join(''));
    await c.shutdown();
    client = new LspTestClient({ storeDir: path.join(tmp, 'store'), settings: { validation: { delay: 0 }, formats: { defaultVersion: '9.9.9.9' } } });
    await client.initialize();
    await client.open('file:///w/b.xml', thingsRequest(['Стол']));
    await new Promise((r) => setTimeout(r, 100));
    const status = client.statuses.get('file:///w/b.xml')!;
    assert.equal(status.missingPackage, '9.9.9.9');
    assert.equal(status.binding?.packageKey, 'installed:1.1.0.0');
  });

  it('turns validation off by setting', async () => {
    const c = await start({ validation: { enabled: false, delay: 0 } });
    assert.deepEqual(await c.open('file:///w/bad.xml', thingsRequest(['имя-длиннее-десяти'])), []);
  });

  it('picks up a package installed while it runs', async () => {
    const store = path.join(tmp, 'late-store');
    client = new LspTestClient({ storeDir: store, settings: { validation: { delay: 0 }, rules: { enabled: false } } });
    const c = client;
    await c.initialize();
    const uri = 'file:///w/late.xml';
    const before = await c.open(uri, thingsRequest(['имя-длиннее-десяти']));
    assert.deepEqual(
      before.map((d) => d.code),
      ['no-schema'],
    );
    await installPackage(MINI_PACKAGE_ROOT, store);
    const next = c.nextDiagnostics(uri, undefined, 20_000);
    await c.connection.sendNotification('gisZhkh/packagesChanged');
    assert.deepEqual(
      (await next).diagnostics.map((d) => d.code),
      ['xsd-facet-maxLength'],
    );
    const list = await c.connection.sendRequest<PackageListItem[]>('gisZhkh/listPackages', { uri });
    assert.ok(list.some((p) => p.origin === 'installed' && p.version === '1.1.0.0' && p.selected));
  });
  it('offers the catalog and writes a new request that validates without problems', async () => {
    const c = await start();
    const list = await c.connection.sendRequest<OperationList>('gisZhkh/listOperations', {});
    assert.equal(list.packageVersion, '1.1.0.0');
    const op = list.operations.find((o) => o.name === 'importThings');
    assert.ok(op);
    assert.deepEqual(op.versions, ['1.0.0.1']);
    const made = await c.connection.sendRequest<NewRequestResult>('gisZhkh/newRequest', { packageKey: list.packageKey, service: op.service, operation: op.name });
    assert.deepEqual(made.problems, []);
    const diags = await c.open('untitled:Untitled-1', made.text);
    assert.deepEqual(diags, []);
  });
  it('reports checks beyond the XSD with their codes and answers quick fixes for them', async () => {
    const c = await start({ rules: { enabled: true, severity: { 'gis-unsigned-import': 'off', 'gis-version': 'warning' } } });
    const uri = 'file:///w/rules.xml';
    const text = thingsRequest(['Стол']).replace('base:version="1.0.0.1"', 'base:version="9.9.9.9"').replace('0f0c3b1e-7a52-4c1d', '0f0с3b1e-7a52-4c1d');
    const diags = await c.open(uri, text);
    const version = diags.find((d) => d.code === 'gis-version');
    const lookalike = diags.find((d) => d.code === 'gis-lookalike');
    assert.equal(version?.severity, 2);
    assert.ok(lookalike);
    const actions = await c.connection.sendRequest<{ title: string; edit?: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: version!.range,
      context: { diagnostics: [version, lookalike] },
    });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Указать версию 1.0.0.1'), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('Заменить на латиницу: 0f0c3b1e-7a52-4c1d')), titles.join(' | '));
    const setVersion = actions.find((a) => a.title === 'Указать версию 1.0.0.1')!;
    assert.equal(setVersion.edit!.changes[uri][0].newText, '1.0.0.1');
  });
});
