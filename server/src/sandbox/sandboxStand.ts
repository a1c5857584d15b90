import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { PackageRegistry } from '../catalog/packageRegistry';
import { bundledSchemasDir } from '../productPaths';
import { loadSignatureEngine } from '../signatureService';
import { createValidationEngine } from '../validation/validationEngine';
import { defaultOperations } from './defaultOperations';
import { FAULT, isSandboxFault } from './faultCodes';
import { FAULT_KINDS, FaultDecision, FaultInjector } from './faultPlan';
import { BodyTooLarge, readBody } from './httpBody';
import { checkRequest } from './requestCheck';
import { SandboxDatabase } from './sandboxDatabase';
import { SandboxEvent, eventLine } from './sandboxLog';
import { DEFAULT_DELAYS, DEFAULT_MAX_REQUEST_BYTES, RunningSandbox, SandboxOptions, SandboxStats } from './sandboxOptions';
import { SandboxProtocol, SoapAnswer } from './sandboxProtocol';
import { SandboxRoutes, ServiceRoute, soapActionOf } from './sandboxRoutes';
import { faultEnvelope, http500Page, truncated } from './soapAnswers';

export type { RunningSandbox, SandboxOptions, SandboxStats } from './sandboxOptions';

/**
 * The sandbox stand: a local HTTP(S) server that answers like GIS ЖКХ's asynchronous services
 * for every operation of a format package (paths and SOAPActions from its catalog), with
 * injected faults when asked. The protocol is sandboxProtocol.ts; this is the HTTP side.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const lang = options.lang ?? 'ru';
  const event = (e: SandboxEvent) => options.log?.(eventLine(e, lang));
  const now = options.now ?? (() => new Date());
  const contents = options.contents ?? bundledContents();
  const validator = options.validator ?? (await createValidationEngine()).validator;
  const operations = options.operations ?? defaultOperations();
  // Verification is synchronous once the XML-signature engine is loaded (once per process).
  if (options.verifySignatures) await loadSignatureEngine();
  const maxBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const routes = new SandboxRoutes(contents);
  const stats = emptyStats();
  const injector = new FaultInjector(options.faults);
  const db = await SandboxDatabase.open(options.dataDir);
  const protocol = new SandboxProtocol({
    db,
    routes,
    operations,
    delays: { receivedMs: options.delays?.receivedMs ?? DEFAULT_DELAYS.receivedMs, processingMs: options.delays?.processingMs ?? DEFAULT_DELAYS.processingMs },
    stats,
    now,
    event,
  });
  try {
    await protocol.start();
  } catch (e) {
    db.close();
    throw e;
  }

  const soap = async (route: ServiceRoute, soapAction: string | undefined, bytes: Uint8Array): Promise<SoapAnswer> => {
    const checked = checkRequest(bytes, route, soapAction, { contents, validator, verifySignatures: options.verifySignatures === true, now: now() });
    if (isSandboxFault(checked)) return protocol.fault(checked);
    return checked.kind === 'send' ? protocol.send(checked) : protocol.getState(checked);
  };

  const inject = (d: FaultDecision, path: string) => {
    stats.injected[d.kind]++;
    event({ kind: 'injected', fault: d.kind, path });
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    stats.requests++;
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const route = routes.route(url.pathname);
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (url.pathname === '/') return reply(res, 200, 'text/plain; charset=utf-8', statusText(routes, stats, lang));
      if (route && url.search.toLowerCase() === '?wsdl') return reply(res, 200, 'text/xml; charset=utf-8', routes.wsdl(route));
      return reply(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    }
    if (req.method !== 'POST') return reply(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, POST' });
    if (!route) return reply(res, 404, 'text/plain; charset=utf-8', 'Not found\n');

    const soapAction = soapActionOf(req.headers.soapaction);
    const isState = soapAction !== undefined && route.operations.some((o) => o.name === 'getState' && o.soapAction === soapAction);
    const fault = injector.decide(isState ? 'state' : 'send');
    if (fault?.kind === 'drop') {
      inject(fault, url.pathname);
      req.socket.destroy();
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBody(req, maxBytes);
    } catch (e) {
      if (e instanceof BodyTooLarge) return reply(res, 413, 'text/plain; charset=utf-8', `Request too large: ${e.message}\n`, { Connection: 'close' });
      return;
    }
    if (fault?.kind === 'http500') {
      inject(fault, url.pathname);
      return reply(res, 500, 'text/html; charset=utf-8', http500Page());
    }
    if (fault?.kind === 'fault') {
      inject(fault, url.pathname);
      return reply(res, 500, XML, faultEnvelope({ code: FAULT.unavailable, message: 'Сервис временно недоступен, повторите запрос позже', side: 'Server' }));
    }

    let answer: SoapAnswer;
    try {
      answer = await soap(route, soapAction, bytes);
    } catch (e) {
      event({ kind: 'error', message: (e as Error).message });
      answer = { status: 500, body: faultEnvelope({ code: FAULT.unavailable, message: 'Внутренняя ошибка песочницы', side: 'Server' }) };
    }
    if (fault?.kind === 'dropAfter') {
      inject(fault, url.pathname);
      res.socket?.destroy();
      return;
    }
    if (fault?.kind === 'slow') {
      inject(fault, url.pathname);
      await sleep(fault.delayMs);
    }
    if (fault?.kind === 'malformed') {
      inject(fault, url.pathname);
      return reply(res, answer.status, XML, truncated(answer.body));
    }
    reply(res, answer.status, XML, answer.body);
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      event({ kind: 'error', message: (e as Error).message });
      if (!res.headersSent) reply(res, 500, 'text/plain; charset=utf-8', 'Internal error\n');
    });
  };
  const tls = options.tls;
  let server: http.Server;
  try {
    server = tls
      ? https.createServer({ key: tls.key, cert: tls.cert, ca: tls.ca, requestCert: tls.requestCert === true, rejectUnauthorized: tls.requestCert === true }, listener)
      : http.createServer(listener);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await protocol.close();
    db.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  const url = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  event({ kind: 'listening', url, operations: contents.catalog.operations.length, dataFile: db.file, seed: injector.active ? injector.seed : undefined });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    endpoints: routes.endpoints(),
    stats: () => ({ ...stats, injected: { ...stats.injected } }),
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        await protocol.close();
        await db.persist();
        db.close();
        event({ kind: 'closed', accepted: stats.accepted, processed: stats.processed });
      })()),
  };
}

const XML = 'text/xml; charset=utf-8';

function reply(res: http.ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const data = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': data.length, ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : data);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function emptyStats(): SandboxStats {
  const injected = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as SandboxStats['injected'];
  return { requests: 0, accepted: 0, duplicates: 0, processed: 0, processingErrors: 0, stateRequests: 0, faults: 0, injected };
}

function bundledContents() {
  const registry = new PackageRegistry({ bundledRoot: bundledSchemasDir() });
  const { pkg } = registry.select('bundled');
  if (!pkg) throw new Error('the bundled format package is missing');
  return registry.contents(pkg);
}

function statusText(routes: SandboxRoutes, stats: SandboxStats, lang: 'ru' | 'en'): string {
  const ru = lang === 'ru';
  const lines = [
    ru ? 'Песочница ГИС ЖКХ: асинхронный обмен SOAP' : 'GIS ZhKKh sandbox: asynchronous SOAP exchange',
    ru ? `Принято сообщений: ${stats.accepted}, повторов: ${stats.duplicates}, обработано: ${stats.processed}` : `Messages accepted: ${stats.accepted}, resends: ${stats.duplicates}, processed: ${stats.processed}`,
    '',
    ...routes.endpoints().map((e) => `POST ${e.path}  (${e.service}: ${e.operations.join(', ')})`),
  ];
  return `${lines.join('\n')}\n`;
}
