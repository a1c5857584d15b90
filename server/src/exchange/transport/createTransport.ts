import type * as http from 'node:http';
import type { StandProfile } from '../standProfile';
import { timeouts } from '../standProfile';
import type { Transport, TransportFactory, TransportSecrets } from '../transport';
import { createAgent } from './connections';
import { HttpTransport } from './httpTransport';
import type { Route } from './route';
import { routeFor } from './route';
import { loadTlsMaterial } from './tlsMaterial';

/**
 * The transport of a stand (TransportFactory):
 * - direct, http://: plain HTTP (the local sandbox);
 * - direct, https://: Node's TLS with the client certificate and key, the stand's CA bundle as the
 *   only trust roots when given, verification always on; an HTTP proxy is crossed with CONNECT;
 * - tunnel: plain HTTP to the local tunnel with the stand's Host header; the tunnel does GOST TLS.
 * Nothing is read or connected until the first call; a bad profile fails that call as 'config'.
 */
export const createTransport: TransportFactory = (stand: StandProfile, secrets?: TransportSecrets): Transport => {
  const limits = timeouts(stand);
  let route: Route | undefined;
  let agent: http.Agent | undefined;
  const agents = {
    get(): http.Agent {
      if (!agent) {
        route ??= routeFor(stand);
        const material = route.secure ? loadTlsMaterial(stand, secrets) : undefined;
        agent = createAgent(route, material, limits.connectMs);
      }
      return agent;
    },
    destroy(): void {
      agent?.destroy();
      agent = undefined;
    },
  };
  let transport: HttpTransport | undefined;
  return {
    post(call, signal) {
      try {
        route ??= routeFor(stand);
      } catch (e) {
        return Promise.reject(e);
      }
      transport ??= new HttpTransport(route, agents, limits);
      return transport.post(call, signal);
    },
    close() {
      agents.destroy();
    },
  };
};
