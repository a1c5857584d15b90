import type { ProcessedResult, SandboxDb, SandboxRequest } from '../../../operationHandler';
import { E } from '../codes';
import { NS } from '../ns';
import { answer, errorMessage } from '../result';
import { int, periodKey, sameGuid } from '../values';
import { el, kid, leaf, texts, txt } from '../xml';
import { Settlement, periodsOf, settlementContract } from './settlementStore';

/**
 * exportSettlements: settlement records by contract or record GUIDs, or by contract number, the
 * other party and a span of reporting periods. Periods outside the span are left out.
 */
export function exportSettlements(req: SandboxRequest, db: SandboxDb): ProcessedResult {
  const r = req.request;
  const contracts = texts(r, NS.bills, 'ContractRootGUID').map((g) => g.toLowerCase());
  const guids = texts(r, NS.bills, 'SettlementGUID').map((g) => g.toLowerCase());
  const number = txt(r, NS.bills, 'ContractNumber');
  const party = txt(kid(r, NS.bills, 'OtherContractParty'), NS.orgRegistryBase, 'orgRootEntityGUID');
  const period = kid(r, NS.bills, 'Period');
  const bound = (name: string, fallback: number) => {
    const p = kid(period, NS.bills, name);
    const y = int(txt(p, NS.base, 'Year'));
    const m = int(txt(p, NS.base, 'Month'));
    return y !== undefined && m !== undefined ? periodKey(y, m) : fallback;
  };
  const from = bound('PeriodFrom', 0);
  const to = bound('PeriodTo', Number.MAX_SAFE_INTEGER);

  const records = db.all('SELECT * FROM settlements ORDER BY updated_at').map((s) => ({
    guid: String(s.guid),
    contractRootGuid: String(s.contract_root_guid),
    annulmentReason: s.annulment_reason === null ? undefined : String(s.annulment_reason),
  })) as Pick<Settlement, 'guid' | 'contractRootGuid' | 'annulmentReason'>[];
  const chosen = records.filter((s) => {
    if (contracts.length) return contracts.includes(s.contractRootGuid);
    if (guids.length) return guids.includes(s.guid);
    const c = settlementContract(db, s.contractRootGuid);
    if (number && c?.contractNumber !== number) return false;
    if (party && !sameGuid(c?.rsoOrgRootGuid, party) && !sameGuid(c?.ikuOrgRootGuid, party)) return false;
    return true;
  });
  if (!chosen.length) return errorMessage(E.nothingToExport());
  return answer(
    chosen
      .map((s) =>
        el(
          'bills:Settlement',
          leaf('bills:SettlementGUID', s.guid),
          el('bills:Contract', leaf('bills:ContractRootGUID', s.contractRootGuid)),
          periodsOf(db, s.guid)
            .filter((p) => periodKey(p.year, p.month) >= from && periodKey(p.year, p.month) <= to)
            .map((p) =>
              el(
                'bills:ReportingPeriod',
                leaf('base:Month', p.month),
                leaf('base:Year', p.year),
                el(p.side === 'RSO' ? 'bills:ReportPeriodRSOInfo' : 'bills:ReportPeriodIKUInfo', p.infoXml),
                el('bills:ReportPeriodStatus', leaf('bills:Status', p.status), leaf('bills:ReasonOfAnnulment', p.annulmentReason?.slice(0, 1000))),
              ),
            ),
          s.annulmentReason !== undefined ? el('bills:Annuled', leaf('bills:ReasonOfAnnulment', s.annulmentReason.slice(0, 1000) || 'Аннулировано')) : '',
        ),
      )
      .join(''),
  );
}
