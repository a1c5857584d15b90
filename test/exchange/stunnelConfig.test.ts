import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StandProfile } from '../../server/src/exchange/standProfile';
import { BUILTIN_STANDS } from '../../server/src/exchange/standProfile';
import { GOST_CIPHERS, stunnelClientConfig } from '../../server/src/exchange/transport/stunnelConfig';
import { StunnelError, startStunnel, stunnelBinary } from '../../server/src/exchange/transport/stunnelProcess';
import { startGostTlsFront } from '../../server/src/sandbox/gostTlsFront';

/**
 * The client-mode stunnel configuration users run for tunnel mode (gostTunnel.test.ts runs it for
 * real against a GOST front), and the clear errors when stunnel cannot run.
 */
describe('stunnel client configuration for a stand', () => {
  const sit01 = BUILTIN_STANDS.find((s) => s.name === 'sit-01')!;
  const files = { clientCertificateFile: '/etc/gis/client.pem', clientKeyFile: '/etc/gis/client.key', caFile: '/etc/gis/CA-SIT.pem' };

  it('SIT-01 with the gost engine: local port from tunnelUrl, host checked, GOST TLS 1.2 suites only', () => {
    const text = stunnelClientConfig({ stand: { ...sit01, ...files }, gostEngine: true });
    const lines = text.split('\n');
    for (const l of [
      'foreground = yes',
      'pid =',
      'debug = info',
      'engine = gost',
      'engineDefault = ALL',
      '[sit-01]',
      'client = yes',
      'accept = 127.0.0.1:8081',
      'connect = sit01.dom.test.gosuslugi.ru:10081',
      'delay = yes',
      'sni = sit01.dom.test.gosuslugi.ru',
      'cert = /etc/gis/client.pem',
      'key = /etc/gis/client.key',
      'CAfile = /etc/gis/CA-SIT.pem',
      'verifyChain = yes',
      'checkHost = sit01.dom.test.gosuslugi.ru',
      'sslVersionMin = TLSv1.2',
      'sslVersionMax = TLSv1.2',
      `ciphers = ${GOST_CIPHERS}`,
    ]) {
      assert.ok(lines.includes(l), `missing line "${l}" in:\n${text}`);
    }
    assert.ok(lines.indexOf('engine = gost') < lines.indexOf('[sit-01]'), 'the engine is a global option');
    assert.match(lines[0], /^; Туннель TLS к стенду «СИТ-01»/);
  });

  it('an IP address is checked with checkIP and gets no SNI; without the engine no GOST lines', () => {
    const stand: StandProfile = { name: 'lab stand', baseUrl: 'https://10.0.0.5:8443', transport: 'tunnel', ...files };
    const text = stunnelClientConfig({ stand, gostEngine: false, localPort: 9000 });
    assert.match(text, /^\[lab_stand\]$/m);
    assert.match(text, /^accept = 127\.0\.0\.1:9000$/m);
    assert.match(text, /^checkIP = 10\.0\.0\.5$/m);
    assert.doesNotMatch(text, /^sni =|^checkHost|^engine|^ciphers|^sslVersion/m);
  });

  it('a proxy becomes stunnel\'s own CONNECT, and its password stays out of the file', () => {
    const text = stunnelClientConfig({ stand: { ...sit01, ...files, proxy: 'http://ivanov:секрет@proxy.tver.local:3128' }, gostEngine: true });
    assert.match(text, /^connect = proxy\.tver\.local:3128\nprotocol = connect\nprotocolHost = sit01\.dom\.test\.gosuslugi\.ru:10081$/m);
    assert.doesNotMatch(text, /секрет|%D1%81|ivanov/);
    assert.match(text, /protocolUsername \/ protocolPassword/);
  });

  it('as a service: background, stunnel\'s own pid file, a log file', () => {
    const text = stunnelClientConfig({ stand: { ...sit01, ...files }, gostEngine: true, foreground: false, logFile: '/var/log/gis-tunnel.log', debug: 'notice' });
    assert.match(text, /^foreground = no$/m);
    assert.doesNotMatch(text, /^pid/m);
    assert.match(text, /^output = \/var\/log\/gis-tunnel\.log$/m);
    assert.match(text, /^debug = notice$/m);
  });

  it('refuses what would weaken or break the tunnel', () => {
    assert.throws(() => stunnelClientConfig({ stand: { ...sit01, clientCertificateFile: '/c.pem' }, gostEngine: true }), /CA bundle of the stand \(caFile\) is required/);
    assert.throws(() => stunnelClientConfig({ stand: { ...sit01, ...files, baseUrl: 'http://127.0.0.1:8089' }, gostEngine: true }), /needs an https:\/\/ baseUrl/);
    assert.throws(() => stunnelClientConfig({ stand: { ...sit01, ...files, caFile: '/ca.pem\nverifyChain = no' }, gostEngine: true }), /cannot contain a line break/);
    assert.throws(() => stunnelClientConfig({ stand: { ...sit01, ...files, tunnelUrl: undefined }, gostEngine: true }), /no local port/);
  });
});

describe('stunnel processes: clear errors', () => {
  it('stunnel is installed here (CI installs stunnel4)', () => {
    assert.equal(stunnelBinary(), process.env.STUNNEL || 'stunnel');
  });

  it('a missing stunnel says what to install', async () => {
    const saved = process.env.STUNNEL;
    process.env.STUNNEL = '/nonexistent/stunnel';
    try {
      assert.throws(() => stunnelBinary(), (e: Error) => e instanceof StunnelError && /stunnel is not available .*apt-get install stunnel4/.test(e.message));
      await assert.rejects(
        startGostTlsFront({ targetPort: 1, certFile: __filename, keyFile: __filename, caFile: __filename, requireClientCert: true }),
        /apt-get install stunnel4/,
      );
    } finally {
      if (saved === undefined) delete process.env.STUNNEL;
      else process.env.STUNNEL = saved;
    }
  });

  it('a configuration stunnel refuses is reported with stunnel\'s own reason', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-stunnel-bad-'));
    try {
      const config = ['foreground = yes', 'pid =', 'debug = info', '[bad]', 'client = yes', 'accept = 127.0.0.1:0', 'connect = 127.0.0.1:1', 'CAfile = /nonexistent/ca.pem', 'verifyChain = yes', ''].join('\n');
      await assert.rejects(startStunnel({ config, dir }), (e: Error) => e instanceof StunnelError && /stunnel did not start: .*No trusted certificates found.*Configuration failed/.test(e.message));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a GOST front without its certificate file says which file', async () => {
    await assert.rejects(
      startGostTlsFront({ targetPort: 1, certFile: '/nonexistent/server.pem', keyFile: __filename, requireClientCert: false }),
      /the certificate file \/nonexistent\/server\.pem does not exist/,
    );
  });
});
