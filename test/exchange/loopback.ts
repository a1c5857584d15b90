import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import type { SoapCall } from '../../server/src/exchange/transport';
import { TransportError } from '../../server/src/exchange/transport';

/** Real servers on 127.0.0.1 for the transport tests: a recording SOAP server and a tiny HTTP proxy. */

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** Certificate subject CN of the client (HTTPS servers that ask for one). */
  readonly clientCn?: string;
}

export const ACK =
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
  '<base:AckRequest xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/"><base:Ack>' +
  '<base:MessageGUID>7f9e1c2a-0000-4000-8000-000000000001</base:MessageGUID>' +
  '<base:RequesterMessageGUID>7f9e1c2a-0000-4000-8000-000000000002</base:RequesterMessageGUID>' +
  '</base:Ack></base:AckRequest></soap:Body></soap:Envelope>';

export const CALL: SoapCall = {
  path: '/ext-bus-nsi-common-service/services/NsiCommonAsync',
  soapAction: 'urn:exportNsiItem',
  envelope:
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
    '<exportNsiItemRequest xmlns="http://dom.gosuslugi.ru/schema/integration/nsi-common/">Тверь</exportNsiItemRequest>' +
    '</soapenv:Body></soapenv:Envelope>',
};

export type Answer = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export const answerAck: Answer = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
  res.end(ACK);
};

/** Records each request (body read in full) and answers with `answer`; counts TCP connections. */
export function recordingHandler(seen: SeenRequest[], answer: Answer = answerAck): http.RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const peer = (req.socket as { getPeerCertificate?: () => { subject?: { CN?: string } } }).getPeerCertificate?.();
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, clientCn: peer?.subject?.CN });
      answer(req, res, body);
    });
  };
}

export interface Running<S extends net.Server = net.Server> {
  readonly server: S;
  readonly port: number;
  readonly connections: () => number;
  close(): Promise<void>;
}

export async function listen<S extends net.Server>(server: S, host = '127.0.0.1'): Promise<Running<S>> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    server,
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function soapServer(seen: SeenRequest[], answer?: Answer): Promise<Running<http.Server>> {
  return listen(http.createServer(recordingHandler(seen, answer)));
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const r = await listen(net.createServer());
  await r.close();
  return r.port;
}

export interface ProxySeen {
  readonly method: string;
  readonly target: string;
  readonly authorization?: string;
}

/**
 * A tiny real HTTP proxy: CONNECT opens a TCP tunnel (unless `refuseConnect`), absolute-form
 * requests are forwarded. It records what it was asked, to prove the transport used it.
 */
export function tinyProxy(seen: ProxySeen[], o: { refuseConnect?: number } = {}): Promise<Running<http.Server>> {
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', target: req.url ?? '', authorization: req.headers['proxy-authorization'] });
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute-form required');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const up = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: req.method, headers, agent: false }, (ur) => {
      res.writeHead(ur.statusCode ?? 502, ur.headers);
      ur.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push({ method: 'CONNECT', target: req.url ?? '', authorization: req.headers['proxy-authorization'] });
    if (o.refuseConnect) {
      client.end(`HTTP/1.1 ${o.refuseConnect} Forbidden\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host, port] = splitAuthority(req.url ?? '');
    const up = net.connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  return listen(server);
}

function splitAuthority(a: string): [string, number] {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(a);
  return m ? [m[1], Number(m[2])] : [a, 443];
}

/** Awaits a rejection and returns it as a TransportError (fails the test otherwise). */
export async function transportFailure(p: Promise<unknown>): Promise<TransportError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TransportError) return e;
    throw new Error(`expected a TransportError, got ${String(e)}`);
  }
  throw new Error('expected the call to fail, it succeeded');
}

/**
 * `openssl s_server` on a free loopback port: an OpenSSL TLS server that, unlike Node's, checks
 * the client certificate inside the handshake and answers a bad one with a TLS alert.
 */
export async function opensslServer(args: string[]): Promise<{ port: number; output: () => string; stop(): Promise<void> }> {
  const port = await closedPort();
  const child = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`openssl s_server did not start: ${output}`)), 10_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (/ACCEPT/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    void exited.then(() => reject(new Error(`openssl s_server exited: ${output}`)));
  });
  return {
    port,
    output: () => output,
    async stop() {
      child.kill();
      await exited;
    },
  };
}

/**
 * Runs a command without blocking the event loop (the servers under test live in this process,
 * so spawnSync would starve them).
 */
export function runAsync(
  cmd: string,
  args: string[],
  o: { input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: o.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 20_000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(o.input ?? '');
  });
}
