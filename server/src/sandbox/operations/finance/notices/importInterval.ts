import type { XmlElement } from '../../../../xml/xmlTree';
import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { settlementContract } from '../bills/settlementStore';
import { E, ItemError } from '../codes';
import { checkNsiRef } from '../lookups';
import { NS } from '../ns';
import { ItemOutcome, failed, importResults, ok } from '../result';
import { mskDateTime, newGuid, processedAt } from '../values';
import { kid, kids, txt } from '../xml';
import { changeable, checkFiasHouses, checkPeriod } from './noticeChecks';
import { noticeByGuid, saveNotice } from './noticeStore';

const TABLE = 'volume_quality_intervals';

/**
 * importInterval: a supplier places, corrects (the whole record again, with IntervalGuid) or annuls
 * information about interruptions and lowered quality of a communal service in houses.
 */
export function importInterval(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const stamp = mskDateTime(processedAt(req.receivedAt));
  const org = req.orgPPAGUID?.toLowerCase();
  const results: ItemOutcome[] = kids(req.request, NS.volumeQuality, 'importInterval').map((i) => apply(db, i, org, stamp));
  return importResults('vq:ImportResult', results);
}

function apply(db: SandboxDb, item: XmlElement, org: string | undefined, stamp: string): ItemOutcome {
  const transport = txt(item, NS.volumeQuality, 'TransportGuid') ?? '';
  const guid = txt(item, NS.volumeQuality, 'IntervalGuid');
  const base = kid(item, NS.volumeQuality, 'Base');
  const baseKind = txt(base, NS.volumeQuality, 'BaseKind');
  const contract = txt(base, NS.volumeQuality, 'ContractRootGUID') ?? '';
  const errors: ItemError[] = [];
  if (guid) {
    const problem = changeable(db, TABLE, guid, org, E.intervalNotFound);
    if (problem) return failed(transport, problem);
  }
  const annul = kid(item, NS.volumeQuality, 'AnnulmentInterval');
  if (annul) {
    if (!guid) return failed(transport, E.intervalNotFound('(IntervalGuid не указан)'));
    const n = noticeByGuid(db, TABLE, guid)!;
    saveNotice(db, TABLE, { ...n, annulmentReason: txt(annul, NS.volumeQuality, 'ReasonOfAnnulment') ?? '', updatedAt: stamp }, { baseKind, contractRootGuid: contract });
    return ok(transport, n.guid, stamp);
  }
  // Intervals under a supply contract need a contract the stand knows.
  if (baseKind === 'DRSO' && !settlementContract(db, contract)) errors.push(E.contractNotFound(contract));
  const load = kid(item, NS.volumeQuality, 'LoadInterval');
  const start = txt(load, NS.volumeQuality, 'StartDateAndTime');
  const end = txt(load, NS.volumeQuality, 'EndDateAndTime');
  const period = checkPeriod(start, end);
  if (period) errors.push(period);
  for (const [local, what, registry] of [
    ['MunicipalService', 'Коммунальная услуга', 3],
    ['RatedResource', 'Тарифицируемый ресурс', 239],
  ] as const) {
    const problem = checkNsiRef(db, kid(load, NS.volumeQuality, local), what, [registry]);
    if (problem) errors.push(problem);
  }
  const addresses = kids(load, NS.volumeQuality, 'AddressObject').map((a) => ({
    fiasHouseGuid: (txt(a, NS.volumeQuality, 'FIASHouseGuid') ?? '').toLowerCase(),
    apartment: txt(a, NS.volumeQuality, 'ApartmentNumber'),
    block: txt(a, NS.volumeQuality, 'BlockNumber'),
    room: txt(a, NS.volumeQuality, 'RoomNumber'),
  }));
  errors.push(...checkFiasHouses(db, addresses.map((a) => a.fiasHouseGuid)));
  if (errors.length) return failed(transport, ...errors);

  const id = guid?.toLowerCase() ?? newGuid();
  const body = {
    start,
    end,
    service: txt(kid(load, NS.volumeQuality, 'MunicipalService'), NS.nsiBase, 'GUID'),
    resource: txt(kid(load, NS.volumeQuality, 'RatedResource'), NS.nsiBase, 'GUID'),
    reason: txt(load, NS.volumeQuality, 'IntervalReason'),
    addresses,
  };
  saveNotice(db, TABLE, { guid: id, orgPPAGUID: org, body, updatedAt: stamp }, { baseKind, contractRootGuid: contract });
  return ok(transport, id, stamp);
}
