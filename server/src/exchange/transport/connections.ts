import * as http from 'node:http';
import * as https from 'node:https';
import type * as net from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import type { Proxy, Route } from './route';
import { serverNameFor } from './route';
import type { TlsMaterial } from './tlsMaterial';

/**
 * Keep-alive agents that also record how far each connection got: the transport must tell a
 * failure before the connection was usable (nothing reached the stand) from one after it (the
 * request may have reached it), and a TCP connection from a finished TLS handshake.
 */
export interface ConnectionProgress {
  /** TCP is up (to the stand, the tunnel, or the proxy). */
  tcp: boolean;
  /** Ready to carry the request: TCP up and, for TLS, the handshake done. */
  ready: boolean;
}

const progress = new WeakMap<Duplex, ConnectionProgress>();

export function progressOf(socket: Duplex): ConnectionProgress {
  let p = progress.get(socket);
  if (!p) {
    // A socket we did not make (cannot happen with our agents): assume the worst.
    p = { tcp: true, ready: true };
    progress.set(socket, p);
  }
  return p;
}

/** Calls back once the socket can carry the request (at once for a kept-alive one). */
export function whenReady(socket: Duplex, ready: () => void): void {
  const p = progressOf(socket);
  if (p.ready) {
    ready();
    return;
  }
  const secure = socket instanceof tls.TLSSocket;
  socket.once(secure ? 'secureConnect' : 'connect', ready);
}

function track(socket: Duplex, secure: boolean, tcpUp = false): void {
  const p: ConnectionProgress = { tcp: tcpUp, ready: false };
  progress.set(socket, p);
  socket.once('connect', () => {
    p.tcp = true;
    if (!secure) p.ready = true;
  });
  if (secure) {
    socket.once('secureConnect', () => {
      p.tcp = true;
      p.ready = true;
    });
  }
}

/** An error a CONNECT proxy gave instead of a tunnel: nothing reached the stand. */
export class ProxyRefusedError extends Error {
  readonly code = 'EPROXYREFUSED';
  constructor(readonly statusCode: number | undefined, message: string) {
    super(message);
  }
}

export const KEEP_ALIVE = { keepAlive: true, keepAliveMsecs: 15_000, maxSockets: 8, maxFreeSockets: 4, scheduling: 'lifo' as const };

export function createAgent(route: Route, material: TlsMaterial | undefined, connectMs: number): http.Agent {
  if (!route.secure) {
    const agent = new http.Agent(KEEP_ALIVE);
    const plain = agent.createConnection.bind(agent);
    agent.createConnection = (options, callback) => {
      const socket = plain(options, callback);
      if (socket) track(socket, false);
      return socket;
    };
    return agent;
  }
  const servername = serverNameFor(route.standHostname);
  const agent = new https.Agent({ ...KEEP_ALIVE, ...material, servername, rejectUnauthorized: true });
  if (route.proxy) {
    const proxy = route.proxy;
    agent.createConnection = (options, callback) => {
      connectThroughProxy(proxy, route, connectMs, options as tls.ConnectionOptions, callback!);
      return undefined;
    };
  } else {
    const direct = agent.createConnection.bind(agent);
    agent.createConnection = (options, callback) => {
      const socket = direct(options, callback);
      if (socket) track(socket, true);
      return socket;
    };
  }
  return agent;
}

/**
 * HTTPS through an HTTP proxy: `CONNECT host:port`, then TLS with the stand over that byte stream;
 * the proxy sees only ciphertext, and the stand's certificate is checked exactly as without it.
 */
function connectThroughProxy(
  proxy: Proxy,
  route: Route,
  connectMs: number,
  options: tls.ConnectionOptions,
  callback: (err: Error | null, stream: Duplex) => void,
): void {
  const authority = `${route.standHostname.includes(':') ? `[${route.standHostname}]` : route.standHostname}:${route.standPort}`;
  const headers: http.OutgoingHttpHeaders = { Host: authority };
  if (proxy.authorization) headers['Proxy-Authorization'] = proxy.authorization;
  const req = http.request({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: authority, headers, agent: false });
  let done = false;
  const fail = (e: Error) => {
    if (done) return;
    done = true;
    callback(e, undefined as unknown as Duplex);
  };
  req.once('connect', (res: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    if (res.statusCode !== 200) {
      socket.destroy();
      fail(new ProxyRefusedError(res.statusCode, `the proxy ${proxy.hostname}:${proxy.port} refused to open a tunnel to ${authority}: HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim()));
      return;
    }
    if (head.length) socket.unshift(head);
    const secure = tls.connect({ ...options, socket, servername: serverNameFor(route.standHostname), host: route.standHostname, rejectUnauthorized: true });
    track(secure, true, true);
    done = true;
    callback(null, secure);
  });
  req.once('error', fail);
  // The request waiting for this connection has its own timer; this one only frees the proxy socket.
  req.setTimeout(connectMs, () => req.destroy(Object.assign(new Error(`the proxy ${proxy.hostname}:${proxy.port} did not open a tunnel within ${connectMs} ms`), { code: 'ETIMEDOUT' })));
  req.end();
}
