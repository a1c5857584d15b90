/**
 * Hostile inputs for the language server, generated from a seed so a failure can be replayed:
 * truncations and mutations of real GIS documents, random bytes, deep nesting, huge documents,
 * entity bombs, references to files and URLs the server must never read, and wrong encodings.
 */
export interface HostileInput {
  name: string;
  text: string;
}

export interface Canaries {
  /** A file that exists; nothing may ever open it. */
  file: string;
  /** A URL served on loopback; nothing may ever request it. */
  url: string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIS_ROOT_OPEN =
  '<hm:importAccountRequest xmlns:hm="http://dom.gosuslugi.ru/schema/integration/house-management/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/" base:version="10.0.1.1">';
const GIS_ROOT_CLOSE = '</hm:importAccountRequest>';

export function* hostileInputs(seeds: string[], canaries: Canaries, seed = 20261123): Generator<HostileInput> {
  const rnd = mulberry32(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(a: T[]): T => a[int(a.length)];

  // 1. Fixed hostile shapes, built only when their turn comes (some are tens of megabytes).
  const fixed: (() => HostileInput)[] = [];
  for (const depth of [300, 10_000, 100_000]) {
    fixed.push(() => ({ name: `nesting-${depth}`, text: GIS_ROOT_OPEN + '<hm:Account>'.repeat(depth) + '</hm:Account>'.repeat(depth) + GIS_ROOT_CLOSE }));
    fixed.push(() => ({ name: `nesting-unclosed-${depth}`, text: GIS_ROOT_OPEN + '<hm:Account>'.repeat(depth) }));
  }
  fixed.push(() => ({ name: 'billion-laughs', text: billionLaughs() + GIS_ROOT_OPEN + '&lol9;' + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'billion-laughs-attr', text: billionLaughs() + GIS_ROOT_OPEN.replace('>', ' x="&lol9;">') + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'quadratic-blowup', text: `<!DOCTYPE r [<!ENTITY a "${'x'.repeat(50_000)}">]>${GIS_ROOT_OPEN}${'&a;'.repeat(50_000)}${GIS_ROOT_CLOSE}` }));
  fixed.push(() => ({ name: 'entity-loop', text: `<!DOCTYPE r [<!ENTITY a "&b;"><!ENTITY b "&a;">]>${GIS_ROOT_OPEN}&a;${GIS_ROOT_CLOSE}` }));
  for (const ref of [canaries.file, `file://${canaries.file}`, canaries.url]) {
    fixed.push(() => ({ name: `xxe-system-${ref}`, text: `<!DOCTYPE r [<!ENTITY x SYSTEM "${ref}">]>${GIS_ROOT_OPEN}&x;${GIS_ROOT_CLOSE}` }));
    fixed.push(() => ({ name: `xxe-attr-${ref}`, text: `<!DOCTYPE r [<!ENTITY x SYSTEM "${ref}">]>${GIS_ROOT_OPEN.replace('>', ' y="&x;">')}${GIS_ROOT_CLOSE}` }));
    fixed.push(() => ({ name: `xxe-param-${ref}`, text: `<!DOCTYPE r [<!ENTITY % p SYSTEM "${ref}"> %p;]>${GIS_ROOT_OPEN}${GIS_ROOT_CLOSE}` }));
    fixed.push(() => ({ name: `dtd-external-${ref}`, text: `<!DOCTYPE hm:importAccountRequest SYSTEM "${ref}">${GIS_ROOT_OPEN}${GIS_ROOT_CLOSE}` }));
    fixed.push(() => ({ name: `dtd-public-${ref}`, text: `<!DOCTYPE r PUBLIC "-//X//DTD X//EN" "${ref}">${GIS_ROOT_OPEN}${GIS_ROOT_CLOSE}` }));
    fixed.push(() => ({
      name: `schema-location-${ref}`,
      text: GIS_ROOT_OPEN.replace(
        '>',
        ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://dom.gosuslugi.ru/schema/integration/house-management/ ${ref}" xsi:noNamespaceSchemaLocation="${ref}">`,
      ) + GIS_ROOT_CLOSE,
    }));
    fixed.push(() => ({ name: `xinclude-${ref}`, text: GIS_ROOT_OPEN + `<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="${ref}" parse="text"/>` + GIS_ROOT_CLOSE }));
    fixed.push(() => ({ name: `xml-stylesheet-${ref}`, text: `<?xml-stylesheet type="text/xsl" href="${ref}"?>${GIS_ROOT_OPEN}${GIS_ROOT_CLOSE}` }));
  }
  fixed.push(() => ({ name: 'wrong-encoding-utf16', text: '<?xml version="1.0" encoding="UTF-16"?>' + GIS_ROOT_OPEN + 'Иванов' + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'wrong-encoding-1251', text: '<?xml version="1.0" encoding="windows-1251"?>' + GIS_ROOT_OPEN + 'Иванов' + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'wrong-encoding-ebcdic', text: '<?xml version="1.0" encoding="EBCDIC-US"?>' + GIS_ROOT_OPEN + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'unknown-encoding', text: '<?xml version="1.0" encoding="x-no-such-charset"?>' + GIS_ROOT_OPEN + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'mojibake-1251-as-latin1', text: Buffer.from(GIS_ROOT_OPEN + 'Иванов Иван' + GIS_ROOT_CLOSE, 'utf8').toString('latin1') }));
  fixed.push(() => ({ name: 'lone-surrogates', text: GIS_ROOT_OPEN + '\ud800x\udfff' + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'nul-and-controls', text: GIS_ROOT_OPEN + '\u0000\u0001\u0002\u001b' + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'long-line-5mb', text: GIS_ROOT_OPEN + '<hm:Account>' + 'я'.repeat(5_000_000) + '</hm:Account>' + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'long-name', text: GIS_ROOT_OPEN + `<hm:${'A'.repeat(100_000)}/>` + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'many-attributes', text: GIS_ROOT_OPEN.replace('>', Array.from({ length: 50_000 }, (_, i) => ` a${i}="${i}"`).join('') + '>') + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'huge-attribute', text: GIS_ROOT_OPEN.replace('>', ` a="${'x'.repeat(3_000_000)}">`) + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'text-node-12mb', text: GIS_ROOT_OPEN + 'x'.repeat(12_000_000) + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'empty', text: '' }));
  fixed.push(() => ({ name: 'whitespace', text: ' \n\t\r\n ' }));
  fixed.push(() => ({ name: 'bom-only', text: '\ufeff' }));
  fixed.push(() => ({ name: 'double-bom', text: '\ufeff\ufeff' + GIS_ROOT_OPEN + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'two-roots', text: GIS_ROOT_OPEN + GIS_ROOT_CLOSE + GIS_ROOT_OPEN + GIS_ROOT_CLOSE }));
  fixed.push(() => ({ name: 'soap-empty-body', text: '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>' }));
  fixed.push(() => ({ name: 'soap-two-bodies', text: `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${GIS_ROOT_OPEN}${GIS_ROOT_CLOSE}</s:Body><s:Body/></s:Envelope>` }));
  fixed.push(() => ({ name: 'soap-1.2', text: `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>${GIS_ROOT_OPEN}${GIS_ROOT_CLOSE}</s:Body></s:Envelope>` }));
  fixed.push(() => ({ name: 'cdata-unterminated', text: GIS_ROOT_OPEN + '<![CDATA[' + 'x'.repeat(1000) }));
  fixed.push(() => ({ name: 'comment-unterminated', text: GIS_ROOT_OPEN + '<!--' + 'x'.repeat(1000) }));
  fixed.push(() => ({ name: 'pi-garbage', text: '<?xml version="9.9" standalone="maybe"?><?php system("id"); ?>' + GIS_ROOT_OPEN + GIS_ROOT_CLOSE }));

  // 2. A 50 MB request built from a real document's records.
  const base = seeds.find((s) => s.length > 20_000 && !/Envelope/.test(s.slice(0, 300))) ?? seeds[0];
  fixed.push(() => ({ name: '50mb', text: grow(base, 50 * 1024 * 1024) }));
  for (const make of fixed) yield make();

  // 3. Generated variations of the seed documents until 2 000 inputs in all.
  for (let i = fixed.length; i < 2000; i++) {
    const src = pick(seeds);
    const kind = int(8);
    switch (kind) {
      case 0:
        yield { name: `truncate-${i}`, text: src.slice(0, int(src.length)) };
        break;
      case 1:
        yield { name: `random-bytes-${i}`, text: randomBytes(rnd, 1 + int(4096)) };
        break;
      case 2:
        yield { name: `byte-flips-${i}`, text: flip(src, rnd, 1 + int(20)) };
        break;
      case 3:
        yield { name: `splice-${i}`, text: splice(src, rnd) };
        break;
      case 4:
        yield { name: `inject-${i}`, text: inject(src, rnd) };
        break;
      case 5:
        yield { name: `line-ends-${i}`, text: (rnd() < 0.5 ? '\ufeff' : '') + src.replace(/\n/g, pick(['\r', '\r\n', '\n\r', '\u2028', '\u0085'])) };
        break;
      case 6:
        yield { name: `tag-soup-${i}`, text: tagSoup(rnd, 1 + int(400)) };
        break;
      default:
        yield { name: `prefix-junk-${i}`, text: randomBytes(rnd, int(64)) + src };
    }
  }
}

function billionLaughs(): string {
  let decl = '<!DOCTYPE r [<!ENTITY lol0 "lol">';
  for (let i = 1; i <= 9; i++) decl += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  return decl + ']>';
}

function randomBytes(rnd: () => number, n: number): string {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rnd() * 256);
  return rnd() < 0.5 ? b.toString('latin1') : b.toString('utf8');
}

function flip(src: string, rnd: () => number, n: number): string {
  const chars = src.split('');
  for (let k = 0; k < n && chars.length > 0; k++) {
    const i = Math.floor(rnd() * chars.length);
    chars[i] = String.fromCharCode(Math.floor(rnd() * 0x500));
  }
  return chars.join('');
}

function splice(src: string, rnd: () => number): string {
  const a = Math.floor(rnd() * src.length);
  const b = Math.floor(rnd() * src.length);
  const [s, e] = a < b ? [a, b] : [b, a];
  return rnd() < 0.5 ? src.slice(0, s) + src.slice(e) : src.slice(0, e) + src.slice(s, e) + src.slice(e);
}

const INJECTIONS = ['<', '>', '&', '&amp', '&#0;', '&#xD800;', '"', "'", ']]>', '<!--', '-->', '</', '<?', '?>', '<![CDATA[', 'xmlns:hm=""', ' base:version=', '\u0000', '<!DOCTYPE x>', '<a:b:c/>', '<1/>'];

function inject(src: string, rnd: () => number): string {
  let out = src;
  const n = 1 + Math.floor(rnd() * 5);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(rnd() * (out.length + 1));
    out = out.slice(0, i) + INJECTIONS[Math.floor(rnd() * INJECTIONS.length)] + out.slice(i);
  }
  return out;
}

function tagSoup(rnd: () => number, n: number): string {
  const names = ['hm:Account', 'base:TransportGUID', 'x', 'soapenv:Body', 'a:b'];
  let out = GIS_ROOT_OPEN;
  for (let i = 0; i < n; i++) {
    const name = names[Math.floor(rnd() * names.length)];
    const r = rnd();
    out += r < 0.4 ? `<${name}>` : r < 0.8 ? `</${name}>` : r < 0.9 ? `<${name}/>` : 'текст';
  }
  return out;
}

/** Repeats the body of a document until the text reaches `bytes`, keeping its root and envelope. */
function grow(doc: string, bytes: number): string {
  const firstClose = doc.lastIndexOf('</');
  const head = doc.slice(0, firstClose);
  const tail = doc.slice(firstClose);
  const open = head.indexOf('>', head.indexOf('<', head.indexOf('?>') + 2)) + 1;
  const body = head.slice(open);
  const parts = [head];
  let size = head.length + tail.length;
  while (size < bytes) {
    parts.push(body);
    size += body.length;
  }
  parts.push(tail);
  return parts.join('');
}
