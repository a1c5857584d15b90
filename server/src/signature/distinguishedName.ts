/**
 * Whether two textual distinguished names denote the same name. XAdES X509IssuerName is text, and
 * signers write it differently: RFC 4514 (xmlsec1, Java, ours), .NET's "E=…, OID.1.2.643.100.1=…"
 * with spaces, OpenSSL's short names (INN, OGRN). Compared as multisets of (type OID, value) with
 * case and spacing folded, the X.500 caseIgnoreMatch most name attributes use.
 */

const TYPE_OIDS: Readonly<Record<string, string>> = {
  CN: '2.5.4.3',
  SN: '2.5.4.4',
  SURNAME: '2.5.4.4',
  SERIALNUMBER: '2.5.4.5',
  C: '2.5.4.6',
  L: '2.5.4.7',
  S: '2.5.4.8',
  ST: '2.5.4.8',
  STREET: '2.5.4.9',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  T: '2.5.4.12',
  TITLE: '2.5.4.12',
  G: '2.5.4.42',
  GN: '2.5.4.42',
  GIVENNAME: '2.5.4.42',
  DC: '0.9.2342.19200300.100.1.25',
  UID: '0.9.2342.19200300.100.1.1',
  E: '1.2.840.113549.1.9.1',
  EMAIL: '1.2.840.113549.1.9.1',
  EMAILADDRESS: '1.2.840.113549.1.9.1',
  INN: '1.2.643.3.131.1.1',
  ИНН: '1.2.643.3.131.1.1',
  INNLE: '1.2.643.100.4',
  ИННЮЛ: '1.2.643.100.4',
  OGRN: '1.2.643.100.1',
  ОГРН: '1.2.643.100.1',
  OGRNIP: '1.2.643.100.5',
  ОГРНИП: '1.2.643.100.5',
  SNILS: '1.2.643.100.3',
  СНИЛС: '1.2.643.100.3',
};

const STRING_TAGS = new Set([0x0c, 0x12, 0x13, 0x14, 0x16, 0x1e]);

/** '#hex' is the value's DER: decode the string types, keep anything else as hex. */
function hexValue(hex: string): string {
  const b = Buffer.from(hex, 'hex');
  if (b.length < 2 || !STRING_TAGS.has(b[0])) return `#${hex.toLowerCase()}`;
  let p = 1;
  let len = b[p++];
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[p++];
  }
  const c = b.subarray(p, p + len);
  if (b[0] === 0x1e) return Buffer.from(c).swap16().toString('utf16le');
  if (b[0] === 0x14) return c.toString('latin1');
  return c.toString('utf8');
}

function unescape(v: string): string {
  let s = v.trim();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && i + 1 < s.length) {
      const hex = s.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(s[++i], 'utf8'));
      }
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Splits at unescaped, unquoted separators. */
function split(s: string, seps: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && i + 1 < s.length) {
      cur += ch + s[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (!quoted && seps.includes(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The name as sorted "oid=value" atoms. */
export function nameAtoms(dn: string): string[] {
  const atoms: string[] = [];
  for (const part of split(dn, ',;+')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) return [`!${dn}`];
    let type = part.slice(0, eq).trim().replace(/^OID\./i, '');
    type = TYPE_OIDS[type.toUpperCase()] ?? type;
    const raw = part.slice(eq + 1).trim();
    const value = raw.startsWith('#') ? hexValue(raw.slice(1)) : unescape(raw);
    atoms.push(`${type}=${value.replace(/\s+/g, ' ').trim().toLowerCase()}`);
  }
  return atoms.sort();
}

export function sameName(a: string, b: string): boolean {
  const x = nameAtoms(a);
  const y = nameAtoms(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
