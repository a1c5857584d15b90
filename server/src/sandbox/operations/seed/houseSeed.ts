import type { SandboxDb } from '../../operationHandler';
import { stableGuid } from '../common';
import { bagFromFragment } from '../xml';
import { ORG } from './orgSeed';

/**
 * Houses of the story: ул. Софьи Перовской, 12 (УК «Заволжье», samples/house-management/
 * exportHouseData) and бульвар Цанова, 7 (taken over by the УК; importHouseUOData adds to it),
 * their entrances and premises. fias_houses is the stand's stand-in for FIAS: addresses that
 * exist there, with or without a house card.
 */
export const HOUSE = {
  perovskoy: {
    fias: '7fc62d83-cecc-4563-9eac-170dfcc8b05d',
    guid: '205d0b03-c513-43a5-b6e2-4794c6a74ef2',
    unique: '6900012848',
    address: '170100, Тверская обл., г. Тверь, ул. Софьи Перовской, д. 12',
  },
  tsanova: {
    fias: '42392e96-65db-42c8-bf4e-6f8f2f06906f',
    guid: '2c48887f-7db2-4890-8c52-82b77069196a',
    unique: '6900020417',
    address: '170040, Тверская обл., г. Тверь, бульвар Цанова, д. 7',
  },
} as const;

export const PREMISES = {
  kv9: '5ee78d69-a079-48a4-b577-8b78d48ec13f',
  kv14: '2dea878f-243e-44fa-a9af-162a0cf62c1c',
  kv22: '3cad2401-441b-4703-9b6b-b31a5b58a2ae',
  kv22room1: '26d188da-bb82-405d-b6ce-94673b629242',
  kv22room2: '6faedd2e-0068-486a-a0a7-48263d11e58b',
  kv27: '49244269-a986-4e9a-99f4-e9e1809cf393',
  kv28: 'f9212851-a4f3-4023-8a00-33c41c3de9b8',
  kv31: 'e86ef861-47a8-4ce9-b594-1927303159f1',
  p1: '154bd176-1139-4752-b283-3e615e9ec7fa',
  tsanovaKv5: '7253a277-c35b-43b7-981a-06106777d39f',
  tsanovaKv12: stableGuid('premises:tsanova:12'),
} as const;

const FIAS: [string, string, string][] = [
  [HOUSE.perovskoy.fias, HOUSE.perovskoy.address, '28701000'],
  [HOUSE.tsanova.fias, HOUSE.tsanova.address, '28701000'],
  ['e1b0cedc-9b72-47a7-be8f-11de28fb2825', '170003, Тверская обл., г. Тверь, Петербургское ш., д. 41', '28701000'],
  // Addresses without a house card: a UO can create one (ApartmentHouseToCreate).
  [stableGuid('fias:vagzhanova-9'), '170100, Тверская обл., г. Тверь, ул. Вагжанова, д. 9', '28701000'],
  [stableGuid('fias:radishcheva-18'), '170100, Тверская обл., г. Тверь, ул. Радищева, д. 18', '28701000'],
];

/** The nsiRefs the house cards use. */
const REF = {
  stateGood: '<nsi-base:Code>2</nsi-base:Code><nsi-base:GUID>57c8591e-69d3-443c-b6f9-8a46f4b75860</nsi-base:GUID><nsi-base:Name>Исправный</nsi-base:Name>',
  lifeCycle: '<nsi-base:Code>1</nsi-base:Code><nsi-base:GUID>58e06881-e51c-422a-83ce-e5ed59d6e975</nsi-base:GUID><nsi-base:Name>Эксплуатация</nsi-base:Name>',
  moscow: '<nsi-base:Code>1</nsi-base:Code><nsi-base:GUID>6bce7412-3ea4-4790-a9c4-d735949872f8</nsi-base:GUID><nsi-base:Name>Europe/Moscow</nsi-base:Name>',
  separate: '<nsi-base:Code>1</nsi-base:Code><nsi-base:GUID>76f84bed-ee38-441b-abcd-001c5896c74c</nsi-base:GUID><nsi-base:Name>Отдельная квартира</nsi-base:Name>',
  communal: '<nsi-base:Code>2</nsi-base:Code><nsi-base:GUID>aaad3032-b510-4c34-9d89-876b2d8eade1</nsi-base:GUID><nsi-base:Name>Квартира коммунального заселения</nsi-base:Name>',
};

const OKTMO_TVER = '<hm:OKTMO><base:code>28701000</base:code><base:name>город Тверь</base:name></hm:OKTMO>';

