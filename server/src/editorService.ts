import type {
  CodeAction,
  CodeActionParams,
  CompletionItem,
  Connection,
  DocumentSymbol,
  FoldingRange,
  FormattingOptions,
  Hover,
  Location,
  TextDocumentPositionParams,
  TextDocuments,
  TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mayBeGisDocument } from './catalog/gisCandidate';
import type { PackageContents } from './catalog/packageContents';
import type { PackageRegistry } from './catalog/packageRegistry';
import type { DocumentValidationService } from './documentValidationService';
import { codeActions } from './editor/codeActions';
import { complete } from './editor/completion';
import { definition } from './editor/definition';
import { formatDocument } from './editor/formatting';
import { hover } from './editor/hover';
import { documentSymbols, foldingRanges } from './editor/outline';
import { readNsiAnswer } from './nsi/nsiAnswer';
import type { NsiCache } from './nsi/nsiCache';
import type { NsiLookup } from './nsi/nsiLookup';
import type { NsiImportParams, NsiImportResult } from './protocol';
import { OpenElementIndex } from './editor/openElements';
import type { Lang } from './validation/messages';

/**
 * Completion, hover and navigation for GIS documents, answered on the main thread from the
 * package's schema model. A failure in a feature is logged and answered with nothing: the server
 * must outlive any text.
 */
export class EditorService {
  private readonly indexes = new Map<string, OpenElementIndex>();
  private nsiStand = 'default';

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly registry: PackageRegistry,
    private readonly validation: DocumentValidationService,
    private readonly nsi: NsiCache,
  ) {}

  completion(p: TextDocumentPositionParams): Promise<CompletionItem[]> {
    return this.run(p, [], (doc, offset, contents, lang, index) => complete(doc, offset, contents, lang, index, this.lookup()));
  }

  hover(p: TextDocumentPositionParams): Promise<Hover | null> {
    return this.run(p, null, (doc, offset, contents, lang, index) => hover(doc, offset, contents, lang, index, this.lookup()));
  }

  definition(p: TextDocumentPositionParams, target: 'declaration' | 'type'): Promise<Location | null> {
    return this.run(p, null, (doc, offset, contents, _lang, index) => definition(doc, offset, contents, target, index));
  }

  codeActions(p: CodeActionParams): Promise<CodeAction[]> {
    const at: TextDocumentPositionParams = { textDocument: p.textDocument, position: p.range.start };
    return this.run(at, [], (doc, _offset, contents, lang, index) => codeActions(doc, p.range, p.context.diagnostics, contents, lang, index));
  }

  symbols(uri: string): DocumentSymbol[] {
    return this.plain(uri, [], documentSymbols);
  }

  folding(uri: string): FoldingRange[] {
    return this.plain(uri, [], (doc) => foldingRanges(doc));
  }

  format(uri: string, options: FormattingOptions): TextEdit[] {
    return this.plain(uri, [], (doc) => formatDocument(doc, options));
  }

  /** Features that need the text only (no package), for GIS documents. */
  private plain<T>(uri: string, none: T, f: (doc: TextDocument) => T): T {
    const doc = this.documents.get(uri);
    if (!doc) return none;
    try {
      return mayBeGisDocument(doc.getText()) ? f(doc) : none;
    } catch (e) {
      this.connection.console.error(`editor feature failed: ${(e as Error).stack ?? e}`);
      return none;
    }
  }

  /** Keeps the NSI registries of an answer open in the editor, for the given stand. */
  importNsi(p: NsiImportParams): NsiImportResult | null {
    const doc = this.documents.get(p.uri);
    if (!doc) return null;
    const registries = readNsiAnswer(doc.getText());
    const stand = p.stand?.trim() || this.nsiStand;
    this.nsi.save(stand, registries);
    return { stand, registries: registries.map((r) => ({ registry: r.registry, items: r.items.length })) };
  }

  private lookup(): NsiLookup {
    const stand = this.nsiStand;
    return (registry) => this.nsi.registry(stand, registry);
  }

  /** The document closed: its scan checkpoints go with it. */
  close(uri: string): void {
    this.indexes.delete(uri);
  }

  private async run<T>(p: TextDocumentPositionParams, none: T, f: (doc: TextDocument, offset: number, contents: PackageContents, lang: Lang, index: OpenElementIndex) => T): Promise<T> {
    const doc = this.documents.get(p.textDocument.uri);
    if (!doc) return none;
    try {
      const text = doc.getText();
      if (!mayBeGisDocument(text)) return none;
      const { pkg, lang, nsiStand } = await this.validation.packageFor(doc.uri);
      if (!pkg) return none;
      this.nsiStand = nsiStand;
      let index = this.indexes.get(doc.uri);
      if (!index) this.indexes.set(doc.uri, (index = new OpenElementIndex()));
      return f(doc, doc.offsetAt(p.position), this.registry.contents(pkg), lang, index);
    } catch (e) {
      this.connection.console.error(`editor feature failed: ${(e as Error).stack ?? e}`);
      return none;
    }
  }
}
