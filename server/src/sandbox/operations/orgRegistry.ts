import type { SqlValue } from '../../journal/sqlEngine';
import type { OperationHandler } from '../operationHandler';
import { answer, errorMessage, kid, kids, parseGisDate, str, txt } from './common';
import { findNsiByCode } from './nsi/nsiStore';
import { CODES } from './rules';
import { el, leaf, nsiRefXml } from './xml';

/**
 * organizations-registry-common: searching the register of organisations (exportOrgRegistry)
 * and the information providers the sending system works for (exportDataProvider).
 */

type Org = Record<string, SqlValue>;

const ORB = 'organizations-registry-base' as const;
const OB = 'organizations-base' as const;

function legalXml(o: Org): string {
  return el(
    'ro',
    'Legal',
    leaf(ORB, 'ShortName', str(o.short_name)) +
      leaf(ORB, 'FullName', str(o.name)) +
      leaf(OB, 'OGRN', str(o.ogrn)) +
      leaf(ORB, 'StateRegistrationDate', str(o.registration_date)) +
      leaf(OB, 'INN', str(o.inn)) +
      leaf(OB, 'KPP', str(o.kpp)) +
      leaf(OB, 'OKOPF', str(o.okopf)) +
      leaf(ORB, 'Address', str(o.address)) +
      leaf(ORB, 'FIASHouseGuid', str(o.fias_house_guid)),
  );
}

function entrpXml(o: Org): string {
  return el(
    'ro',
    'Entrp',
    leaf(ORB, 'Surname', str(o.surname)) +
      leaf(ORB, 'FirstName', str(o.first_name)) +
      leaf(ORB, 'Patronymic', str(o.patronymic)) +
      leaf(ORB, 'Sex', str(o.sex)) +
      leaf(OB, 'OGRNIP', str(o.ogrn)) +
      leaf(ORB, 'StateRegistrationDate', str(o.registration_date)) +
      leaf(OB, 'INN', str(o.inn)),
  );
}

function orgResultXml(o: Org, db: Parameters<OperationHandler['process']>[1]): string {
  const registered = Number(o.registered) === 1;
  const legal = o.kind === 'legal';
  const version = el(
    'ro',
    'OrgVersion',
    leaf(ORB, 'orgVersionGUID', str(o.org_version_guid)) +
      leaf('ro', 'lastEditingDate', str(o.last_editing_date)) +
      leaf('ro', 'IsActual', 'true') +
      (legal ? legalXml(o) : entrpXml(o)) +
      (legal && registered ? leaf('ro', 'registryOrganizationStatus', 'P') : ''),
  );
  const role = registered && o.role_code !== null ? findNsiByCode(db, 20, String(o.role_code)) : undefined;
  return el(
    'ro',
    'exportOrgRegistryResult',
    leaf(ORB, 'orgRootEntityGUID', str(o.org_root_guid)) +
      version +
      (registered ? leaf('base', 'orgPPAGUID', str(o.org_ppa_guid)) : '') +
      (role ? el('ro', 'organizationRoles', nsiRefXml(role)) : '') +
      (registered ? leaf('ro', 'isRegistered', 'true') : ''),
  );
}

const exportOrgRegistry: OperationHandler = {
  process(req, db) {
    const found = new Map<string, Org>();
    const editedFrom = txt(req.request, 'lastEditingDateFrom');
    for (const c of kids(req.request, 'SearchCriteria')) {
      let rows: Org[];
      const ogrn = txt(c, 'OGRN') ?? txt(c, 'OGRNIP');
      if (ogrn) {
        const kpp = txt(c, 'KPP');
        rows = db.all('SELECT * FROM organizations WHERE ogrn = ?', [ogrn]).filter((o) => !kpp || o.kpp === kpp);
      } else if (txt(c, 'orgVersionGUID')) rows = db.all('SELECT * FROM organizations WHERE lower(org_version_guid) = lower(?)', [txt(c, 'orgVersionGUID')!]);
      else if (txt(c, 'orgRootEntityGUID')) rows = db.all('SELECT * FROM organizations WHERE lower(org_root_guid) = lower(?)', [txt(c, 'orgRootEntityGUID')!]);
      else if (txt(c, 'orgPPAGUID')) rows = db.all('SELECT * FROM organizations WHERE lower(org_ppa_guid) = lower(?) AND registered = 1', [txt(c, 'orgPPAGUID')!]);
      else rows = []; // NZA: the stand has no foreign branches
      if (kid(c, 'isRegistered')) rows = rows.filter((o) => Number(o.registered) === 1);
      if (editedFrom) rows = rows.filter((o) => (parseGisDate(str(o.last_editing_date)) ?? 0) >= (parseGisDate(editedFrom) ?? 0));
      for (const o of rows) found.set(String(o.org_root_guid), o);
    }
    if (found.size === 0) return errorMessage(CODES.nothingToExport, 'Организации по указанным критериям не найдены в реестре');
    return answer([...found.values()].map((o) => orgResultXml(o, db)).join(''));
  },
};

const exportDataProvider: OperationHandler = {
  process(_req, db) {
    const rows = db.all('SELECT * FROM organizations WHERE data_provider_guid IS NOT NULL ORDER BY name');
    if (rows.length === 0) return errorMessage(CODES.nothingToExport, 'Информационная система не работает ни от одного поставщика информации');
    return answer(
      rows
        .map((o) =>
          el(
            'ro',
            'exportDataProviderResult',
            leaf('ro', 'DataProviderGUID', str(o.data_provider_guid)) + leaf('ro', 'IsActual', 'true') + el(ORB, 'RegOrg', leaf(ORB, 'orgRootEntityGUID', str(o.org_root_guid))),
          ),
        )
        .join(''),
    );
  },
};

export const orgRegistryHandlers: Record<string, OperationHandler> = {
  'organizations-registry-common/exportOrgRegistry': exportOrgRegistry,
  'organizations-registry-common/exportDataProvider': exportDataProvider,
};
