import type { XmlElement } from '../../../xml/xmlTree';
import type { OperationHandler, SandboxDb, SandboxRequest } from '../../operationHandler';
import { ItemError, ItemOutcome, answer, commonResultContent, errorMessage, kid, kids, mskDateTime, newGuid, nextNumber, nsiRefOf, parseGisDate, str, txt } from '../common';
import { checkNsiRefs } from '../nsi/nsiStore';
import { CODES, err } from '../rules';
import { FieldBag, copyXml, el, emitBag, fieldBag, leaf, parseFragment } from '../xml';
import { CARD, cardAccounts, cardFacts, cardHouse, updateAfterValues } from './meterCard';
import { MeterRow, insertMeter, insertReading, meterByRoot, meterByVersion, meterFromRow, saveMeter } from './meterStore';

/**
 * importMeteringDeviceData / exportMeteringDeviceData. A device has a root GUID (its identity)
 * and a version GUID that every change replaces. Rules: its house, premises and accounts must
 * exist; no two active devices of one house share a serial number (SRV007020); NSI references
 * (resources — NSI 2, verification interval — 16, archiving reason — 21) must be known.
 */

const CARD_NSI = { MunicipalResource: 2, VerificationInterval: 16, ArchivingReason: 21, ReasonVerification: 21 };

interface Ctx {
  req: SandboxRequest;
  db: SandboxDb;
  org: string;
  now: string;
  requestFias?: string;
}

function duplicateSerial(db: SandboxDb, fias: string, serial: string, except?: string): ItemError | undefined {
  const row = db.get(
    'SELECT unique_number FROM meters WHERE lower(fias_house_guid) = lower(?) AND serial_number = ? AND archived = 0 AND metering_device_guid <> ?',
    [fias, serial, except ?? ''],
  );
  return row ? err(CODES.duplicateSerial, `В доме ФИАС ${fias} уже размещён прибор учёта с заводским номером ${serial} (${str(row.unique_number)})`) : undefined;
}

/** Checks a full card and gives the meter's fields it decides, or the item's errors. */
function checkCard(c: Ctx, card: XmlElement, except?: string): { errors: ItemError[] } | { facts: ReturnType<typeof cardFacts>; fias: string; premises?: string } {
  const nsi = checkNsiRefs(c.db, card, CARD_NSI);
  if (nsi.length) return { errors: nsi };
  const facts = cardFacts(card);
  const place = cardHouse(c.db, facts, c.requestFias);
  if (Array.isArray(place)) return { errors: place };
  const dup = duplicateSerial(c.db, place.fias, facts.serial, except);
  if (dup) return { errors: [dup] };
  return { facts, fias: place.fias, premises: place.premises };
}

function outcome(transportGuid: string, m: MeterRow, now: string, withNumber: boolean): ItemOutcome {
  return {
    transportGuid,
    guid: m.rootGuid,
    uniqueNumber: withNumber ? m.uniqueNumber : undefined,
    updateDate: now,
    extra: el('hm', 'importMeteringDevice', leaf('hm', 'MeteringDeviceGUID', m.versionGuid)),
  };
}

function create(c: Ctx, transportGuid: string, card: XmlElement): ItemOutcome {
  const checked = checkCard(c, card);
  if ('errors' in checked) return { transportGuid, errors: checked.errors };
  const { facts } = checked;
  const collective = facts.deviceTypeCode === '4';
  const region = str(c.db.get('SELECT region FROM fias_houses WHERE lower(fias_house_guid) = ?', [checked.fias])?.region) ?? '69';
  const unique = collective ? `${region}ОДПУ${String(nextNumber(c.db, 'odpu')).padStart(7, '0')}` : `${region}ИПУ${nextNumber(c.db, 'ipu')}`;
  const m: MeterRow = {
    rootGuid: newGuid(),
    versionGuid: newGuid(),
    versionNumber: 1,
    serial: facts.serial,
    model: facts.model,
    fias: checked.fias,
    accountGuid: facts.accounts[0]?.toLowerCase(),
    premisesGuid: checked.premises,
    resourceCode: facts.resourceCodes[0],
    resourceCodes: facts.resourceCodes,
    deviceTypeCode: facts.deviceTypeCode,
    valueKind: facts.valueKind,
    uniqueNumber: unique,
    org: c.org,
    archived: false,
    commissioningDate: facts.commissioning,
    updatedAt: c.now,
    card: fieldBag(card),
  };
  insertMeter(c.db, m);
  facts.baseValues.forEach((value, i) =>
    insertReading(c.db, {
      guid: newGuid(),
      meterRoot: m.rootGuid,
      kind: 'base',
      date: facts.commissioning ?? c.now.slice(0, 10),
      enteredAt: c.now,
      source: 'Поставщик информации',
      org: c.org,
      value,
      transportGuid: i === 0 ? transportGuid : undefined,
    }),
  );
  return outcome(transportGuid, m, c.now, true);
}

