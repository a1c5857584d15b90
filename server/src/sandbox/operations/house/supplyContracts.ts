import type { SqlValue } from '../../../journal/sqlEngine';
import type { XmlElement } from '../../../xml/xmlTree';
import type { OperationHandler, SandboxDb, SandboxRequest } from '../../operationHandler';
import { ItemOutcome, answer, commonResultContent, errorMessage, kid, kids, mskDate, mskDateTime, newGuid, nsiRefOf, str, txt } from '../common';
import { checkNsiRefs } from '../nsi/nsiStore';
import { CODES, err } from '../rules';
import { copyChildren, copyXml, el, emitBag, fieldBag, leaf, parseFragment } from '../xml';

/**
 * importSupplyResourceContractData / exportSupplyResourceContractData: contracts of resource
 * supply organisations. A contract has a root GUID and a GUID per version; placing, changing,
 * terminating, prolonging or annulling makes a new version. The export gives the contract in the
 * export's structure: planned volumes move from the subjects to the contract, addresses, charts,
 * tariffs and norms are not exported, an indicator's value gets its IndicatorValue wrapper.
 */

const CONTRACT_NSI = { ServiceType: 3, MunicipalResource: 239 };

/** Page size of the export (the schema allows 1000 contracts per answer). */
export const CONTRACT_PAGE_SIZE = 1000;

type Row = Record<string, SqlValue>;

interface Ctx {
  req: SandboxRequest;
  db: SandboxDb;
  org: string;
  now: string;
}

function result(transportGuid: string, root: string, guid: string, now: string): ItemOutcome {
  return {
    transportGuid,
    guid,
    updateDate: now,
    extra: el('hm', 'ImportSupplyResourceContract', leaf('hm', 'ContractGUID', guid) + leaf('hm', 'ContractRootGUID', root)),
  };
}

function subjectsKey(contract: XmlElement): string {
  const pairs = kids(contract, 'ContractSubject').map((s) => `${nsiRefOf(kid(s, 'ServiceType'))?.code}:${nsiRefOf(kid(s, 'MunicipalResource'))?.code}`);
  return `,${pairs.join(',')},`;
}

function placeContract(c: Ctx, transportGuid: string, contract: XmlElement, existing: Row | undefined): ItemOutcome {
  const nsi = checkNsiRefs(c.db, contract, CONTRACT_NSI);
  if (nsi.length) return { transportGuid, errors: nsi };
  const houses = kids(contract, 'ObjectAddress').map((o) => (txt(o, 'FIASHouseGuid') ?? '').toLowerCase());
  for (const h of houses) {
    if (!c.db.get('SELECT 1 FROM fias_houses WHERE lower(fias_house_guid) = ?', [h])) {
      return { transportGuid, errors: [err(CODES.fiasUnknown, `Дом с идентификатором ФИАС ${h} не найден в ФИАС`)] };
    }
  }
  const doc = kid(contract, 'IsContract') ?? kid(contract, 'IsNotContract');
  const root = existing ? String(existing.contract_root_guid) : newGuid();
  const guid = newGuid();
  c.db.run('DELETE FROM supply_contracts WHERE contract_root_guid = ?', [root]);
  c.db.run(
    `INSERT INTO supply_contracts (contract_root_guid, contract_guid, org_ppa_guid, number, signing_date, effective_date, completion_date,
       version_number, version_status, houses, subjects, data, terminate, annulment, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Posted', ?, ?, ?, NULL, NULL, ?)`,
    [
      root,
      guid,
      c.org,
      txt(doc, 'ContractNumber') ?? null,
      txt(doc, 'SigningDate') ?? null,
      txt(doc, 'EffectiveDate') ?? null,
      txt(contract, 'ComptetionDate') ?? null,
      existing ? Number(existing.version_number) + 1 : 1,
      `,${houses.join(',')},`,
      subjectsKey(contract),
      copyChildren(contract),
      c.now,
    ],
  );
  return result(transportGuid, root, guid, c.now);
}

function changeContract(c: Ctx, transportGuid: string, row: Row, set: Record<string, SqlValue>): ItemOutcome {
  const guid = newGuid();
  const columns = { ...set, contract_guid: guid, version_number: Number(row.version_number) + 1, updated_at: c.now };
  const names = Object.keys(columns);
  c.db.run(`UPDATE supply_contracts SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE contract_root_guid = ?`, [...names.map((n) => columns[n as keyof typeof columns]), row.contract_root_guid]);
  return result(transportGuid, String(row.contract_root_guid), guid, c.now);
}

