import type { SandboxDb } from '../../operationHandler';
import { stableGuid } from '../common';
import { bagFromFragment } from '../xml';
import { HOUSE, PREMISES } from './houseSeed';
import { ORG } from './orgSeed';

/**
 * Personal accounts of the story. ЕЛС (10 characters) and ЖКУ identifiers (ЕЛС + "-NN") are the
 * ones samples/ name (kv. 9, 14, 22, 27); a ЖКУ identifier the samples use as unknown
 * (69ПД041890-01, samples/payment) is deliberately not given to anyone.
 */
export const ACCOUNT = {
  kv9: 'cda49fb9-b2dc-4b3d-8ed8-96ce196779d2',
  kv14: '530e2cae-4b52-4294-aa27-467ebdddc119',
  kv14rso: '680fa1d0-e529-4f92-b738-8d7eed6761ae',
  kv22room2: '81d12c29-5b16-4770-a686-e7164f88edd1',
  kv22room1: stableGuid('account:22-0144'),
  kv27: stableGuid('account:27-0133'),
  kv31: stableGuid('account:31-0139'),
  tsanovaKv12: stableGuid('account:12-0412'),
} as const;

/** The management contract of ул. Софьи Перовской, 12 (the accounts' reason, samples/house-management). */
export const MANAGEMENT_CONTRACT = '53f30eb5-d57e-4540-ab60-584ea966938c';

interface AccountSeed {
  guid: string;
  number: string;
  els: string;
  zhku: string;
  house: string;
  premises: string;
  org: string;
  kind: 'UO' | 'RSO';
  created: string;
  /** Accommodation element name for `premises`. */
  place: 'PremisesGUID' | 'LivingRoomGUID';
  persons: number;
  squares: [string, string, string];
  payer: string;
}

const ind = (surname: string, first: string, patronymic: string, sex: 'M' | 'F', birth: string, tail = '') =>
  `<hm:Ind><individual-registry-base:Surname>${surname}</individual-registry-base:Surname><individual-registry-base:FirstName>${first}</individual-registry-base:FirstName>` +
  `<individual-registry-base:Patronymic>${patronymic}</individual-registry-base:Patronymic><hm:Sex>${sex}</hm:Sex><hm:DateOfBirth>${birth}</hm:DateOfBirth>${tail}</hm:Ind>`;

const SNILS = (s: string) => `<individual-registry-base:SNILS>${s}</individual-registry-base:SNILS>`;

const PASSPORT =
  '<individual-registry-base:ID><individual-registry-base:Type><nsi-base:Code>1</nsi-base:Code><nsi-base:GUID>5b7e1a3e-5e24-4aac-ab37-f7574b7fce8d</nsi-base:GUID>' +
  '<nsi-base:Name>Паспорт гражданина Российской Федерации</nsi-base:Name></individual-registry-base:Type><individual-registry-base:Series>28 13</individual-registry-base:Series>' +
  '<individual-registry-base:Number>604217</individual-registry-base:Number><individual-registry-base:IssueDate>2014-01-22</individual-registry-base:IssueDate></individual-registry-base:ID>';

const CREATED = '2019-02-11T14:06:33+03:00';

