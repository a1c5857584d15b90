import type { SandboxDb } from '../../operationHandler';
import { stableGuid } from '../common';

/**
 * The organisations of the samples' story (samples/README.md): requisites with valid check
 * digits, the orgPPAGUIDs the sample headers use and the register GUIDs the sample answers show.
 */
export const ORG = {
  uk: { ppa: '9a431066-1aef-4f92-a2c2-639b83efb368', root: '81693f5d-3fb3-405a-b00f-5df2998ea116' },
  vodokanal: { ppa: '56954e11-6b09-4075-aa2b-7057e0670256', root: 'fc1f0b71-8cf5-4112-9b91-42addf6ecdfd' },
  teploset: { ppa: '6a93ec99-1731-49ea-915a-0c8b8e5690dc', root: 'f6011095-11f9-4516-9577-6cb58b17ac09' },
  rc: { ppa: '4f9f02b4-9305-44b8-b459-917827582cdc', root: stableGuid('org:rc:root') },
  tsj: { ppa: stableGuid('org:tsj:ppa'), root: 'e43e6aca-6df9-4103-a416-d0c35ea5c13e' },
  ip: { ppa: stableGuid('org:ip:ppa'), root: 'a543ea00-83f7-4563-96ee-d054185d64e3' },
} as const;

interface OrgSeed {
  ppa: string;
  root: string;
  version: string;
  kind: 'legal' | 'entrp';
  ogrn: string;
  inn: string;
  kpp?: string;
  name: string;
  shortName?: string;
  okopf?: string;
  address?: string;
  fias?: string;
  registrationDate: string;
  lastEditingDate: string;
  role?: string;
  dataProvider?: string;
  registered: boolean;
  fio?: [string, string, string, 'M' | 'F'];
}

const ORGS: OrgSeed[] = [
  {
    ...ORG.uk,
    version: '1918e325-a5b4-44b0-af99-28d8da5dfcb7',
    kind: 'legal',
    ogrn: '1166952018320',
    inn: '6950128472',
    kpp: '695001001',
    name: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «УПРАВЛЯЮЩАЯ КОМПАНИЯ ЗАВОЛЖЬЕ»',
    shortName: 'ООО «УК Заволжье»',
    okopf: '12300',
    address: '170100, Тверская обл., г. Тверь, ул. Софьи Перовской, д. 12, пом. 2',
    fias: '7fc62d83-cecc-4563-9eac-170dfcc8b05d',
    registrationDate: '2016-06-21',
    lastEditingDate: '2026-09-14',
    role: '1',
    dataProvider: '4aa65c86-1b8e-4b8b-a0f2-d31a5027ac30',
    registered: true,
  },
  {
    ...ORG.vodokanal,
    version: 'b8f59a9a-3fcc-43b2-b607-b1b004ee0bbe',
    kind: 'legal',
    ogrn: '1026900051188',
    inn: '6950143760',
    kpp: '695001001',
    name: 'МУНИЦИПАЛЬНОЕ УНИТАРНОЕ ПРЕДПРИЯТИЕ ГОРОДА ТВЕРИ «ТВЕРЬВОДОКАНАЛ-СЕРВИС»',
    shortName: 'МУП «Тверьводоканал-Сервис»',
    okopf: '65243',
    address: '170003, Тверская обл., г. Тверь, Петербургское ш., д. 41',
    fias: 'e1b0cedc-9b72-47a7-be8f-11de28fb2825',
    registrationDate: '2002-10-08',
    lastEditingDate: '2026-07-30',
    role: '2',
    registered: true,
  },
  {
    ...ORG.teploset,
    version: stableGuid('org:teploset:version'),
    kind: 'legal',
    ogrn: '1176952004129',
    inn: '6950214587',
    kpp: '695001001',
    name: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «ТВЕРСКАЯ ТЕПЛОСЕТЬ»',
    shortName: 'ООО «Тверская теплосеть»',
    okopf: '12300',
    address: '170006, Тверская обл., г. Тверь, ул. Учительская, д. 54',
    registrationDate: '2017-03-02',
    lastEditingDate: '2026-05-18',
    role: '2',
    dataProvider: '43818460-166d-481f-89c6-5d402ca750c9',
    registered: true,
  },
  {
    ...ORG.rc,
    version: stableGuid('org:rc:version'),
    kind: 'legal',
    ogrn: '1196952009319',
    inn: '6950330174',
    kpp: '695001001',
    name: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «РАСЧЕТНЫЙ ЦЕНТР ТВЕРЬ»',
    shortName: 'ООО «РЦ Тверь»',
    okopf: '12300',
    address: '170100, Тверская обл., г. Тверь, ул. Новоторжская, д. 21',
    registrationDate: '2019-08-27',
    lastEditingDate: '2026-02-03',
    role: '11',
    registered: true,
  },
  {
    ...ORG.tsj,
    version: stableGuid('org:tsj:version'),
    kind: 'legal',
    ogrn: '1206900007841',
    inn: '6950419224',
    kpp: '695001001',
    name: 'ТОВАРИЩЕСТВО СОБСТВЕННИКОВ ЖИЛЬЯ «ЦАНОВА, 7»',
    shortName: 'ТСЖ «Цанова, 7»',
    okopf: '20716',
    address: '170040, Тверская обл., г. Тверь, бульвар Цанова, д. 7',
    fias: '42392e96-65db-42c8-bf4e-6f8f2f06906f',
    registrationDate: '2020-11-05',
    lastEditingDate: '2025-12-01',
    role: '6',
    dataProvider: '6ceb295a-12d4-4381-8a3c-a4eed4ac3984',
    registered: true,
  },
  {
    ...ORG.ip,
    version: '5d1ba335-7ebc-4592-9c37-d2a2a6e9733d',
    kind: 'entrp',
    ogrn: '321695200012345',
    inn: '695003218713',
    name: 'ИП Смирнова Елена Андреевна',
    registrationDate: '2021-04-15',
    lastEditingDate: '2026-03-02',
    registered: false,
    fio: ['Смирнова', 'Елена', 'Андреевна', 'F'],
  },
];

export function seedOrganizations(db: SandboxDb): void {
  for (const o of ORGS) {
    db.run(
      `INSERT INTO organizations (org_ppa_guid, org_root_guid, ogrn, inn, kpp, name, org_version_guid, kind, short_name, okopf,
         address, fias_house_guid, registration_date, last_editing_date, role_code, data_provider_guid,
         surname, first_name, patronymic, sex, registered)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        o.ppa,
        o.root,
        o.ogrn,
        o.inn,
        o.kpp ?? null,
        o.name,
        o.version,
        o.kind,
        o.shortName ?? null,
        o.okopf ?? null,
        o.address ?? null,
        o.fias ?? null,
        o.registrationDate,
        o.lastEditingDate,
        o.role ?? null,
        o.dataProvider ?? null,
        o.fio?.[0] ?? null,
        o.fio?.[1] ?? null,
        o.fio?.[2] ?? null,
        o.fio?.[3] ?? null,
        o.registered ? 1 : 0,
      ],
    );
  }
}
