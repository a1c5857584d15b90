/** PEM armour (RFC 7468): the labelled base64 blocks of a key or certificate file. */

export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
  /** RFC 1421 headers such as Proc-Type / DEK-Info (OpenSSL's legacy encrypted keys). */
  readonly headers: Record<string, string>;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const headers: Record<string, string> = {};
    const lines = m[2].split(/\r?\n/);
    let i = 0;
    for (; i < lines.length; i++) {
      const h = /^([A-Za-z-]+):\s*(.*)$/.exec(lines[i]);
      if (!h) break;
      headers[h[1]] = h[2];
    }
    const b64 = lines.slice(i).join('').replace(/\s+/g, '');
    out.push({ label: m[1], der: new Uint8Array(Buffer.from(b64, 'base64')), headers });
  }
  return out;
}

/** PEM files are text starting with a BEGIN line, perhaps after comments (OpenSSL's "Bag Attributes"). */
export function looksLikePem(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 64 * 1024))).toString('latin1');
  return head.includes('-----BEGIN ');
}

export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}
