import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import type { StandTimeouts } from '../standProfile';
import type { SoapCall, SoapReply, Transport } from '../transport';
import type { CallPhase } from './classify';
import { abortFailure, classifyFailure, timeoutFailure } from './classify';
import { progressOf, whenReady } from './connections';
import type { Route } from './route';

/** The agent, made on first use (reading the TLS files may fail: a 'config' failure of that call). */
export interface AgentSource {
  get(): http.Agent;
  destroy(): void;
}

/**
 * One stand's SOAP calls over a keep-alive agent. Two timers: `connectMs` until the connection
 * can carry the request (TCP, and TLS in direct HTTPS mode), then `responseMs` until the answer's
 * last byte (restarted when the request's last byte is out, so a slow upload is not counted).
 */
export class HttpTransport implements Transport {
  constructor(
    private readonly route: Route,
    private readonly agents: AgentSource,
    private readonly limits: StandTimeouts,
  ) {}

  post(call: SoapCall, signal?: AbortSignal): Promise<SoapReply> {
    return new Promise<SoapReply>((resolve, reject) => {
      let phase: CallPhase = 'connecting';
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      let req: http.ClientRequest | undefined;

      const finish = (error: Error | undefined, reply?: SoapReply) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (error) {
          req?.destroy();
          reject(error);
        } else resolve(reply!);
      };
      const arm = (ms: number) => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => finish(timeoutFailure(phase, this.route, ms)), ms);
      };
      const onAbort = () => finish(abortFailure(phase, this.route, signal?.reason));
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });

      let agent: http.Agent;
      try {
        agent = this.agents.get();
      } catch (e) {
        finish(classifyFailure(e, 'connecting', this.route));
        return;
      }
      const body = Buffer.from(call.envelope, 'utf8');
      arm(this.limits.connectMs);
      req = (this.route.secure ? https : http).request({ ...this.requestTarget(call), method: 'POST', agent, headers: this.headers(call, body) });
      let answered = false;
      let fresh = false;
      let tls13 = false;
      req.on('socket', (socket: Duplex) => {
        if (settled) return;
        fresh = !progressOf(socket).ready;
        // Already usable (kept alive): nothing to wait for. Else note when TCP is up under TLS.
        if (!progressOf(socket).ready && this.route.secure) {
          if (progressOf(socket).tcp) phase = 'handshake';
          else socket.once('connect', () => phase === 'connecting' && (phase = 'handshake'));
        }
        whenReady(socket, () => {
          if (settled) return;
          tls13 = socket instanceof tls.TLSSocket && socket.getProtocol() === 'TLSv1.3';
          phase = 'sent';
          arm(this.limits.responseMs);
        });
      });
      req.on('finish', () => !settled && phase === 'sent' && arm(this.limits.responseMs));
      req.on('error', (e) => finish(classifyFailure(e, phase, this.route, silentRefusalNote(fresh && tls13 && !answered))));
      req.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => finish(classifyFailure(e, 'sent', this.route)));
        res.on('aborted', () => finish(classifyFailure(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' }), 'sent', this.route)));
        res.on('end', () => {
          if (!res.complete) {
            finish(classifyFailure(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' }), 'sent', this.route));
            return;
          }
          const contentType = res.headers['content-type'];
          finish(undefined, { status: res.statusCode ?? 0, contentType, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.end(body);
    });
  }

  close(): void {
    this.agents.destroy();
  }

  private requestTarget(call: SoapCall): http.RequestOptions {
    const r = this.route;
    const path = r.basePath + (call.path.startsWith('/') ? call.path : `/${call.path}`);
    if (r.tunnel) return { host: r.tunnel.hostname, port: r.tunnel.port, path };
    if (r.proxy && !r.secure) {
      // Plain HTTP through a proxy: absolute-form request target (RFC 9112 §3.2.2).
      return { host: r.proxy.hostname, port: r.proxy.port, path: `http://${r.standHost}${path}` };
    }
    return { host: r.standHostname, port: r.standPort, path };
  }

  private headers(call: SoapCall, body: Buffer): http.OutgoingHttpHeaders {
    const h: http.OutgoingHttpHeaders = {
      Host: this.route.standHost,
      'Content-Type': 'text/xml; charset=utf-8',
      'Content-Length': body.length,
      // SOAP 1.1 §6.1.1: the SOAPAction value is a quoted URI.
      SOAPAction: /^".*"$/.test(call.soapAction) ? call.soapAction : `"${call.soapAction}"`,
      Accept: 'text/xml, application/soap+xml, */*',
    };
    if (this.route.proxy && !this.route.secure && this.route.proxy.authorization) {
      h['Proxy-Authorization'] = this.route.proxy.authorization;
    }
    return h;
  }
}

/**
 * With TLS 1.3 the server checks the client certificate after the client has finished its
 * handshake and sent the request; a server that then closes without an alert (Node's does) looks
 * exactly like a break after sending. The call stays 'reset' (the safe side), with this hint.
 */
function silentRefusalNote(freshTls13NoAnswer: boolean): string {
  return freshTls13NoAnswer ? ' (on a new TLS 1.3 connection this is also how a server that refuses the client certificate without an alert looks)' : '';
}
