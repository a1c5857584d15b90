import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import type { StandProfile } from '../../server/src/exchange/standProfile';
import { createTransport } from '../../server/src/exchange/transport/createTransport';
import type { SeenRequest } from './loopback';
import { ACK, CALL, closedPort, listen, soapServer, tinyProxy, transportFailure } from './loopback';

/**
 * The transport against real servers on 127.0.0.1: what it writes, and how each way a call can
 * fail is classified — above all whether the request may have reached the stand.
 */

function stand(over: Partial<StandProfile> & Pick<StandProfile, 'baseUrl'>): StandProfile {
  return { name: 'test', transport: 'direct', ...over };
}

describe('transport: plain HTTP on loopback', () => {
  it('posts the envelope with text/xml, a quoted SOAPAction and the path, and returns the answer', async () => {
    const seen: SeenRequest[] = [];
    const srv = await soapServer(seen);
    const t = createTransport(stand({ baseUrl: `http://127.0.0.1:${srv.port}` }));
    try {
      const reply = await t.post(CALL);
      assert.equal(reply.status, 200);
      assert.equal(reply.body, ACK);
      assert.equal(reply.contentType, 'text/xml; charset=utf-8');
      assert.equal(seen.length, 1);
      const r = seen[0];
      assert.equal(r.method, 'POST');
      assert.equal(r.url, CALL.path);
      assert.equal(r.headers['content-type'], 'text/xml; charset=utf-8');
      assert.equal(r.headers.soapaction, '"urn:exportNsiItem"');
      assert.equal(r.headers.host, `127.0.0.1:${srv.port}`);
      assert.equal(r.body, CALL.envelope, 'the UTF-8 body (Cyrillic included) arrives byte for byte');
    } finally {
      t.close();
      await srv.close();
    }
  });

  it('keeps the connection alive between calls, and does not quote an already quoted SOAPAction', async () => {
    const seen: SeenRequest[] = [];
    const srv = await soapServer(seen);
    const t = createTransport(stand({ baseUrl: `http://127.0.0.1:${srv.port}` }));
    try {
      await t.post(CALL);
      await t.post({ ...CALL, soapAction: '"urn:getState"' });
      await t.post(CALL);
      assert.equal(seen.length, 3);
      assert.equal(seen[1].headers.soapaction, '"urn:getState"');
      assert.equal(srv.connections(), 1, 'three calls over one kept-alive connection');
    } finally {
      t.close();
      await srv.close();
    }
  });

  it('resolves with an HTTP 500 answer (a SOAP Fault is an answer, not a transport failure)', async () => {
    const fault = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>ошибка</faultstring></soap:Fault></soap:Body></soap:Envelope>';
    const srv = await soapServer([], (_q, res) => {
      res.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(fault);
    });
    const t = createTransport(stand({ baseUrl: `http://127.0.0.1:${srv.port}` }));
    try {
      const reply = await t.post(CALL);
      assert.equal(reply.status, 500);
      assert.equal(reply.body, fault);
    } finally {
      t.close();
      await srv.close();
    }
  });

  it('a refused port is a connect failure that surely did not reach the stand', async () => {
    const port = await closedPort();
    const t = createTransport(stand({ baseUrl: `http://127.0.0.1:${port}` }));
    const e = await transportFailure(t.post(CALL));
    t.close();
    assert.equal(e.failure, 'connect');
    assert.equal(e.mayHaveReached, false);
    assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}.*connection refused.*ECONNREFUSED`));
  });

  it('an unknown host name is a connect failure (DNS)', async () => {
    const t = createTransport(stand({ baseUrl: 'http://no-such-stand.invalid:8080' }));
    const e = await transportFailure(t.post(CALL));
    t.close();
    assert.equal(e.failure, 'connect');
    assert.equal(e.mayHaveReached, false);
    assert.match(e.message, /no-such-stand\.invalid:8080.*(ENOTFOUND|EAI_AGAIN|EAI_FAIL)/);
  });

  it('a server that reads the body and resets the connection: reset, may have reached', async () => {
    const srv = await soapServer([], (req) => req.socket.resetAndDestroy());
    const t = createTransport(stand({ baseUrl: `http://127.0.0.1:${srv.port}` }));
    try {
      const e = await transportFailure(t.post(CALL));
      assert.equal(e.failure, 'reset');
      assert.equal(e.mayHaveReached, true);
      assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${srv.port}.*after the request was sent.*ECONNRESET`));
    } finally {
      t.close();
      await srv.close();
    }
  });

  it('a server that closes without answering (socket hang up): reset, may have reached', async () => {
    const srv = await soapServer([], (req) => req.socket.destroy());
    const t = createTransport(stand({ baseUrl: `http://127.0.0.1:${srv.port}` }));
    try {
      const e = await transportFailure(t.post(CALL));
      assert.equal(e.failure, 'reset');
      assert.equal(e.mayHaveReached, true);
    } finally {
      t.close();
      await srv.close();
    }
  });

  it('an answer cut off in the middle of its body: reset, may have reached', async () => {
    const srv = await soapServer([], (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': String(ACK.length * 2) });
      res.write(ACK);
      setTimeout(() => res.socket?.destroy(), 50);
    });
    const t = createTransport(stand({ baseUrl: `http://127.0.0.1:${srv.port}` }));
    try {
      const e = await transportFailure(t.post(CALL));
      assert.equal(e.failure, 'reset');
      assert.equal(e.mayHaveReached, true);
    } finally {
      t.close();
      await srv.close();
    }
  });

  it('a server that never answers: timeout after the request was sent, may have reached', async () => {
    const seen: SeenRequest[] = [];
    const srv = await soapServer(seen, () => undefined);
    const t = createTransport(stand({ baseUrl: `http://127.0.0.1:${srv.port}`, timeouts: { responseMs: 400 } }));
    try {
      const started = Date.now();
      const e = await transportFailure(t.post(CALL));
      assert.equal(e.failure, 'timeout');
      assert.equal(e.mayHaveReached, true);
      assert.match(e.message, /no complete answer from 127\.0\.0\.1:\d+ within 400 ms after the request was sent/);
      assert.ok(Date.now() - started >= 380);
      assert.equal(seen.length, 1, 'the server did get the whole request');
    } finally {
      t.close();
      await srv.close();
    }
  });

  it('an HTTPS stand that accepts TCP but never shakes hands: timeout before connecting, did not reach', async () => {
    // The connect timer covers TCP + TLS: a silent peer keeps the handshake from finishing.
    const silent = await listen(net.createServer(() => undefined));
    const t = createTransport(stand({ baseUrl: `https://127.0.0.1:${silent.port}`, timeouts: { connectMs: 400 } }));
    try {
      const e = await transportFailure(t.post(CALL));
      assert.equal(e.failure, 'timeout');
      assert.equal(e.mayHaveReached, false);
      assert.match(e.message, /no TLS handshake with 127\.0\.0\.1:\d+ within 400 ms/);
    } finally {
      t.close();
      await silent.close();
    }
  });

  it('an HTTPS stand that drops the connection during the handshake: tls, did not reach', async () => {
    const dropper = await listen(net.createServer((s) => s.once('data', () => s.destroy())));
    const t = createTransport(stand({ baseUrl: `https://127.0.0.1:${dropper.port}` }));
    try {
      const e = await transportFailure(t.post(CALL));
      assert.equal(e.failure, 'tls');
      assert.equal(e.mayHaveReached, false);
    } finally {
      t.close();
      await dropper.close();
    }
  });

  it('cancellation: before the connection did not reach; after sending may have reached', async () => {
    const srv = await soapServer([], () => undefined);
    const t = createTransport(stand({ baseUrl: `http://127.0.0.1:${srv.port}` }));
    try {
      const before = await transportFailure(t.post(CALL, AbortSignal.abort()));
      assert.equal(before.mayHaveReached, false);
      assert.equal(before.failure, 'connect');
      const ac = new AbortController();
      const p = t.post(CALL, ac.signal);
      setTimeout(() => ac.abort(), 200);
      const after = await transportFailure(p);
      assert.equal(after.mayHaveReached, true);
      assert.equal(after.failure, 'reset');
      assert.match(after.message, /cancelled after the request was sent/);
    } finally {
      t.close();
      await srv.close();
    }
  });

  it('bad profiles are config failures before any connection', async () => {
    const cases: [StandProfile, RegExp][] = [
      [stand({ baseUrl: 'not a url' }), /baseUrl of stand "test" is not a URL/],
      [stand({ baseUrl: 'ftp://example.org' }), /must start with http:\/\/ or https:\/\//],
      [stand({ baseUrl: 'https://example.org', transport: 'tunnel' }), /tunnel mode but has no tunnelUrl/],
      [stand({ baseUrl: 'https://example.org', transport: 'tunnel', tunnelUrl: 'https://127.0.0.1:1' }), /tunnelUrl .* must start with http:\/\//],
      [stand({ baseUrl: 'https://127.0.0.1:1', clientCertificateFile: '/nonexistent/client.pem', clientKeyFile: '/nonexistent/client.key' }), /cannot read the client certificate \/nonexistent\/client\.pem .*no such file/],
      [stand({ baseUrl: 'https://127.0.0.1:1', caFile: '/nonexistent/ca.pem' }), /cannot read the CA bundle \(caFile\) \/nonexistent\/ca\.pem/],
    ];
    for (const [s, message] of cases) {
      const t = createTransport(s);
      const e = await transportFailure(t.post(CALL));
      t.close();
      assert.equal(e.failure, 'config', s.baseUrl);
      assert.equal(e.mayHaveReached, false);
      assert.match(e.message, message);
    }
  });
});

describe('transport: tunnel mode (plain HTTP to the local tunnel, the stand in the Host header)', () => {
  it('sends to the tunnel with the Host of the stand, port included when the baseUrl names one', async () => {
    const seen: SeenRequest[] = [];
    const tunnel = await soapServer(seen);
    try {
      for (const [baseUrl, host] of [
        ['https://sit01.dom.test.gosuslugi.ru:10081', 'sit01.dom.test.gosuslugi.ru:10081'],
        ['https://api.dom.gosuslugi.ru', 'api.dom.gosuslugi.ru'],
      ]) {
        const t = createTransport({ name: 'sit-01', baseUrl, transport: 'tunnel', tunnelUrl: `http://127.0.0.1:${tunnel.port}` });
        const reply = await t.post(CALL);
        t.close();
        assert.equal(reply.body, ACK);
        const r = seen.at(-1)!;
        assert.equal(r.headers.host, host);
        assert.equal(r.url, CALL.path, 'origin-form path, as the stand expects it');
        assert.equal(r.headers.soapaction, '"urn:exportNsiItem"');
      }
    } finally {
      await tunnel.close();
    }
  });

  it('a tunnel that is not running is a connect failure that says so', async () => {
    const port = await closedPort();
    const t = createTransport({ name: 'sit-01', baseUrl: 'https://sit01.dom.test.gosuslugi.ru:10081', transport: 'tunnel', tunnelUrl: `http://127.0.0.1:${port}` });
    const e = await transportFailure(t.post(CALL));
    t.close();
    assert.equal(e.failure, 'connect');
    assert.equal(e.mayHaveReached, false);
    assert.match(e.message, new RegExp(`sit01\\.dom\\.test\\.gosuslugi\\.ru:10081 through the local tunnel 127\\.0\\.0\\.1:${port}.*refused.*is the tunnel, e\\.g\\. stunnel, running`));
  });
});

describe('transport: HTTP proxy (plain HTTP stand: absolute-form request target)', () => {
  it('asks the proxy for the absolute URI with proxy credentials, and the answer comes back', async () => {
    const seen: SeenRequest[] = [];
    const proxied: { method: string; target: string; authorization?: string }[] = [];
    const srv = await soapServer(seen);
    const proxy = await tinyProxy(proxied);
    const t = createTransport(stand({ baseUrl: `http://127.0.0.1:${srv.port}`, proxy: `http://user:p%40ss@127.0.0.1:${proxy.port}` }));
    try {
      const reply = await t.post(CALL);
      assert.equal(reply.body, ACK);
      assert.deepEqual(proxied, [
        { method: 'POST', target: `http://127.0.0.1:${srv.port}${CALL.path}`, authorization: `Basic ${Buffer.from('user:p@ss').toString('base64')}` },
      ]);
      assert.equal(seen.length, 1);
      assert.equal(seen[0].headers.host, `127.0.0.1:${srv.port}`);
      assert.equal(seen[0].headers['proxy-authorization'], undefined, 'the proxy credentials stop at the proxy');
    } finally {
      t.close();
      await proxy.close();
      await srv.close();
    }
  });
});