function importContract(c: Ctx, e: XmlElement): ItemOutcome {
  const transportGuid = txt(e, 'TransportGUID') ?? '';
  const rootGuid = txt(e, 'ContractRootGUID');
  const versionGuid = txt(e, 'ContractGUID');
  let row: Row | undefined;
  if (rootGuid || versionGuid) {
    row = c.db.get(
      `SELECT * FROM supply_contracts WHERE lower(${rootGuid ? 'contract_root_guid' : 'contract_guid'}) = lower(?) AND lower(org_ppa_guid) = lower(?)`,
      [rootGuid ?? versionGuid!, c.org],
    );
    if (!row) return { transportGuid, errors: [err(CODES.notFound, `Договор ресурсоснабжения ${rootGuid ?? versionGuid} организации не найден`)] };
  }
  const contract = kid(e, 'SupplyResourceContract');
  if (contract) return placeContract(c, transportGuid, contract, row);
  if (!row) return { transportGuid, errors: [err(CODES.notFound, 'Не указан договор (ContractRootGUID или ContractGUID), который нужно изменить')] };
  const terminate = kid(e, 'TerminateContract');
  if (terminate) return changeContract(c, transportGuid, row, { version_status: 'Terminated', terminate: copyChildren(terminate) });
  const rollOver = kid(e, 'RollOverContract');
  if (rollOver) return changeContract(c, transportGuid, row, { completion_date: txt(rollOver, 'RollOverDate') ?? null });
  const annul = kid(e, 'AnnulmentContract');
  return changeContract(c, transportGuid, row, { version_status: 'Annul', annulment: txt(annul, 'ReasonOfAnnulment') ?? '' });
}

const importSupplyResourceContractData: OperationHandler = {
  process(req, db) {
    const c: Ctx = { req, db, org: req.orgPPAGUID ?? req.senderId ?? '', now: mskDateTime(req.receivedAt) };
    const results = kids(req.request, 'Contract').map((e) => el('hm', 'CommonResult', commonResultContent(importContract(c, e))));
    return answer(el('hm', 'ImportResult', results.join(''), ' base:version="10.0.1.1"'));
  },
};

// ---- Export ----------------------------------------------------------------------------------

const HEAD = ['IsContract', 'IsNotContract', 'IndefiniteTerm', 'AutomaticRollOverOneYear', 'ComptetionDate', 'VolumeDepends', 'Period'];
const PARTIES = [
  'IndicationsAnyDay',
  'ContractBase',
  'Offer',
  'ApartmentBuildingOwner',
  'LivingHouseOwner',
  'Organization',
  'ApartmentBuildingRepresentativeOwner',
  'ApartmentBuildingSoleOwner',
  'IsPlannedVolume',
  'PlannedVolumeType',
];
const DEADLINES = ['BillingDate', 'PaymentDate', 'ProvidingInformationDate'];
const INDICATOR_VALUE = new Set(['Number', 'StartRange', 'EndRange', 'OKEI', 'Correspond']);

/** The contract's stored (import) content in the export's structure. */
function exportedBody(data: string): string {
  const stored = parseFragment(data);
  const bag = fieldBag(stored);
  const all = (local: string) => kids(stored, local);
  const subjects = all('ContractSubject');
  const subjectsXml = subjects.map((s) => copyXml(s, { skip: (x) => x.local === 'PlannedVolume' })).join('');
  const quality = all('Quality')
    .map((q) => copyXml(q, { skip: (x) => x.local === 'AddressObjectKey' }))
    .join('');
  const other = all('OtherQualityIndicator')
    .map((q) => {
      const part = (pred: (x: XmlElement) => boolean) => q.children.filter(pred).map((x) => copyXml(x)).join('');
      return el(
        'hm',
        'OtherQualityIndicator',
        part((x) => x.local === 'PairKey' || x.local === 'IndicatorName') +
          el('hm', 'IndicatorValue', part((x) => INDICATOR_VALUE.has(x.local))) +
          part((x) => x.local === 'AdditionalInformation'),
      );
    })
    .join('');
  const planned = subjects
    .map((s) => {
      const pv = kid(s, 'PlannedVolume');
      return pv ? el('hm', 'PlannedVolume', leaf('hm', 'PairKey', txt(s, 'TransportGUID')) + copyChildren(pv)) : '';
    })
    .join('');
  return (
    emitBag(bag, HEAD) +
    emitBag(bag, PARTIES) +
    subjectsXml +
    emitBag(bag, ['CountingResource', 'MeteringDeviceInformation', 'SpecifyingQualityIndicators', 'NoConnectionToWaterSupply']) +
    quality +
    other +
    planned +
    emitBag(bag, ['OneTimePayment', ...DEADLINES])
  );
}

