import type { XmlElement } from '../../../xml/xmlTree';
import type { OperationHandler, SandboxDb, SandboxRequest } from '../../operationHandler';
import { ItemError, ItemOutcome, answer, commonResults, errorMessage, kid, kids, mskDateTime, newGuid, nsiRefOf, parseGisDate, txt } from '../common';
import { CODES, err } from '../rules';
import { el } from '../xml';
import {
  NsiField,
  NsiItemRow,
  checkNsiRefs,
  findNsiByCode,
  findNsiByGuid,
  insertNsiItem,
  nextNsiCode,
  nsiElementContent,
  nsiItemContent,
  rowToItem,
  updateNsiItem,
} from './nsiStore';

/**
 * nsi: the information provider's own registries — 1 (additional services), 51 (main communal
 * services), 337 (resources for common property; the first level is common, the provider adds
 * positions under it) — and their export. Positions are the provider's (org_ppa_guid); one
 * organisation cannot change another's.
 */

interface Ctx {
  req: SandboxRequest;
  db: SandboxDb;
  org: string;
  now: string;
}

function ctx(req: SandboxRequest, db: SandboxDb): Ctx {
  return { req, db, org: req.orgPPAGUID ?? req.senderId ?? '', now: mskDateTime(req.receivedAt) };
}

function done(c: Ctx, transportGuid: string, item: NsiItemRow): ItemOutcome {
  return { transportGuid, guid: item.guid, uniqueNumber: item.code, updateDate: c.now };
}

/** The provider's position with this GUID, or the not-found error. */
function own(c: Ctx, registry: number, guid: string): NsiItemRow | ItemError[] {
  const item = findNsiByGuid(c.db, registry, guid);
  if (!item || item.orgPPAGUID !== c.org) return [err(CODES.notFound, `Позиция ${guid} справочника НСИ ${registry} поставщика информации не найдена`)];
  return item;
}

const sortOrder = (e: XmlElement): NsiField => ({ t: 'string', n: 'Порядок сортировки', v: txt(e, 'SortOrder') });

/** Creates or updates one position from an Import… element; `fields` are its fields, `name` its text. */
function upsert(c: Ctx, registry: number, e: XmlElement, name: string, fields: NsiField[], parentCode?: string): ItemOutcome {
  const transportGuid = txt(e, 'TransportGUID') ?? '';
  const elementGuid = txt(e, 'ElementGuid');
  if (elementGuid) {
    const found = own(c, registry, elementGuid);
    if (Array.isArray(found)) return { transportGuid, errors: found };
    const item = { ...found, name, fields, modified: c.now };
    updateNsiItem(c.db, item);
    return done(c, transportGuid, item);
  }
  const code = parentCode ? nextChildCode(c.db, registry, parentCode) : nextNsiCode(c.db, registry);
  const item: NsiItemRow = { registry, code, guid: newGuid(), name, orgPPAGUID: c.org, parentCode, isActual: true, modified: c.now, fields };
  insertNsiItem(c.db, item);
  return done(c, transportGuid, item);
}

function nextChildCode(db: SandboxDb, registry: number, parent: string): string {
  const rows = db.all('SELECT code FROM nsi_items WHERE registry = ? AND parent_code = ?', [registry, parent]);
  const max = rows.reduce((m, r) => Math.max(m, Number(String(r.code).split('.').pop())), 0);
  return `${parent}.${max + 1}`;
}

/** Recover… / Delete… elements: the position becomes actual again, or not actual. */
function setActual(c: Ctx, registry: number, e: XmlElement, actual: boolean): ItemOutcome {
  const transportGuid = txt(e, 'TransportGUID') ?? '';
  const found = own(c, registry, txt(e, 'ElementGuid') ?? '');
  if (Array.isArray(found)) return { transportGuid, errors: found };
  const item = { ...found, isActual: actual, modified: c.now };
  updateNsiItem(c.db, item);
  return { transportGuid, guid: item.guid, uniqueNumber: actual ? item.code : undefined, updateDate: c.now };
}

function refField(n: string, reg: number, e: XmlElement | undefined): NsiField[] {
  const r = nsiRefOf(e);
  return r ? [{ t: 'ref', n, reg, code: r.code, guid: r.guid, name: r.name }] : [];
}

function withNsiCheck(c: Ctx, e: XmlElement, regs: Record<string, number>, make: () => ItemOutcome): ItemOutcome {
  const errors = checkNsiRefs(c.db, e, regs);
  return errors.length ? { transportGuid: txt(e, 'TransportGUID') ?? '', errors } : make();
}

const importAdditionalServices: OperationHandler = {
  process(req, db) {
    const c = ctx(req, db);
    const out: ItemOutcome[] = [];
    for (const e of kids(req.request, 'ImportAdditionalServiceType')) {
      const name = txt(e, 'AdditionalServiceTypeName') ?? '';
      if (kid(e, 'StringDimensionUnit')) {
        out.push({ transportGuid: txt(e, 'TransportGUID') ?? '', errors: [err(CODES.obsolete, 'Единица измерения строкой (StringDimensionUnit) больше не принимается: укажите код ОКЕИ (OKEI)')] });
        continue;
      }
      out.push(upsert(c, 1, e, name, [{ t: 'string', n: 'Вид дополнительной услуги', v: name }, { t: 'okei', n: 'Единица измерения', code: txt(e, 'OKEI') }]));
    }
    for (const e of kids(req.request, 'RecoverAdditionalServiceType')) out.push(setActual(c, 1, e, true));
    for (const e of kids(req.request, 'DeleteAdditionalServiceType')) out.push(setActual(c, 1, e, false));
    return answer(commonResults('nsi', 'ImportResult', out));
  },
};