function update(c: Ctx, transportGuid: string, upd: XmlElement): ItemOutcome {
  const version = txt(upd, 'MeteringDeviceVersionGUID') ?? '';
  const m = meterByVersion(c.db, version);
  if (!m || m.org.toLowerCase() !== c.org.toLowerCase()) {
    return { transportGuid, errors: [err(CODES.notFound, `Версия прибора учёта ${version} не найдена среди действующих версий приборов учёта организации`)] };
  }
  if (m.archived) return { transportGuid, errors: [err(CODES.meterArchived, `Прибор учёта ${m.uniqueNumber} в архиве: изменения не принимаются`)] };
  const nsi = checkNsiRefs(c.db, upd, CARD_NSI);
  if (nsi.length) return { transportGuid, errors: nsi };
  const next: MeterRow = { ...m, versionGuid: newGuid(), versionNumber: m.versionNumber + 1, updatedAt: c.now };

  const before = kid(upd, 'UpdateBeforeDevicesValues');
  const after = kid(upd, 'UpdateAfterDevicesValues');
  const linked = kid(upd, 'LinkedWithMetering');
  const archive = kid(upd, 'ArchiveDevice');
  const replace = kid(upd, 'ReplaceDevice');
  if (before) {
    const checked = checkCard(c, before, m.rootGuid);
    if ('errors' in checked) return { transportGuid, errors: checked.errors };
    Object.assign(next, {
      serial: checked.facts.serial,
      model: checked.facts.model,
      fias: checked.fias,
      premisesGuid: checked.premises,
      accountGuid: checked.facts.accounts[0]?.toLowerCase(),
      resourceCode: checked.facts.resourceCodes[0],
      resourceCodes: checked.facts.resourceCodes,
      deviceTypeCode: checked.facts.deviceTypeCode,
      valueKind: checked.facts.valueKind,
      commissioningDate: checked.facts.commissioning,
      card: fieldBag(before),
    });
  } else if (after) {
    const serial = txt(after, 'MeteringDeviceNumber');
    const dup = serial ? duplicateSerial(c.db, m.fias, serial, m.rootGuid) : undefined;
    if (dup) return { transportGuid, errors: [dup] };
    for (const guid of kids(after, 'AccountGUID').map((e) => e.text.trim())) {
      if (!c.db.get('SELECT 1 FROM accounts WHERE lower(account_guid) = lower(?)', [guid])) {
        return { transportGuid, errors: [err(CODES.notFound, `Лицевой счёт ${guid} не найден в ГИС ЖКХ`)] };
      }
    }
    next.card = updateAfterValues(m.card, after);
    next.serial = serial ?? m.serial;
    next.model = txt(after, 'MeteringDeviceModel') ?? m.model;
    next.accountGuid = cardAccounts(next.card)[0]?.toLowerCase() ?? m.accountGuid;
  } else if (linked) {
    const guids = kids(linked, 'LinkedMeteringDeviceVersionGUID').map((e) => e.text.trim());
    for (const g of guids) if (!meterByVersion(c.db, g)) return { transportGuid, errors: [err(CODES.notFound, `Версия прибора учёта ${g} не найдена`)] };
    const stored = m.card.LinkedWithMetering?.[0];
    const placeXml = stored ? kid(parseFragment(stored).children[0], 'InstallationPlace') : undefined;
    const card: FieldBag = { ...m.card };
    delete card.NotLinkedWithMetering;
    card.LinkedWithMetering = [
      el('hm', 'LinkedWithMetering', (placeXml ? copyXml(placeXml) : leaf('hm', 'InstallationPlace', 'in')) + guids.map((g) => leaf('hm', 'LinkedMeteringDeviceVersionGUID', g)).join('')),
    ];
    next.card = card;
  } else if (archive) {
    Object.assign(next, { archived: true, archivedAt: c.now, archiveReason: JSON.stringify(nsiRefOf(kid(archive, 'ArchivingReason'))) });
  } else if (replace) {
    const replacing = txt(replace, 'ReplacingMeteringDeviceVersionGUID') ?? '';
    const other = meterByVersion(c.db, replacing);
    if (!other || other.archived || other.rootGuid === m.rootGuid) {
      return { transportGuid, errors: [err(CODES.notFound, `Заменяющий прибор учёта (версия ${replacing}) не найден среди действующих приборов учёта`)] };
    }
    const reason = c.db.get('SELECT code, guid, name FROM nsi_items WHERE registry = 21 AND code = ?', ['3']);
    Object.assign(next, {
      archived: true,
      archivedAt: c.now,
      replacedBy: other.rootGuid,
      archiveReason: reason ? JSON.stringify({ code: String(reason.code), guid: String(reason.guid), name: String(reason.name) }) : undefined,
    });
  }
  saveMeter(c.db, next);
  return outcome(transportGuid, next, c.now, false);
}

