import type { XmlElement } from '../../../xml/xmlTree';
import type { SandboxDb } from '../../operationHandler';
import { ItemError, kid, kids, nsiRefOf, txt } from '../common';
import { CODES, err } from '../rules';
import { FieldBag, copyXml, el, emitBag, fieldBag, mergeBags, parseFragment } from '../xml';
import { MeterValue, ValueKind } from './meterStore';

/**
 * A meter's card (MeteringDeviceFullInformationType): what it says about the device's place,
 * accounts, resources and values, and how an update after readings changes it.
 */

/** Top-level order of the card in an export (MeteringDeviceFullInformationExportType). */
export const CARD = ['BasicChatacteristicts', 'NotLinkedWithMetering', 'LinkedWithMetering', 'MunicipalResourceNotEnergy', 'MunicipalResourceEnergy', 'MunicipalResources'];

const BASIC = [
  'MeteringDeviceNumber',
  'MeteringDeviceStamp',
  'MeteringDeviceModel',
  'InstallationDate',
  'CommissioningDate',
  'RemoteMeteringMode',
  'RemoteMeteringInfo',
  'FirstVerificationDate',
  'VerificationInterval',
  'FactorySealDate',
  'TemperatureSensor',
  'PressureSensor',
  'ConsumedVolume',
];

const PLACES = ['CollectiveDevice', 'ResidentialPremiseDevice', 'NonResidentialPremiseDevice', 'ApartmentHouseDevice', 'LivingRoomDevice', 'CollectiveApartmentDevice'];

/** Children of the place element (PremiseMeteringDeviceType, CollectiveDevice…), in schema order. */
const PLACE_CHILDREN = [
  'FIASHouseGuid',
  'PremiseGUID',
  'LivingRoomGUID',
  'TemperatureSensingElementInfo',
  'PressureSensingElementInfo',
  'ProjectRegistrationNode',
  'AccountGUID',
  'Certificate',
  'PremiseInfo',
  'LivingRoomInfo',
];

/** NSI 27 code of the device's type, by the element that says where it is installed. */
const DEVICE_TYPE: Record<string, string> = {
  ResidentialPremiseDevice: '1',
  NonResidentialPremiseDevice: '1',
  ApartmentHouseDevice: '1',
  LivingRoomDevice: '3',
  CollectiveApartmentDevice: '2',
  CollectiveDevice: '4',
};

export interface CardFacts {
  serial: string;
  model?: string;
  commissioning?: string;
  deviceTypeCode: string;
  fiasList: string[];
  premises: string[];
  rooms: string[];
  accounts: string[];
  valueKind: ValueKind;
  resourceCodes: string[];
  /** The values the card gives (the device's base reading). */
  baseValues: MeterValue[];
}

export function cardFacts(card: XmlElement): CardFacts {
  const basic = kid(card, 'BasicChatacteristicts');
  const place = basic?.children.find((c) => PLACES.includes(c.local));
  const list = (local: string) => kids(place, local).map((e) => e.text.trim());
  const notEnergy = kids(card, 'MunicipalResourceNotEnergy');
  const energy = kid(card, 'MunicipalResourceEnergy');
  const volume = kids(card, 'MunicipalResources');
  const valueKind: ValueKind = energy ? 'electric' : volume.length ? 'volume' : 'one';
  const resourceCodes = energy ? ['3'] : [...notEnergy, ...volume].map((e) => nsiRefOf(kid(e, 'MunicipalResource'))?.code ?? '').filter(Boolean);
  const baseValues: MeterValue[] = energy
    ? [{ t1: txt(energy, 'MeteringValueT1') ?? '0', t2: txt(energy, 'MeteringValueT2'), t3: txt(energy, 'MeteringValueT3') }]
    : notEnergy.map((e) => ({ res: nsiRefOf(kid(e, 'MunicipalResource')), t1: txt(e, 'MeteringValue') ?? '0' }));
  return {
    serial: txt(basic, 'MeteringDeviceNumber') ?? '',
    model: txt(basic, 'MeteringDeviceModel'),
    commissioning: txt(basic, 'CommissioningDate'),
    deviceTypeCode: place ? (DEVICE_TYPE[place.local] ?? '1') : '1',
    fiasList: list('FIASHouseGuid'),
    premises: list('PremiseGUID'),
    rooms: list('LivingRoomGUID'),
    accounts: list('AccountGUID'),
    valueKind,
    resourceCodes,
    baseValues,
  };
}

