import type { XmlElement } from '../../../../xml/xmlTree';
import { walk } from '../../../../xml/xmlTree';
import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { E, ItemError } from '../codes';
import { checkNsiRef } from '../lookups';
import { NS } from '../ns';
import { ItemOutcome, failed, importResults, ok } from '../result';
import { mskDateTime, newGuid, processedAt, sameGuid } from '../values';
import { el, kid, kids, leaf, rewrite, txt } from '../xml';
import { saveSubrequest, subrequestByGuid } from './subrequestStore';

/**
 * importResponses: answers to debt subrequests (Send) and their withdrawal (Revoke). An answer
 * says whether there is a debt confirmed by a court; when there is, the debtors come described
 * (debtInfo) or as references to the registry of debts (debtGUID).
 */
export function importResponses(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const stamp = mskDateTime(processedAt(req.receivedAt));
  const org = req.orgPPAGUID?.toLowerCase();
  const results: ItemOutcome[] = kids(req.request, NS.drs, 'action').map((a) => act(db, a, org, stamp));
  return importResults('drs:importResult', results);
}

function act(db: SandboxDb, a: XmlElement, org: string | undefined, stamp: string): ItemOutcome {
  const transport = txt(a, NS.base, 'TransportGUID') ?? '';
  const guid = txt(a, NS.drs, 'subrequestGUID') ?? '';
  const s = subrequestByGuid(db, guid);
  if (!s) return failed(transport, E.subrequestNotFound(guid));
  if (s.recipientOrgPPAGUID && org && !sameGuid(s.recipientOrgPPAGUID, org)) return failed(transport, E.subrequestOfOtherOrg(guid));

  if (txt(a, NS.drs, 'actionType') === 'Revoke') {
    if (s.responseStatus !== 'Sent' || !s.responseGuid) return failed(transport, E.nothingToRevoke(guid));
    saveSubrequest(db, { ...s, status: 'Sent', responseStatus: 'NotSent', responseXml: undefined, updatedAt: stamp });
    return ok(transport, s.responseGuid, stamp);
  }

  const data = kid(a, NS.drs, 'responseData');
  if (!data) return failed(transport, E.responseDataMissing(guid));
  if (s.responseStatus === 'Sent') return failed(transport, E.responseAlreadySent(guid));
  const built = responseXml(db, data);
  if (Array.isArray(built)) return failed(transport, ...built);
  const responseGuid = newGuid();
  saveSubrequest(db, { ...s, status: 'Processed', responseStatus: 'Sent', responseGuid, responseXml: built, updatedAt: stamp });
  return ok(transport, responseGuid, stamp);
}

/** The answer as drs:responseData of the export (ExportDSRResponseType's content), or what is wrong with it. */
function responseXml(db: SandboxDb, data: XmlElement): string | ItemError[] {
  const hasDebt = txt(data, NS.drs, 'hasDebt') === 'true' || txt(data, NS.drs, 'hasDebt') === '1';
  const described = kids(data, NS.drs, 'debtInfo');
  const referenced = kids(data, NS.drs, 'debtGUID').map((d) => d.text.trim());
  const errors: ItemError[] = [];
  if (hasDebt !== (described.length + referenced.length > 0)) errors.push(E.debtInfoMismatch(hasDebt));
  const registry: string[] = [];
  for (const g of referenced) {
    const r = db.get('SELECT debt_info_xml FROM debt_registry WHERE debt_guid = lower(?)', [g]);
    if (r) registry.push(String(r.debt_info_xml));
    else errors.push(E.debtNotFound(g));
  }
  for (const d of described) {
    walk(d, (e) => {
      if (e.ns !== NS.drs || e.local !== 'type') return undefined;
      const personal = e.parent?.parent?.local === 'person';
      const problem = checkNsiRef(db, e, personal ? 'Вид документа, удостоверяющего личность' : 'Вид документа о задолженности', [personal ? 95 : 358]);
      if (problem) errors.push(problem);
      return false;
    });
  }
  if (errors.length) return errors;
  const executor = txt(data, NS.drs, 'executorGUID') ?? '';
  const fio = db.get('SELECT fio FROM fin_executors WHERE guid = lower(?)', [executor])?.fio;
  return [
    leaf('drs:hasDebt', hasDebt ? 'true' : 'false'),
    described.map(rewrite).join(''),
    registry.join(''),
    kids(data, NS.drs, 'additionalFile').map(rewrite).join(''),
    leaf('drs:description', txt(data, NS.drs, 'description')),
    el('drs:executorInfo', leaf('drs:GUID', executor), leaf('drs:fio', fio === undefined || fio === null ? 'Сотрудник организации' : String(fio))),
  ].join('');
}