const importMeteringDeviceData: OperationHandler = {
  process(req, db) {
    const c: Ctx = { req, db, org: req.orgPPAGUID ?? req.senderId ?? '', now: mskDateTime(req.receivedAt), requestFias: txt(req.request, 'FIASHouseGuid') };
    const houseKnown = !c.requestFias || !!db.get('SELECT 1 FROM houses WHERE lower(fias_house_guid) = lower(?)', [c.requestFias]);
    const results = kids(req.request, 'MeteringDevice').map((d) => {
      const transportGuid = txt(d, 'TransportGUID') ?? '';
      let o: ItemOutcome;
      if (!houseKnown) o = { transportGuid, errors: [err(CODES.fiasUnknown, `Дом с идентификатором ФИАС ${c.requestFias} не размещён в ГИС ЖКХ`)] };
      else {
        const toCreate = kid(d, 'DeviceDataToCreate');
        o = toCreate ? create(c, transportGuid, toCreate) : update(c, transportGuid, kid(d, 'DeviceDataToUpdate')!);
      }
      return el('hm', 'CommonResult', commonResultContent(o));
    });
    return answer(el('hm', 'ImportResult', results.join(''), ' base:version="10.0.1.1"'));
  },
};

function meterXml(db: SandboxDb, m: MeterRow): string {
  const status = m.archived ? 'Archival' : 'Active';
  const owner = str(db.get('SELECT org_root_guid FROM organizations WHERE lower(org_ppa_guid) = lower(?)', [m.org])?.org_root_guid);
  return el(
    'hm',
    'exportMeteringDeviceDataResult',
    emitBag(m.card, CARD) +
      leaf('hm', 'MeteringDeviceRootGUID', m.rootGuid) +
      leaf('hm', 'StatusRootDoc', status) +
      leaf('hm', 'MeteringDeviceVersionGUID', m.versionGuid) +
      leaf('hm', 'VersionNumber', m.versionNumber) +
      leaf('hm', 'StatusVersion', status) +
      leaf('hm', 'UpdateDateTime', m.updatedAt) +
      (owner ? el('hm', 'MeteringOwner', leaf('organizations-registry-base', 'orgRootEntityGUID', owner)) : '') +
      leaf('hm', 'MeteringDeviceGISGKHNumber', m.uniqueNumber),
  );
}

const exportMeteringDeviceData: OperationHandler = {
  process(req, db) {
    const r = req.request;
    const org = req.orgPPAGUID ?? req.senderId ?? '';
    let found: MeterRow[];
    const root = txt(r, 'MeteringDeviceRootGUID');
    const version = txt(r, 'MeteringDeviceVersionGUID');
    if (root) found = [meterByRoot(db, root)].filter((m): m is MeterRow => !!m);
    else if (version) found = [meterByVersion(db, version)].filter((m): m is MeterRow => !!m);
    else {
      found = db.all('SELECT * FROM meters WHERE lower(fias_house_guid) = lower(?)', [txt(r, 'FIASHouseGuid') ?? '']).map(meterFromRow);
      const since = parseGisDate(txt(r, 'UpdateDateTime'));
      const type = nsiRefOf(kid(r, 'MeteringDeviceType'))?.code;
      const resource = nsiRefOf(kid(r, 'MunicipalResource'))?.code;
      const archived = txt(r, 'SearchArchived') === 'true' || txt(r, 'SearchArchived') === '1';
      const between = (v: string | undefined, from?: string, to?: string) =>
        (!from || (v !== undefined && v.slice(0, 10) >= from)) && (!to || (v !== undefined && v.slice(0, 10) <= to));
      found = found.filter(
        (m) =>
          (!kid(r, 'IsCurrentOrganization') || m.org.toLowerCase() === org.toLowerCase()) &&
          (since === undefined || (parseGisDate(m.updatedAt) ?? 0) >= since) &&
          (!type || m.deviceTypeCode === type) &&
          (!resource || m.resourceCodes.includes(resource)) &&
          (archived || !m.archived) &&
          between(m.archived ? m.archivedAt : undefined, txt(r, 'ArchiveDateFrom'), txt(r, 'ArchiveDateTo')) &&
          between(m.commissioningDate, txt(r, 'CommissioningDateFrom'), txt(r, 'CommissioningDateTo')),
      );
    }
    if (found.length === 0) return errorMessage(CODES.nothingToExport, 'Приборы учёта по указанным критериям не найдены');
    found.sort((a, b) => a.uniqueNumber.localeCompare(b.uniqueNumber));
    return answer(found.map((m) => meterXml(db, m)).join(''));
  },
};

export const meterHandlers: Record<string, OperationHandler> = {
  'house-management/importMeteringDeviceData': importMeteringDeviceData,
  'house-management/exportMeteringDeviceData': exportMeteringDeviceData,
};
