import type { SqlValue } from '../../../journal/sqlEngine';
import type { XmlElement } from '../../../xml/xmlTree';
import type { SandboxDb } from '../../operationHandler';
import { ItemError, nsiRefOf } from '../common';
import { CODES, err } from '../rules';
import { el, leaf, nsiRefXml } from '../xml';

/**
 * NSI positions as the stand keeps them (nsi_items) and as answers show them (nsi-base:NsiElement).
 * Fields are JSON in nsi_items.fields, one entry per NsiElementField.
 */
export type NsiField =
  | { t: 'string'; n: string; v?: string }
  | { t: 'okei'; n: string; code?: string }
  | { t: 'ref'; n: string; reg: number; code: string; guid: string; name?: string }
  | { t: 'bool'; n: string; v?: boolean }
  | { t: 'int'; n: string; v?: number };

export interface NsiItemRow {
  registry: number;
  code: string;
  guid: string;
  name: string;
  orgPPAGUID?: string;
  parentCode?: string;
  isActual: boolean;
  modified: string;
  fields: NsiField[];
}

export function rowToItem(r: Record<string, SqlValue>): NsiItemRow {
  return {
    registry: Number(r.registry),
    code: String(r.code),
    guid: String(r.guid),
    name: String(r.name ?? ''),
    orgPPAGUID: r.org_ppa_guid === null ? undefined : String(r.org_ppa_guid),
    parentCode: r.parent_code === null ? undefined : String(r.parent_code),
    isActual: Number(r.is_actual) === 1,
    modified: String(r.modified),
    fields: r.fields ? (JSON.parse(String(r.fields)) as NsiField[]) : [],
  };
}

export function insertNsiItem(db: SandboxDb, i: NsiItemRow): void {
  db.run(
    `INSERT INTO nsi_items (registry, code, guid, name, org_ppa_guid, parent_code, is_actual, modified, fields)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [i.registry, i.code, i.guid, i.name, i.orgPPAGUID ?? null, i.parentCode ?? null, i.isActual ? 1 : 0, i.modified, JSON.stringify(i.fields)],
  );
}

export function updateNsiItem(db: SandboxDb, i: NsiItemRow): void {
  db.run(`UPDATE nsi_items SET guid = ?, name = ?, is_actual = ?, modified = ?, fields = ? WHERE registry = ? AND code = ?`, [
    i.guid,
    i.name,
    i.isActual ? 1 : 0,
    i.modified,
    JSON.stringify(i.fields),
    i.registry,
    i.code,
  ]);
}

export function findNsiByGuid(db: SandboxDb, registry: number, guid: string): NsiItemRow | undefined {
  const r = db.get('SELECT * FROM nsi_items WHERE registry = ? AND lower(guid) = lower(?)', [registry, guid]);
  return r ? rowToItem(r) : undefined;
}

export function findNsiByCode(db: SandboxDb, registry: number, code: string): NsiItemRow | undefined {
  const r = db.get('SELECT * FROM nsi_items WHERE registry = ? AND code = ?', [registry, code]);
  return r ? rowToItem(r) : undefined;
}

/** The next free whole-number code of a registry (codes are unique per registry on the stand). */
export function nextNsiCode(db: SandboxDb, registry: number): string {
  const r = db.get(`SELECT MAX(CAST(code AS INTEGER)) AS m FROM nsi_items WHERE registry = ? AND code NOT LIKE '%.%'`, [registry]);
  return String(Number(r?.m ?? 0) + 1);
}

/**
 * Checks every nsiRef under `root` whose element name is in `registries` against nsi_items:
 * the code must be a position of that registry. Only the code decides (the GUID and the name in
 * a request are informative for the stand, as GIS matches positions by code).
 */
export function checkNsiRefs(db: SandboxDb, root: XmlElement, registries: Readonly<Record<string, number>>): ItemError[] {
  const out: ItemError[] = [];
  const stack = [root];
  while (stack.length) {
    const e = stack.pop()!;
    const reg = registries[e.local];
    const ref = reg !== undefined ? nsiRefOf(e) : undefined;
    if (reg !== undefined && ref) {
      if (!findNsiByCode(db, reg, ref.code)) {
        out.push(err(CODES.nsiUnknown, `Код ${ref.code} в элементе ${e.local} не найден в справочнике НСИ ${reg}`));
      }
      continue;
    }
    for (const c of e.children) stack.push(c);
  }
  return out;
}

// ---- Answer XML ------------------------------------------------------------------------------

function fieldXml(f: NsiField): string {
  const name = leaf('nsi-base', 'Name', f.n);
  const typed = (t: string, body: string) => el('nsi-base', 'NsiElementField', name + body, ` xsi:type="nsi-base:${t}"`);
  switch (f.t) {
    case 'string':
      return typed('NsiElementStringFieldType', leaf('nsi-base', 'Value', f.v));
    case 'okei':
      return typed('NsiElementOkeiRefFieldType', leaf('nsi-base', 'Code', f.code));
    case 'bool':
      return typed('NsiElementBooleanFieldType', f.v === undefined ? '' : leaf('nsi-base', 'Value', f.v ? 'true' : 'false'));
    case 'int':
      return typed('NsiElementIntegerFieldType', f.v === undefined ? '' : leaf('nsi-base', 'Value', String(f.v)));
    case 'ref':
      return typed(
        'NsiElementNsiRefFieldType',
        el('nsi-base', 'NsiRef', leaf('nsi-base', 'NsiItemRegistryNumber', f.reg) + el('nsi-base', 'Ref', nsiRefXml({ code: f.code, guid: f.guid, name: f.name }))),
      );
  }
}

/** Content of an nsi-base:NsiElement (or ChildElement); `children` are contents of child positions. */
export function nsiElementContent(i: NsiItemRow, children: readonly string[] = []): string {
  return (
    leaf('nsi-base', 'Code', i.code) +
    leaf('nsi-base', 'GUID', i.guid) +
    leaf('nsi-base', 'Modified', i.modified) +
    leaf('nsi-base', 'IsActual', i.isActual ? 'true' : 'false') +
    i.fields.map(fieldXml).join('') +
    children.map((c) => el('nsi-base', 'ChildElement', c)).join('')
  );
}

/** The content of an NsiItemType element: registry number, creation time, positions. */
export function nsiItemContent(registry: number, created: string, elements: readonly string[]): string {
  return (
    leaf('nsi-base', 'NsiItemRegistryNumber', registry) +
    leaf('nsi-base', 'Created', created) +
    elements.map((c) => el('nsi-base', 'NsiElement', c)).join('')
  );
}
