import type { SandboxDb } from '../../../operationHandler';
import { BANK, HEAT_CONTRACT, ORG, ORG_ROOT } from './story';

/** Reference data of the finance services: bank directory, organisations' details, NSI, contracts. */

const ORGS: [string, string, string, string, string][] = [
  [ORG.uk, '6950128472', '695001001', 'ООО «УК Заволжье»', '170100, Тверская обл., г. Тверь, ул. Софьи Перовской, д. 12, пом. 2'],
  [ORG.rc, '6950330174', '695001001', 'ООО «РЦ Тверь»', '170100, Тверская обл., г. Тверь, ул. Советская, д. 31, оф. 4'],
  [ORG.heat, '6950214587', '695001001', 'ООО «Тверская теплосеть»', '170001, Тверская обл., г. Тверь, пр-кт Калинина, д. 17'],
  [ORG.water, '6950143760', '695001001', 'МУП «Тверьводоканал-Сервис»', '170003, Тверская обл., г. Тверь, Петербургское ш., д. 38'],
];

const ACCOUNTS: [string, string][] = [
  [BANK.ukAccount, ORG.uk],
  [BANK.heatAccount, ORG.heat],
  [BANK.waterAccount, ORG.water],
  [BANK.rcAccount, ORG.rc],
];

/**
 * NSI positions the samples of these services use, with their registries: УК's own services
 * (НСИ 50, 51, 1), communal resources (2) and services (3), rated resources (239), outage kinds
 * (361) and reasons (360), identity documents (95), debt documents (358).
 */
const NSI: [string, string, string, string][] = [
  ['50', '1', 'd34b566d-4250-4e36-92b5-9184eccb9c24', 'Плата за содержание жилого помещения'],
  ['51', '1', '2348022b-7329-462d-8ea7-bc4ea361cf90', 'Холодное водоснабжение'],
  ['51', '2', '2b88fba2-5f88-4625-8c6d-b0f32f11c183', 'Водоотведение'],
  ['51', '3', 'c0636679-9cbf-4014-bc30-72fa71b45a81', 'Отопление'],
  ['51', '4', 'e763ae61-1329-4e66-b3d9-75dea788abe0', 'Горячее водоснабжение (компонент на холодную воду)'],
  ['51', '5', '7074881e-f180-4d7e-9f77-173fd80d750e', 'Горячее водоснабжение (компонент на тепловую энергию)'],
  ['1', '1', 'fa2339c5-c8b4-465c-87b6-e8e09abe2866', 'Обслуживание домофона'],
  ['2', '1', 'edf03a81-a82e-4d03-b28f-b196551cd76f', 'Холодная вода'],
  ['2', '3', '8aebf534-ae3c-409d-8fc1-9c1e0dd9eb4c', 'Электрическая энергия'],
  ['3', '2', '990c310b-7126-44ca-9e63-c209ca32963a', 'Горячее водоснабжение'],
  ['3', '2', 'f4796e59-8512-481e-ae0b-c2c64433f1cd', 'Горячее водоснабжение'],
  ['3', '6', '3c858465-c835-4154-859b-5f4000a84170', 'Отопление'],
  ['239', '2', '2eca3ae5-3def-4086-808a-c9222a50a5bf', 'Горячая вода'],
  ['239', '5', 'ad34fac5-3fbd-4f74-9469-95ba207dbc39', 'Тепловая энергия'],
  ['361', '1', '73bb69cb-21fc-4280-9a1c-44d2b292b37c', 'Плановый'],
  ['361', '2', 'c52d7a3e-0b6f-4e91-8d24-7f1a9c3e5b80', 'Аварийный'],
  ['360', '1', 'eb6e93b7-f604-4615-8403-91b10d41d397', 'Плановый ремонт сетей и оборудования'],
  ['360', '2', '6f3a9d15-2c7e-4b08-a1f4-9e5d2b7c8a36', 'Авария на сетях'],
  ['360', '3', 'a0ec7be8-4a1a-4d66-bfd5-038440d64a16', 'Иная'],
  ['95', '1', 'd22efe01-0501-4ffa-9c60-afe229506ec6', 'Паспорт гражданина Российской Федерации'],
  ['358', '1', 'a4e30b52-3c96-400d-9cf9-fc5f2a00cc37', 'Судебный акт'],
  ['358', '2', 'f0ffcec5-464a-49f3-a509-a28ee3686fc0', 'Судебный приказ'],
];

export const EXECUTORS: [string, string, string][] = [
  ['888b5f82-0526-4ecd-9eef-64ce6cff0890', ORG.uk, 'Григорьева Татьяна Викторовна'],
  ['4b2e7f90-6c13-4d8a-b5e2-0a9f3c7d1e46', ORG.uk, 'Сафонов Павел Игоревич'],
];

export function seedReference(db: SandboxDb): void {
  for (const [guid, inn, kpp, name, address] of ORGS) {
    db.run('INSERT OR IGNORE INTO fin_org_details (org_ppa_guid, inn, kpp, name, mailing_address) VALUES (?, ?, ?, ?, ?)', [guid, inn, kpp, name, address]);
  }
  for (const [account, org] of ACCOUNTS) {
    const o = ORGS.find((x) => x[0] === org)!;
    db.run(
      'INSERT OR IGNORE INTO fin_bank_accounts (bik, account_number, org_ppa_guid, inn, kpp, recipient, bank_name, corr_account, oktmo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [BANK.bik, account, org, o[1], o[2], o[3], BANK.name, BANK.corr, '28701000'],
    );
  }
  for (const [registry, code, guid, name] of NSI) {
    db.run('INSERT OR IGNORE INTO fin_nsi (guid, registry, code, name) VALUES (?, ?, ?, ?)', [guid, registry, code, name]);
  }
  db.run(
    'INSERT OR IGNORE INTO settlement_contracts (contract_root_guid, contract_number, rso_org_root_guid, rso_org_ppa_guid, iku_org_root_guid, iku_org_ppa_guid) VALUES (?, ?, ?, ?, ?, ?)',
    [HEAT_CONTRACT, 'ТС-118/2026', ORG_ROOT.heat, ORG.heat, ORG_ROOT.uk, ORG.uk],
  );
  for (const [guid, org, fio] of EXECUTORS) db.run('INSERT OR IGNORE INTO fin_executors (guid, org_ppa_guid, fio) VALUES (?, ?, ?)', [guid, org, fio]);
}
