import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StunnelClientOptions } from './stunnelConfig';
import { stunnelClientConfig } from './stunnelConfig';
import { gostEngineFile, startStunnel, withOwnFolder } from './stunnelProcess';

/**
 * A client-mode stunnel for a stand, run from this process (tests, a `tunnel` command): the
 * configuration from stunnelClientConfig in a private temporary folder, stunnel in the foreground.
 */
export interface ClientTunnel {
  /** Local plain-HTTP port (the stand's tunnelUrl points here). */
  readonly port: number;
  readonly configText: string;
  log(): string;
  waitForLog(pattern: RegExp, timeoutMs?: number, since?: number): Promise<string>;
  stop(): Promise<void>;
}

export async function startClientTunnel(o: Omit<StunnelClientOptions, 'foreground' | 'pidFile' | 'logFile'>): Promise<ClientTunnel> {
  if (o.gostEngine) gostEngineFile(); // a clear "install libengine-gost-openssl" before stunnel's own error
  const configText = stunnelClientConfig({ ...o, foreground: true, pidFile: '', debug: o.debug ?? 'info' });
  const port = Number(/^accept = .*:(\d+)$/m.exec(configText)![1]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-tunnel-'));
  try {
    return { port, configText, ...withOwnFolder(await startStunnel({ config: configText, dir }), dir) };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
