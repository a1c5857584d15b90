import type { SqlValue } from '../../../journal/sqlEngine';
import type { OperationHandler, SandboxDb } from '../../operationHandler';
import { answer, errorMessage, str, txt } from '../common';
import { CODES } from '../rules';
import { el, emitBag, leaf, parseBag } from '../xml';
import { BLOCK, ENTRANCE, HOUSE_BASIC, LIFT, NON_RESIDENTIAL, RESIDENTIAL, ROOM } from './houseOrders';

/** exportHouseData: the house card as the stand holds it (seeded and imported), by FIAS GUID. */

type Row = Record<string, SqlValue>;

const byNumber = (a: Row, b: Row) => String(a.number ?? '').localeCompare(String(b.number ?? ''), 'ru', { numeric: true });

function roomXml(r: Row): string {
  return el(
    'hm',
    'LivingRoom',
    emitBag(parseBag(r.data), ROOM) +
      leaf('hm', 'LivingRoomUniqueNumber', str(r.unique_number)) +
      leaf('hm', 'ModificationDate', str(r.updated_at)) +
      leaf('hm', 'LivingRoomGUID', str(r.premises_guid)),
  );
}

function houseXml(db: SandboxDb, h: Row): string {
  const fias = String(h.fias_house_guid);
  const bag = parseBag(h.data);
  const all = db.all('SELECT * FROM premises WHERE fias_house_guid = ?', [fias]).sort(byNumber);
  const of = (kind: string) => all.filter((p) => p.kind === kind);
  const roomsOf = (parent: SqlValue | null) => of('room').filter((r) => (r.parent_guid ?? null) === parent);
  const basic = el('hm', 'BasicCharacteristicts', emitBag(bag, HOUSE_BASIC));
  const stamp = (r: Row) => leaf('hm', 'ModificationDate', str(r.updated_at));

  if (h.kind === 'living') {
    const blocks = of('block');
    const inside =
      blocks.length > 0
        ? blocks
            .map((b) =>
              el(
                'hm',
                'Block',
                emitBag(parseBag(b.data), BLOCK) +
                  leaf('hm', 'BlockUniqueNumber', str(b.unique_number)) +
                  stamp(b) +
                  leaf('hm', 'BlockGUID', str(b.premises_guid)) +
                  roomsOf(b.premises_guid).map(roomXml).join(''),
              ),
            )
            .join('')
        : roomsOf(null).map(roomXml).join('');
    return el('hm', 'LivingHouse', basic + emitBag(bag, ['HasBlocks', 'HasMultipleHousesWithSameAddress']) + inside + leaf('hm', 'HouseGUID', str(h.house_guid)));
  }

  const parts = db.all('SELECT * FROM house_parts WHERE fias_house_guid = ?', [fias]).sort(byNumber);
  const entrances = parts
    .filter((p) => p.kind === 'entrance')
    .map((p) => el('hm', 'Entrance', emitBag(parseBag(p.data), ENTRANCE) + stamp(p) + leaf('hm', 'EntranceGUID', str(p.guid))))
    .join('');
  const lifts = parts
    .filter((p) => p.kind === 'lift')
    .map((p) => el('hm', 'Lift', emitBag(parseBag(p.data), LIFT) + stamp(p) + leaf('hm', 'LiftGUID', str(p.guid))))
    .join('');
  const residential = of('residential')
    .map((p) =>
      el(
        'hm',
        'ResidentialPremises',
        emitBag(parseBag(p.data), RESIDENTIAL) +
          leaf('hm', 'PremisesUniqueNumber', str(p.unique_number)) +
          stamp(p) +
          roomsOf(p.premises_guid).map(roomXml).join('') +
          leaf('hm', 'PremisesGUID', str(p.premises_guid)),
      ),
    )
    .join('');
  const nonResidential = of('nonresidential')
    .map((p) =>
      el(
        'hm',
        'NonResidentialPremises',
        emitBag(parseBag(p.data), NON_RESIDENTIAL) + leaf('hm', 'PremisesUniqueNumber', str(p.unique_number)) + stamp(p) + leaf('hm', 'PremisesGUID', str(p.premises_guid)),
      ),
    )
    .join('');
  return el(
    'hm',
    'ApartmentHouse',
    basic +
      emitBag(bag, ['UndergroundFloorCount', 'OverhaulFormingKind']) +
      entrances +
      residential +
      lifts +
      nonResidential +
      emitBag(bag, ['HouseManagementType']),
  );
}

const exportHouseData: OperationHandler = {
  process(req, db) {
    const fias = (txt(req.request, 'FIASHouseGuid') ?? '').toLowerCase();
    const h = db.get('SELECT * FROM houses WHERE lower(fias_house_guid) = ?', [fias]);
    if (!h) return errorMessage(CODES.nothingToExport, `Дом с идентификатором ФИАС ${fias} не размещён в ГИС ЖКХ`);
    return answer(
      el(
        'hm',
        'exportHouseResult',
        leaf('hm', 'HouseUniqueNumber', str(h.unique_number)) + leaf('hm', 'ModificationDate', str(h.updated_at)) + leaf('hm', 'HouseGUID', str(h.house_guid)) + houseXml(db, h),
      ),
    );
  },
};

export const houseExportHandlers: Record<string, OperationHandler> = {
  'house-management/exportHouseData': exportHouseData,
};
