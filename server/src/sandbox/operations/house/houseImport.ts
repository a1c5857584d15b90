import type { XmlElement } from '../../../xml/xmlTree';
import type { OperationHandler, SandboxDb, SandboxRequest } from '../../operationHandler';
import { ItemError, ItemOutcome, answer, commonResultContent, kid, kids, mskDateTime, newGuid, nextNumber, str, txt } from '../common';
import { checkNsiRefs } from '../nsi/nsiStore';
import { CODES, err } from '../rules';
import { FieldBag, el, fieldBag, leaf, mergeBags, parseBag } from '../xml';
import { EXCLUSIVE, NOT_FIELDS } from './houseOrders';

/**
 * importHouseUOData: a managing organisation places or updates a house card with its entrances,
 * premises, rooms, blocks and lifts. The house must be in FIAS (fias_houses); creating a house
 * that has a card, or updating one that has none, is an error for that item and for everything
 * under it. Updates merge: what the update does not carry keeps its value.
 */

const HOUSE_NSI = { State: 24, OlsonTZ: 32, PremisesCharacteristic: 30 };

interface HouseCtx {
  req: SandboxRequest;
  db: SandboxDb;
  org: string;
  now: string;
  fias: string;
  unique: string;
  /** Set when the house item failed: every item under it gets this error. */
  failed?: ItemError;
}

const fields = (e: XmlElement): FieldBag => fieldBag(e, (c) => NOT_FIELDS.has(c.local));
const transport = (e: XmlElement) => txt(e, 'TransportGUID') ?? '';

/** hm:ImportHouseUO: ГКН/ЕГРП link — «C» when a cadastral number is known, «N» otherwise. */
function ogfStatus(bag: FieldBag): string {
  const status = bag.CadastralNumber ? 'C' : 'N';
  return el('hm', 'ImportHouseUO', el('hm', 'GKNRelationshipStatus', leaf('hm', 'Status', status)) + el('hm', 'EGRPRelationshipStatus', leaf('hm', 'Status', status)));
}

function failedOutcome(c: HouseCtx, e: XmlElement): ItemOutcome | undefined {
  if (!c.failed) return undefined;
  return { transportGuid: transport(e), errors: [err(c.failed.code, `Объект не обработан: ${c.failed.description}`)] };
}

function nsiErrors(c: HouseCtx, e: XmlElement): ItemOutcome | undefined {
  const errors = checkNsiRefs(c.db, e, HOUSE_NSI);
  return errors.length ? { transportGuid: transport(e), errors } : undefined;
}

