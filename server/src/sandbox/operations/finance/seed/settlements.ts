import type { SandboxDb } from '../../../operationHandler';
import { savePeriod, saveSettlement } from '../bills/settlementStore';
import { HEAT_CONTRACT, ORG } from './story';

/**
 * Settlements under contract ТС-118/2026 before the samples' import: September 2026 from the
 * heat supplier's side and from УК's (the payment it passed on). October comes with
 * importRSOSettlements.request.xml.
 */
export const HEAT_SETTLEMENT = '564e8e76-f191-4ad5-88c4-c6e934003787';

const SEPTEMBER_RSO = '<bills:Credted>1096402.15</bills:Credted><bills:Receipt>1021870.64</bills:Receipt><bills:Debts>74531.51</bills:Debts><bills:Overpayment>0.00</bills:Overpayment>';
const SEPTEMBER_IKU =
  '<bills:Paid>1021870.64</bills:Paid><bills:SupportingDocuments><base:Name>Реестр платёжных поручений УК Заволжье за сентябрь 2026.xlsx</base:Name>' +
  '<base:Description>Перечисления ООО «Тверская теплосеть» по договору ТС-118/2026 за сентябрь 2026</base:Description>' +
  '<base:Attachment><base:AttachmentGUID>f79884b6-cf86-416b-b334-f0da2a9351ff</base:AttachmentGUID></base:Attachment>' +
  '<base:AttachmentHASH>41748c74c3240bd220ec1a18d7eb2ebb9261f956c0648d51eb36a524817f13e6</base:AttachmentHASH></bills:SupportingDocuments>';

export function seedSettlements(db: SandboxDb): void {
  saveSettlement(db, { guid: HEAT_SETTLEMENT, contractRootGuid: HEAT_CONTRACT, orgPPAGUID: ORG.heat, updatedAt: '2026-10-19T11:40:03.512+03:00' });
  savePeriod(db, { settlementGuid: HEAT_SETTLEMENT, year: 2026, month: 9, side: 'RSO', infoXml: SEPTEMBER_RSO, status: 'Posted', updatedAt: '2026-10-19T11:40:03.512+03:00' });
  savePeriod(db, { settlementGuid: HEAT_SETTLEMENT, year: 2026, month: 9, side: 'IKU', infoXml: SEPTEMBER_IKU, status: 'Posted', updatedAt: '2026-10-21T09:05:47.260+03:00' });
}