const HOUSE_DATA = {
  perovskoy: `<hm:CadastralNumber>69:40:0200041:118</hm:CadastralNumber>
    <hm:FIASHouseGuid>${HOUSE.perovskoy.fias}</hm:FIASHouseGuid>
    <hm:TotalSquare>3412.7000</hm:TotalSquare>
    <hm:State>${REF.stateGood}</hm:State>
    <hm:LifeCycleStage>${REF.lifeCycle}</hm:LifeCycleStage>
    <hm:UsedYear>1974</hm:UsedYear>
    <hm:FloorCount>5</hm:FloorCount>
    ${OKTMO_TVER}
    <hm:OlsonTZ>${REF.moscow}</hm:OlsonTZ>
    <hm:CulturalHeritage>false</hm:CulturalHeritage>
    <hm:OGFData><hm:Code>20002</hm:Code><hm:Value><hm:IntegerValue>1973</hm:IntegerValue></hm:Value></hm:OGFData>
    <hm:UndergroundFloorCount>1</hm:UndergroundFloorCount>
    <hm:OverhaulFormingKind><nsi-base:Code>2</nsi-base:Code><nsi-base:GUID>25236315-64e5-47ae-a6bf-7531e672636c</nsi-base:GUID><nsi-base:Name>Счет регионального оператора</nsi-base:Name></hm:OverhaulFormingKind>
    <hm:HouseManagementType><nsi-base:Code>2</nsi-base:Code><nsi-base:GUID>683dc4e2-3fbc-4977-8849-38a0fe8d0ba6</nsi-base:GUID><nsi-base:Name>Управляющая организация</nsi-base:Name></hm:HouseManagementType>`,
  tsanova: `<hm:CadastralNumber>69:40:0100218:64</hm:CadastralNumber>
    <hm:FIASHouseGuid>${HOUSE.tsanova.fias}</hm:FIASHouseGuid>
    <hm:TotalSquare>7290.1000</hm:TotalSquare>
    <hm:State>${REF.stateGood}</hm:State>
    <hm:UsedYear>1988</hm:UsedYear>
    <hm:FloorCount>9</hm:FloorCount>
    ${OKTMO_TVER}
    <hm:OlsonTZ>${REF.moscow}</hm:OlsonTZ>
    <hm:CulturalHeritage>false</hm:CulturalHeritage>
    <hm:UndergroundFloorCount>1</hm:UndergroundFloorCount>`,
};

interface PremisesSeed {
  guid: string;
  house: 'perovskoy' | 'tsanova';
  kind: 'residential' | 'nonresidential' | 'room';
  number: string;
  parent?: string;
  entrance?: string;
  modified: string;
  xml: string;
}

const STAMP_MARCH = '2026-03-04T11:18:02+03:00';

function flat(cad: string, num: string, floor: string, entrance: string, ref: string, total: string, gross: string): string {
  return `<hm:CadastralNumber>${cad}</hm:CadastralNumber><hm:PremisesNum>${num}</hm:PremisesNum><hm:Floor>${floor}</hm:Floor>
    <hm:InformationConfirmed>true</hm:InformationConfirmed><hm:EntranceNum>${entrance}</hm:EntranceNum>
    <hm:PremisesCharacteristic>${ref}</hm:PremisesCharacteristic><hm:TotalArea>${total}</hm:TotalArea><hm:GrossArea>${gross}</hm:GrossArea>`;
}

function room(num: string, square: string, floor: string): string {
  return `<hm:NoCadastralNumber>true</hm:NoCadastralNumber><hm:RoomNumber>${num}</hm:RoomNumber><hm:Square>${square}</hm:Square>
    <hm:Floor>${floor}</hm:Floor><hm:InformationConfirmed>true</hm:InformationConfirmed>`;
}