/**
 * The house a new or changed card belongs to, checking that its premises, rooms and accounts
 * exist: the premises' or room's house, else the place's FIASHouseGuid, else the request's, else
 * the first account's.
 */
export function cardHouse(db: SandboxDb, f: CardFacts, requestFias: string | undefined): { fias: string; premises?: string } | ItemError[] {
  let fias: string | undefined;
  let premises: string | undefined;
  for (const guid of [...f.premises, ...f.rooms]) {
    const row = db.get('SELECT fias_house_guid FROM premises WHERE lower(premises_guid) = lower(?)', [guid]);
    if (!row) return [err(CODES.notFound, `Помещение (комната) ${guid} не найдено в ГИС ЖКХ`)];
    fias ??= String(row.fias_house_guid);
    premises ??= guid.toLowerCase();
  }
  let accountFias: string | undefined;
  for (const guid of f.accounts) {
    const row = db.get('SELECT fias_house_guid FROM accounts WHERE lower(account_guid) = lower(?)', [guid]);
    if (!row) return [err(CODES.notFound, `Лицевой счёт ${guid} не найден в ГИС ЖКХ`)];
    accountFias ??= row.fias_house_guid === null ? undefined : String(row.fias_house_guid);
  }
  fias ??= f.fiasList[0] ?? requestFias ?? accountFias;
  if (!fias) return [err(CODES.fiasUnknown, 'Не указан дом прибора учёта (FIASHouseGuid, помещение или лицевой счёт)')];
  for (const guid of new Set([fias, ...f.fiasList])) {
    if (!db.get('SELECT 1 FROM houses WHERE lower(fias_house_guid) = lower(?)', [guid])) {
      return [err(CODES.fiasUnknown, `Дом с идентификатором ФИАС ${guid} не размещён в ГИС ЖКХ`)];
    }
  }
  return { fias: fias.toLowerCase(), premises };
}

/**
 * UpdateAfterDevicesValues: the named characteristics, the accounts, certificates and values it
 * carries replace the card's; everything else stays.
 */
export function updateAfterValues(card: FieldBag, upd: XmlElement): FieldBag {
  const basicEl = parseFragment(card.BasicChatacteristicts?.[0] ?? '').children[0];
  const basic = fieldBag(basicEl);
  const placeName = PLACES.find((p) => basic[p]);
  const changes = fieldBag(upd, (c) => !BASIC.includes(c.local));
  let merged = mergeBags(basic, changes);
  if (placeName) {
    const placeEl = parseFragment(basic[placeName][0]).children[0];
    const place = fieldBag(placeEl);
    const accounts = kids(upd, 'AccountGUID').map((e) => copyXml(e));
    const certificates = kids(upd, 'Certificate').map((e) => copyXml(e));
    if (accounts.length && placeName !== 'CollectiveDevice') place.AccountGUID = accounts;
    if (certificates.length) place.Certificate = certificates;
    const coll = kid(upd, 'CollectiveDevice');
    if (coll && placeName === 'CollectiveDevice') {
      const t = kid(coll, 'TemperatureSensorInformation');
      const p = kid(coll, 'PressureSensorInformation');
      if (t) place.TemperatureSensingElementInfo = [copyXml(t, { rename: 'TemperatureSensingElementInfo' })];
      if (p) place.PressureSensingElementInfo = [copyXml(p, { rename: 'PressureSensingElementInfo' })];
    }
    merged = { ...merged, [placeName]: [el('hm', placeName, emitBag(place, PLACE_CHILDREN))] };
  }
  const out: FieldBag = { ...card, BasicChatacteristicts: [el('hm', 'BasicChatacteristicts', emitBag(merged, [...BASIC, ...PLACES]))] };
  const notEnergy = kids(upd, 'MunicipalResourceNotEnergy');
  const energy = kid(upd, 'MunicipalResourceEnergy');
  if (notEnergy.length) out.MunicipalResourceNotEnergy = notEnergy.map((e) => copyXml(e));
  if (energy) out.MunicipalResourceEnergy = [copyXml(energy)];
  return out;
}

/** The accounts a card lists (after an update). */
export function cardAccounts(card: FieldBag): string[] {
  const basic = card.BasicChatacteristicts?.[0];
  if (!basic) return [];
  const root = parseFragment(basic).children[0];
  const place = root.children.find((c) => PLACES.includes(c.local));
  return kids(place, 'AccountGUID').map((e) => e.text.trim());
}
