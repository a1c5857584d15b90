import { parentPort } from 'node:worker_threads';
import { PackageContents } from '../catalog/packageContents';
import { createValidationEngine } from './validationEngine';
import { DocumentText } from '../xml/documentText';
import type { FromWorker, ToWorker } from './workerProtocol';
import { loadSignatureEngine } from '../signatureService';

/**
 * A validation thread: validating a 50 MB document takes seconds of synchronous WebAssembly,
 * which must not stall the language server. Each thread keeps its own compiled schemas.
 */
const port = parentPort;
if (!port) throw new Error('validationWorker must run as a worker thread');

const engineReady = createValidationEngine();
const contents = new Map<string, PackageContents>();
const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

port.on('message', (msg: ToWorker) => {
  void handle(msg);
});

async function handle(msg: ToWorker): Promise<void> {
  const engine = await engineReady;
  if (msg.type === 'evict') {
    for (const key of msg.packageKeys) {
      contents.delete(key);
      engine.schemaSets.evict(key);
    }
    return;
  }
  let reply: FromWorker;
  try {
    let c = contents.get(msg.pkg.key);
    if (!c) {
      c = new PackageContents(msg.pkg);
      contents.set(msg.pkg.key, c);
    }
    // The signature engine (a second libxml2 instance) is loaded only once a signed document comes.
    if (Buffer.from(msg.utf8.buffer, msg.utf8.byteOffset, msg.utf8.byteLength).includes(XMLDSIG_NS)) await loadSignatureEngine();
    const report = engine.validator.validate(DocumentText.fromUtf8(msg.utf8), c, msg.options);
    reply = { type: 'result', id: msg.id, report, heapBytes: engine.libxml.heapBytes };
  } catch (e) {
    reply = { type: 'failure', id: msg.id, message: (e as Error)?.stack ?? String(e) };
  }
  port!.postMessage(reply);
  // A large document's bytes (and its text, if problems needed it) are garbage now; collect them
  // before the next job rather than whenever V8 would (the server runs with --expose-gc).
  if (msg.utf8.length > LARGE_TEXT) (globalThis as { gc?: () => void }).gc?.();
}

const LARGE_TEXT = 1_000_000;