function contractState(row: Row, today: string): string {
  const effective = str(row.effective_date);
  const completion = str(row.completion_date);
  const terminated = row.terminate ? txt(parseFragment(String(row.terminate)), 'Terminate') : undefined;
  if (effective && effective > today) return 'NotTakeEffect';
  if ((completion && completion < today) || (terminated && terminated < today) || row.version_status === 'Annul') return 'Expired';
  return 'Proceed';
}

function contractXml(row: Row, today: string): string {
  return el(
    'hm',
    'Contract',
    exportedBody(String(row.data)) +
      leaf('hm', 'ContractRootGUID', str(row.contract_root_guid)) +
      leaf('hm', 'ContractGUID', str(row.contract_guid)) +
      leaf('hm', 'ContractState', contractState(row, today)) +
      leaf('hm', 'VersionNumber', Number(row.version_number)) +
      leaf('hm', 'VersionStatus', str(row.version_status)) +
      (row.terminate ? el('hm', 'TerminateContract', String(row.terminate)) : '') +
      (row.annulment !== null && row.annulment !== undefined ? el('hm', 'AnnulmentContract', leaf('hm', 'ReasonOfAnnulment', str(row.annulment))) : ''),
  );
}

const exportSupplyResourceContractData: OperationHandler = {
  process(req, db) {
    const r = req.request;
    const org = (req.orgPPAGUID ?? req.senderId ?? '').toLowerCase();
    let rows = db.all('SELECT * FROM supply_contracts WHERE lower(org_ppa_guid) = ? ORDER BY contract_root_guid', [org]);
    const roots = kids(r, 'ContractRootGUID').map((e) => e.text.trim().toLowerCase());
    const guids = kids(r, 'ContractGUID').map((e) => e.text.trim().toLowerCase());
    if (roots.length) rows = rows.filter((x) => roots.includes(String(x.contract_root_guid).toLowerCase()));
    else if (guids.length) rows = rows.filter((x) => guids.includes(String(x.contract_guid).toLowerCase()));
    else {
      const number = txt(r, 'ContractNumber');
      const from = txt(r, 'SigningDateStart');
      const to = txt(r, 'SigningDateEnd');
      const fias = txt(r, 'FIASHouseGuid')?.toLowerCase();
      const subjects = kids(r, 'ContractSubject').map((s) => `,${nsiRefOf(kid(s, 'ServiceType'))?.code}:${nsiRefOf(kid(s, 'MunicipalResource'))?.code},`);
      const after = txt(r, 'ExportContractRootGUID')?.toLowerCase();
      rows = rows.filter((x) => {
        const signed = str(x.signing_date);
        return (
          (!number || x.number === number) &&
          (!from || (!!signed && signed >= from)) &&
          (!to || (!!signed && signed <= to)) &&
          (!fias || String(x.houses).toLowerCase().includes(`,${fias},`)) &&
          (subjects.length === 0 || subjects.some((s) => String(x.subjects).includes(s))) &&
          (!after || String(x.contract_root_guid).toLowerCase() > after)
        );
      });
    }
    if (rows.length === 0) return errorMessage(CODES.nothingToExport, 'Договоры ресурсоснабжения по указанным критериям не найдены');
    const page = rows.slice(0, CONTRACT_PAGE_SIZE);
    const today = mskDate(req.receivedAt);
    const tail = rows.length > CONTRACT_PAGE_SIZE ? leaf('hm', 'ExportContractRootGUID', str(page[page.length - 1].contract_root_guid)) : leaf('hm', 'IsLastPage', 'true');
    return answer(el('hm', 'exportSupplyResourceContractResult', page.map((x) => contractXml(x, today)).join('') + tail));
  },
};

export const contractHandlers: Record<string, OperationHandler> = {
  'house-management/importSupplyResourceContractData': importSupplyResourceContractData,
  'house-management/exportSupplyResourceContractData': exportSupplyResourceContractData,
};

