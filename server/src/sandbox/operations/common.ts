import { createHash, randomUUID } from 'node:crypto';
import type { SqlValue } from '../../journal/sqlEngine';
import type { XmlElement } from '../../xml/xmlTree';
import type { ProcessedResult, SandboxDb } from '../operationHandler';
import { Prefix, answerNamespaces, el, leaf } from './xml';

/**
 * What every operation of the sandbox shares: reading the request tree, the stand's clock
 * (Moscow time, as GIS writes its dates), per-item results and errors, sequences.
 */

// ---- Reading the request -------------------------------------------------------------------

/** Children with this local name (the schema fixes their namespace; the local name is enough). */
export function kids(e: XmlElement | undefined, local: string): XmlElement[] {
  return e ? e.children.filter((c) => c.local === local) : [];
}

export function kid(e: XmlElement | undefined, local: string): XmlElement | undefined {
  return e?.children.find((c) => c.local === local);
}

/** Trimmed text of a child, or undefined. */
export function txt(e: XmlElement | undefined, local: string): string | undefined {
  const c = kid(e, local);
  if (!c) return undefined;
  const t = c.text.trim();
  return t === '' ? undefined : t;
}

export function text(e: XmlElement | undefined): string | undefined {
  const t = e?.text.trim();
  return t ? t : undefined;
}

/** Code, GUID and Name of an nsiRef element. */
export function nsiRefOf(e: XmlElement | undefined): { code: string; guid: string; name?: string } | undefined {
  const code = txt(e, 'Code');
  if (!e || code === undefined) return undefined;
  return { code, guid: txt(e, 'GUID') ?? '', name: txt(e, 'Name') };
}

// ---- Time ------------------------------------------------------------------------------------

export { mskDate, mskDateTime } from '../../xml/moscowTime';

/** Milliseconds of an xs:date or xs:dateTime (a date alone is Moscow midnight). */
export function parseGisDate(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T00:00:00+03:00`) : Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

// ---- Results ---------------------------------------------------------------------------------

export interface ItemError {
  code: string;
  description: string;
}

export function errorXml(e: ItemError): string {
  return `<base:Error>${leaf('base', 'ErrorCode', e.code)}${leaf('base', 'Description', e.description)}</base:Error>`;
}

export interface ItemOutcome {
  transportGuid: string;
  guid?: string;
  uniqueNumber?: string;
  updateDate?: string;
  errors?: ItemError[];
  /** Service-specific XML after the CommonResultType part (hm:ImportAccount…). */
  extra?: string;
}

/** Content of a base:CommonResultType element. */
export function commonResultContent(o: ItemOutcome): string {
  if (o.errors?.length) {
    return leaf('base', 'GUID', o.guid) + leaf('base', 'TransportGUID', o.transportGuid) + o.errors.map(errorXml).join('');
  }
  return (
    leaf('base', 'GUID', o.guid) +
    leaf('base', 'TransportGUID', o.transportGuid) +
    leaf('base', 'UniqueNumber', o.uniqueNumber) +
    leaf('base', 'UpdateDate', o.updateDate) +
    (o.extra ?? '')
  );
}

/** One `<p:name>` CommonResultType element per outcome (nsi:ImportResult, dm:ImportResult…). */
export function commonResults(prefix: Prefix, name: string, outcomes: readonly ItemOutcome[]): string {
  return outcomes.map((o) => el(prefix, name, commonResultContent(o))).join('');
}

export function answer(xml: string): ProcessedResult {
  return { xml, namespaces: answerNamespaces() };
}

/** A whole-message error (base:ErrorMessage), e.g. nothing found for an export. */
export function errorMessage(code: string, description: string): ProcessedResult {
  return answer(`<base:ErrorMessage>${leaf('base', 'ErrorCode', code)}${leaf('base', 'Description', description)}</base:ErrorMessage>`);
}

export function newGuid(): string {
  return randomUUID();
}

// ---- Database helpers ------------------------------------------------------------------------

/** Next value of a named sequence (kept in the stand's database, so numbers never repeat). */
export function nextNumber(db: SandboxDb, name: string): number {
  const row = db.get('SELECT value FROM sandbox_counters WHERE name = ?', [name]);
  if (!row) throw new Error(`sandbox counter ${name} is missing`);
  const value = Number(row.value);
  db.run('UPDATE sandbox_counters SET value = ? WHERE name = ?', [value + 1, name]);
  return value;
}

export function str(v: SqlValue | undefined): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

/**
 * A fixed GUID for a seed object that no sample names: the same key gives the same GUID on every
 * stand, so seed data stays stable across restarts and tests (name-based, UUID version 5 layout).
 */
export function stableGuid(key: string): string {
  const h = createHash('sha1').update(`gis-sandbox:${key}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
