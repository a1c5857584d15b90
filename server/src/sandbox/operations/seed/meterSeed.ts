import type { SandboxDb } from '../../operationHandler';
import { stableGuid } from '../common';
import { MeterValue, insertMeter, insertReading } from '../meters/meterStore';
import { bagFromFragment } from '../xml';
import { ACCOUNT } from './accountSeed';
import { HOUSE, PREMISES } from './houseSeed';
import { ORG } from './orgSeed';

/**
 * Meters of the story: kv. 14, 27 and 31 of ул. Софьи Перовской, 12 (the readings of
 * samples/device-metering/importMeteringDeviceValues; kv. 31's hot-water meter is replaced by
 * samples/house-management/importMeteringDeviceData with a device already registered) and kv. 12
 * of бульвар Цанова, 7 with the history samples/device-metering/exportMeteringDeviceHistory shows.
 */

const RES = {
  cold: { code: '1', guid: 'edf03a81-a82e-4d03-b28f-b196551cd76f', name: 'Холодная вода' },
  hot: { code: '2', guid: '36e22408-8863-4928-b784-a110a6c7d124', name: 'Горячая вода' },
} as const;

const SIX_YEARS = '<nsi-base:Code>6</nsi-base:Code><nsi-base:GUID>f27bda84-a919-4302-a508-4b2187a5334c</nsi-base:GUID><nsi-base:Name>6 лет</nsi-base:Name>';

interface MeterSeed {
  root: string;
  version: string;
  unique: string;
  serial: string;
  stamp: string;
  model: string;
  house: string;
  premises: string;
  account: string;
  kind: 'cold' | 'hot' | 'electric';
  installed: string;
  base: MeterValue;
  baseEntered: string;
  updated: string;
}

function card(m: MeterSeed): string {
  const basic =
    `<hm:BasicChatacteristicts><hm:MeteringDeviceNumber>${m.serial}</hm:MeteringDeviceNumber><hm:MeteringDeviceStamp>${m.stamp}</hm:MeteringDeviceStamp>` +
    `<hm:MeteringDeviceModel>${m.model}</hm:MeteringDeviceModel><hm:InstallationDate>${m.installed}</hm:InstallationDate>` +
    `<hm:CommissioningDate>${m.installed}</hm:CommissioningDate><hm:RemoteMeteringMode>false</hm:RemoteMeteringMode>` +
    `<hm:FirstVerificationDate>${m.installed}</hm:FirstVerificationDate><hm:VerificationInterval>${SIX_YEARS}</hm:VerificationInterval>` +
    `<hm:TemperatureSensor>false</hm:TemperatureSensor><hm:PressureSensor>false</hm:PressureSensor>` +
    `<hm:ResidentialPremiseDevice><hm:PremiseGUID>${m.premises}</hm:PremiseGUID><hm:AccountGUID>${m.account}</hm:AccountGUID></hm:ResidentialPremiseDevice>` +
    `</hm:BasicChatacteristicts><hm:NotLinkedWithMetering>true</hm:NotLinkedWithMetering>`;
  if (m.kind === 'electric') {
    return (
      basic +
      `<hm:MunicipalResourceEnergy><mdb:MeteringValueT1>${m.base.t1}</mdb:MeteringValueT1><mdb:MeteringValueT2>${m.base.t2}</mdb:MeteringValueT2><hm:Unit>245</hm:Unit></hm:MunicipalResourceEnergy>`
    );
  }
  const r = RES[m.kind];
  return (
    basic +
    `<hm:MunicipalResourceNotEnergy><mdb:MunicipalResource><nsi-base:Code>${r.code}</nsi-base:Code><nsi-base:GUID>${r.guid}</nsi-base:GUID>` +
    `<nsi-base:Name>${r.name}</nsi-base:Name></mdb:MunicipalResource><mdb:MeteringValue>${m.base.t1}</mdb:MeteringValue><hm:Unit>113</hm:Unit></hm:MunicipalResourceNotEnergy>`
  );
}

