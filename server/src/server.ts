import * as path from 'node:path';
import { ProposedFeatures, TextDocumentSyncKind, TextDocuments, createConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PackageRegistry } from './catalog/packageRegistry';
import { DocumentValidationService } from './documentValidationService';
import { bundledSchemasDir } from './productPaths';
import { InitializationOptions, LIST_PACKAGES, ListPackagesParams, PACKAGES_CHANGED } from './protocol';

/** The language server: LSP wiring only; the work is in DocumentValidationService and the engine. */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let service: DocumentValidationService | undefined;

connection.onInitialize((params) => {
  const init = (params.initializationOptions ?? {}) as InitializationOptions;
  service = new DocumentValidationService({
    connection,
    documents,
    registry: new PackageRegistry({ bundledRoot: bundledSchemasDir(), storeDir: init.storeDir }),
    workerScript: path.join(__dirname, 'validationWorker.js'),
    locale: params.locale,
    configurationCapable: params.capabilities.workspace?.configuration === true,
  });
  return { capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } };
});

documents.onDidChangeContent((e) => void service?.schedule(e.document));
documents.onDidClose((e) => service?.close(e.document.uri));
connection.onDidChangeConfiguration(() => service?.settingsChanged());
connection.onNotification(PACKAGES_CHANGED, () => service?.packagesChanged());
connection.onRequest(LIST_PACKAGES, (p: ListPackagesParams) => service?.listPackages(p?.uri) ?? []);
connection.onShutdown(() => service?.dispose());

// The server must outlive any input: a bug in one handler is logged, never fatal.
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? e}`));

documents.listen(connection);
connection.listen();
