import type { SandboxDb } from '../../../operationHandler';
import { saveSubrequest } from '../debt/subrequestStore';
import type { SubrequestInfo } from '../debt/subrequestStore';
import { HOUSE, ORG } from './story';

/**
 * Debt subrequests addressed to УК Заволжье in November 2026 (samples/debt-requests): two
 * unanswered (social support for flat 14, the district court for flat 38) and one answered with a
 * debt from the registry of debts.
 */

const SOCIAL = { rootGuid: '8dcec755-60d3-4a49-9669-e879ca01299a', name: 'ГКУ Тверской области «Центр социальной поддержки населения» Заволжского района г. Твери', tel: '+7 (4822) 41-26-09' };
const COURT = { rootGuid: '92a6dc7f-9b1a-4c23-b39c-8f42822b6079', name: 'Заволжский районный суд г. Твери', tel: '+7 (4822) 52-17-40' };
const BELOVA = { guid: '9f910129-096e-48f3-9e2c-f954ad3fbf51', fio: 'Белова Ольга Геннадьевна' };
const ADDRESS = 'обл. Тверская, г. Тверь, ул. Софьи Перовской, д. 12';

function flat(hmObjectGuid: string, n: string): SubrequestInfo['object'] {
  return { hmObjectGuid, addressType: 'Apartment', fiasHouseGuid: HOUSE.perovskoy12, address: `${ADDRESS}, кв. ${n}` };
}

/** The registry's record of Кузнецов И. П.'s debt (debtGUID), as answers show it. */
export const KUZNETSOV_DEBT_GUID = '15d25b5f-b852-4647-a1d8-d5a175b68b20';
const KUZNETSOV_DEBT =
  '<drs:debtInfo><drs:person><drs:firstName>Игорь</drs:firstName><drs:lastName>Кузнецов</drs:lastName><drs:middleName>Павлович</drs:middleName>' +
  '<drs:snils>14567832900</drs:snils><drs:document><drs:type><nsi-base:Code>1</nsi-base:Code><nsi-base:GUID>d22efe01-0501-4ffa-9c60-afe229506ec6</nsi-base:GUID>' +
  '<nsi-base:Name>Паспорт гражданина Российской Федерации</nsi-base:Name></drs:type><drs:series>28 19</drs:series><drs:number>604311</drs:number></drs:document></drs:person>' +
  '<drs:document><drs:type><nsi-base:Code>1</nsi-base:Code><nsi-base:GUID>a4e30b52-3c96-400d-9cf9-fc5f2a00cc37</nsi-base:GUID><nsi-base:Name>Судебный акт</nsi-base:Name></drs:type>' +
  '<drs:attachment><base:Name>Решение 2-1873-2026 Кузнецов.pdf</base:Name><base:Description>Решение о взыскании долга за содержание жилья и коммунальные услуги, кв. 38</base:Description>' +
  '<base:Attachment><base:AttachmentGUID>955c7218-31fb-4cb3-aae0-5c1f3d5c6001</base:AttachmentGUID></base:Attachment>' +
  '<base:AttachmentHASH>0a691b14460ef993ba25e8bba80759e21f81588e351b5367b5bda940961a867c</base:AttachmentHASH></drs:attachment>' +
  `<drs:debtGUID>${KUZNETSOV_DEBT_GUID}</drs:debtGUID><drs:actType><drs:number>2-1873/2026</drs:number><drs:date>2026-08-18</drs:date>` +
  '<drs:judicalActDatePronouncing>2026-07-14</drs:judicalActDatePronouncing></drs:actType></drs:document></drs:debtInfo>';

const ANSWERED =
  '<drs:hasDebt>true</drs:hasDebt>' +
  KUZNETSOV_DEBT +
  '<drs:description>Долг за период 01.06.2025–31.03.2026 взыскан решением Заволжского районного суда г. Твери по делу 2-1873/2026; исполнительное производство не окончено.</drs:description>' +
  '<drs:executorInfo><drs:GUID>888b5f82-0526-4ecd-9eef-64ce6cff0890</drs:GUID><drs:fio>Григорьева Татьяна Викторовна</drs:fio></drs:executorInfo>';

export function seedDebts(db: SandboxDb): void {
  db.run('INSERT OR IGNORE INTO debt_registry (debt_guid, org_ppa_guid, debt_info_xml) VALUES (?, ?, ?)', [KUZNETSOV_DEBT_GUID, ORG.uk, KUZNETSOV_DEBT]);
  const common = { recipientOrgPPAGUID: ORG.uk };
  saveSubrequest(db, {
    ...common,
    guid: '343014a1-840a-4226-b924-4750faf7ea57',
    info: {
      requestGuid: '0b454d36-2e49-42e4-be4e-f862c5af4212',
      requestNumber: '69-2026-0184512',
      organization: SOCIAL,
      object: flat('1b82f476-af8d-4eac-bcf9-254c22f82bdb', '14'),
      period: { start: '2023-11-01', end: '2026-10-31' },
      executor: BELOVA,
    },
    status: 'Sent',
    sentDate: '2026-11-19',
    responseDate: '2026-11-24',
    responseStatus: 'NotSent',
    updatedAt: '2026-11-19T10:02:11.406+03:00',
  });
  saveSubrequest(db, {
    ...common,
    guid: '3f4e432d-72aa-4dca-a33f-24de6eb66634',
    info: {
      requestGuid: '81defdda-affc-46df-9d70-54b7cdc550e8',
      requestNumber: '69-2026-0186077',
      organization: COURT,
      object: flat('b210a909-027f-41d1-b869-2611b2ab1db4', '38'),
      period: { start: '2025-01-01', end: '2026-10-31' },
      executor: { guid: '757449c0-2270-4ac6-b67c-cb116925eaf9', fio: 'Лебедева Ксения Олеговна' },
    },
    status: 'Sent',
    sentDate: '2026-11-20',
    responseDate: '2026-11-25',
    responseStatus: 'NotSent',
    updatedAt: '2026-11-20T14:37:52.118+03:00',
  });
  saveSubrequest(db, {
    ...common,
    guid: '812e4cf6-9f20-4a3e-9cfc-e9fdc4158cc8',
    info: {
      requestGuid: '69089438-bed8-42b1-a5ce-e42f88fbda01',
      requestNumber: '69-2026-0171930',
      organization: SOCIAL,
      object: flat('b210a909-027f-41d1-b869-2611b2ab1db4', '38'),
      period: { start: '2023-11-01', end: '2026-10-31' },
      executor: BELOVA,
    },
    status: 'Processed',
    sentDate: '2026-11-05',
    responseDate: '2026-11-10',
    responseStatus: 'Sent',
    responseGuid: '0e7c4a19-3b58-4d62-9f0a-6d2e8b1c5a73',
    responseXml: ANSWERED,
    updatedAt: '2026-11-09T16:20:45.774+03:00',
  });
}