const P = HOUSE.perovskoy.fias;
const T = HOUSE.tsanova.fias;
const UPD = '2025-04-08T12:00:00+03:00';

const one = (kind: 'cold' | 'hot', t1: string): MeterValue => ({ res: RES[kind], t1 });

const METERS: MeterSeed[] = [
  { root: '8f33b0e9-c4c2-4b2c-8ed9-fe15be9f065b', version: stableGuid('meter:kv14-cold:v1'), unique: '69ИПУ4811020', serial: '41872563', stamp: 'Тепловодомер', model: 'ВСКМ 90-15', house: P, premises: PREMISES.kv14, account: ACCOUNT.kv14, kind: 'cold', installed: '2021-03-15', base: one('cold', '212.000'), baseEntered: '2021-03-16T10:05:00+03:00', updated: UPD },
  { root: '998e72ae-0ef8-46a2-9059-bfa53a818904', version: stableGuid('meter:kv14-hot:v1'), unique: '69ИПУ4811021', serial: '41872590', stamp: 'Тепловодомер', model: 'ВСКМ 90-15', house: P, premises: PREMISES.kv14, account: ACCOUNT.kv14, kind: 'hot', installed: '2021-03-15', base: one('hot', '95.000'), baseEntered: '2021-03-16T10:05:00+03:00', updated: UPD },
  { root: 'a1ca93b9-353a-45f4-9ab5-39e48bd502f8', version: stableGuid('meter:kv14-el:v1'), unique: '69ИПУ4811022', serial: '35118264', stamp: 'Инкотекс', model: 'Меркурий 200.02', house: P, premises: PREMISES.kv14, account: ACCOUNT.kv14, kind: 'electric', installed: '2020-09-01', base: { t1: '4100.00', t2: '1450.00' }, baseEntered: '2020-09-02T09:00:00+03:00', updated: UPD },
  { root: 'c6922400-1081-47a3-9516-cd99de108972', version: stableGuid('meter:kv27-cold:v1'), unique: '69ИПУ4811040', serial: '20113857', stamp: 'Декаст', model: 'ВСХ-15', house: P, premises: PREMISES.kv27, account: ACCOUNT.kv27, kind: 'cold', installed: '2022-02-10', base: one('cold', '140.000'), baseEntered: '2022-02-11T11:30:00+03:00', updated: UPD },
  { root: 'bfef39ad-fa99-4ee0-a629-bb1f865b70c2', version: '8be6df01-7f83-43de-b976-cc1089eccfa2', unique: '69ИПУ4811051', serial: '20119034', stamp: 'Декаст', model: 'ВСГ-15', house: P, premises: PREMISES.kv31, account: ACCOUNT.kv31, kind: 'hot', installed: '2020-11-10', base: one('hot', '41.000'), baseEntered: '2020-11-11T09:40:00+03:00', updated: UPD },
  // The new hot-water meter of kv. 31, registered before the old one is replaced.
  { root: stableGuid('meter:kv31-hot-new:root'), version: '4aa1e154-6294-4302-a906-93cba1a1aadd', unique: '69ИПУ5102790', serial: '25031177', stamp: 'Декаст', model: 'ВСГ-15', house: P, premises: PREMISES.kv31, account: ACCOUNT.kv31, kind: 'hot', installed: '2026-11-10', base: one('hot', '0.000'), baseEntered: '2026-11-14T09:00:00+03:00', updated: '2026-11-14T09:00:00+03:00' },
  { root: 'f466b742-f3ac-4073-9244-37a68f8a95c8', version: stableGuid('meter:tsanova12-cold:v1'), unique: '69ИПУ3970412', serial: '17304451', stamp: 'Пульсар', model: 'Пульсар-15', house: T, premises: PREMISES.tsanovaKv12, account: ACCOUNT.tsanovaKv12, kind: 'cold', installed: '2023-05-16', base: one('cold', '118.000'), baseEntered: '2023-05-17T13:22:09+03:00', updated: '2023-05-17T13:22:09+03:00' },
  { root: '7d6736b0-0a4c-403e-a812-f943a10bbb76', version: stableGuid('meter:tsanova12-hot:v1'), unique: '69ИПУ3970413', serial: '17304498', stamp: 'Пульсар', model: 'Пульсар-15', house: T, premises: PREMISES.tsanovaKv12, account: ACCOUNT.tsanovaKv12, kind: 'hot', installed: '2023-05-16', base: one('hot', '64.000'), baseEntered: '2023-05-17T13:22:09+03:00', updated: '2023-05-17T13:22:09+03:00' },
  { root: 'a8bfe4e8-5e60-4203-9c06-f6aecb916b31', version: stableGuid('meter:tsanova12-el:v1'), unique: '69ИПУ3970414', serial: '0451789', stamp: 'Энергомера', model: 'CE102M', house: T, premises: PREMISES.tsanovaKv12, account: ACCOUNT.tsanovaKv12, kind: 'electric', installed: '2024-01-26', base: { t1: '2150.00', t2: '740.00' }, baseEntered: '2024-01-29T09:10:44+03:00', updated: '2024-01-29T09:10:44+03:00' },
];

