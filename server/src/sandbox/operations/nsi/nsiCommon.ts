import type { OperationHandler, SandboxDb, SandboxRequest } from '../../operationHandler';
import { answer, errorMessage, mskDateTime, parseGisDate, txt } from '../common';
import { CODES } from '../rules';
import { el, leaf } from '../xml';
import { NsiItemRow, nsiElementContent, nsiItemContent, rowToItem } from './nsiStore';

/**
 * nsi-common: the common registries (exportNsiList, exportNsiItem, exportNsiPagingItem). The
 * providers' own registries (1, 51, 337) are not common: nsi/exportDataProviderNsiItem gives them.
 */

/** Positions per page of exportNsiPagingItem (GIS gives 1000). */
export const NSI_PAGE_SIZE = 1000;

function listGroup(req: SandboxRequest): string {
  return txt(req.request, 'ListGroup') ?? 'NSI';
}

function commonRegistry(db: SandboxDb, registry: number, group: string) {
  return db.get('SELECT * FROM nsi_registries WHERE registry = ? AND list_group = ? AND provider = 0', [registry, group]);
}

/** Common positions of a registry, changed after `after` (ms) if given. */
function items(db: SandboxDb, registry: number, after: number | undefined): NsiItemRow[] {
  const rows = db
    .all('SELECT * FROM nsi_items WHERE registry = ? AND org_ppa_guid IS NULL', [registry])
    .map(rowToItem)
    .sort((a, b) => a.code.localeCompare(b.code, 'ru', { numeric: true }));
  return after === undefined ? rows : rows.filter((r) => (parseGisDate(r.modified) ?? 0) > after);
}

const exportNsiList: OperationHandler = {
  process(req, db) {
    const group = listGroup(req);
    const regs = db.all('SELECT * FROM nsi_registries WHERE list_group = ? AND provider = 0 ORDER BY registry', [group]);
    if (regs.length === 0) return errorMessage(CODES.nothingToExport, `Нет справочников в группе ${group}`);
    const infos = regs
      .map((r) =>
        el('nsi-base', 'NsiItemInfo', leaf('nsi-base', 'RegistryNumber', Number(r.registry)) + leaf('nsi-base', 'Name', String(r.name)) + leaf('nsi-base', 'Modified', String(r.modified))),
      )
      .join('');
    return answer(el('nsi-common', 'NsiList', leaf('nsi-base', 'Created', mskDateTime(req.receivedAt)) + infos + leaf('nsi-base', 'ListGroup', group)));
  },
};

/** The registry asked for and its positions, or the whole-message error to answer. */
function registryItems(req: SandboxRequest, db: SandboxDb): { registry: number; rows: NsiItemRow[] } | { error: ReturnType<typeof errorMessage> } {
  const registry = Number(txt(req.request, 'RegistryNumber'));
  const group = listGroup(req);
  if (!commonRegistry(db, registry, group)) {
    return { error: errorMessage(CODES.notFound, `Справочник ${registry} не найден в группе ${group} общесистемных справочников`) };
  }
  const rows = items(db, registry, parseGisDate(txt(req.request, 'ModifiedAfter')));
  if (rows.length === 0) return { error: errorMessage(CODES.nothingToExport, `Нет позиций справочника ${registry}, изменённых после указанной даты`) };
  return { registry, rows };
}

const exportNsiItem: OperationHandler = {
  process(req, db) {
    const found = registryItems(req, db);
    if ('error' in found) return found.error;
    const content = nsiItemContent(found.registry, mskDateTime(req.receivedAt), found.rows.map((r) => nsiElementContent(r)));
    return answer(el('nsi-common', 'NsiItem', content));
  },
};

const exportNsiPagingItem: OperationHandler = {
  process(req, db) {
    const found = registryItems(req, db);
    if ('error' in found) return found.error;
    const page = Number(txt(req.request, 'Page') ?? '1');
    const total = found.rows.length;
    const pages = Math.max(1, Math.ceil(total / NSI_PAGE_SIZE));
    if (page > pages) return errorMessage(CODES.nothingToExport, `Страницы ${page} нет: в справочнике ${found.registry} ${total} позиций, ${pages} стр.`);
    const slice = found.rows.slice((page - 1) * NSI_PAGE_SIZE, page * NSI_PAGE_SIZE);
    const content =
      nsiItemContent(found.registry, mskDateTime(req.receivedAt), slice.map((r) => nsiElementContent(r))) +
      leaf('nsi-common', 'TotalItemsCount', total) +
      leaf('nsi-common', 'TotalPages', pages) +
      leaf('nsi-common', 'CurrentPage', page);
    return answer(el('nsi-common', 'NsiPagingItem', content));
  },
};

export const nsiCommonHandlers: Record<string, OperationHandler> = {
  'nsi-common/exportNsiList': exportNsiList,
  'nsi-common/exportNsiItem': exportNsiItem,
  'nsi-common/exportNsiPagingItem': exportNsiPagingItem,
};
