import type { XmlElement } from '../../../../xml/xmlTree';
import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { E, ItemError } from '../codes';
import { checkNsiRef } from '../lookups';
import { NS } from '../ns';
import { ItemOutcome, failed, importResults, ok } from '../result';
import { mskDateTime, newGuid, processedAt } from '../values';
import { kid, kids, texts, txt } from '../xml';
import { changeable, checkFiasHouses, checkHouses, checkPeriod } from './noticeChecks';
import { noticeByGuid, saveNotice } from './noticeStore';

const TABLE = 'outage_reports';

/**
 * importOutageReport: a supplier tells residents about an interruption (placing), corrects a
 * placed report (the data and objects again) or annuls it.
 */
export function importOutageReport(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const stamp = mskDateTime(processedAt(req.receivedAt));
  const org = req.orgPPAGUID?.toLowerCase();
  const results: ItemOutcome[] = kids(req.request, NS.outage, 'OutageReport').map((r) => apply(db, r, org, stamp));
  return importResults('outage:ImportResult', results);
}

function apply(db: SandboxDb, report: XmlElement, org: string | undefined, stamp: string): ItemOutcome {
  const transport = txt(report, NS.base, 'TransportGUID') ?? '';
  const annul = kid(report, NS.outage, 'AnnulmentOutageReport');
  if (annul) {
    const guid = txt(annul, NS.outage, 'OutageReportGUID') ?? '';
    const problem = changeable(db, TABLE, guid, org, E.outageNotFound);
    if (problem) return failed(transport, problem);
    const n = noticeByGuid(db, TABLE, guid)!;
    saveNotice(db, TABLE, { ...n, annulmentReason: txt(annul, NS.outage, 'AnnulmentReason') ?? '', updatedAt: stamp });
    return ok(transport, n.guid, stamp);
  }
  const edit = kid(report, NS.outage, 'EditOutageReport');
  const place = edit ?? kid(report, NS.outage, 'PlacingOutageReport');
  const errors: ItemError[] = [];
  const existing = edit ? txt(edit, NS.outage, 'OutageReportGUID') ?? '' : undefined;
  if (existing !== undefined) {
    const problem = changeable(db, TABLE, existing, org, E.outageNotFound);
    if (problem) return failed(transport, problem);
  }
  const data = kid(place, NS.outage, 'OutageReportData');
  const period = checkPeriod(txt(data, NS.outage, 'StartDate'), txt(data, NS.outage, 'EndDate'));
  if (period) errors.push(period);
  for (const [local, what, registry] of [
    ['OutageKind', 'Вид перерыва', 361],
    ['OutageReason', 'Причина перерыва', 360],
  ] as const) {
    const problem = checkNsiRef(db, kid(data, NS.outage, local), what, [registry]);
    if (problem) errors.push(problem);
  }
  const objects = kid(place, NS.outage, 'OutageReportObjects');
  const houses = kid(objects, NS.outage, 'Houses');
  errors.push(...checkFiasHouses(db, texts(houses, NS.outage, 'FiasHouseGUID')), ...checkHouses(db, texts(houses, NS.outage, 'HouseGUID')));
  if (errors.length) return failed(transport, ...errors);

  const guid = existing?.toLowerCase() ?? newGuid();
  const body = {
    type: txt(data, NS.outage, 'OutageType'),
    services: texts(kid(data, NS.outage, 'ServiceCodes'), NS.outage, 'ServiceCode'),
    start: txt(data, NS.outage, 'StartDate'),
    end: txt(data, NS.outage, 'EndDate'),
    kind: txt(kid(data, NS.outage, 'OutageKind'), NS.nsiBase, 'GUID'),
    reason: txt(kid(data, NS.outage, 'OutageReason'), NS.nsiBase, 'GUID'),
    objects: (objects?.children[0]?.children ?? []).map((o) => ({ kind: o.local, guid: o.text.trim().toLowerCase() })),
  };
  saveNotice(db, TABLE, { guid, orgPPAGUID: org, body, updatedAt: stamp });
  return ok(transport, guid, stamp);
}