/** Readings of kv. 12, бульвар Цанова, 7 (samples/device-metering/exportMeteringDeviceHistory.result.xml). */
const HISTORY: [string, MeterValue, string, string, 'Гражданин' | 'Поставщик информации'][] = [
  ['f466b742-f3ac-4073-9244-37a68f8a95c8', one('cold', '203.511'), '2026-02-22', '2026-02-22T19:41:53+03:00', 'Гражданин'],
  ['f466b742-f3ac-4073-9244-37a68f8a95c8', one('cold', '209.884'), '2026-03-23', '2026-03-23T20:07:15+03:00', 'Гражданин'],
  ['7d6736b0-0a4c-403e-a812-f943a10bbb76', one('hot', '101.207'), '2026-02-22', '2026-02-22T19:41:53+03:00', 'Гражданин'],
  ['7d6736b0-0a4c-403e-a812-f943a10bbb76', one('hot', '104.930'), '2026-03-25', '2026-03-25T11:02:37+03:00', 'Поставщик информации'],
  ['a8bfe4e8-5e60-4203-9c06-f6aecb916b31', { t1: '6012.40', t2: '2237.15' }, '2026-03-21', '2026-03-21T21:14:02+03:00', 'Гражданин'],
];

export function seedMeters(db: SandboxDb): void {
  for (const m of METERS) {
    insertMeter(db, {
      rootGuid: m.root,
      versionGuid: m.version,
      versionNumber: 1,
      serial: m.serial,
      model: m.model,
      fias: m.house,
      accountGuid: m.account,
      premisesGuid: m.premises,
      resourceCode: m.kind === 'electric' ? '3' : RES[m.kind].code,
      resourceCodes: [m.kind === 'electric' ? '3' : RES[m.kind].code],
      deviceTypeCode: '1',
      valueKind: m.kind === 'electric' ? 'electric' : 'one',
      uniqueNumber: m.unique,
      org: ORG.uk.ppa,
      archived: false,
      commissioningDate: m.installed,
      updatedAt: m.updated,
      card: bagFromFragment(card(m)),
    });
    insertReading(db, {
      guid: stableGuid(`reading:${m.root}:base`),
      meterRoot: m.root,
      kind: 'base',
      date: m.installed,
      enteredAt: m.baseEntered,
      source: 'Поставщик информации',
      org: ORG.uk.ppa,
      value: m.base,
    });
  }
  HISTORY.forEach(([root, value, date, entered, source], i) => {
    insertReading(db, {
      guid: stableGuid(`reading:${root}:${i}`),
      meterRoot: root,
      kind: 'current',
      date,
      period: date.slice(0, 7),
      enteredAt: entered,
      source,
      org: source === 'Гражданин' ? undefined : ORG.uk.ppa,
      value,
    });
  });
}
