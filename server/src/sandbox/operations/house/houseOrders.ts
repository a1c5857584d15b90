/**
 * Element orders of the exported house card (hcs-house-management-types.xsd, *ExportType), used
 * to put the stored fields of a house, premises, room, block, entrance or lift back in sequence.
 * Fields an import may carry but an export has no place for (a conditional number, hostel flags)
 * are simply not listed, so they are left out of the export.
 */

const EXPORTED_CADASTRAL = ['CadastralNumber', 'No_RSO_GKN_EGRP_Registered', 'No_RSO_GKN_EGRP_Data'];
const ANNULMENT = ['TerminationDate', 'AnnulmentReason', 'AnnulmentInfo'];

export const HOUSE_BASIC = [
  ...EXPORTED_CADASTRAL,
  'FIASHouseGuid',
  'TotalSquare',
  'State',
  'LifeCycleStage',
  'UsedYear',
  'FloorCount',
  'OKTMO',
  'OlsonTZ',
  'CulturalHeritage',
  'OGFData',
  ...ANNULMENT,
  'DemolishionDate',
  'DemolishionReason',
  'ExportHostelData',
];

/** Stored house fields that sit beside BasicCharacteristicts, not in it. */
export const HOUSE_OUTER = ['UndergroundFloorCount', 'MinFloorCount', 'OverhaulFormingKind', 'HouseManagementType', 'HasBlocks', 'HasMultipleHousesWithSameAddress'];

export const ENTRANCE = ['EntranceNum', 'FIASChildHouseGuid', 'StoreysCount', 'CreationYear', ...ANNULMENT, 'InformationConfirmed'];

export const LIFT = ['EntranceNum', 'FIASChildHouseGuid', 'FactoryNum', 'Type', 'OGFData', ...ANNULMENT];

export const RESIDENTIAL = [
  ...EXPORTED_CADASTRAL,
  'PremisesNum',
  'Floor',
  'OGFData',
  ...ANNULMENT,
  'InformationConfirmed',
  'EntranceNum',
  'HasNoEntrance',
  'FIASChildHouseGuid',
  'PremisesCharacteristic',
  'TotalArea',
  'GrossArea',
  'NoGrossArea',
];

export const NON_RESIDENTIAL = [
  ...EXPORTED_CADASTRAL,
  'PremisesNum',
  'Floor',
  'OGFData',
  ...ANNULMENT,
  'InformationConfirmed',
  'FIASChildHouseGuid',
  'TotalArea',
  'IsCommonProperty',
];

export const ROOM = [
  'CadastralNumber',
  'No_RSO_GKN_EGRP_Registered',
  'NoCadastralNumber',
  'ConditionalNumber',
  'RightOrEncumbrance',
  'RoomNumber',
  'Square',
  'Floor',
  'OGFData',
  ...ANNULMENT,
  'InformationConfirmed',
];

export const BLOCK = [
  ...EXPORTED_CADASTRAL,
  'BlockNum',
  'PremisesCharacteristic',
  'TotalArea',
  'GrossArea',
  'NoGrossArea',
  ...ANNULMENT,
  'OGFData',
  'InformationConfirmed',
  'Category',
];

/** Names that replace each other when an update brings one of them. */
export const EXCLUSIVE = [
  ['CadastralNumber', 'No_RSO_GKN_EGRP_Registered', 'No_RSO_GKN_EGRP_Data', 'NoCadastralNumber', 'ConditionalNumber', 'RightOrEncumbrance'],
  ['EntranceNum', 'HasNoEntrance'],
  ['GrossArea', 'NoGrossArea'],
] as const;

/** Identifiers of the request item that are not fields of the object. */
export const NOT_FIELDS = new Set(['TransportGUID', 'PremisesGUID', 'LivingRoomGUID', 'EntranceGUID', 'LiftGUID', 'BlockGUID']);
