import type { SandboxDb } from '../../operationHandler';
import { stableGuid } from '../common';
import { HOUSE } from './houseSeed';
import { ORG } from './orgSeed';

/**
 * The temporary heat-supply contract of ООО «Тверская теплосеть» with the УК for the start of the
 * heating season (October 2026), which samples/house-management/importSupplyResourceContractData
 * terminates (root 3ede5cc3) when the yearly one, ТС-118/2026, is placed. Signed in October, so
 * the sample export (contracts signed 01.10–23.11.2026) finds it on a fresh stand too.
 */
export const OLD_HEAT_CONTRACT = { root: '3ede5cc3-2e40-4e65-8ee1-96110fe9726c', guid: stableGuid('contract:ts-101:v1') };

const DATA = `<hm:IsContract><hm:ContractNumber>ТС-101/2026</hm:ContractNumber><hm:SigningDate>2026-10-02</hm:SigningDate>
  <hm:EffectiveDate>2026-10-01</hm:EffectiveDate><hm:ContractAttachment><base:Name>Договор ТС-101-2026.pdf</base:Name>
  <base:Description>Временный договор теплоснабжения на начало отопительного сезона</base:Description><base:Attachment>
  <base:AttachmentGUID>${stableGuid('attachment:ts-101')}</base:AttachmentGUID></base:Attachment></hm:ContractAttachment></hm:IsContract>
  <hm:ComptetionDate>2026-12-31</hm:ComptetionDate>
  <hm:ContractBase><nsi-base:Code>1</nsi-base:Code><nsi-base:GUID>c92277cc-3d94-474f-b663-94d629b9c766</nsi-base:GUID><nsi-base:Name>Договор управления</nsi-base:Name></hm:ContractBase>
  <hm:Organization><organizations-registry-base:orgRootEntityGUID>${ORG.uk.root}</organizations-registry-base:orgRootEntityGUID></hm:Organization>
  <hm:IsPlannedVolume>false</hm:IsPlannedVolume>
  <hm:ContractSubject><hm:ServiceType><nsi-base:Code>6</nsi-base:Code><nsi-base:GUID>3c858465-c835-4154-859b-5f4000a84170</nsi-base:GUID><nsi-base:Name>Отопление</nsi-base:Name></hm:ServiceType>
  <hm:MunicipalResource><nsi-base:Code>5</nsi-base:Code><nsi-base:GUID>f4796e59-8512-481e-ae0b-c2c64433f1cd</nsi-base:GUID><nsi-base:Name>Тепловая энергия</nsi-base:Name></hm:MunicipalResource>
  <hm:StartSupplyDate>2026-10-01</hm:StartSupplyDate><base:TransportGUID>${stableGuid('contract:ts-101:subject')}</base:TransportGUID></hm:ContractSubject>
  <hm:CountingResource>R</hm:CountingResource><hm:SpecifyingQualityIndicators>D</hm:SpecifyingQualityIndicators>
  <hm:ObjectAddress><hm:HouseType>MKD</hm:HouseType><hm:FIASHouseGuid>${HOUSE.perovskoy.fias}</hm:FIASHouseGuid>
  <base:TransportGUID>${stableGuid('contract:ts-101:object')}</base:TransportGUID><hm:Pair><hm:PairKey>${stableGuid('contract:ts-101:subject')}</hm:PairKey>
  <hm:StartSupplyDate>2026-10-01</hm:StartSupplyDate></hm:Pair></hm:ObjectAddress>
  <hm:BillingDate><hm:Date>5</hm:Date><hm:DateType>N</hm:DateType></hm:BillingDate>
  <hm:PaymentDate><hm:Date>15</hm:Date><hm:DateType>N</hm:DateType></hm:PaymentDate>`;

export function seedContracts(db: SandboxDb): void {
  db.run(
    `INSERT INTO supply_contracts (contract_root_guid, contract_guid, org_ppa_guid, number, signing_date, effective_date, completion_date,
       version_number, version_status, houses, subjects, data, terminate, annulment, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, '2026-12-31', 1, 'Posted', ?, ?, ?, NULL, NULL, ?)`,
    [
      OLD_HEAT_CONTRACT.root,
      OLD_HEAT_CONTRACT.guid,
      ORG.teploset.ppa,
      'ТС-101/2026',
      '2026-10-02',
      '2026-10-01',
      `,${HOUSE.perovskoy.fias},`,
      ',6:5,',
      DATA.replace(/>\s+</g, '><'),
      '2026-10-02T16:02:11+03:00',
    ],
  );
}
