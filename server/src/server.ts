import * as os from 'node:os';
import * as path from 'node:path';
import { CodeActionKind, ProposedFeatures, TextDocumentSyncKind, TextDocuments, createConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PackageRegistry } from './catalog/packageRegistry';
import { DocumentValidationService } from './documentValidationService';
import { EditorService } from './editorService';
import { NewRequestService } from './newRequestService';
import { NsiCache } from './nsi/nsiCache';
import { bundledSchemasDir } from './productPaths';
import {
  InitializationOptions,
  LIST_OPERATIONS,
  LIST_PACKAGES,
  ListOperationsParams,
  ListPackagesParams,
  NEW_REQUEST,
  NSI_IMPORT,
  NewRequestParams,
  NsiImportParams,
  PACKAGES_CHANGED,
} from './protocol';

/** The language server: LSP wiring only; the work is in DocumentValidationService and the engine. */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let service: DocumentValidationService | undefined;
let composer: NewRequestService | undefined;
let editor: EditorService | undefined;

connection.onInitialize((params) => {
  const init = (params.initializationOptions ?? {}) as InitializationOptions;
  const registry = new PackageRegistry({ bundledRoot: bundledSchemasDir(), storeDir: init.storeDir });
  composer = new NewRequestService(registry);
  service = new DocumentValidationService({
    connection,
    documents,
    registry,
    workerScript: path.join(__dirname, 'validationWorker.js'),
    locale: params.locale,
    configurationCapable: params.capabilities.workspace?.configuration === true,
  });
  const nsiDir = init.nsiDir ?? (init.storeDir ? path.join(path.dirname(init.storeDir), 'nsi') : undefined);
  editor = new EditorService(connection, documents, registry, service, new NsiCache(nsiDir ?? path.join(os.tmpdir(), 'gis-zhkh-nsi')));
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['<', ' ', '"', "'"] },
      hoverProvider: true,
      definitionProvider: true,
      typeDefinitionProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      documentFormattingProvider: true,
    },
  };
});

documents.onDidChangeContent((e) => void service?.schedule(e.document));
documents.onDidClose((e) => {
  service?.close(e.document.uri);
  editor?.close(e.document.uri);
});
connection.onDidChangeConfiguration(() => service?.settingsChanged());
connection.onNotification(PACKAGES_CHANGED, () => service?.packagesChanged());
connection.onRequest(LIST_PACKAGES, (p: ListPackagesParams) => service?.listPackages(p?.uri) ?? []);
connection.onRequest(LIST_OPERATIONS, (p: ListOperationsParams) => composer?.listOperations(p ?? {}) ?? null);
connection.onRequest(NEW_REQUEST, (p: NewRequestParams) => composer?.newRequest(p) ?? null);
connection.onRequest(NSI_IMPORT, (p: NsiImportParams) => editor?.importNsi(p) ?? null);
connection.onCompletion((p) => editor?.completion(p) ?? []);
connection.onHover((p) => editor?.hover(p) ?? null);
connection.onDefinition((p) => editor?.definition(p, 'declaration') ?? null);
connection.onTypeDefinition((p) => editor?.definition(p, 'type') ?? null);
connection.onCodeAction((p) => editor?.codeActions(p) ?? []);
connection.onDocumentSymbol((p) => editor?.symbols(p.textDocument.uri) ?? []);
connection.onFoldingRanges((p) => editor?.folding(p.textDocument.uri) ?? []);
connection.onDocumentFormatting((p) => editor?.format(p.textDocument.uri, p.options) ?? []);
connection.onShutdown(() => service?.dispose());

// The server must outlive any input: a bug in one handler is logged, never fatal.
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? e}`));

documents.listen(connection);
connection.listen();
