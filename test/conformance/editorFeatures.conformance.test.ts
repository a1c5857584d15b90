import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location } from 'vscode-languageserver-protocol';
import { installPackage } from '../../server/src/catalog/packageInstaller';
import { Tok, XmlScanner } from '../../server/src/xml/scanner';
import { LspTestClient } from '../support/lspClient';
import { conformanceFile, readManifest, sharedDir } from '../support/shared';

/**
 * Editor features through the language server over the conformance corpus, official 16.3.0.0:
 * every element of every original document is described on hover and leads to its declaration,
 * completion answers inside each, the outline covers it, and quick fixes repair mutants.
 */
describe('editor features on the conformance corpus through LSP (../shared)', function () {
  this.timeout(600_000);
  let tmp: string;
  let client: LspTestClient;
  const figures: string[] = [];

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-editor-conf-'));
    const store = path.join(tmp, 'store');
    await installPackage(path.join(sharedDir(), 'gis-formats', '16.3.0.0'), store);
    client = new LspTestClient({ storeDir: store, settings: { validation: { delay: 0 }, formats: { defaultVersion: '16.3.0.0' }, rules: { enabled: false } } });
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(tmp, { recursive: true, force: true });
    for (const f of figures) console.log(`      ${f}`);
  });

  it('describes every element of the original documents and finds its declaration', async () => {
    const originals = readManifest().filter((e) => e.mutation === null);
    const missing: string[] = [];
    let hovers = 0;
    let definitions = 0;
    let completions = 0;
    for (const entry of originals) {
      const uri = `file:///corpus/${entry.file}`;
      const text = fs.readFileSync(conformanceFile(entry), 'utf8');
      await client.open(uri, text);
      const lines = text.split('\n');
      const at = (offset: number) => {
        const before = text.slice(0, offset);
        const line = before.split('\n').length - 1;
        return { line, character: offset - (before.lastIndexOf('\n') + 1) };
      };
      const sc = new XmlScanner(text);
      for (let tok = sc.next(); tok !== Tok.EOF; tok = sc.next()) {
        if (tok !== Tok.StartTag || sc.name.startsWith('soapenv:')) continue;
        const position = at(sc.nameEnd - 1);
        const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
        if (hover) hovers++;
        else missing.push(`${entry.file}:${position.line + 1}: no hover on ${sc.name}`);
        const decl = await client.connection.sendRequest<Location | null>('textDocument/definition', { textDocument: { uri }, position });
        const declared = decl && fs.readFileSync(fileURLToPath(decl.uri), 'utf8').split('\n')[decl.range.start.line]?.slice(decl.range.start.character);
        if (declared && /^<xs:(element|attribute)\b/.test(declared)) definitions++;
        else missing.push(`${entry.file}:${position.line + 1}: no declaration for ${sc.name}`);
        if (!sc.selfClosing && text[sc.end] === '\n') {
          const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: at(sc.end) });
          if (items.length) completions++;
        }
      }
      const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      if (!symbols.length || lines.length < 2) missing.push(`${entry.file}: empty outline`);
      await client.close(uri);
    }
    figures.push(`${originals.length} originals: ${hovers} hovers, ${definitions} declarations, ${completions} completion lists in elements with element content; ${missing.length} misses`);
    assert.deepEqual(missing.slice(0, 20), []);
    assert.ok(completions > originals.length * 3, `only ${completions} completion lists`);
  });

  it('repairs "not expected" mutants with the quick fixes it offers', async () => {
    const mutants = readManifest().filter((e) => e.mutation === 'duplicate-element' || e.mutation === 'unknown-element');
    let offered = 0;
    let repaired = 0;
    for (const entry of mutants) {
      const uri = `file:///corpus/${entry.file}`;
      const text = fs.readFileSync(conformanceFile(entry), 'utf8');
      const diags = await client.open(uri, text);
      const d = diags.find((x) => x.code === 'xsd-not-expected');
      if (!d) {
        await client.close(uri);
        continue;
      }
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const remove = actions.find((a) => a.title.startsWith('Удалить элемент'));
      if (remove) {
        offered++;
        const fixed = applyEdits(text, remove.edit!.changes![uri]);
        const after: Diagnostic[] = await client.open(uri, fixed);
        if (!after.some((x) => x.range.start.line === d.range.start.line && x.code === 'xsd-not-expected' && x.message === d.message)) repaired++;
      }
      await client.close(uri);
    }
    figures.push(`"remove element" offered on ${offered} of ${mutants.length} duplicate/unknown-element mutants; that error gone after the fix in ${repaired}`);
    assert.ok(offered > mutants.length / 2, `offered on ${offered} of ${mutants.length}`);
    assert.equal(repaired, offered);
  });
});

function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const offset = (p: { line: number; character: number }) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}
