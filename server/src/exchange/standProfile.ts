/**
 * A stand: where requests go and how. Profiles live in settings (VS Code) or stands.json (CLI);
 * they never hold a secret: the client key's password lives in SecretStorage or the environment.
 */
export type TransportMode = 'direct' | 'tunnel';

/** How long to wait between getState polls: first delay, growing by `factor` up to `ceilingMs`. */
export interface PollPolicy {
  readonly firstDelayMs: number;
  readonly factor: number;
  readonly ceilingMs: number;
  /** Stop waiting (state abandoned) this long after the acknowledgement. */
  readonly giveUpAfterMs: number;
}

export interface StandTimeouts {
  /** TCP connect + TLS handshake. */
  readonly connectMs: number;
  /** From the request's last byte to the answer's last byte. */
  readonly responseMs: number;
}

export interface StandProfile {
  /** Key of the stand in the journal: `sit-01`, `sit-02`, `ppak`, `sandbox` or a custom name. */
  readonly name: string;
  /** What the user sees, e.g. «СИТ-01». */
  readonly title?: string;
  /** Scheme, host and port of the stand; each service's path comes from the catalog. */
  readonly baseUrl: string;
  readonly transport: TransportMode;
  /** Direct mode: PEM client certificate and key (the key's password is a secret, not here). */
  readonly clientCertificateFile?: string;
  readonly clientKeyFile?: string;
  /** Direct mode: PEM bundle of the stand's trust roots; certificate verification is always on. */
  readonly caFile?: string;
  /** Tunnel mode: the local tunnel's plain-HTTP address, e.g. `http://127.0.0.1:8080`. */
  readonly tunnelUrl?: string;
  /** `http://host:port` of an HTTP proxy (CONNECT for direct mode). */
  readonly proxy?: string;
  readonly timeouts?: Partial<StandTimeouts>;
  /** RequestHeader sender: the supplier's orgPPAGUID, or SenderID for information systems. */
  readonly orgPPAGUID?: string;
  readonly senderId?: string;
  /** Name of the signing profile (gisZhkh.signing.profiles / signing.json). */
  readonly signingProfile?: string;
  /** Format package version the stand speaks (`16.3.0.0`, `bundled`); empty: the default one. */
  readonly formatVersion?: string;
  readonly poll?: Partial<PollPolicy>;
}

export const DEFAULT_TIMEOUTS: StandTimeouts = { connectMs: 15_000, responseMs: 120_000 };

/** GIS answers in a minute to hours (GIS-FACTS §2.4): seconds at first, then minutes. */
export const DEFAULT_POLL: PollPolicy = { firstDelayMs: 5_000, factor: 2, ceilingMs: 10 * 60_000, giveUpAfterMs: 72 * 3600_000 };

/**
 * The stands every user has. Hosts of the test stands are the ones public clients use
 * (GIS-FACTS §4, unverified); GOST TLS means they are reached through a local tunnel.
 */
export const BUILTIN_STANDS: readonly StandProfile[] = [
  { name: 'sit-01', title: 'СИТ-01', baseUrl: 'https://sit01.dom.test.gosuslugi.ru:10081', transport: 'tunnel', tunnelUrl: 'http://127.0.0.1:8081' },
  { name: 'sit-02', title: 'СИТ-02', baseUrl: 'https://sit02.dom.test.gosuslugi.ru:10081', transport: 'tunnel', tunnelUrl: 'http://127.0.0.1:8082' },
  { name: 'ppak', title: 'ППАК (промышленный)', baseUrl: 'https://api.dom.gosuslugi.ru', transport: 'tunnel', tunnelUrl: 'http://127.0.0.1:8080' },
  {
    name: 'sandbox',
    title: 'Песочница',
    baseUrl: 'http://127.0.0.1:8089',
    transport: 'direct',
    poll: { firstDelayMs: 300, factor: 1.5, ceilingMs: 2_000, giveUpAfterMs: 10 * 60_000 },
  },
];

export function pollPolicy(p: StandProfile): PollPolicy {
  return { ...DEFAULT_POLL, ...p.poll };
}

export function timeouts(p: StandProfile): StandTimeouts {
  return { ...DEFAULT_TIMEOUTS, ...p.timeouts };
}
