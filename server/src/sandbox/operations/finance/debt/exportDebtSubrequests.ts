import type { SqlValue } from '../../../../journal/sqlEngine';
import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { E } from '../codes';
import { NS } from '../ns';
import { answer, errorMessage } from '../result';
import { el, kid, kids, leaf, texts, txt } from '../xml';
import { subrequestXml } from './subrequestXml';
import { Subrequest, subrequestsWhere } from './subrequestStore';

/** Subrequests come a page of 100 at a time when chosen by period. */
const PAGE = 100;

/**
 * exportDebtSubrequests: the subrequests addressed to the requesting organisation, by GUIDs or
 * numbers (the ones not found are listed), or by sending period with house, request and answer
 * states, a page at a time.
 */
export function exportDebtSubrequests(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const r = req.request;
  const withResponses = txt(r, NS.drs, 'includeResponses') !== 'false';
  const mine = (list: Subrequest[]) => list.filter((s) => !req.orgPPAGUID || !s.recipientOrgPPAGUID || s.recipientOrgPPAGUID === req.orgPPAGUID.toLowerCase());

  const guids = texts(r, NS.drs, 'subrequestGUID');
  const numbers = texts(r, NS.drs, 'requestNumber');
  if (guids.length || numbers.length) {
    const byGuid = guids.length > 0;
    const asked = byGuid ? guids : numbers;
    const found = mine(subrequestsWhere(db, `${byGuid ? 'subrequest_guid' : 'request_number'} IN (${asked.map(() => (byGuid ? 'lower(?)' : '?')).join(', ')})`, asked));
    const missing = asked.filter((a) => !found.some((s) => (byGuid ? s.guid === a.toLowerCase() : s.info.requestNumber === a)));
    if (!found.length) return errorMessage(E.nothingToExport());
    return answer(
      el(
        'drs:exportDSRsResult',
        found.map((s) => subrequestXml(s, withResponses)),
        missing.length ? el('drs:notFound', missing.map((m) => leaf(byGuid ? 'drs:subrequestGUID' : 'drs:requestNumber', m))) : '',
      ),
    );
  }

  const period = kid(r, NS.drs, 'periodOfSendingRequest');
  const where = ['sent_date >= ?', 'sent_date <= ?'];
  const params: SqlValue[] = [txt(period, NS.base, 'startDate') ?? '0000-01-01', txt(period, NS.base, 'endDate') ?? '9999-12-31'];
  const houses = texts(r, NS.drs, 'houseGUID');
  if (houses.length) {
    const marks = houses.map(() => 'lower(?)').join(', ');
    where.push(`(house_guid IN (${marks}) OR fias_house_guid IN (${marks}))`);
    params.push(...houses, ...houses);
  }
  const objects = kids(r, NS.drs, 'exportHMObjectGUID').map((o) => txt(o, NS.drs, 'HMobjectGUID') ?? '');
  if (objects.length) {
    where.push(`hm_object_guid IN (${objects.map(() => 'lower(?)').join(', ')})`);
    params.push(...objects);
  }
  const status = txt(r, NS.drs, 'requestStatus');
  if (status) {
    where.push('status = ?');
    params.push(status);
  }
  const answers = texts(r, NS.drs, 'responseStatus');
  if (answers.length) {
    where.push(`response_status IN (${answers.map(() => '?').join(', ')})`);
    params.push(...answers);
  }
  let all = mine(subrequestsWhere(db, where.join(' AND '), params));
  const from = txt(r, NS.drs, 'exportSubrequestGUID')?.toLowerCase();
  if (from) {
    const at = all.findIndex((s) => s.guid === from);
    all = at >= 0 ? all.slice(at) : [];
  }
  if (!all.length) return errorMessage(E.nothingToExport());
  const page = all.slice(0, PAGE);
  const paged = all.length > PAGE ? leaf('drs:nextSubrequestGUID', all[PAGE].guid) : leaf('drs:lastPage', 'true');
  return answer(el('drs:exportDSRsResult', page.map((s) => subrequestXml(s, withResponses)), el('drs:pagedOutput', paged)));
}
