import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { StandProfile } from '../../server/src/exchange/standProfile';
import { createTransport } from '../../server/src/exchange/transport/createTransport';
import type { EcPki, GostPki } from '../support/testPki';
import { createEcPki, createGostPki } from '../support/testPki';
import type { ProxySeen, Running, SeenRequest } from './loopback';
import { ACK, CALL, listen, opensslServer, recordingHandler, tinyProxy, transportFailure } from './loopback';

/**
 * Direct HTTPS mode with Node's TLS against a real HTTPS server on loopback that requires a
 * client certificate from the test CA: the stand's CA bundle is the only trust, verification is
 * always on, and each refusal is a 'tls' failure that surely did not reach the stand.
 */
describe('transport: direct HTTPS with a client certificate (ECDSA test CA)', () => {
  let pki: EcPki;
  let gost: GostPki;
  const servers: Running[] = [];

  before(() => {
    pki = createEcPki();
    gost = createGostPki();
  });
  after(async () => {
    for (const s of servers) await s.close();
    pki?.dispose();
    gost?.dispose();
  });

  /** An HTTPS stand: server certificate `server`, client certificates from `clientCa` required. */
  async function httpsStand(o: { server?: { cert: string; key: string }; clientCa?: string; host?: string; maxVersion?: 'TLSv1.2' | 'TLSv1.3' } = {}) {
    const seen: SeenRequest[] = [];
    const server = https.createServer(
      {
        cert: fs.readFileSync((o.server ?? pki.server).cert),
        key: fs.readFileSync((o.server ?? pki.server).key),
        ca: fs.readFileSync(o.clientCa ?? pki.caCert),
        requestCert: true,
        rejectUnauthorized: true,
        maxVersion: o.maxVersion,
      },
      recordingHandler(seen),
    );
    const tlsErrors: string[] = [];
    server.on('tlsClientError', (e: NodeJS.ErrnoException) => tlsErrors.push(e.code ?? e.message));
    const running = await listen(server, o.host);
    servers.push(running);
    return { seen, port: running.port, connections: running.connections, tlsErrors };
  }

  function ourStand(port: number, over: Partial<StandProfile> = {}): StandProfile {
    return {
      name: 'test-https',
      baseUrl: `https://localhost:${port}`,
      transport: 'direct',
      clientCertificateFile: pki.client.cert,
      clientKeyFile: pki.client.key,
      caFile: pki.caCert,
      ...over,
    };
  }

  it('a call succeeds: the server sees our client certificate; kept alive between calls', async () => {
    const s = await httpsStand();
    const t = createTransport(ourStand(s.port));
    try {
      assert.equal((await t.post(CALL)).body, ACK);
      assert.equal((await t.post(CALL)).status, 200);
      assert.equal(s.seen.length, 2);
      assert.equal(s.seen[0].clientCn, 'Test ECDSA client');
      assert.equal(s.seen[0].headers.host, `localhost:${s.port}`);
      assert.equal(s.seen[0].headers.soapaction, '"urn:exportNsiItem"');
      assert.equal(s.connections(), 1);
    } finally {
      t.close();
    }
  });

  it('an IP address as the host is checked against the certificate\'s IP entry', async () => {
    const s = await httpsStand();
    const t = createTransport(ourStand(s.port, { baseUrl: `https://127.0.0.1:${s.port}` }));
    try {
      assert.equal((await t.post(CALL)).status, 200);
    } finally {
      t.close();
    }
  });

  it('an encrypted client key opens with the password from the secrets, and only with it', async () => {
    const s = await httpsStand();
    const enc = ourStand(s.port, { clientKeyFile: pki.clientEncryptedKey });
    const good = createTransport(enc, { clientKeyPassword: pki.clientKeyPassword });
    try {
      assert.equal((await good.post(CALL)).status, 200);
    } finally {
      good.close();
    }
    for (const [secrets, why] of [
      [undefined, /encrypted and the password is missing/],
      [{ clientKeyPassword: 'not-the-password' }, /encrypted and the password is wrong/],
    ] as const) {
      const t = createTransport(enc, secrets);
      const e = await transportFailure(t.post(CALL));
      t.close();
      assert.equal(e.failure, 'config');
      assert.equal(e.mayHaveReached, false);
      assert.match(e.message, why);
      assert.ok(!e.message.includes(pki.clientKeyPassword), 'the password never appears in a message');
    }
    assert.equal(s.connections(), 1, 'a key that cannot be opened never connects');
  });

  it('a server certificate from another CA is refused: tls, did not reach', async () => {
    const s = await httpsStand({ server: pki.foreignServer });
    const t = createTransport(ourStand(s.port));
    const e = await transportFailure(t.post(CALL));
    t.close();
    assert.equal(e.failure, 'tls');
    assert.equal(e.mayHaveReached, false);
    assert.match(e.message, new RegExp(`TLS handshake with localhost:${s.port} failed: .*(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY).*not trusted by the stand's CA bundle`));
    assert.equal(s.seen.length, 0);
  });

  it('without caFile the test CA is not trusted either: verification is never off', async () => {
    const s = await httpsStand();
    const t = createTransport(ourStand(s.port, { caFile: undefined }));
    const e = await transportFailure(t.post(CALL));
    t.close();
    assert.equal(e.failure, 'tls');
    assert.equal(e.mayHaveReached, false);
    assert.equal(s.seen.length, 0);
  });

  it('a certificate for another host is refused', async () => {
    // Loopback answers on all of 127/8; the certificate names 127.0.0.1 and localhost only.
    const s = await httpsStand({ host: '127.0.0.2' });
    const t = createTransport(ourStand(s.port, { baseUrl: `https://127.0.0.2:${s.port}` }));
    const e = await transportFailure(t.post(CALL));
    t.close();
    assert.equal(e.failure, 'tls');
    assert.equal(e.mayHaveReached, false);
    assert.match(e.message, /ERR_TLS_CERT_ALTNAME_INVALID.*not for this host/);
    assert.equal(s.seen.length, 0);
  });

  it('a client certificate from another CA, TLS 1.2: the server drops the handshake — tls, did not reach', async () => {
    const s = await httpsStand({ maxVersion: 'TLSv1.2' });
    const t = createTransport(ourStand(s.port, { clientCertificateFile: pki.foreignClient.cert, clientKeyFile: pki.foreignClient.key }));
    const e = await transportFailure(t.post(CALL));
    t.close();
    assert.equal(e.failure, 'tls');
    assert.equal(e.mayHaveReached, false);
    assert.match(e.message, new RegExp(`TLS handshake with localhost:${s.port} failed`));
    assert.equal(s.seen.length, 0, 'the server application never saw the request');
  });

  it('a client certificate from another CA, TLS 1.3, Node server: refused silently after our request — reset (safe side), with a hint', async () => {
    // TLS 1.3: the client's handshake is over before the server looks at its certificate, and
    // Node's server then closes without an alert. Nothing tells the client the request was not
    // taken, so it must not claim so: 'reset', may have reached; the message says what else it may be.
    const s = await httpsStand({ maxVersion: 'TLSv1.3' });
    const t = createTransport(ourStand(s.port, { clientCertificateFile: pki.foreignClient.cert, clientKeyFile: pki.foreignClient.key }));
    const e = await transportFailure(t.post(CALL));
    t.close();
    assert.equal(e.failure, 'reset');
    assert.equal(e.mayHaveReached, true);
    assert.match(e.message, /on a new TLS 1\.3 connection this is also how a server that refuses the client certificate without an alert looks/);
    assert.equal(s.seen.length, 0);
    assert.ok(s.tlsErrors.length >= 1, 'the server did refuse the TLS client');
  });

  for (const version of ['-tls1_3', '-tls1_2']) {
    it(`a client certificate from another CA, OpenSSL server (${version}): unknown CA alert — tls, did not reach`, async () => {
      const s = await opensslServer(['-cert', pki.server.cert, '-key', pki.server.key, '-CAfile', pki.caCert, '-Verify', '1', '-verify_return_error', version]);
      try {
        const t = createTransport(ourStand(s.port, { clientCertificateFile: pki.foreignClient.cert, clientKeyFile: pki.foreignClient.key }));
        const e = await transportFailure(t.post(CALL));
        t.close();
        assert.equal(e.failure, 'tls');
        assert.equal(e.mayHaveReached, false);
        assert.match(e.message, /alert unknown ca.*the server refused this client/);
        assert.ok(!e.message.includes('\n'), 'one line');
      } finally {
        await s.stop();
      }
    });
  }

  it('no client certificate at all is refused: tls, did not reach', async () => {
    const s = await httpsStand();
    const t = createTransport(ourStand(s.port, { clientCertificateFile: undefined, clientKeyFile: undefined }));
    const e = await transportFailure(t.post(CALL));
    t.close();
    assert.equal(e.failure, 'tls');
    assert.equal(e.mayHaveReached, false);
    assert.equal(s.seen.length, 0);
  });

  it('a GOST client certificate in direct mode is a config failure that points to tunnel mode', async () => {
    const t = createTransport(ourStand(1, { clientCertificateFile: gost.client.cert, clientKeyFile: gost.client.key, caFile: gost.caCert }));
    const e = await transportFailure(t.post(CALL));
    t.close();
    assert.equal(e.failure, 'config');
    assert.equal(e.mayHaveReached, false);
    assert.match(e.message, /has a GOST key, and Node's TLS cannot do GOST: use tunnel mode/);
  });

  describe('through an HTTP proxy (CONNECT)', () => {
    let proxy: Running;
    const proxied: ProxySeen[] = [];
    before(async () => {
      proxy = await tinyProxy(proxied);
      servers.push(proxy);
    });

    it('opens a CONNECT tunnel and does TLS with the stand inside it, certificates checked end to end', async () => {
      const s = await httpsStand();
      proxied.length = 0;
      const t = createTransport(ourStand(s.port, { proxy: `http://127.0.0.1:${proxy.port}` }));
      try {
        assert.equal((await t.post(CALL)).body, ACK);
        assert.equal((await t.post(CALL)).status, 200);
        assert.deepEqual(proxied, [{ method: 'CONNECT', target: `localhost:${s.port}`, authorization: undefined }], 'one tunnel for both calls (kept alive)');
        assert.equal(s.seen[0].clientCn, 'Test ECDSA client');
      } finally {
        t.close();
      }
    });

    it('a foreign server certificate behind the proxy is still refused', async () => {
      const s = await httpsStand({ server: pki.foreignServer });
      const t = createTransport(ourStand(s.port, { proxy: `http://127.0.0.1:${proxy.port}` }));
      const e = await transportFailure(t.post(CALL));
      t.close();
      assert.equal(e.failure, 'tls');
      assert.equal(e.mayHaveReached, false);
      assert.match(e.message, /through the proxy 127\.0\.0\.1:\d+ failed/);
    });

    it('a proxy that refuses the tunnel is a connect failure naming the proxy and its answer', async () => {
      const refusing = await tinyProxy([], { refuseConnect: 403 });
      servers.push(refusing);
      const t = createTransport(ourStand(4443, { proxy: `http://127.0.0.1:${refusing.port}` }));
      const e = await transportFailure(t.post(CALL));
      t.close();
      assert.equal(e.failure, 'connect');
      assert.equal(e.mayHaveReached, false);
      assert.match(e.message, new RegExp(`the proxy 127\\.0\\.0\\.1:${refusing.port} refused to open a tunnel to localhost:4443: HTTP 403`));
    });
  });
});
