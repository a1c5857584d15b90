import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/protocol';

/** Starts the language server (dist/server.js, a separate Node process) for XML documents. */
export function createLanguageClient(context: vscode.ExtensionContext, storeDir: string): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // --expose-gc: the server collects the text copies a large document's check leaves behind.
    run: { module, transport: TransportKind.ipc, options: { execArgv: ['--expose-gc'] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--expose-gc', '--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: InitializationOptions = { storeDir };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'xml' },
      { scheme: 'untitled', language: 'xml' },
    ],
    synchronize: { configurationSection: 'gisZhkh' },
    initializationOptions,
    outputChannelName: 'ГИС ЖКХ',
  };
  return new LanguageClient('gisZhkh', 'ГИС ЖКХ', serverOptions, clientOptions);
}