const importMunicipalServices: OperationHandler = {
  process(req, db) {
    const c = ctx(req, db);
    const out: ItemOutcome[] = [];
    for (const e of kids(req.request, 'ImportMainMunicipalService')) {
      out.push(
        withNsiCheck(c, e, { MunicipalServiceRef: 3, MunicipalResourceRef: 2 }, () => {
          const name = txt(e, 'MainMunicipalServiceName') ?? '';
          const fields: NsiField[] = [
            ...refField('Вид коммунальной услуги', 3, kid(e, 'MunicipalServiceRef')),
            { t: 'string', n: 'Главная коммунальная услуга', v: name },
            ...refField('Вид коммунального ресурса', 2, kid(e, 'MunicipalResourceRef')),
            sortOrder(e),
          ];
          if (kid(e, 'GeneralNeeds')) fields.push({ t: 'bool', n: 'Услуга предоставляется на общедомовые нужды', v: true });
          const self = txt(e, 'SelfProduced');
          if (self) fields.push({ t: 'bool', n: 'Самостоятельное производство коммунальной услуги', v: self === 'true' || self === '1' });
          return upsert(c, 51, e, name, fields);
        }),
      );
    }
    for (const e of kids(req.request, 'RecoverMainMunicipalService')) out.push(setActual(c, 51, e, true));
    for (const e of kids(req.request, 'DeleteMainMunicipalService')) out.push(setActual(c, 51, e, false));
    return answer(commonResults('nsi', 'ImportResult', out));
  },
};

const importGeneralNeedsMunicipalResource: OperationHandler = {
  process(req, db) {
    const c = ctx(req, db);
    const out: ItemOutcome[] = [];
    for (const top of kids(req.request, 'TopLevelMunicipalResource')) {
      const parentCode = txt(top, 'ParentCode') ?? '';
      const parent = findNsiByCode(db, 337, parentCode);
      const transportGuid = txt(top, 'TransportGUID') ?? '';
      if (!parent) {
        out.push({ transportGuid, errors: [err(CODES.nsiUnknown, `Позиция первого уровня ${parentCode} не найдена в справочнике НСИ 337`)] });
        continue;
      }
      out.push(done(c, transportGuid, parent));
      for (const e of kids(top, 'ImportGeneralMunicipalResource')) {
        out.push(
          withNsiCheck(c, e, { MunicipalResourceRef: 2 }, () => {
            const name = txt(e, 'GeneralMunicipalResourceName') ?? '';
            const fields: NsiField[] = [
              { t: 'string', n: 'Наименование', v: name },
              ...refField('Вид коммунального ресурса', 2, kid(e, 'MunicipalResourceRef')),
              { t: 'okei', n: 'Единица измерения', code: txt(e, 'OKEI') },
              sortOrder(e),
            ];
            return upsert(c, 337, e, name, fields, parentCode);
          }),
        );
      }
    }
    for (const e of kids(req.request, 'RecoverGeneralMunicipalResource')) out.push(setActual(c, 337, e, true));
    for (const e of kids(req.request, 'DeleteGeneralMunicipalResource')) out.push(setActual(c, 337, e, false));
    return answer(commonResults('nsi', 'ImportResult', out));
  },
};

const exportDataProviderNsiItem: OperationHandler = {
  process(req, db) {
    const c = ctx(req, db);
    const registry = Number(txt(req.request, 'RegistryNumber'));
    const after = parseGisDate(txt(req.request, 'ModifiedAfter'));
    const changed = (i: NsiItemRow) => after === undefined || (parseGisDate(i.modified) ?? 0) > after;
    const mine = db
      .all('SELECT * FROM nsi_items WHERE registry = ? AND org_ppa_guid = ?', [registry, c.org])
      .map(rowToItem)
      .sort((a, b) => a.code.localeCompare(b.code, 'ru', { numeric: true }));
    let elements: string[];
    if (registry === 337) {
      // The common first level, each with the provider's positions under it.
      const tops = db
        .all('SELECT * FROM nsi_items WHERE registry = 337 AND org_ppa_guid IS NULL AND parent_code IS NULL', [])
        .map(rowToItem)
        .sort((a, b) => a.code.localeCompare(b.code, 'ru', { numeric: true }));
      elements = tops.flatMap((t) => {
        const children = mine.filter((m) => m.parentCode === t.code);
        if (!children.some(changed)) return [];
        return [nsiElementContent(t, children.map((ch) => nsiElementContent(ch)))];
      });
    } else {
      elements = mine.filter(changed).map((i) => nsiElementContent(i));
    }
    if (elements.length === 0) return errorMessage(CODES.nothingToExport, `Нет позиций справочника ${registry} поставщика информации для выгрузки`);
    return answer(el('nsi', 'NsiItem', nsiItemContent(registry, c.now, elements)));
  },
};

export const nsiProviderHandlers: Record<string, OperationHandler> = {
  'nsi/importAdditionalServices': importAdditionalServices,
  'nsi/importMunicipalServices': importMunicipalServices,
  'nsi/importGeneralNeedsMunicipalResource': importGeneralNeedsMunicipalResource,
  'nsi/exportDataProviderNsiItem': exportDataProviderNsiItem,
};