const PREMISES_SEED: PremisesSeed[] = [
  { guid: PREMISES.kv9, house: 'perovskoy', kind: 'residential', number: '9', entrance: '1', modified: '2026-11-13T15:27:41+03:00', xml: flat('69:40:0200041:1127', '9', '3', '1', REF.separate, '44.6000', '30.2000') },
  { guid: PREMISES.kv14, house: 'perovskoy', kind: 'residential', number: '14', entrance: '1', modified: STAMP_MARCH, xml: flat('69:40:0200041:1132', '14', '5', '1', REF.separate, '54.3000', '37.9000') },
  { guid: PREMISES.kv22, house: 'perovskoy', kind: 'residential', number: '22', entrance: '2', modified: STAMP_MARCH, xml: flat('69:40:0200041:1140', '22', '3', '2', REF.communal, '58.1000', '41.5000') },
  { guid: PREMISES.kv22room1, house: 'perovskoy', kind: 'room', number: '1', parent: PREMISES.kv22, modified: STAMP_MARCH, xml: room('1', '18.7000', '3') },
  { guid: PREMISES.kv22room2, house: 'perovskoy', kind: 'room', number: '2', parent: PREMISES.kv22, modified: STAMP_MARCH, xml: room('2', '22.8000', '3') },
  { guid: PREMISES.kv27, house: 'perovskoy', kind: 'residential', number: '27', entrance: '2', modified: STAMP_MARCH, xml: flat('69:40:0200041:1145', '27', '4', '2', REF.separate, '44.8000', '30.5000') },
  { guid: PREMISES.kv28, house: 'perovskoy', kind: 'residential', number: '28', entrance: '2', modified: STAMP_MARCH, xml: flat('69:40:0200041:1146', '28', '4', '2', REF.separate, '31.2000', '17.6000') },
  { guid: PREMISES.kv31, house: 'perovskoy', kind: 'residential', number: '31', entrance: '3', modified: STAMP_MARCH, xml: flat('69:40:0200041:1149', '31', '1', '3', REF.separate, '54.1000', '37.7000') },
  {
    guid: PREMISES.p1,
    house: 'perovskoy',
    kind: 'nonresidential',
    number: 'П1',
    modified: STAMP_MARCH,
    xml: `<hm:No_RSO_GKN_EGRP_Registered>true</hm:No_RSO_GKN_EGRP_Registered><hm:PremisesNum>П1</hm:PremisesNum><hm:Floor>подвал</hm:Floor>
      <hm:InformationConfirmed>true</hm:InformationConfirmed><hm:TotalArea>186.4000</hm:TotalArea><hm:IsCommonProperty>true</hm:IsCommonProperty>`,
  },
  { guid: PREMISES.tsanovaKv5, house: 'tsanova', kind: 'residential', number: '5', entrance: '1', modified: '2025-06-02T10:11:40+03:00', xml: flat('69:40:0100218:706', '5', '2', '1', REF.separate, '52.9000', '33.1000') },
  { guid: PREMISES.tsanovaKv12, house: 'tsanova', kind: 'residential', number: '12', entrance: '1', modified: '2025-06-02T10:11:40+03:00', xml: flat('69:40:0100218:713', '12', '4', '1', REF.separate, '47.3000', '31.0000') },
];

const ENTRANCES: [string, string, string][] = [
  ['5a44724e-d627-4806-a2f0-cd1ac491d82f', '1', STAMP_MARCH],
  ['bfc53c8a-a482-443a-80b5-24b49f7d2e11', '2', STAMP_MARCH],
  [stableGuid('entrance:perovskoy:3'), '3', STAMP_MARCH],
  [stableGuid('entrance:perovskoy:4'), '4', STAMP_MARCH],
];

export function seedHouses(db: SandboxDb): void {
  for (const [fias, address, oktmo] of FIAS) {
    db.run('INSERT INTO fias_houses (fias_house_guid, address, oktmo, region) VALUES (?, ?, ?, ?)', [fias, address, oktmo, '69']);
  }
  const houses = [
    { h: HOUSE.perovskoy, data: HOUSE_DATA.perovskoy, updated: '2026-11-13T15:27:41+03:00' },
    { h: HOUSE.tsanova, data: HOUSE_DATA.tsanova, updated: '2025-06-02T10:11:40+03:00' },
  ];
  for (const { h, data, updated } of houses) {
    db.run(
      `INSERT INTO houses (fias_house_guid, house_guid, unique_number, address, org_ppa_guid, updated_at, kind, data)
       VALUES (?, ?, ?, ?, ?, ?, 'apartment', ?)`,
      [h.fias, h.guid, h.unique, h.address, ORG.uk.ppa, updated, JSON.stringify(bagFromFragment(data))],
    );
  }
  for (const p of PREMISES_SEED) {
    const h = HOUSE[p.house];
    const parentUnique = p.parent ? PREMISES_SEED.find((x) => x.guid === p.parent)?.number : undefined;
    const unique = p.kind === 'room' ? `${h.unique}-${parentUnique}-${p.number}` : `${h.unique}-${p.number}`;
    db.run(
      `INSERT INTO premises (premises_guid, fias_house_guid, number, unique_number, kind, parent_guid, entrance_num, data, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [p.guid, h.fias, p.number, unique, p.kind, p.parent ?? null, p.entrance ?? null, JSON.stringify(bagFromFragment(p.xml)), p.modified],
    );
  }
  for (const [guid, num, stamp] of ENTRANCES) {
    const xml = `<hm:EntranceNum>${num}</hm:EntranceNum><hm:StoreysCount>5</hm:StoreysCount><hm:CreationYear>1974</hm:CreationYear><hm:InformationConfirmed>true</hm:InformationConfirmed>`;
    db.run(`INSERT INTO house_parts (guid, fias_house_guid, kind, number, data, updated_at) VALUES (?, ?, 'entrance', ?, ?, ?)`, [
      guid,
      HOUSE.perovskoy.fias,
      num,
      JSON.stringify(bagFromFragment(xml)),
      stamp,
    ]);
  }
}