const ACCOUNTS: AccountSeed[] = [
  { guid: ACCOUNT.kv9, number: '09-0119', els: '69ПД041868', zhku: '69ПД041868-01', house: HOUSE.perovskoy.fias, premises: PREMISES.kv9, org: ORG.uk.ppa, kind: 'UO', created: CREATED, place: 'PremisesGUID', persons: 2, squares: ['44.6', '30.2', '44.6'], payer: ind('Воронцов', 'Игорь', 'Павлович', 'M', '1979-04-17', SNILS('11223344595')) },
  { guid: ACCOUNT.kv14, number: '14-0127', els: '69ПД041873', zhku: '69ПД041873-01', house: HOUSE.perovskoy.fias, premises: PREMISES.kv14, org: ORG.uk.ppa, kind: 'UO', created: CREATED, place: 'PremisesGUID', persons: 3, squares: ['54.3', '37.9', '54.3'], payer: ind('Лаврентьева', 'Ольга', 'Николаевна', 'F', '1968-12-05', PASSPORT) },
  { guid: ACCOUNT.kv14rso, number: '700214', els: '69ПД041873', zhku: '69ПД041873-02', house: HOUSE.perovskoy.fias, premises: PREMISES.kv14, org: ORG.teploset.ppa, kind: 'RSO', created: '2021-01-18T09:30:00+03:00', place: 'PremisesGUID', persons: 3, squares: ['54.3', '37.9', '54.3'], payer: ind('Лаврентьева', 'Ольга', 'Николаевна', 'F', '1968-12-05', PASSPORT) },
  { guid: ACCOUNT.kv22room2, number: '22-0145', els: '69ПД041882', zhku: '69ПД041882-01', house: HOUSE.perovskoy.fias, premises: PREMISES.kv22room2, org: ORG.uk.ppa, kind: 'UO', created: CREATED, place: 'LivingRoomGUID', persons: 1, squares: ['27.2', '22.8', '27.2'], payer: ind('Голубева', 'Нина', 'Сергеевна', 'F', '1951-07-30') },
  { guid: ACCOUNT.kv22room1, number: '22-0144', els: '69ПД041881', zhku: '69ПД041881-01', house: HOUSE.perovskoy.fias, premises: PREMISES.kv22room1, org: ORG.uk.ppa, kind: 'UO', created: CREATED, place: 'LivingRoomGUID', persons: 2, squares: ['22.3', '18.7', '22.3'], payer: ind('Осипов', 'Денис', 'Андреевич', 'M', '1990-03-12', SNILS('15975364217')) },
  { guid: ACCOUNT.kv27, number: '27-0133', els: '69ПД041886', zhku: '69ПД041886-01', house: HOUSE.perovskoy.fias, premises: PREMISES.kv27, org: ORG.uk.ppa, kind: 'UO', created: CREATED, place: 'PremisesGUID', persons: 2, squares: ['44.8', '30.5', '44.8'], payer: ind('Белова', 'Татьяна', 'Игоревна', 'F', '1983-10-09') },
  { guid: ACCOUNT.kv31, number: '31-0139', els: '69ПД041889', zhku: '69ПД041889-01', house: HOUSE.perovskoy.fias, premises: PREMISES.kv31, org: ORG.uk.ppa, kind: 'UO', created: CREATED, place: 'PremisesGUID', persons: 4, squares: ['54.1', '37.7', '54.1'], payer: ind('Кузьмин', 'Артём', 'Олегович', 'M', '1975-05-21') },
  { guid: ACCOUNT.tsanovaKv12, number: '12-0412', els: '69ПД052311', zhku: '69ПД052311-01', house: HOUSE.tsanova.fias, premises: PREMISES.tsanovaKv12, org: ORG.uk.ppa, kind: 'UO', created: '2026-01-12T10:20:00+03:00', place: 'PremisesGUID', persons: 3, squares: ['47.3', '31.0', '47.3'], payer: ind('Зайцева', 'Марина', 'Львовна', 'F', '1987-08-14') },
];

export function seedAccounts(db: SandboxDb): void {
  for (const a of ACCOUNTS) {
    const flag = a.kind === 'UO' ? '<hm:isUOAccount>true</hm:isUOAccount>' : '<hm:isRSOAccount>true</hm:isRSOAccount>';
    const data =
      flag +
      `<hm:LivingPersonsNumber>${a.persons}</hm:LivingPersonsNumber><hm:TotalSquare>${a.squares[0]}</hm:TotalSquare>` +
      `<hm:ResidentialSquare>${a.squares[1]}</hm:ResidentialSquare><hm:HeatedArea>${a.squares[2]}</hm:HeatedArea>` +
      `<hm:Accommodation><hm:${a.place}>${a.premises}</hm:${a.place}><hm:SharePercent>100</hm:SharePercent></hm:Accommodation>` +
      `<hm:PayerInfo>${a.payer}</hm:PayerInfo>`;
    const reasons = a.kind === 'UO' ? `<hm:Contract><hm:ContractGUID>${MANAGEMENT_CONTRACT}</hm:ContractGUID></hm:Contract>` : null;
    db.run(
      `INSERT INTO accounts (account_guid, account_number, unified_account_number, zhku_id, fias_house_guid, premises_guid, org_ppa_guid,
         closed, updated_at, account_kind, created_at, data, reasons)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
      [a.guid, a.number, a.els, a.zhku, a.house, a.premises, a.org, a.created, a.kind, a.created, JSON.stringify(bagFromFragment(data)), reasons],
    );
  }
}