/** The house item (…ToCreate / …ToUpdate): creates or updates the house row, fills c.unique. */
function house(c: HouseCtx, e: XmlElement, create: boolean, kind: 'apartment' | 'living'): ItemOutcome {
  const basic = kid(e, 'BasicCharacteristicts');
  c.fias = (txt(basic, 'FIASHouseGuid') ?? '').toLowerCase();
  const fail = (error: ItemError): ItemOutcome => {
    c.failed = error;
    return { transportGuid: transport(e), errors: [error] };
  };
  const fiasRow = c.db.get('SELECT * FROM fias_houses WHERE lower(fias_house_guid) = ?', [c.fias]);
  const row = c.db.get('SELECT * FROM houses WHERE lower(fias_house_guid) = ?', [c.fias]);
  if (create && !fiasRow) return fail(err(CODES.fiasUnknown, `Дом с идентификатором ФИАС ${c.fias} не найден в ФИАС`));
  if (create && row) return fail(err(CODES.houseExists, `Дом ФИАС ${c.fias} уже размещён в ГИС ЖКХ (${str(row.unique_number)}): используйте ${kind === 'apartment' ? 'ApartmentHouseToUpdate' : 'LivingHouseToUpdate'}`));
  if (!create && !row) return fail(err(CODES.fiasUnknown, `Дом с идентификатором ФИАС ${c.fias} не размещён в ГИС ЖКХ`));
  if (row && str(row.org_ppa_guid) && str(row.org_ppa_guid)!.toLowerCase() !== c.org.toLowerCase()) {
    return fail(err(CODES.foreignObject, `Дом ФИАС ${c.fias} находится в управлении другой организации`));
  }
  const nsi = nsiErrors(c, e);
  if (nsi) {
    c.failed = nsi.errors![0];
    return nsi;
  }
  const update: FieldBag = { ...fieldBag(basic!), ...fields(e) };
  delete update.BasicCharacteristicts;
  if (row) {
    c.unique = String(row.unique_number);
    const data = mergeBags(parseBag(row.data), update, EXCLUSIVE);
    c.db.run('UPDATE houses SET data = ?, updated_at = ?, kind = ? WHERE fias_house_guid = ?', [JSON.stringify(data), c.now, kind, row.fias_house_guid]);
    return { transportGuid: transport(e), guid: String(row.house_guid), uniqueNumber: c.unique, updateDate: c.now, extra: ogfStatus(data) };
  }
  const guid = newGuid();
  c.unique = `${str(fiasRow!.region) ?? '69'}${String(nextNumber(c.db, 'house')).padStart(8, '0')}`;
  c.db.run(
    `INSERT INTO houses (fias_house_guid, house_guid, unique_number, address, org_ppa_guid, updated_at, kind, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [c.fias, guid, c.unique, str(fiasRow!.address) ?? null, c.org, c.now, kind, JSON.stringify(update)],
  );
  return { transportGuid: transport(e), guid, uniqueNumber: c.unique, updateDate: c.now, extra: ogfStatus(update) };
}

type PremisesKind = 'residential' | 'nonresidential' | 'room' | 'block';

const NUMBER_FIELD: Record<PremisesKind, string> = { residential: 'PremisesNum', nonresidential: 'PremisesNum', room: 'RoomNumber', block: 'BlockNum' };
const GUID_FIELD: Record<PremisesKind, string> = { residential: 'PremisesGUID', nonresidential: 'PremisesGUID', room: 'LivingRoomGUID', block: 'BlockGUID' };
const KIND_NAME: Record<PremisesKind, string> = { residential: 'Жилое помещение', nonresidential: 'Нежилое помещение', room: 'Комната', block: 'Блок' };

/**
 * A premises, room or block item. Rooms and blocks are numbered under their parent
 * (`<house>-<flat>-<room>`); `parent` is the item's flat or block, or undefined (a room of a
 * living house). Returns the outcome and the object's GUID for the rooms under it.
 */
function premises(c: HouseCtx, e: XmlElement, kind: PremisesKind, create: boolean, parent?: { guid: string; unique: string }): [ItemOutcome, { guid: string; unique: string } | undefined] {
  const skipped = failedOutcome(c, e);
  if (skipped) return [skipped, undefined];
  const nsi = nsiErrors(c, e);
  if (nsi) return [nsi, undefined];
  const update = fields(e);
  const extra = kind === 'block' ? undefined : ogfStatus(update);
  if (!create) {
    const guid = (txt(e, GUID_FIELD[kind]) ?? '').toLowerCase();
    const row = c.db.get('SELECT * FROM premises WHERE lower(premises_guid) = ? AND lower(fias_house_guid) = ? AND kind = ?', [guid, c.fias, kind]);
    if (!row) return [{ transportGuid: transport(e), errors: [err(CODES.notFound, `${KIND_NAME[kind]} ${guid} не найдено в доме ФИАС ${c.fias}`)] }, undefined];
    const data = mergeBags(parseBag(row.data), update, EXCLUSIVE);
    const number = data[NUMBER_FIELD[kind]] ? (txt(e, NUMBER_FIELD[kind]) ?? str(row.number)) : str(row.number);
    c.db.run('UPDATE premises SET data = ?, number = ?, entrance_num = ?, updated_at = ? WHERE premises_guid = ?', [
      JSON.stringify(data),
      number ?? null,
      txt(e, 'EntranceNum') ?? str(row.entrance_num) ?? null,
      c.now,
      row.premises_guid,
    ]);
    const unique = String(row.unique_number);
    return [{ transportGuid: transport(e), guid: String(row.premises_guid), uniqueNumber: unique, updateDate: c.now, extra: kind === 'block' ? undefined : ogfStatus(data) }, { guid: String(row.premises_guid), unique }];
  }
  const number = txt(e, NUMBER_FIELD[kind]) ?? '';
  const guid = newGuid();
  const unique = `${parent?.unique ?? c.unique}-${number}`;
  c.db.run(
    `INSERT INTO premises (premises_guid, fias_house_guid, number, unique_number, kind, parent_guid, entrance_num, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [guid, c.fias, number, unique, kind, parent?.guid || null, txt(e, 'EntranceNum') ?? null, JSON.stringify(update), c.now],
  );
  return [{ transportGuid: transport(e), guid, uniqueNumber: unique, updateDate: c.now, extra }, { guid, unique }];
}

/** An entrance or a lift (no unique number of its own). */
function part(c: HouseCtx, e: XmlElement, kind: 'entrance' | 'lift', create: boolean): ItemOutcome {
  const skipped = failedOutcome(c, e);
  if (skipped) return skipped;
  const update = fields(e);
  const number = txt(e, 'EntranceNum') ?? null;
  if (!create) {
    const guid = (txt(e, kind === 'entrance' ? 'EntranceGUID' : 'LiftGUID') ?? '').toLowerCase();
    const row = c.db.get('SELECT * FROM house_parts WHERE lower(guid) = ? AND lower(fias_house_guid) = ? AND kind = ?', [guid, c.fias, kind]);
    if (!row) return { transportGuid: transport(e), errors: [err(CODES.notFound, `${kind === 'entrance' ? 'Подъезд' : 'Лифт'} ${guid} не найден в доме ФИАС ${c.fias}`)] };
    const data = mergeBags(parseBag(row.data), update, EXCLUSIVE);
    c.db.run('UPDATE house_parts SET data = ?, number = ?, updated_at = ? WHERE guid = ?', [JSON.stringify(data), number ?? str(row.number) ?? null, c.now, row.guid]);
    return { transportGuid: transport(e), guid: String(row.guid), updateDate: c.now };
  }
  const guid = newGuid();
  c.db.run('INSERT INTO house_parts (guid, fias_house_guid, kind, number, data, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [guid, c.fias, kind, number, JSON.stringify(update), c.now]);
  return { transportGuid: transport(e), guid, updateDate: c.now };
}

/** LivingRoomToCreate / LivingRoomToUpdate under a flat, a block or a living house. */
function rooms(c: HouseCtx, container: XmlElement, parent: { guid: string; unique: string } | undefined, out: ItemOutcome[]): void {
  for (const r of container.children) {
    if (r.local !== 'LivingRoomToCreate' && r.local !== 'LivingRoomToUpdate') continue;
    if (!parent && !c.failed && r.local === 'LivingRoomToCreate' && container.local !== 'LivingHouse') {
      out.push({ transportGuid: transport(r), errors: [err(CODES.notFound, 'Комната не обработана: не обработано помещение, в котором она находится')] });
      continue;
    }
    out.push(premises(c, r, 'room', r.local === 'LivingRoomToCreate', parent)[0]);
  }
}

const importHouseUOData: OperationHandler = {
  process(req, db) {
    const c: HouseCtx = { req, db, org: req.orgPPAGUID ?? req.senderId ?? '', now: mskDateTime(req.receivedAt), fias: '', unique: '' };
    const out: ItemOutcome[] = [];
    const apartment = kid(req.request, 'ApartmentHouse');
    const living = kid(req.request, 'LivingHouse');
    if (apartment) {
      const create = kid(apartment, 'ApartmentHouseToCreate');
      out.push(house(c, (create ?? kid(apartment, 'ApartmentHouseToUpdate'))!, !!create, 'apartment'));
      for (const e of apartment.children) {
        switch (e.local) {
          case 'NonResidentialPremiseToCreate':
          case 'NonResidentialPremiseToUpdate':
            out.push(premises(c, e, 'nonresidential', e.local.endsWith('Create'))[0]);
            break;
          case 'EntranceToCreate':
          case 'EntranceToUpdate':
            out.push(part(c, e, 'entrance', e.local.endsWith('Create')));
            break;
          case 'LiftToCreate':
          case 'LiftToUpdate':
            out.push(part(c, e, 'lift', e.local.endsWith('Create')));
            break;
          case 'ResidentialPremises': {
            const item = kid(e, 'ResidentialPremisesToCreate') ?? kid(e, 'ResidentialPremisesToUpdate');
            if (!item) break;
            const [outcome, flat] = premises(c, item, 'residential', item.local.endsWith('Create'));
            out.push(outcome);
            rooms(c, e, flat, out);
            break;
          }
        }
      }
    } else if (living) {
      const create = kid(living, 'LivingHouseToCreate');
      out.push(house(c, (create ?? kid(living, 'LivingHouseToUpdate'))!, !!create, 'living'));
      rooms(c, living, c.failed ? undefined : { guid: '', unique: c.unique }, out);
      for (const b of kids(living, 'Blocks')) {
        const item = kid(b, 'BlockToCreate') ?? kid(b, 'BlockToUpdate');
        if (!item) continue;
        const [outcome, block] = premises(c, item, 'block', item.local.endsWith('Create'));
        out.push(outcome);
        rooms(c, b, block, out);
      }
    }
    const results = out.map((o) => el('hm', 'CommonResult', commonResultContent(o))).join('');
    return answer(el('hm', 'ImportResult', results, ' base:version="10.0.1.1"'));
  },
};

export const houseImportHandlers: Record<string, OperationHandler> = {
  'house-management/importHouseUOData': importHouseUOData,
};
