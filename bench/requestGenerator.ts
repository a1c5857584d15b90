import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Generated house-management requests for the benchmark: a real importHouseUORequest from the
 * shared conformance set (read at run time, never copied into the repository) with its
 * ResidentialPremises records (maxOccurs="unbounded" under ApartmentHouse) repeated until the
 * request reaches the wanted size.
 *
 * The only identity constraint of importHouseUORequest is the key on every base:TransportGUID, so
 * each copy gets fresh TransportGUIDs; its PremisesGUID / LivingRoomGUID, premises number and
 * cadastral numbers are made unique too, as a real request would have them.
 */
export const TEMPLATE_REL = path.join('conformance', '16.3.0.0', 'house-management', 'importHouseUOData--v2.xml');
export const SCHEMA_REL = path.join('gis-formats', '16.3.0.0', 'house-management', 'hcs-house-management-types.xsd');

export interface GeneratedRequest {
  text: string;
  bytes: number;
  records: number;
  lines: number;
  /** base:TransportGUID elements: the values of the request's only xs:key. */
  keys: number;
  /** Where the edited value (a TotalArea of the first record) is: UTF-16 offset and length. */
  edit: { offset: number; length: number };
  /** The i-th replacement of that value: same length, still a valid area. */
  editValue(i: number): string;
  /** The text with the edited value replaced by editValue(i). */
  variant(i: number): string;
}

const RECORD = /<hm:ResidentialPremises>[\s\S]*?<\/hm:ResidentialPremises>/g;
const GUID_ELEMENT = /<(base:TransportGUID|hm:PremisesGUID|hm:LivingRoomGUID)>[^<]*<\/\1>/g;

export class RequestGenerator {
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly records: string[];
  private readonly used = new Set<string>();
  private seed = 0x5eed1234;

  constructor(template: string) {
    const blocks = [...template.matchAll(RECORD)];
    if (blocks.length === 0) throw new Error('the template has no hm:ResidentialPremises record');
    const first = blocks[0];
    const last = blocks[blocks.length - 1];
    this.prefix = template.slice(0, first.index);
    this.suffix = template.slice(last.index! + last[0].length);
    this.records = blocks.map((b) => b[0]);
    for (const m of template.matchAll(/>([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})</g)) {
      this.used.add(m[1].toLowerCase());
    }
  }

  static fromShared(shared: string): RequestGenerator {
    return new RequestGenerator(fs.readFileSync(path.join(shared, TEMPLATE_REL), 'utf8'));
  }

  /** A request of at least `targetBytes` UTF-8 bytes. */
  generate(targetBytes: number): GeneratedRequest {
    const parts: string[] = [];
    let bytes = Buffer.byteLength(this.prefix) + Buffer.byteLength(this.suffix);
    let n = 0;
    while (bytes < targetBytes) {
      const record = this.record(n++);
      parts.push(record);
      bytes += Buffer.byteLength(record) + 2;
    }
    const text = this.prefix + parts.join('\n\t\t') + this.suffix;
    const total = Buffer.byteLength(text);
    const m = /<hm:TotalArea>(\d\d\.\d\d)<\/hm:TotalArea>/.exec(text.slice(this.prefix.length));
    if (!m) throw new Error('no TotalArea to edit in the generated request');
    const at = this.prefix.length + m.index + '<hm:TotalArea>'.length;
    const len = m[1].length;
    return {
      text,
      bytes: total,
      records: n,
      lines: countLines(text),
      keys: text.split('<base:TransportGUID>').length - 1,
      edit: { offset: at, length: len },
      editValue: (i) => areaValue(i),
      variant: (i) => text.slice(0, at) + areaValue(i) + text.slice(at + len),
    };
  }

  private record(n: number): string {
    let rooms = 0;
    return this.records[n % this.records.length]
      .replace(GUID_ELEMENT, (_all, name: string) => `<${name}>${this.guid()}</${name}>`)
      .replace(/<hm:PremisesNum>[^<]*<\/hm:PremisesNum>/, `<hm:PremisesNum>${n + 1}</hm:PremisesNum>`)
      .replace(/<hm:RoomNumber>[^<]*<\/hm:RoomNumber>/g, () => `<hm:RoomNumber>${++rooms}</hm:RoomNumber>`)
      .replace(/<hm:CadastralNumber>(\d+:\d+:\d+):\d+<\/hm:CadastralNumber>/g, (_all, quarter: string) => `<hm:CadastralNumber>${quarter}:${this.cadastral++}</hm:CadastralNumber>`);
  }

  private cadastral = 100_000;

  /** A deterministic pseudo-random version-4 GUID, never repeated within this generator. */
  private guid(): string {
    for (;;) {
      let hex = '';
      for (let i = 0; i < 4; i++) hex += (this.next() >>> 0).toString(16).padStart(8, '0');
      const g = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16], 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
      if (!this.used.has(g)) {
        this.used.add(g);
        return g;
      }
    }
  }

  /** mulberry32 */
  private next(): number {
    let t = (this.seed = (this.seed + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
}

/** "10.01", "11.02", …: five characters, like the value it replaces, and a valid PremisesAreaType. */
function areaValue(i: number): string {
  return `${10 + (i % 90)}.${String(i % 100).padStart(2, '0')}`;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
