import type { XmlElement } from '../../../../xml/xmlTree';
import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { E, ItemError, periodText } from '../codes';
import { NS } from '../ns';
import { ItemOutcome, failed, importResults, ok } from '../result';
import { mskDateTime, int, newGuid, processedAt, sameGuid } from '../values';
import { kid, kids, rewrite, txt } from '../xml';
import { Settlement, periodsOf, savePeriod, saveSettlement, settlementByGuid, settlementContract, settlementOfContract } from './settlementStore';

/**
 * importRSOSettlements: a resource supplier posts the state of settlements under a supply
 * contract, per reporting period, or annuls a period or the whole record. A contract has one
 * record: posting without SettlementGUID for a contract that has one adds to it.
 */
export function importRSOSettlements(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const stamp = mskDateTime(processedAt(req.receivedAt));
  const org = req.orgPPAGUID?.toLowerCase();
  const results: ItemOutcome[] = kids(req.request, NS.bills, 'importSettlement').map((item) => apply(db, item, org, stamp));
  return importResults('bills:ImportResult', results);
}

function apply(db: SandboxDb, item: XmlElement, org: string | undefined, stamp: string): ItemOutcome {
  const transport = txt(item, NS.base, 'TransportGUID') ?? '';
  const guid = txt(item, NS.bills, 'SettlementGUID');
  const body = kid(item, NS.bills, 'Settlement');
  const contractGuid = txt(kid(body, NS.bills, 'Contract'), NS.bills, 'ContractRootGUID');

  let record: Settlement | undefined;
  if (guid) {
    record = settlementByGuid(db, guid);
    if (!record) return failed(transport, E.settlementNotFound(guid));
    if (record.annulmentReason) return failed(transport, E.alreadyAnnulled(guid));
    if (contractGuid && !sameGuid(contractGuid, record.contractRootGuid)) return failed(transport, E.contractNotFound(contractGuid));
  } else {
    if (!body) return failed(transport, E.settlementNotFound('(SettlementGUID не указан)'));
    if (!contractGuid) return failed(transport, E.contractRequired());
    if (!settlementContract(db, contractGuid)) return failed(transport, E.contractNotFound(contractGuid));
    record = settlementOfContract(db, contractGuid) ?? { guid: newGuid(), contractRootGuid: contractGuid.toLowerCase(), orgPPAGUID: org, updatedAt: stamp };
  }
  if (record.orgPPAGUID && org && !sameGuid(record.orgPPAGUID, org)) return failed(transport, E.orgOfOtherRecord(record.guid));

  const annul = kid(item, NS.bills, 'AnnulmentSettlement');
  if (annul) {
    saveSettlement(db, { ...record, annulmentReason: txt(annul, NS.bills, 'ReasonOfAnnulment') ?? '', updatedAt: stamp });
    return ok(transport, record.guid, stamp);
  }
  const errors: ItemError[] = [];
  const posted = periodsOf(db, record.guid).filter((p) => p.side === 'RSO' && p.status === 'Posted');
  const changes = kids(body, NS.bills, 'ReportingPeriod').map((p) => {
    const year = int(txt(p, NS.base, 'Year')) ?? 0;
    const month = int(txt(p, NS.base, 'Month')) ?? 0;
    const info = kid(p, NS.bills, 'ReportingPeriodInfo');
    const annulment = kid(p, NS.bills, 'AnnulmentReportingPeriod');
    const prior = posted.find((x) => x.year === year && x.month === month);
    if (annulment && !prior) errors.push(E.periodNotPosted(periodText(year, month)));
    return { year, month, info, annulment, prior };
  });
  if (errors.length) return failed(transport, ...errors);

  saveSettlement(db, { ...record, updatedAt: stamp });
  for (const c of changes) {
    if (c.annulment && c.prior) {
      savePeriod(db, { ...c.prior, status: 'Annul', annulmentReason: txt(c.annulment, NS.bills, 'ReasonOfAnnulment'), updatedAt: stamp });
    } else if (c.info) {
      savePeriod(db, { settlementGuid: record.guid, year: c.year, month: c.month, side: 'RSO', infoXml: c.info.children.map(rewrite).join(''), status: 'Posted', updatedAt: stamp });
    }
  }
  return ok(transport, record.guid, stamp);
}
